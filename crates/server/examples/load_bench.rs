//! Team mode under load: 50 people at once editing plan items and reading standings for a
//! minute against a 25,000-client province, on a throw-away PostgreSQL. Prints throughput and
//! latencies, then checks against the database that no write was lost or counted twice.
//! `LOAD_BENCH_SECS`, `LOAD_BENCH_CLIENTS` and `LOAD_BENCH_USERS` change the defaults.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use rampart_server::setup::{RunningServer, SAMPLE_PASSWORD};
use serde_json::{json, Value};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[derive(Default)]
struct Tally {
    latencies: BTreeMap<&'static str, Vec<Duration>>,
    written: Vec<(i64, i64)>,
    conflicts: u64,
    failures: u64,
}

fn call(agent: &ureq::Agent, method: &str, url: &str, token: &str, body: Option<Value>) -> (u16, Value) {
    let auth = format!("Bearer {token}");
    let response = match body {
        None => agent.get(url).header("Authorization", &auth).call(),
        Some(b) if method == "PUT" => agent.put(url).header("Authorization", &auth).send_json(b),
        Some(b) => agent.post(url).header("Authorization", &auth).send_json(b),
    };
    match response {
        Ok(mut r) => {
            let status = r.status().as_u16();
            (status, r.body_mut().read_json::<Value>().unwrap_or(Value::Null))
        }
        Err(_) => (0, Value::Null),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// One person: log in, then until the time is up: list some of their items, change one on
/// the version just read, read the standings.
fn person(url: String, login: String, run_for: Duration, start: Arc<Barrier>, seed: u64) -> Tally {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let (status, answer) =
        call(&agent, "POST", &format!("{url}/api/login"), "", Some(json!({"login": login, "password": SAMPLE_PASSWORD})));
    assert_eq!(status, 200, "{login} logs in");
    let token = answer["token"].as_str().unwrap_or_default().to_string();
    let mut tally = Tally::default();
    let statuses = ["in_progress", "done", "not_started"];
    let mut n = seed;
    start.wait();
    let until = Instant::now() + run_for;
    while Instant::now() < until {
        n = n.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let t = Instant::now();
        let (s, page) = call(&agent, "GET", &format!("{url}/api/campaigns/1/plan-items?limit=20"), &token, None);
        tally.latencies.entry("list items").or_default().push(t.elapsed());
        let rows = page["rows"].as_array().cloned().unwrap_or_default();
        if s != 200 || rows.is_empty() {
            tally.failures += 1;
            continue;
        }
        let item = &rows[(n >> 33) as usize % rows.len()];
        let id = item["id"].as_i64().unwrap_or(0);
        let body = json!({"version": item["version"], "status": statuses[(n >> 40) as usize % statuses.len()]});
        let t = Instant::now();
        let (s, after) = call(&agent, "PUT", &format!("{url}/api/plan-items/{id}/status"), &token, Some(body));
        tally.latencies.entry("edit item").or_default().push(t.elapsed());
        match s {
            200 => tally.written.push((id, after["version"].as_i64().unwrap_or(0))),
            409 => tally.conflicts += 1,
            _ => tally.failures += 1,
        }
        let t = Instant::now();
        let (s, _) = call(&agent, "GET", &format!("{url}/api/campaigns/1/standings"), &token, None);
        tally.latencies.entry("standings").or_default().push(t.elapsed());
        if s != 200 {
            tally.failures += 1;
        }
    }
    tally
}

fn main() {
    let secs = env_or("LOAD_BENCH_SECS", 60);
    let clients = env_or("LOAD_BENCH_CLIENTS", 25_000) as usize;
    let users = env_or("LOAD_BENCH_USERS", 50) as usize;
    let t = Instant::now();
    let server = RunningServer::start(clients, 25, chrono::NaiveDate::from_ymd_opt(2026, 10, 20))
        .expect("a sample province in a throw-away PostgreSQL");
    println!("province: {clients} clients, 20 districts of 25 account managers, ready in {:.1} s", t.elapsed().as_secs_f64());
    let url = server.url.clone();

    // District planners and account managers of the same districts, so some edits collide.
    let logins: Vec<String> = (0..users)
        .map(|i| if i < 20 { format!("dp{:02}", i + 1) } else { format!("am{:02}{:02}", (i - 20) / 25 + 1, (i - 20) % 25 + 1) })
        .collect();
    let start = Arc::new(Barrier::new(users + 1));
    let threads: Vec<_> = logins
        .into_iter()
        .enumerate()
        .map(|(i, login)| {
            let (url, start) = (url.clone(), Arc::clone(&start));
            std::thread::spawn(move || person(url, login, Duration::from_secs(secs), start, i as u64 * 7919 + 1))
        })
        .collect();
    start.wait();
    let began = Instant::now();
    let tallies: Vec<Tally> = threads.into_iter().map(|t| t.join().expect("person thread")).collect();
    let elapsed = began.elapsed().as_secs_f64();

    let mut all = Tally::default();
    for t in tallies {
        for (k, v) in t.latencies {
            all.latencies.entry(k).or_default().extend(v);
        }
        all.written.extend(t.written);
        all.conflicts += t.conflicts;
        all.failures += t.failures;
    }
    let requests: usize = all.latencies.values().map(Vec::len).sum();
    println!("{users} people for {elapsed:.0} s: {requests} requests, {:.0} requests/s", requests as f64 / elapsed);
    for (op, list) in &mut all.latencies {
        list.sort();
        println!(
            "  {op:<11} {:>7} calls  p50 {:>6.1} ms  p95 {:>6.1} ms  p99 {:>6.1} ms",
            list.len(),
            percentile(list, 0.5),
            percentile(list, 0.95),
            percentile(list, 0.99)
        );
    }
    println!("  edits: {} written, {} refused as stale (409), {} failed", all.written.len(), all.conflicts, all.failures);

    // No write lost or counted twice: each item's version rose once per accepted write, each
    // accepted write has one audit line, and no two writes were given the same version.
    let distinct: BTreeSet<(i64, i64)> = all.written.iter().copied().collect();
    let mut per_item: BTreeMap<i64, i64> = BTreeMap::new();
    for (id, _) in &all.written {
        *per_item.entry(*id).or_default() += 1;
    }
    let mut db = postgres::Client::connect(&server.superuser_config(), postgres::NoTls).expect("superuser");
    let mut lost = 0;
    for (id, writes) in &per_item {
        let version: i64 = db.query_one("SELECT version FROM plan_items WHERE id = $1", &[id]).expect("item").get(0);
        let audited: i64 =
            db.query_one("SELECT count(*) FROM audit WHERE entity = 'plan_item' AND entity_id = $1", &[id]).expect("audit").get(0);
        if version - 1 != *writes || audited != *writes {
            lost += 1;
        }
    }
    let audit_total: i64 = db.query_one("SELECT count(*) FROM audit", &[]).expect("audit").get(0);
    println!(
        "  check: {} items written; {} with a version or audit count that differs from the writes accepted; {} duplicate versions; audit lines {} for {} writes",
        per_item.len(),
        lost,
        all.written.len() - distinct.len(),
        audit_total,
        all.written.len()
    );
    let drift: i64 = db
        .query_one(
            "SELECT count(*) FROM (
                 SELECT c.district_id, i.due, i.status, count(*) AS n FROM plan_items i JOIN clients c ON c.id = i.client_id GROUP BY 1, 2, 3
             ) direct FULL JOIN item_tallies t ON t.district_id = direct.district_id AND t.due = direct.due AND t.status = direct.status
             WHERE coalesce(direct.n, 0) <> coalesce(t.items, 0)",
            &[],
        )
        .expect("tallies")
        .get(0);
    println!("  standings' tallies that differ from a recount of the items: {drift}");
}
