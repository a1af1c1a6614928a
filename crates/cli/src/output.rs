//! How results and errors are printed: aligned text for people, JSON for scripts.

use rampart_core::campaign_copy::CopyReport;
use rampart_core::domain::awards::Standing;
use rampart_core::domain::campaign::CampaignRemoval;
use rampart_core::domain::plan::Plan;
use rampart_core::domain::prizes::IncentiveBudget;
use rampart_core::domain::subsidy::{ClientSubsidy, SubsidyTotals};
use rampart_core::domain::tie_break::{TieFigure, TieReason};
use rampart_core::domain::tracker::Lang;
use rampart_core::domain::{Campaign, ClientRow};
use rampart_core::import::ImportReport;
use rampart_core::store::imports::ImportBatch;
use rampart_core::{Error, Money};
use serde_json::json;

pub(crate) fn chinese() -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .is_some_and(|v| v.starts_with("zh"))
}

/// Prints a line; a closed pipe (`rampart … | head`) ends output quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

pub(crate) fn print_json(value: &serde_json::Value) {
    say!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
}

/// Text for people, line by line.
pub(crate) fn print_text(text: &str) {
    say!("{text}");
}

/// A report as JSON: on stdout when clean, on stderr when it lists problems (and exit 2 follows).
fn print_report<T: serde::Serialize>(report: &T, clean: bool) {
    let text = serde_json::to_string_pretty(report).unwrap_or_default();
    if clean {
        say!("{text}");
    } else {
        eprintln!("{text}");
    }
}

/// Every problem of a file with its line, column and value, then that nothing was written.
fn print_problems(file: &str, problems: &[rampart_core::import::ImportProblem], more: u64) {
    let zh = chinese();
    for p in problems {
        let message = if zh { &p.message_zh } else { &p.message_en };
        eprintln!("{file}: line {}, column {}, value {:?}: {message}", p.line, p.column, p.value);
    }
    if more > 0 {
        eprintln!("... and {more} more problems");
    }
    eprintln!("{file}: {} problems; nothing was written", problems.len() as u64 + more);
}

pub fn error(err: &Error, json: bool) {
    if json {
        eprintln!("{}", serde_json::to_string_pretty(&err.to_report()).unwrap_or_default());
    } else if chinese() {
        eprintln!("错误：{}", err.message_zh());
    } else {
        eprintln!("error: {}", err.message_en());
    }
}

pub fn demo(campaign: &Campaign, json: bool) {
    if json {
        print_json(&json!({ "id": campaign.id, "name": campaign.name }));
    } else {
        say!("{}", campaign.id);
    }
}

pub fn campaigns(list: &[Campaign], json: bool) {
    if json {
        print_json(&serde_json::to_value(list).unwrap_or_default());
        return;
    }
    for c in list {
        let archived = if c.archived { "\tarchived" } else { "" };
        say!("{}\t{}\t{} – {}\t{}{archived}", c.id, c.name, c.start_date, c.end_date, c.status.code());
    }
}

pub fn campaign(c: &Campaign, json: bool) {
    if json {
        print_json(&serde_json::to_value(c).unwrap_or_default());
    } else {
        say!("{}\t{}\t{} – {}\t{}", c.id, c.name, c.start_date, c.end_date, c.status.code());
    }
}

/// The new period and what came along with it.
pub fn copied(c: &Campaign, report: &CopyReport, json: bool) {
    if json {
        print_json(&json!({ "campaign": c, "copied": report }));
        return;
    }
    say!("{}\t{}\t{} – {}\t{}", c.id, c.name, c.start_date, c.end_date, c.status.code());
    let from = report.source_file.as_deref().map(|f| format!(" ({f})")).unwrap_or_default();
    say!("copied from {}{from}:", report.source_name);
    let lines = [
        ("rate rules", report.rate_rules),
        ("uplift rules", report.uplift_rules),
        ("metrics", report.metrics),
        ("awards", report.awards),
        ("award tiers", report.award_tiers),
        ("award weights", report.award_weights),
        ("award targets", report.award_targets),
        ("plan template items", report.template_items),
        ("teams", report.teams),
        ("teams created", report.teams_created),
        ("targets", report.targets),
        ("clients created", report.clients_created),
        ("contracts created", report.contracts_created),
        ("contracts skipped (number held by another client)", report.contracts_skipped),
    ];
    for (what, n) in lines {
        say!("  {what}: {n}");
    }
}

/// What deleting a campaign removed, or would remove on a dry run.
pub fn removal(r: &CampaignRemoval, json: bool) {
    if json {
        print_json(&serde_json::to_value(r).unwrap_or_default());
        return;
    }
    let verb = if r.removed { "removed" } else { "would remove (dry run, nothing removed)" };
    say!("{} {}: {verb}", r.campaign_id, r.name);
    let lines = [
        ("targets", r.targets),
        ("team links", r.teams),
        ("plans", r.plans),
        ("plan items", r.plan_items),
        ("plan log entries", r.plan_log),
        ("plan template items", r.plan_template),
        ("awards", r.awards),
        ("award tiers", r.award_tiers),
        ("award weights", r.award_weights),
        ("award targets", r.award_targets),
        ("award locks", r.award_locks),
        ("metrics", r.metrics),
        ("achievements", r.achievements),
        ("warnings", r.warnings),
        ("warning log entries", r.warning_log),
        ("billing snapshots", r.snapshots),
        ("rule sets", r.rule_sets),
        ("scenarios", r.scenarios),
        ("rate overrides", r.rate_overrides),
        ("client subsidies", r.subsidies),
    ];
    for (what, n) in lines {
        say!("  {what}: {n}");
    }
    say!("clients, contracts, teams and people are kept");
}

/// The client list, printed page by page as it is fetched. JSON is one object,
/// `{"total", "offset", "clients": [...]}`, written as it goes; each client's fee is in yuan
/// with `monthly_fee_fen` beside it, as every other command gives money.
pub struct ClientList {
    json: bool,
    first: bool,
}

impl ClientList {
    pub fn new(json: bool) -> ClientList {
        ClientList { json, first: true }
    }

    pub fn start(&mut self, total: i64, offset: i64) {
        if self.json {
            say!("{{\"total\": {total}, \"offset\": {offset}, \"clients\": [");
        }
    }

    pub fn rows(&mut self, rows: &[ClientRow]) {
        for c in rows {
            if self.json {
                let mut value = serde_json::to_value(c).unwrap_or_default();
                if let Some(map) = value.as_object_mut() {
                    map.insert("monthly_fee".into(), yuan(c.monthly_fee));
                    map.insert("monthly_fee_fen".into(), c.monthly_fee.fen().into());
                }
                let comma = if self.first { "" } else { "," };
                say!("{comma}{}", serde_json::to_string(&value).unwrap_or_default());
            } else {
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    c.code,
                    c.name,
                    c.category.label_zh(),
                    c.tier.code(),
                    c.team.as_deref().unwrap_or("-"),
                    c.account_manager.as_deref().unwrap_or("-")
                );
            }
            self.first = false;
        }
    }

    pub fn end(&mut self, shown: i64, total: i64, offset: i64) {
        if self.json {
            say!("]}}");
        } else if offset > 0 {
            eprintln!("{shown} of {total}, from {}", offset + 1);
        } else {
            eprintln!("{shown} of {total}");
        }
    }
}

/// Yuan as a JSON number with at most two decimals (1120.0, 950.62); `*_fen` carries the exact
/// integer beside it for anyone who must not touch floating point.
fn yuan(m: Money) -> serde_json::Value {
    m.plain().parse::<f64>().map(serde_json::Value::from).unwrap_or_default()
}

pub fn subsidies(campaign: i64, scenario: Option<&str>, clients: &[ClientSubsidy], totals: &SubsidyTotals, json: bool) {
    if json {
        let list: Vec<_> = clients
            .iter()
            .map(|c| {
                json!({
                    "code": c.code,
                    "name": c.name,
                    "category": c.category,
                    "team": c.team,
                    "contracts": c.contracts,
                    "subsidy": yuan(c.subsidy),
                    "subsidy_fen": c.subsidy.fen(),
                    "needs_review": c.flagged,
                })
            })
            .collect();
        print_json(&json!({
            "campaign_id": campaign,
            "scenario": scenario,
            "total": yuan(totals.total),
            "total_fen": totals.total.fen(),
            "budget": yuan(totals.budget),
            "over_budget": totals.over_budget,
            "clients": list,
        }));
        return;
    }
    for c in clients {
        say!("{}\t{}\t{:>14}", c.code, c.name, c.subsidy.to_string());
    }
    say!("合计 total\t{}\t（预算 budget {}{}）", totals.total, totals.budget, if totals.over_budget { "，已超支 OVER" } else { "" });
}

pub fn import_report(report: &ImportReport, json: bool) {
    if json {
        print_report(report, report.problems.is_empty());
        return;
    }
    let zh = chinese();
    if report.problems.is_empty() {
        let c = &report.counts;
        let verb = match (report.dry_run, zh) {
            (true, true) => "试运行，未写入",
            (true, false) => "dry run, nothing written",
            (false, true) => "已导入",
            (false, false) => "imported",
        };
        say!(
            "{}: {verb}. {} rows; clients +{} ~{}; contracts +{} ~{}; teams +{}; managers +{}; targets +{}",
            report.file,
            report.rows,
            c.clients_created,
            c.clients_updated,
            c.contracts_created,
            c.contracts_updated,
            c.teams_created,
            c.managers_created,
            c.targets_added
        );
        if let Some(sheet) = &report.sheet {
            say!("{}", if zh { format!("读取的工作表：{sheet}") } else { format!("sheet read: {sheet}") });
        }
        if !report.ignored_columns.is_empty() {
            say!("ignored columns: {}", report.ignored_columns.join(", "));
        }
        return;
    }
    print_problems(&report.file, &report.problems, report.more_problems);
}

/// What undoing an import took back, from the counts the import recorded.
pub fn undone(batch: &ImportBatch, json: bool) {
    if json {
        print_json(&serde_json::to_value(batch).unwrap_or_default());
        return;
    }
    let n = |key: &str| batch.counts.get(key).and_then(serde_json::Value::as_u64).unwrap_or(0);
    if chinese() {
        say!(
            "已撤销导入 {}（第 {} 次导入，{} 于 {}）：删除新增客户 {} 个、合同 {} 份，恢复更新过的客户 {} 个、合同 {} 份，移出目标客户 {} 个",
            batch.file, batch.id, batch.author, batch.created_at,
            n("clients_created"), n("contracts_created"), n("clients_updated"), n("contracts_updated"), n("targets_added")
        );
    } else {
        say!(
            "undone: import {} of {} by {} at {}: removed {} created clients and {} contracts, restored {} updated clients and {} contracts, removed {} targets",
            batch.id, batch.file, batch.author, batch.created_at,
            n("clients_created"), n("contracts_created"), n("clients_updated"), n("contracts_updated"), n("targets_added")
        );
    }
}

/// Said once when a write has to wait for another program to finish with the database.
pub fn waiting(wait: &rampart_core::store::writers::WriteWait) {
    if chinese() {
        eprintln!("{}", wait.message_zh());
    } else {
        eprintln!("{}", wait.message_en());
    }
}

pub fn plans(plans: &[Plan], json: bool) {
    if json {
        let list: Vec<_> = plans
            .iter()
            .map(|p| {
                json!({
                    "id": p.summary.id,
                    "code": p.summary.code,
                    "client": p.summary.client,
                    "goal": p.summary.goal,
                    "progress": p.summary.progress,
                    "late": p.summary.late,
                    "team": p.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>(),
                    "items": p.items.iter().map(|i| json!({
                        "id": i.id,
                        "kind": i.kind,
                        "title": i.title,
                        "owner": i.owner,
                        "due": i.due,
                        "status": i.status,
                        "done_on": i.done_on,
                        "late": i.late,
                        "blocked_reason": i.blocked_reason,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        print_json(&serde_json::Value::Array(list));
        return;
    }
    for p in plans {
        say!("{}\t{}\t{}%\t{} late", p.summary.code, p.summary.client, p.summary.progress, p.summary.late);
    }
}

/// A money object's fields in yuan with `*_fen` beside each: {"cost": 28000.0, "cost_fen": 2800000}.
fn yuan_fields(object: &mut serde_json::Value, fields: &[&str]) {
    let Some(map) = object.as_object_mut() else { return };
    for field in fields {
        if let Some(fen) = map.get(*field).and_then(serde_json::Value::as_i64) {
            map.insert((*field).to_string(), yuan(Money::from_fen(fen)));
            map.insert(format!("{field}_fen"), fen.into());
        }
    }
}

/// [`yuan_fields`] on every object inside `value`.
pub(crate) fn yuan_everywhere(value: &mut serde_json::Value, fields: &[&str]) {
    match value {
        serde_json::Value::Object(map) => {
            for child in map.values_mut() {
                yuan_everywhere(child, fields);
            }
            yuan_fields(value, fields);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| yuan_everywhere(v, fields)),
        _ => {}
    }
}

/// Standings as JSON, money in yuan with `*_fen` beside it (prize costs, tie amounts).
fn standings_json(standings: &[Standing]) -> serde_json::Value {
    let mut value = serde_json::to_value(standings).unwrap_or_default();
    for s in value.as_array_mut().into_iter().flatten() {
        yuan_fields(&mut s["prize_cost"], &["per_ranking", "offered", "paying", "cost"]);
        for r in s["rankings"].as_array_mut().into_iter().flatten() {
            for e in r["entries"].as_array_mut().into_iter().flatten() {
                yuan_fields(&mut e["figures"], &["amount"]);
                if let Some(reason) = e["tie_reason"].as_object_mut() {
                    for side in ["this", "above"] {
                        if reason.get(side).is_some_and(|f| f["kind"] == "amount") {
                            reason.get_mut(side).into_iter().for_each(|f| yuan_fields(f, &["value"]));
                        }
                    }
                }
            }
        }
    }
    value
}

fn tie_figure(f: &TieFigure) -> String {
    match f {
        TieFigure::Date(d) => d.map_or_else(|| "—".into(), |d| d.format("%m-%d").to_string()),
        TieFigure::Count(n) => n.to_string(),
        TieFigure::Amount(m) => m.to_string(),
    }
}

/// Why an entrant follows the one above on an equal score: "达成日期较早 (10-12 vs 10-19)".
fn tie_reason(r: &TieReason, zh: bool) -> String {
    let label = if zh { r.criterion.zh() } else { r.criterion.en() };
    format!("{label} ({} vs {})", tie_figure(&r.above), tie_figure(&r.this))
}

pub fn standings(standings: &[Standing], json: bool) {
    if json {
        print_json(&standings_json(standings));
        return;
    }
    let zh = chinese();
    for s in standings {
        say!("{}{}", s.name, s.locked.as_ref().map(|l| format!("（{} 由 {} 锁定）", l.at, l.by)).unwrap_or_default());
        let c = &s.prize_cost;
        if zh {
            say!("  奖金 {} 元（每个排名 {} 元 × {} 个排名，按当前名次 {} 元）", c.cost, c.per_ranking, c.rankings, c.paying);
        } else {
            say!(
                "  prize cost {} CNY ({} per ranking × {} rankings; the current standing pays {})",
                c.cost,
                c.per_ranking,
                c.rankings,
                c.paying
            );
        }
        for r in &s.rankings {
            let scope = match r.scope {
                rampart_core::domain::awards::Scope::Team => "团队",
                rampart_core::domain::awards::Scope::Person => "个人",
            };
            say!("  {scope}{}", r.industry.as_deref().map(|i| format!(" · {i}")).unwrap_or_default());
            for e in r.entries.iter().take(5) {
                let shared = if e.shared { "=" } else { " " };
                let mut why = e.tie_reason.as_ref().map(|t| tie_reason(t, zh)).unwrap_or_default();
                if !e.contested.is_empty() {
                    let tiers = e.contested.join("/");
                    why = if zh { format!("并列待定：{tiers}") } else { format!("tied, needs a decision: {tiers}") };
                }
                say!("    {:>3}{shared} {:<12} {:>8}  {:<6} {why}", e.rank, e.name, e.score, e.tier.as_deref().unwrap_or(""));
            }
        }
    }
}

pub fn incentive_budget(b: &IncentiveBudget, json: bool) {
    if json {
        let awards: Vec<_> = b
            .awards
            .iter()
            .map(|a| {
                let mut cost = serde_json::to_value(a.cost).unwrap_or_default();
                yuan_fields(&mut cost, &["per_ranking", "offered", "paying", "cost"]);
                json!({ "award_id": a.award_id, "name": a.name, "cost": cost })
            })
            .collect();
        print_json(&json!({
            "as_of": b.as_of,
            "budget": b.budget.map(yuan),
            "budget_fen": b.budget.map(Money::fen),
            "total": yuan(b.total),
            "total_fen": b.total.fen(),
            "remaining": b.remaining.map(yuan),
            "remaining_fen": b.remaining.map(Money::fen),
            "over": b.over,
            "awards": awards,
        }));
        return;
    }
    for a in &b.awards {
        say!("{}\t{}", a.name, a.cost.cost);
    }
    let budget = b.budget.map_or_else(|| "—".to_string(), |m| m.to_string());
    say!("total {} / budget {budget} 元 (as of {})", b.total, b.as_of);
    if let Some(remaining) = b.remaining {
        say!("{} {}", if b.over { "over by" } else { "remaining" }, Money::from_fen(remaining.fen().saturating_abs()));
    }
}

pub fn achievement_report(report: &rampart_core::import::achievements::AchievementReport, json: bool) {
    if json {
        print_report(report, report.problems.is_empty());
        return;
    }
    if report.problems.is_empty() {
        let verb = if report.dry_run { "would add" } else { "added" };
        say!("{}: {verb} {} achievements from {} rows", report.file, report.added, report.rows);
        return;
    }
    // The sheet beside the file, so each problem names file, sheet, line and column.
    let place = report.sheet.as_ref().map_or_else(|| report.file.clone(), |sheet| format!("{} [{sheet}]", report.file));
    print_problems(&place, &report.problems, 0);
}

pub fn trackers(written: &[rampart_core::export::TrackerSummary], json: bool) {
    if json {
        print_json(&json!(written));
        return;
    }
    for t in written {
        say!(
            "{}: {} targets ({} high-risk), {} contracts, {} plan items, subsidy {} 元",
            t.file,
            t.targets,
            t.high_risk,
            t.contracts,
            t.plan_items,
            t.subsidy_total
        );
    }
}

pub fn weekly_report(written: &rampart_core::export::weekly_report::ReportSummary, json: bool) {
    if json {
        print_json(&json!(written));
        return;
    }
    say!("{}: {} KB", written.file, written.bytes.div_ceil(1024));
}

pub fn tracker_report(report: &rampart_core::import::tracker::ApplyReport, json: bool) {
    if json {
        print_report(report, report.problem_count() == 0);
        return;
    }
    let zh = chinese();
    if report.problem_count() > 0 {
        for p in &report.problems {
            let q = &p.problem;
            let message = if zh { &q.message_zh } else { &q.message_en };
            eprintln!("{} [{}] line {}, column {}, value {:?}: {message}", p.file, p.sheet, q.line, q.column, q.value);
        }
        if report.more_problems > 0 {
            eprintln!("... and {} more problems", report.more_problems);
        }
        eprintln!("{} problems; nothing was applied", report.problem_count());
        return;
    }
    for e in &report.ignored {
        say!(
            "{} [{}] line {}, column {}: locked cell edited to {:?}, ignored; Rampart keeps {:?}",
            e.file,
            e.sheet,
            e.line,
            e.column,
            e.value,
            e.kept
        );
    }
    if report.more_ignored > 0 {
        say!("... and {} more ignored edits of locked cells", report.more_ignored);
    }
    for c in &report.changes {
        say!("{} [{}] line {}: {} {} {}: {:?} -> {:?}", c.file, c.sheet, c.line, c.client_code, c.item, c.field, c.from, c.to);
    }
    for c in &report.warning_changes {
        let show = |v: &str| match (c.field, rampart_core::domain::warning::WarningStatus::from_code(v)) {
            ("status", Some(s)) => (if zh { s.label_zh() } else { s.label_en() }).to_string(),
            _ => v.to_string(),
        };
        say!(
            "{} [{}] line {}: warning {} {} {}: {:?} -> {:?}",
            c.file,
            c.sheet,
            c.line,
            c.contract,
            c.client_code,
            c.field,
            show(&c.from),
            show(&c.to)
        );
    }
    for v in report.visits.iter().filter(|v| !v.already_applied) {
        let what = if v.corrects.is_some() { "corrects visit" } else { "visit" };
        say!("{} [{}] line {}: {what} {} on {}: {}", v.file, v.sheet, v.line, v.client_code, v.input.visited_on, v.input.met);
    }
    for c in &report.fibre_changes {
        let show = |v: &str| match (c.field, rampart_core::domain::fibre::FibreStatus::parse(v)) {
            ("status", Some(s)) => (if zh { s.label_zh() } else { s.label_en() }).to_string(),
            _ => v.to_string(),
        };
        say!("{} [{}] line {}: fibre {} {}: {:?} -> {:?}", c.file, c.sheet, c.line, c.client_code, c.field, show(&c.from), show(&c.to));
    }
    let new = report.achievements.iter().filter(|a| !a.already_applied && a.corrects.is_none()).count();
    let corrected = report.achievements.iter().filter(|a| a.corrects.is_some()).count();
    let before = report.achievements.iter().filter(|a| a.already_applied).count();
    let visits = report.visits.iter().filter(|v| !v.already_applied).count();
    let verb = if report.applied { "applied" } else { "would apply" };
    say!(
        "{verb} {} changes, {} warning changes, {visits} visits, {} fibre changes, {new} new and {corrected} corrected achievements ({before} already applied before); {} locked-cell edits ignored",
        report.changes.len(),
        report.warning_changes.len(),
        report.fibre_changes.len(),
        report.ignored.len() as u64 + report.more_ignored
    );
}

pub fn warnings(list: &[rampart_core::domain::warning::Warning], json: bool) {
    if json {
        let reading = |r: &rampart_core::domain::warning::Reading| json!({ "in_network": r.in_network, "tariff": yuan(r.tariff), "tariff_fen": r.tariff.fen() });
        let rows: Vec<serde_json::Value> = list
            .iter()
            .map(|w| {
                json!({
                    "id": w.id, "contract": w.contract, "reason": w.reason, "comparison": w.comparison, "owner": w.owner, "status": w.status,
                    "client_code": w.client_code, "client": w.client, "team": w.team,
                    "previous_period": w.previous_period, "before": reading(&w.before), "evidence": w.evidence(Lang::Zh),
                    "evidence_en": w.evidence(Lang::En),
                    "period": w.period, "after": reading(&w.after),
                    "raised_on": w.raised_on, "contacted_on": w.contacted_on, "closed_on": w.closed_on,
                    "note": w.note, "age_days": w.age_days,
                })
            })
            .collect();
        print_json(&json!(rows));
        return;
    }
    for w in list {
        say!(
            "#{} {} {} {} [{}] owner {} raised {} ({} days): {}",
            w.id,
            w.contract,
            w.client_code,
            w.reason.label_en(),
            w.status.code(),
            w.owner.as_deref().unwrap_or("-"),
            w.raised_on,
            w.age_days,
            w.evidence(if chinese() { Lang::Zh } else { Lang::En })
        );
    }
}

pub fn key_person_changes(list: &[rampart_core::domain::warning::KeyPersonChange], json: bool) {
    if json {
        print_json(&json!(list));
        return;
    }
    let zh = chinese();
    for c in list {
        say!(
            "{} {} {}: {} {} -> {} {} [{}, {}]{}",
            c.changed_on,
            c.client_code,
            c.client,
            if c.old_name.is_empty() { "-" } else { &c.old_name },
            c.old_phone,
            c.new_name,
            c.new_phone,
            if zh { c.source.label_zh() } else { c.source.label_en() },
            c.author,
            if c.note.is_empty() { String::new() } else { format!(": {}", c.note) }
        );
    }
}

pub fn snapshot_report(report: &rampart_core::import::snapshots::SnapshotReport, json: bool) {
    if json {
        print_report(report, report.problems.is_empty());
        return;
    }
    if report.problems.is_empty() {
        let c = &report.counts;
        let verb = if report.dry_run { "would raise" } else { "raised" };
        say!("{}: {} rows ({} baselines); {verb} {} left and {} downgrade warnings", report.file, c.rows, c.baselines, c.left, c.downgrade);
        return;
    }
    print_problems(&report.file, &report.problems, 0);
}
