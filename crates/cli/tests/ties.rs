//! Standings a planner pays prizes on, from the command line: tie reasons, shared places, prize
//! costs (yuan with `*_fen` beside them) and the incentive budget.

mod support;

use support::{json, rampart_zh as rampart};

#[test]
fn standings_give_each_tie_its_reason_and_each_award_its_prize_cost_and_the_budget_its_total() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("cli.db");
    let id = json(&rampart(&db, &["demo", "--json"]))["id"].to_string();
    let standings = json(&rampart(&db, &["standings", "--campaign", &id, "--as-of", "2026-11-22", "--json"]));
    let mut reasons = 0;
    let mut costs_fen = 0;
    for award in standings.as_array().expect("awards") {
        assert_eq!(award["tie_breaks"], serde_json::json!(["reached_first", "more_clients", "higher_amount"]), "the demo's criteria");
        assert_eq!(award["shared_tiers"], false, "the demo's tiers pay no more than their places");
        let cost = &award["prize_cost"];
        assert_eq!(cost["cost"].as_f64().map(|y| (y * 100.0).round() as i64), cost["cost_fen"].as_i64(), "yuan beside fen: {cost}");
        costs_fen += cost["cost_fen"].as_i64().expect("fen");
        for ranking in award["rankings"].as_array().expect("rankings") {
            let entries = ranking["entries"].as_array().expect("entries");
            let firsts = entries.iter().filter(|e| e["tier"] == "一等奖").count();
            assert!(firsts <= 1, "one 一等奖 place pays one entrant: {ranking}");
            for pair in entries.windows(2) {
                let (above, this) = (&pair[0], &pair[1]);
                if this["tie_reason"].is_object() {
                    reasons += 1;
                    assert_eq!(this["score"], above["score"], "a tie reason only between equal scores");
                    assert_eq!(this["tie_reason"]["above_id"], above["entrant_id"], "the reason names the entrant just above");
                    assert!(this["rank"].as_u64() > above["rank"].as_u64(), "a criterion separates the ranks: {pair:?}");
                } else if this["score"] == above["score"] && this["score"].as_i64() > Some(0) {
                    assert_eq!((above["shared"].as_bool(), this["shared"].as_bool()), (Some(true), Some(true)), "else a shared place");
                    assert_eq!(this["rank"], above["rank"]);
                }
            }
        }
    }
    assert!(reasons > 0, "the demo has ties the date decides");
    let text = String::from_utf8_lossy(&rampart(&db, &["standings", "--campaign", &id, "--as-of", "2026-11-22"]).stdout).to_string();
    assert!(text.contains("达成日期较早 (") && text.contains("奖金 28,000.00 元"), "text shows the reasons and the costs:\n{text}");

    let budget = json(&rampart(&db, &["budget", "--campaign", &id, "--as-of", "2026-11-22", "--set", "100,000.50", "--json"]));
    assert_eq!((budget["budget"].as_f64(), budget["budget_fen"].as_i64()), (Some(100_000.5), Some(10_000_050)));
    assert_eq!(budget["total_fen"].as_i64(), Some(costs_fen), "the total is the sum of the awards' costs");
    assert_eq!(budget["remaining_fen"].as_i64(), Some(10_000_050 - costs_fen));
    assert_eq!(budget["over"], costs_fen > 10_000_050);
    let refused = rampart(&db, &["budget", "--campaign", &id, "--set", "-5"]);
    assert_eq!(refused.status.code(), Some(2), "a negative budget is bad input");
    let cleared = json(&rampart(&db, &["budget", "--campaign", &id, "--clear", "--json"]));
    assert!(cleared["budget"].is_null() && cleared["over"] == false);
}
