//! The UI tests' fixtures are real answers: the demo campaign is seeded on a fixed day and what
//! the commands the tests mock would answer is written to ui/src/test/fixtures/*.json, named
//! after the command. `make bindings` rewrites them; this test fails while a committed one is
//! stale, so a change to a type or to the demo reaches the UI tests.
//!
//! The core is called as each command calls it, with the fixed day where the command would
//! read the clock, so the files do not change from one day to the next.

use std::path::PathBuf;

use chrono::NaiveDate;
use rampart_core::domain::warning::WarningFilter;
use rampart_core::domain::ClientQuery;
use rampart_core::store::plans::PlanFilter;
use rampart_core::{demo, Store};
use serde::Serialize;

use crate::bindings::tests::committed_or_written;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date")
}

/// An answer as the shell sends it (serde_json, as Tauri does), laid out for reading.
fn json(answer: &impl Serialize) -> String {
    serde_json::to_string_pretty(answer).expect("an answer serialises") + "\n"
}

#[test]
fn generated_fixtures_match_the_committed_files() {
    let store = Store::open_in_memory().expect("store");
    let campaign = demo::seed_demo(&store, today()).expect("demo");
    let first_page = store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 5, ..Default::default() }).expect("clients");
    let search = ClientQuery { campaign_id: Some(campaign), search: Some("网咖".into()), limit: 5, ..Default::default() };
    let subsidised = store.subsidies().page(&ClientQuery { campaign_id: Some(campaign), limit: 2, ..Default::default() }, false, false);
    let subsidised = subsidised.expect("subsidies");
    let plans = store.plans().list(campaign, &PlanFilter::default(), today()).expect("plans");
    let managers: Vec<_> = store.org().people().expect("people").into_iter().filter(|p| p.is_account_manager).map(|p| p.id).collect();
    let november = rampart_core::domain::warning::BillingPeriod::parse("2026-11").expect("period");
    let handed_over = ClientQuery { account_manager_id: Some(managers[0]), ..Default::default() };

    let answers = [
        ("campaigns_list", json(&store.campaigns().list().expect("campaigns"))),
        ("campaign_summary", json(&store.campaigns().summary(campaign).expect("summary"))),
        ("teams_list", json(&store.org().teams().expect("teams"))),
        ("people_list", json(&store.org().people().expect("people"))),
        ("teams_overview", json(&store.org().team_summaries().expect("teams"))),
        ("people_overview", json(&store.org().person_summaries(None).expect("people"))),
        ("reassign_preview", json(&store.org().reassign_preview(&handed_over, managers[1]).expect("preview"))),
        ("clients_page", json(&first_page)),
        ("clients_page.search", json(&store.clients().page(&search).expect("search"))),
        ("client_get", json(&store.clients().get(first_page.rows[0].id).expect("client"))),
        ("contacts_list", json(&store.contacts().list(first_page.rows[0].id).expect("contacts"))),
        ("contact_history", json(&store.contacts().history(first_page.rows[0].id).expect("contact history"))),
        ("subsidy_rules", json(&store.rule_sets().current(campaign).expect("rules"))),
        ("subsidy_totals", json(&store.subsidies().totals(campaign).expect("totals"))),
        ("subsidy_clients", json(&subsidised)),
        ("subsidy_client", json(&store.subsidies().client(campaign, subsidised.rows[0].client_id).expect("a client's subsidy"))),
        ("standings_get", json(&store.awards().standings(campaign, today()).expect("standings"))),
        ("plan_get", json(&store.plans().get(plans[0].id, today()).expect("plan"))),
        ("warnings_list", json(&store.warnings().list(campaign, &WarningFilter::default(), today()).expect("warnings"))),
        ("warning_summary", json(&store.warnings().summary(campaign).expect("warning summary"))),
        ("goals_list", json(&store.kpis().goals(campaign).expect("goals"))),
        ("parts_list", json(&store.kpis().parts(campaign).expect("parts"))),
        ("kpis_list", json(&store.kpis().list(campaign).expect("kpis"))),
        ("kpi_readings", json(&store.kpis().readings(campaign, today(), None).expect("readings"))),
        ("kpi_metrics", json(&rampart_core::domain::kpi::Metric::catalogue())),
        ("scope_choices", json(&store.kpis().scope_choices(campaign).expect("scope choices"))),
        ("dashboard", json(&store.dashboards().read(campaign, today(), None).expect("dashboard"))),
        ("visits_due", json(&store.visits().due(campaign, today(), Default::default(), 50, 0).expect("visits"))),
        ("visits_load", json(&store.visits().load(campaign, today(), false).expect("visit load"))),
        ("fibre_list", json(&store.fibre().list(campaign, None, None, 50, 0).expect("fibre"))),
        ("fibre_counts", json(&store.fibre().counts(campaign).expect("fibre counts"))),
        ("service_standards_list", json(&store.service_standards().list(campaign).expect("standards"))),
        ("care_settings_get", json(&store.care().settings(campaign).expect("care settings"))),
        ("care_lines", json(&store.care().lines(campaign, 50, 0).expect("lines"))),
        ("points_scheme_get", json(&store.points().scheme(campaign).expect("scheme"))),
        ("points_periods", json(&store.points().periods(campaign).expect("periods"))),
        ("points_members", json(&store.points().page(campaign, &november, "", 20, 0).expect("members"))),
        ("points_statement", json(&store.points().statement(campaign, 1).expect("statement"))),
    ];

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/test/fixtures");
    if std::env::var_os("RAMPART_WRITE_GENERATED").is_some() {
        std::fs::create_dir_all(&dir).expect("fixtures folder");
    }
    let stale: Vec<&str> = answers
        .iter()
        .filter(|(name, answer)| !committed_or_written(&dir.join(format!("{name}.json")), answer))
        .map(|(name, _)| *name)
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/test/fixtures: {stale:?} are stale: the demo or the types changed. Run `make bindings` and commit the result."
    );
}
