//! Team mode end to end: the real server on a throw-away PostgreSQL, called over HTTP.

mod support;

use std::sync::{Arc, Barrier};

use rampart_server::setup::SAMPLE_PASSWORD;
use serde_json::{json, Value};
use support::TestServer;

/// The first campaign of the sample.
const CAMPAIGN: i64 = 1;

fn rows(body: &Value) -> &Vec<Value> {
    body["rows"].as_array().expect("a page of rows")
}

#[test]
fn without_a_session_every_call_is_refused() {
    let server = TestServer::start(60);
    let paths = [
        "/api/me",
        "/api/campaigns",
        "/api/campaigns/1/clients",
        "/api/campaigns/1/plan-items",
        "/api/campaigns/1/warnings",
        "/api/campaigns/1/standings",
        "/api/clients/1",
        "/api/plan-items/1",
        "/api/audit",
    ];
    for path in paths {
        for token in [None, Some("not-a-session")] {
            let (status, body) = server.get(token, path);
            assert_eq!(status, 401, "GET {path} with {token:?} needs a session: {body}");
            assert_eq!(body["code"], "unauthenticated");
            assert!(body["message_zh"].as_str().is_some_and(|m| !m.is_empty()), "the refusal says why in Chinese");
        }
    }
    let (status, _) = server.put(None, "/api/plan-items/1/status", &json!({"version": 1, "status": "done"}));
    assert_eq!(status, 401, "a write without a session is refused");
    let (status, body) = server.post(None, "/api/login", &json!({"login": "planner", "password": "wrong"}));
    assert_eq!((status, body["code"].as_str()), (401, Some("bad_login")), "a wrong password does not log in");

    let token = server.login("planner");
    let (status, _) = server.post(Some(&token), "/api/logout", &json!({}));
    assert_eq!(status, 200);
    assert_eq!(server.get(Some(&token), "/api/me").0, 401, "a session ends when its holder logs out");
    let (status, body) = server.post(None, "/api/login", &json!({"login": "nobody-here", "password": "rampart2026"}));
    assert_eq!((status, body["code"].as_str()), (401, Some("bad_login")), "an unknown login is answered as a wrong password is");

    // Guessing is slowed down: after five wrong passwords even the right one waits a while.
    for _ in 0..5 {
        let (status, _) = server.post(None, "/api/login", &json!({"login": "viewer", "password": "guess"}));
        assert_eq!(status, 401);
    }
    let (status, body) = server.post(None, "/api/login", &json!({"login": "viewer", "password": "rampart2026"}));
    assert_eq!((status, body["code"].as_str()), (429, Some("too_many_attempts")), "a sixth try is refused: {body}");
    assert!(body["message_zh"].as_str().is_some_and(|m| m.contains("分钟")), "and says how long to wait: {body}");

    // A session that ran out no longer works, and the next login clears it away.
    let stale = server.login("planner");
    let mut db = server.superuser();
    db.execute("UPDATE sessions SET expires_at = now() - interval '1 second'", &[]).expect("sessions run out");
    assert_eq!(server.get(Some(&stale), "/api/me").0, 401, "a session past its time is refused");
    let fresh = server.login("planner");
    let left: i64 = db.query_one("SELECT count(*) FROM sessions", &[]).expect("count").get(0);
    assert_eq!(left, 1, "only the new session is kept");
    assert_eq!(server.get(Some(&fresh), "/api/me").0, 200);
}

#[test]
fn of_two_people_changing_one_item_at_once_exactly_one_wins() {
    let server = Arc::new(TestServer::start(120));
    let district_planner = server.login("dp01");
    let manager = server.login("am0101");
    let (_, items) = server.get(Some(&manager), &format!("/api/campaigns/{CAMPAIGN}/plan-items?limit=10"));
    let items = rows(&items).clone();
    assert!(items.len() >= 5, "the sample gives am0101 items to work on");
    for item in items.iter().take(5) {
        let (id, version) = (item["id"].as_i64().expect("id"), item["version"].as_i64().expect("version"));
        let barrier = Arc::new(Barrier::new(2));
        let writers: Vec<_> = [(district_planner.clone(), "in_progress"), (manager.clone(), "done")]
            .into_iter()
            .map(|(token, status)| {
                let (server, barrier) = (Arc::clone(&server), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    let answer =
                        server.put(Some(&token), &format!("/api/plan-items/{id}/status"), &json!({"version": version, "status": status}));
                    (status, answer)
                })
            })
            .collect();
        let answers: Vec<(&str, (u16, Value))> = writers.into_iter().map(|w| w.join().expect("writer thread")).collect();
        let won: Vec<_> = answers.iter().filter(|(_, (s, _))| *s == 200).collect();
        let lost: Vec<_> = answers.iter().filter(|(_, (s, _))| *s == 409).collect();
        assert_eq!((won.len(), lost.len()), (1, 1), "exactly one write wins, the other is refused as stale: {answers:?}");
        let (winner_status, (_, winner)) = won[0];
        let (_, (_, refusal)) = lost[0];
        assert_eq!(refusal["code"], "stale");
        assert_eq!(refusal["current"]["status"], *winner_status, "the loser is shown the winner's value");
        assert_eq!(refusal["current"]["version"], winner["version"]);
        assert_eq!(winner["version"].as_i64(), Some(version + 1));

        let mut db = server.superuser();
        let stored: String = db.query_one("SELECT status FROM plan_items WHERE id = $1", &[&id]).expect("the item").get(0);
        assert_eq!(stored, *winner_status, "the database holds the winner's write");
        let audited: i64 =
            db.query_one("SELECT count(*) FROM audit WHERE entity = 'plan_item' AND entity_id = $1", &[&id]).expect("audit count").get(0);
        assert_eq!(audited, 1, "one write, one audit line: the refused one left none");
    }
}

#[test]
fn a_district_planner_reaches_only_their_own_district() {
    let server = TestServer::start(80);
    let token = server.login("dp01");
    let (_, me) = server.get(Some(&token), "/api/me");
    let district = me["district_id"].as_i64().expect("dp01 has a district");

    let (status, clients) = server.get(Some(&token), &format!("/api/campaigns/{CAMPAIGN}/clients?limit=1000"));
    assert_eq!(status, 200);
    assert!(!rows(&clients).is_empty(), "dp01's district has clients");
    assert!(rows(&clients).iter().all(|c| c["district_id"] == district), "only dp01's district's clients are listed");

    let mut db = server.superuser();
    let other: Vec<(i64, String)> = db
        .query(
            "SELECT c.id, k.phone FROM clients c JOIN key_persons k ON k.client_id = c.id WHERE c.district_id <> $1 ORDER BY c.id",
            &[&district],
        )
        .expect("other districts' key persons")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let other_client = other[0].0;
    let other_item: i64 = db.query_one("SELECT id FROM plan_items WHERE client_id = $1 LIMIT 1", &[&other_client]).expect("an item").get(0);
    let other_warning: Option<i64> = db
        .query_opt("SELECT w.id FROM warnings w JOIN clients c ON c.id = w.client_id WHERE c.district_id <> $1 LIMIT 1", &[&district])
        .expect("a warning query")
        .map(|r| r.get(0));

    let (status, body) = server.get(Some(&token), &format!("/api/clients/{other_client}"));
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")), "another district's client is not found, not forbidden: {body}");
    assert_eq!(server.get(Some(&token), &format!("/api/plan-items/{other_item}")).0, 404);
    let (status, _) = server.put(Some(&token), &format!("/api/plan-items/{other_item}/status"), &json!({"version": 1, "status": "done"}));
    assert_eq!(status, 404, "another district's item cannot be edited");
    if let Some(w) = other_warning {
        assert_eq!(server.get(Some(&token), &format!("/api/warnings/{w}")).0, 404, "another district's warning is not found");
        let (status, _) = server.put(Some(&token), &format!("/api/warnings/{w}/status"), &json!({"version": 1, "status": "contacted"}));
        assert_eq!(status, 404, "another district's warning cannot be worked");
    }
    let unchanged: i64 = db.query_one("SELECT version FROM plan_items WHERE id = $1", &[&other_item]).expect("the item").get(0);
    assert_eq!(unchanged, 1, "the refused edit changed nothing");

    // Everything dp01 can ask for: none of it carries another district's phone.
    let mut seen = String::new();
    for path in [
        format!("/api/campaigns/{CAMPAIGN}/clients?limit=1000"),
        format!("/api/campaigns/{CAMPAIGN}/plan-items?limit=1000"),
        format!("/api/campaigns/{CAMPAIGN}/warnings?limit=1000"),
        format!("/api/campaigns/{CAMPAIGN}/standings"),
        format!("/api/clients/{other_client}"),
    ] {
        seen.push_str(&server.get(Some(&token), &path).1.to_string());
    }
    for c in rows(&clients) {
        seen.push_str(&server.get(Some(&token), &format!("/api/clients/{}", c["id"])).1.to_string());
    }
    for (_, phone) in &other {
        assert!(!seen.contains(phone.as_str()), "no answer to dp01 carries another district's phone {phone}");
    }

    // Their own district's phones they see whole; the province's planner sees them masked.
    let own = &rows(&clients)[0];
    let (_, detail) = server.get(Some(&token), &format!("/api/clients/{}", own["id"]));
    let phone = detail["key_persons"][0]["phone"].as_str().expect("a key person's phone").to_string();
    assert!(phone.chars().all(|c| c.is_ascii_digit()) && phone.len() == 11, "dp01 sees their own client's phone whole: {phone}");
    let planner = server.login("planner");
    let (status, detail) = server.get(Some(&planner), &format!("/api/clients/{}", own["id"]));
    assert_eq!(status, 200, "the province's planner reaches every client");
    let masked = detail["key_persons"][0]["phone"].as_str().expect("a phone");
    assert_eq!(masked, format!("{}****{}", &phone[..3], &phone[7..]), "outside the client's team the phone is masked");
}

#[test]
fn an_account_manager_sees_only_their_own_items_and_clients() {
    let server = TestServer::start(80);
    let token = server.login("am0101");
    let (_, me) = server.get(Some(&token), "/api/me");
    let (_, items) = server.get(Some(&token), &format!("/api/campaigns/{CAMPAIGN}/plan-items?limit=1000"));
    assert!(!rows(&items).is_empty());
    assert!(rows(&items).iter().all(|i| i["owner_id"] == me["id"]), "only items am0101 owns");
    let (_, clients) = server.get(Some(&token), &format!("/api/campaigns/{CAMPAIGN}/clients?limit=1000"));
    let mut db = server.superuser();
    let own: i64 =
        db.query_one("SELECT count(*) FROM clients WHERE manager_id = $1", &[&me["id"].as_i64().expect("id")]).expect("a count").get(0);
    assert_eq!(clients["total"].as_i64(), Some(own), "exactly the clients am0101 manages");
    let colleague: i64 = db
        .query_one("SELECT c.id FROM clients c JOIN accounts a ON a.id = c.manager_id WHERE a.login = 'am0102' LIMIT 1", &[])
        .expect("a colleague's client")
        .get(0);
    assert_eq!(
        server.get(Some(&token), &format!("/api/clients/{colleague}")).0,
        404,
        "a colleague's client, same district, is out of reach"
    );
}

#[test]
fn roles_that_only_look_cannot_write() {
    let server = TestServer::start(40);
    for login in ["viewer", "approver"] {
        let token = server.login(login);
        let (status, body) = server.put(Some(&token), "/api/plan-items/1/status", &json!({"version": 1, "status": "done"}));
        assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")), "{login} cannot edit plan items");
        assert!(body["message_zh"].as_str().is_some_and(|m| m.contains("修改计划事项")), "the refusal names what was refused: {body}");
    }
    let token = server.login("am0101");
    assert_eq!(server.get(Some(&token), "/api/audit").0, 403, "an account manager does not read the audit trail");
    let token = server.login("viewer");
    assert_eq!(server.get(Some(&token), &format!("/api/campaigns/{CAMPAIGN}/clients")).0, 200, "a viewer reads");
}

#[test]
fn writes_are_audited_with_before_and_after_and_standings_follow() {
    let server = TestServer::start(40);
    let token = server.login("dp01");
    let (_, before) = server.get(Some(&token), &format!("/api/campaigns/{CAMPAIGN}/standings"));
    let district =
        |standings: &Value| standings.as_array().expect("standings").iter().find(|s| s["district"] == "玄武区").cloned().expect("玄武区");
    let done_before = district(&before)["done"].as_i64().expect("done count");

    let (_, items) = server.get(Some(&token), &format!("/api/campaigns/{CAMPAIGN}/plan-items?status=not_started&limit=1"));
    let item = &rows(&items)[0];
    let (status, after) = server.put(
        Some(&token),
        &format!("/api/plan-items/{}/status", item["id"]),
        &json!({"version": item["version"], "status": "blocked", "blocked_reason": ""}),
    );
    assert_eq!(status, 422, "blocked needs a reason, as in the desktop app: {after}");
    let (status, after) =
        server.put(Some(&token), &format!("/api/plan-items/{}/status", item["id"]), &json!({"version": item["version"], "status": "done"}));
    assert_eq!(status, 200, "{after}");
    assert_eq!(after["done_on"], "2026-10-20", "done today unless a date is given");

    let (_, standings) = server.get(Some(&token), &format!("/api/campaigns/{CAMPAIGN}/standings"));
    assert_eq!(district(&standings)["done"].as_i64(), Some(done_before + 1), "the district's standing counts the item done");
    let mut db = server.superuser();
    for row in db
        .query(
            "SELECT d.name, count(i.id), count(i.id) FILTER (WHERE i.status = 'done'), count(i.id) FILTER (WHERE i.status <> 'done' AND i.due < '2026-10-20')
             FROM districts d JOIN clients c ON c.district_id = d.id JOIN plan_items i ON i.client_id = c.id GROUP BY d.name",
            &[],
        )
        .expect("a direct count")
    {
        let name: String = row.get(0);
        let shown = standings.as_array().expect("standings").iter().find(|s| s["district"] == name.as_str()).expect("every district is ranked");
        let counted = (row.get::<_, i64>(1), row.get::<_, i64>(2), row.get::<_, i64>(3));
        assert_eq!((shown["items"].as_i64(), shown["done"].as_i64(), shown["late"].as_i64()), (Some(counted.0), Some(counted.1), Some(counted.2)), "{name}'s standing matches a count of its items");
    }

    let planner = server.login("planner");
    let (status, audit) = server.get(Some(&planner), &format!("/api/audit?entity=plan_item&entity_id={}", item["id"]));
    assert_eq!(status, 200);
    let line = &rows(&audit)[0];
    assert_eq!(line["account"], "dp01", "the audit names who");
    assert_eq!(line["before"]["status"], "not_started");
    assert_eq!(line["after"]["status"], "done");
    assert_eq!(audit["total"], 1, "the refused write left no line");
}

#[test]
fn warnings_move_through_their_workflow_with_the_version_check() {
    let server = TestServer::start(80);
    let token = server.login("planner");
    let (_, warnings) = server.get(Some(&token), &format!("/api/campaigns/{CAMPAIGN}/warnings?open=true"));
    let warning = rows(&warnings)[0].clone();
    assert_eq!(warning["status"], "to_contact");
    let path = format!("/api/warnings/{}/status", warning["id"]);
    let (status, body) = server.put(Some(&token), &path, &json!({"version": warning["version"], "status": "lost"}));
    assert_eq!(status, 422, "lost needs a note saying why: {body}");
    let (status, contacted) = server.put(Some(&token), &path, &json!({"version": warning["version"], "status": "contacted"}));
    assert_eq!(status, 200, "{contacted}");
    assert_eq!(contacted["contacted_on"], "2026-10-20");
    let (status, stale) = server.put(Some(&token), &path, &json!({"version": warning["version"], "status": "retained"}));
    assert_eq!(
        (status, stale["current"]["status"].as_str()),
        (409, Some("contacted")),
        "a write on the old version is refused with the current one"
    );
}

#[test]
fn the_application_account_cannot_read_raw_phones_or_rewrite_the_audit() {
    let server = TestServer::start(40);
    let mut app = postgres::Client::connect(&server.server.app_config, postgres::NoTls).expect("the application's account connects");
    for sql in [
        "SELECT phone FROM key_persons",
        "SELECT * FROM key_persons",
        "SELECT k.phone FROM key_persons k JOIN clients c ON c.id = k.client_id",
    ] {
        let err = app.query(sql, &[]).expect_err("the raw phone column is not granted to the application");
        assert_eq!(err.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{sql}: {err}");
    }
    for sql in ["UPDATE audit SET account_login = 'x'", "DELETE FROM audit"] {
        let err = app.execute(sql, &[]).expect_err("the audit trail is append-only");
        assert_eq!(err.code(), Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE), "{sql}: {err}");
    }
    // Row-level security, the second lock: without a scope nothing is visible; with one, only it.
    let count = |app: &mut postgres::Client, sql: &str| -> i64 { app.query_one(sql, &[]).expect("a count").get(0) };
    assert_eq!(count(&mut app, "SELECT count(*) FROM clients"), 0, "no scope set: no rows, even without a WHERE");
    let mut tx = app.transaction().expect("a transaction");
    tx.execute("SELECT set_config('rampart.scope', 'district', true), set_config('rampart.district', '1', true)", &[]).expect("scope");
    let seen: i64 = tx.query_one("SELECT count(*) FROM clients", &[]).expect("a count").get(0);
    let own: i64 = tx.query_one("SELECT count(*) FROM clients WHERE district_id = 1", &[]).expect("a count").get(0);
    assert!(seen > 0 && seen == own, "a district scope shows that district's clients only ({seen} seen, {own} in district 1)");
    let shown: Vec<String> =
        tx.query("SELECT phone FROM key_persons_shown", &[]).expect("the masking view").iter().map(|r| r.get(0)).collect();
    assert!(!shown.is_empty() && shown.iter().all(|p| !p.contains('*')), "the district's own phones are whole in the view");
    tx.rollback().expect("rollback");

    let mut db = server.superuser();
    for phone in ["13812345678", "025-8888-1234", "12345", "", "1380013800"] {
        let sql: String = db.query_one("SELECT rampart_mask_phone($1)", &[&phone]).expect("mask").get(0);
        assert_eq!(sql, rampart_core::domain::access::mask_phone(phone), "the database masks {phone:?} as the domain does");
    }
}

#[test]
fn migrations_run_twice_change_nothing_and_concurrent_runs_wait() {
    let cluster = rampart_server::cluster::LocalCluster::temporary().expect("a throw-away cluster");
    // Several fresh databases, each migrated by four runs at once: the first runs race to create
    // the bookkeeping table itself, the case most likely to go wrong.
    for round in 0..3 {
        let name = format!("twice{round}");
        cluster.create_database(&name).expect("a database");
        let owner = cluster.config(rampart_server::cluster::OWNER_ROLE, &name);
        let start = Arc::new(Barrier::new(4));
        let runs: Vec<_> = (0..4)
            .map(|_| {
                let (owner, start) = (owner.clone(), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    rampart_core::store::pg::migrate(&owner)
                })
            })
            .collect();
        let ran: Vec<usize> = runs.into_iter().map(|r| r.join().expect("thread").expect("each concurrent run succeeds")).collect();
        assert_eq!(ran.iter().sum::<usize>(), 1, "the schema is applied once between four runs at once: {ran:?}");
        assert_eq!(rampart_core::store::pg::migrate(&owner).expect("a later run"), 0, "a run on a current schema does nothing");
        let mut db = postgres::Client::connect(&owner, postgres::NoTls).expect("owner connects");
        let applied: i64 = db.query_one("SELECT count(*) FROM rampart_migrations", &[]).expect("count").get(0);
        assert_eq!(applied, 1);
    }
}

#[test]
fn the_province_admin_gives_accounts_and_the_new_one_works_in_its_district() {
    let server = TestServer::start(40);
    let admin = server.login("admin");
    let (_, districts) = server.get(Some(&admin), "/api/districts");
    let qinhuai = districts.as_array().expect("districts").iter().find(|d| d["name"] == "秦淮区").expect("秦淮区")["id"].clone();
    let new = json!({"login": "qh-planner", "name": "秦淮区新策划", "role": "district_planner", "district_id": qinhuai, "password": "长城计划2026"});
    let (status, added) = server.post(Some(&admin), "/api/accounts", &new);
    assert_eq!(status, 200, "{added}");
    assert_eq!(added["district"], "秦淮区");
    assert!(added.get("password_hash").is_none(), "no hash is ever sent");

    let (status, _) = server.post(Some(&admin), "/api/accounts", &new);
    assert_eq!(status, 409, "a login in use is refused");
    let (status, body) =
        server.post(Some(&admin), "/api/accounts", &json!({"login": "x", "name": "x", "role": "account_manager", "password": "short"}));
    assert_eq!(status, 422, "a short password and a missing district are both named: {body}");
    assert_eq!(body["fields"].as_array().map(Vec::len), Some(2));
    assert!(
        body["fields"].as_array().is_some_and(|f| f.iter().all(|f| f["field"].is_string() && f["message_zh"].is_string())),
        "each field at fault is named, with its message, as the desktop's errors name them: {body}"
    );
    let planner = server.login("planner");
    assert_eq!(server.post(Some(&planner), "/api/accounts", &new).0, 403, "only the province admin gives accounts");

    let (status, answer) = server.post(None, "/api/login", &json!({"login": "qh-planner", "password": "长城计划2026"}));
    assert_eq!(status, 200, "the new account logs in: {answer}");
    let token = answer["token"].as_str().expect("a token");
    let (_, clients) = server.get(Some(token), "/api/campaigns/1/clients?limit=1000");
    assert!(!rows(&clients).is_empty() && rows(&clients).iter().all(|c| c["district"] == "秦淮区"), "and sees its district only");
    let (_, audit) = server.get(Some(&admin), &format!("/api/audit?entity=account&entity_id={}", added["id"]));
    assert_eq!(rows(&audit)[0]["action"], "account.create", "the new account is in the audit trail");
    assert_eq!(rows(&audit)[0]["account"], "admin");
}

#[test]
fn an_ended_account_is_out_at_once_and_passwords_change_with_the_current_one_or_by_the_admin() {
    let server = TestServer::start(40);
    let admin = server.login("admin");
    let leaver = server.login("am0101");
    assert_eq!(server.get(Some(&leaver), "/api/me").0, 200, "a session that works");

    let planner = server.login("planner");
    let (status, _) = server.put(Some(&planner), "/api/accounts/am0101/active", &json!({"active": false}));
    assert_eq!(status, 403, "only the province admin ends accounts");
    let (status, body) = server.put(Some(&admin), "/api/accounts/admin/active", &json!({"active": false}));
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("login")), "no one ends their own account: {body}");
    assert_eq!(server.put(Some(&admin), "/api/accounts/nobody/active", &json!({"active": false})).0, 404, "an unknown login");

    let (status, ended) = server.put(Some(&admin), "/api/accounts/am0101/active", &json!({"active": false}));
    assert_eq!(status, 200, "{ended}");
    assert_eq!(server.get(Some(&leaver), "/api/me").0, 401, "an ended account's session stops working at once");
    let login = json!({"login": "am0101", "password": SAMPLE_PASSWORD});
    assert_eq!(server.post(None, "/api/login", &login).0, 401, "and it cannot log in again");
    let (_, list) = server.get(Some(&admin), "/api/accounts");
    assert!(list.as_array().is_some_and(|l| l.iter().all(|a| a["login"] != "am0101")), "nor is it listed among the active");
    assert_eq!(server.put(Some(&admin), "/api/accounts/am0101/active", &json!({"active": true})).0, 200, "given back");
    assert_eq!(server.post(None, "/api/login", &login).0, 200, "it logs in again with its password");

    // Changing one's own password needs the current one; the other sessions end, this one stays.
    let other = server.login("dp01");
    let mine = server.login("dp01");
    let wrong = json!({"current": "not-my-password", "password": "新的密码2026"});
    let (status, body) = server.put(Some(&mine), "/api/me/password", &wrong);
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("current")), "a wrong current password is named: {body}");
    let short = json!({"current": SAMPLE_PASSWORD, "password": "short"});
    assert_eq!(server.put(Some(&mine), "/api/me/password", &short).0, 422, "a new password too short is refused");
    let (status, _) = server.put(Some(&mine), "/api/me/password", &json!({"current": SAMPLE_PASSWORD, "password": "新的密码2026"}));
    assert_eq!(status, 200);
    assert_eq!(server.get(Some(&mine), "/api/me").0, 200, "the session that changed it stays");
    assert_eq!(server.get(Some(&other), "/api/me").0, 401, "another session of the account ends");
    assert_eq!(
        server.post(None, "/api/login", &json!({"login": "dp01", "password": SAMPLE_PASSWORD})).0,
        401,
        "the old one no longer logs in"
    );
    assert_eq!(server.post(None, "/api/login", &json!({"login": "dp01", "password": "新的密码2026"})).0, 200, "the new one does");

    // A forgotten password is set again by the province admin, for anyone but themselves.
    let (status, body) = server.put(Some(&admin), "/api/accounts/admin/password", &json!({"password": "管理员新密码2026"}));
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("login")), "their own needs the current one: {body}");
    let (status, _) = server.put(Some(&admin), "/api/accounts/dp01/password", &json!({"password": "管理员重设2026"}));
    assert_eq!(status, 200);
    assert_eq!(server.get(Some(&mine), "/api/me").0, 401, "the account's sessions end when the admin sets its password");
    assert_eq!(server.get(Some(&admin), "/api/me").0, 200, "the admin's own stays");
    assert_eq!(server.post(None, "/api/login", &json!({"login": "dp01", "password": "管理员重设2026"})).0, 200);

    let (_, audit) = server.get(Some(&admin), "/api/audit?limit=20");
    let actions: Vec<&str> = rows(&audit).iter().filter_map(|a| a["action"].as_str()).collect();
    for action in ["account.deactivate", "account.activate", "account.password"] {
        assert!(actions.contains(&action), "{action} is in the audit trail: {actions:?}");
    }
    assert!(!audit.to_string().contains("$argon2"), "no password hash is ever in the audit trail");
}
