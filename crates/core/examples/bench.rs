//! `make bench`: how the client table answers at 100,000 and 1,000,000 clients.
//! Figures, not pass/fail: compare them with the targets in the README.
//! Sizes can be chosen with BENCH_SIZES=100000,1000000.

// The allocator the app, the CLI and the server use, so the figures are theirs.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/peak.rs"]
mod peak;

use peak::peak_mib;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rampart_core::domain::{Category, ClientQuery, ClientSort, ProductType, Tier};
use rampart_core::import::{import_clients, ImportOptions};
use rampart_core::{demo, Money, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sizes: Vec<usize> =
        std::env::var("BENCH_SIZES").unwrap_or_else(|_| "100000,1000000".into()).split(',').filter_map(|s| s.trim().parse().ok()).collect();
    for size in sizes {
        bench(size)?;
    }
    println!("peak memory (VmHWM): {} MiB", peak_mib());
    Ok(())
}

fn bench(size: usize) -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("rampart-bench-{size}"));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.db");
    let _ = std::fs::remove_file(&path);
    let store = Store::open(&path)?;
    let campaign = demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).ok_or("date")?)?;
    let teams = store.org().teams()?;
    let managers = store.org().people()?;

    // Grown through the import, as a province's list arrives: a generated csv of the extra
    // clients (one contract each), imported into the demo campaign in one transaction.
    let started = Instant::now();
    let extra = size.saturating_sub(demo::TARGET_CLIENTS);
    let file = dir.join("clients.csv");
    write_clients(
        &file,
        extra,
        &teams.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        &managers.iter().map(|m| m.name.clone()).collect::<Vec<_>>(),
    )?;
    let options = ImportOptions {
        campaign_id: Some(campaign),
        dry_run: false,
        mapping: Default::default(),
        author: "bench".into(),
        now: NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).ok_or("time")?,
    };
    let report = import_clients(&store, &file, &options, &mut |_| true)?;
    if !report.written {
        return Err(format!("the bench's clients were refused: {:?}", report.problems.first()).into());
    }
    let _ = std::fs::remove_file(&file);
    println!("\n== {size} clients ==");
    println!("import {extra} clients (one contract each) into the demo campaign: {:.2?}", started.elapsed());
    // What the app does after the import commits, in steps while the planner works; the
    // searches below are timed on the index, not on this.
    let started = Instant::now();
    while store.catch_up_step()? {}
    println!("then caught up (indexes, search, figures), in steps after it commits: {:.2?}", started.elapsed());

    let cases: Vec<(&str, ClientQuery)> = vec![
        ("first page, by code", ClientQuery { campaign_id: Some(campaign), ..Default::default() }),
        (
            "page 100, by name desc",
            ClientQuery { campaign_id: Some(campaign), sort: ClientSort::Name, descending: true, offset: 5_000, ..Default::default() },
        ),
        (
            "category + tier filter",
            ClientQuery { campaign_id: Some(campaign), category: Some(Category::Strategic), tier: Some(Tier::A), ..Default::default() },
        ),
        (
            "team filter, sorted by manager",
            ClientQuery { team_id: Some(teams[1].id), sort: ClientSort::AccountManager, ..Default::default() },
        ),
        // What planners type: two characters of a district, a number from a name, part of a code,
        // one character, and a word every client has.
        ("search 鼓楼", ClientQuery { campaign_id: Some(campaign), search: Some("鼓楼".into()), ..Default::default() }),
        ("search 第12345号", ClientQuery { campaign_id: Some(campaign), search: Some("第12345号".into()), ..Default::default() }),
        ("search C0999", ClientQuery { campaign_id: Some(campaign), search: Some("C0999".into()), ..Default::default() }),
        ("search 鼓 (one character)", ClientQuery { campaign_id: Some(campaign), search: Some("鼓".into()), ..Default::default() }),
        ("search 徐州 (every client)", ClientQuery { campaign_id: Some(campaign), search: Some("徐州".into()), ..Default::default() }),
        ("search 网咖 (no client)", ClientQuery { search: Some("网咖".into()), ..Default::default() }),
    ];
    for (name, query) in cases {
        let (median, total) = time_query(&store, &query)?;
        println!("{name:<34} {median:>10.2?}  ({total} matching)");
    }
    let started = Instant::now();
    store.campaigns().summary(campaign)?;
    println!("{:<34} {:>10.2?}", "overview counts", started.elapsed());

    let contracts = store.campaigns().summary(campaign)?.contracts;
    let started = Instant::now();
    let totals = store.subsidies().totals(campaign)?;
    println!("{:<34} {:>10.2?}  ({contracts} contracts, total {})", "subsidy recompute + totals", started.elapsed(), totals.total);
    let started = Instant::now();
    store.subsidies().totals(campaign)?;
    println!("{:<34} {:>10.2?}", "subsidy totals (fresh)", started.elapsed());
    let started = Instant::now();
    let page = store.subsidies().page(&ClientQuery { campaign_id: Some(campaign), ..Default::default() }, false, false)?;
    println!("{:<34} {:>10.2?}  ({} clients)", "subsidy list, first page", started.elapsed(), page.total);
    let when = NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(10, 0, 0)).ok_or("time")?;
    let scenario = store.rule_sets().create_scenario(campaign, "bench", "bench", when)?;
    let started = Instant::now();
    store.subsidies().compare_scenario(scenario.id)?;
    println!("{:<34} {:>10.2?}", "scenario comparison", started.elapsed());
    drop(store);
    if std::env::var_os("BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

/// The extra clients as a csv the import reads: codes C0000000…, names with a district and a
/// number (徐州鼓楼第12号测试客户有限公司), the demo's teams and managers in turn.
fn write_clients(path: &std::path::Path, rows: usize, teams: &[String], managers: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let mut w = csv::Writer::from_path(path)?;
    w.write_record([
        "客户编码",
        "客户名称",
        "客户类别",
        "客户等级",
        "行业",
        "区县",
        "团队",
        "客户经理",
        "关键人",
        "关键人电话",
        "合同号",
        "产品类型",
        "月费",
        "去年12月费用",
        "协议期限（月）",
    ])?;
    for i in 0..rows {
        w.write_record([
            format!("C{i:07}"),
            format!("徐州{}第{i}号测试客户有限公司", ["鼓楼", "云龙", "泉山", "铜山"][i % 4]),
            Category::ALL[i % 4].label_zh().to_string(),
            Tier::ALL[i % 3].code().to_string(),
            ["政府机关", "教育", "医疗卫生", "金融", "制造业", "网吧"][i % 6].to_string(),
            ["鼓楼区", "云龙区", "泉山区", "铜山区"][i % 4].to_string(),
            teams[i % teams.len()].clone(),
            managers[i % managers.len()].clone(),
            "王主任".to_string(),
            "13800000000".to_string(),
            format!("BK{i:08}"),
            ProductType::ALL[i % 4].label_zh().to_string(),
            format!("{}", 500 + (i % 50) * 10),
            Money::from_fen(50_000 + (i as i64 * 7_919) % 500_000).to_string(),
            ["12", "24", "36", "48", "60"][i % 5].to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Median of five runs after one warm-up.
fn time_query(store: &Store, query: &ClientQuery) -> Result<(Duration, i64), rampart_core::Error> {
    let total = store.clients().page(query)?.total;
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        store.clients().page(query)?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok((times[2], total))
}
