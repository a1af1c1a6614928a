//! Broadband early warning on a real database: snapshots imported from CSV, detection at the
//! threshold's edges, re-import idempotence, a contract that leaves and returns, ownership that
//! follows the client's account manager, the status workflow, and key-person changes.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::tracker::Lang;
use rampart_core::domain::warning::{WarningFilter, WarningReason, WarningStatus};
use rampart_core::domain::{ClientInput, ClientQuery, ProductType};
use rampart_core::import::snapshots::{import_snapshots, SnapshotReport};
use rampart_core::{demo, Store};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("date")
}

fn by(at: NaiveDateTime) -> By {
    By { author: "李经理".into(), at }
}

/// The demo plus one contract of each of `n` targets that the demo's own snapshots (fibre and
/// broadband) leave alone, so each test starts from no history.
fn setup(dir: &Path, n: usize) -> (Store, CampaignId, Vec<(rampart_core::domain::ids::ClientId, String)>) {
    let store = Store::open(&dir.join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, day(11, 22)).expect("demo");
    let clients =
        store.clients().page(&ClientQuery { campaign_id: Some(campaign), limit: 200, ..Default::default() }).expect("clients").rows;
    let contracts = clients
        .iter()
        .filter_map(|c| {
            let contracts = store.clients().get(c.id).expect("client").contracts;
            let quiet = contracts.iter().find(|k| matches!(k.product_type, ProductType::Bundle | ProductType::Mobile));
            quiet.map(|k| (c.id, k.number.clone()))
        })
        .take(n)
        .collect();
    (store, campaign, contracts)
}

fn snapshot(dir: &Path, name: &str, rows: &[(&str, &str, &str, &str)]) -> PathBuf {
    let mut text = String::from("宽带预警账单快照\n账期,合同号,在网,当前资费\n");
    for (period, contract, in_net, tariff) in rows {
        text.push_str(&format!("{period},{contract},{in_net},{tariff}\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn import(store: &Store, path: &Path, campaign: CampaignId) -> SnapshotReport {
    let report = import_snapshots(store, path, campaign, false, day(11, 22)).expect("import");
    assert!(report.problems.is_empty(), "clean file: {:?}", report.problems);
    report
}

/// Open warnings on the test's own contracts.
fn open(
    store: &Store,
    campaign: CampaignId,
    mine: &[(rampart_core::domain::ids::ClientId, String)],
) -> Vec<rampart_core::domain::warning::Warning> {
    let all = store.warnings().list(campaign, &WarningFilter { open_only: true, ..Default::default() }, day(11, 22)).expect("warnings");
    all.into_iter().filter(|w| mine.iter().any(|(_, n)| *n == w.contract)).collect()
}

#[test]
fn detection_at_the_threshold_edges_and_reimport_adds_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, k) = setup(dir.path(), 4);
    let (a, b, c, d) = (k[0].1.as_str(), k[1].1.as_str(), k[2].1.as_str(), k[3].1.as_str());
    let oct = snapshot(
        dir.path(),
        "oct.csv",
        &[("202610", a, "在网", "500"), ("202610", b, "在网", "500"), ("202610", c, "在网", "500"), ("202610", d, "在网", "500")],
    );
    let first = import(&store, &oct, campaign);
    assert_eq!((first.counts.baselines, first.counts.left, first.counts.downgrade), (4, 0, 0), "the first snapshot is the baseline");

    let nov_rows =
        [("2026-11", a, "在网", "450.00"), ("2026-11", b, "是", "450.01"), ("2026-11", c, "在网", "¥600"), ("2026-11", d, "离网", "0")];
    let nov = snapshot(dir.path(), "nov.csv", &nov_rows);
    let counts = import(&store, &nov, campaign).counts;
    assert_eq!(counts.left, 1, "only {d} left");
    assert_eq!(counts.downgrade, 1, "{a} fell exactly 10 %; a dip of 9.998 % and a rise raise nothing; {d}'s fall to 0 is its churn");
    let warnings = open(&store, campaign, &k);
    let reasons: Vec<(&str, WarningReason)> = warnings.iter().map(|w| (w.contract.as_str(), w.reason)).collect();
    assert!(reasons.contains(&(a, WarningReason::Downgrade)) && reasons.contains(&(d, WarningReason::Left)), "{reasons:?}");
    assert!(
        !reasons.contains(&(d, WarningReason::Downgrade)),
        "one churn raises one warning: {d} left the network, and its tariff falling to 0 with it is not a second one"
    );
    let left = warnings.iter().find(|w| w.contract == d && w.reason == WarningReason::Left).expect("left");
    assert_eq!((left.before.in_network, left.after.in_network), (true, false), "the evidence is kept");
    assert_eq!(left.evidence(Lang::Zh), "2026-10 在网 500.00 元 → 2026-11 离网 0.00 元");
    assert_eq!(left.evidence(Lang::En), "2026-10 in ¥500.00 → 2026-11 out ¥0.00");
    assert_eq!(left.status, WarningStatus::ToContact);

    let again = import(&store, &nov, campaign).counts;
    assert_eq!((again.left, again.downgrade), (0, 0), "the same snapshot again raises nothing");
    let dec = snapshot(dir.path(), "dec.csv", &[("2026-12", a, "在网", "450"), ("2026-12", d, "离网", "0")]);
    let later = import(&store, &dec, campaign).counts;
    assert_eq!((later.left, later.downgrade), (0, 0), "a later snapshot showing the same state raises nothing");
    assert_eq!(open(&store, campaign, &k).len(), 2, "one downgrade and one churn are open");
    assert!(store.integrity_ok().expect("integrity"));
}

#[test]
fn a_contract_that_leaves_returns_and_leaves_again() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, k) = setup(dir.path(), 1);
    let e = k[0].1.as_str();
    let file = snapshot(
        dir.path(),
        "months.csv",
        &[("2026年12月", e, "在网", "300"), ("2026年10月", e, "在网", "300"), ("2026年11月", e, "离网", "300")],
    );
    let counts = import(&store, &file, campaign).counts;
    assert_eq!((counts.baselines, counts.left), (1, 1), "months in one file are compared in order: out in November, back in December");
    let warning = open(&store, campaign, &k).pop().expect("one warning");
    assert_eq!((warning.reason, warning.period.as_str()), (WarningReason::Left, "2026-11"));

    let t = day(11, 22).and_hms_opt(9, 0, 0).expect("t");
    store.warnings().set_status(warning.id, WarningStatus::Retained, "回网续约", day(11, 22), &by(t)).expect("retained");
    // The story runs into next spring: the campaign is extended to March, as snapshots must fall in its months.
    let c = store.campaigns().get(campaign).expect("campaign");
    let longer = rampart_core::domain::CampaignInput {
        name: c.name,
        theme: c.theme,
        start_date: c.start_date,
        end_date: chrono::NaiveDate::from_ymd_opt(2027, 3, 31).expect("date"),
        status: c.status,
        subsidy_budget: c.subsidy_budget,
        goals: c.goals,
    };
    store.campaigns().update(campaign, &longer).expect("extended");
    let jan = snapshot(dir.path(), "jan.csv", &[("2027-01", e, "离网", "300")]);
    assert_eq!(import(&store, &jan, campaign).counts.left, 1, "leaving again after being retained is a new warning");
    let feb = snapshot(dir.path(), "feb.csv", &[("2027-02", e, "在网", "300"), ("2027-03", e, "离网", "300")]);
    assert_eq!(import(&store, &feb, campaign).counts.left, 0, "while a left warning is open, leaving again adds no second one");
}

#[test]
fn ownership_follows_the_clients_account_manager_and_the_workflow_is_logged() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, k) = setup(dir.path(), 2);
    let (client, number) = (k[0].0, k[0].1.clone());
    let file = snapshot(dir.path(), "s.csv", &[("202610", &number, "在网", "800"), ("202611", &number, "离网", "800")]);
    import(&store, &file, campaign);
    let warning = open(&store, campaign, &k).pop().expect("warning");
    let detail = store.clients().get(client).expect("client");
    assert_eq!(warning.owner_id, detail.row.account_manager_id, "owned by the client's account manager");

    let other = store
        .org()
        .people()
        .expect("people")
        .into_iter()
        .find(|p| Some(p.id) != detail.row.account_manager_id && p.is_account_manager)
        .expect("another manager");
    let input = ClientInput { account_manager_id: Some(other.id), ..detail.to_input() };
    store.clients().update(client, &input, &by(day(11, 22).and_hms_opt(9, 0, 0).expect("t"))).expect("new manager");
    let moved = store.warnings().get(warning.id, day(11, 22)).expect("warning");
    assert_eq!(moved.owner.as_deref(), Some(other.name.as_str()), "the new manager owns it now");
    let queue = store
        .warnings()
        .list(campaign, &WarningFilter { owner_id: Some(other.id), open_only: true, ..Default::default() }, day(11, 22))
        .expect("queue");
    assert!(queue.iter().any(|w| w.id == warning.id), "and it is in their queue");

    let lost_before = store.warnings().summary(campaign).expect("summary").lost;
    let t = day(11, 23).and_hms_opt(10, 0, 0).expect("t");
    let contacted =
        store.warnings().set_status(warning.id, WarningStatus::Contacted, "已电话沟通", day(11, 23), &by(t)).expect("contacted");
    assert_eq!(
        contacted.next_statuses,
        vec![WarningStatus::Retained, WarningStatus::Lost],
        "the row says where the workflow lets it go next, so the UI offers only those moves"
    );
    assert_eq!(contacted.contacted_on, Some(day(11, 23)));
    assert!(store.warnings().set_status(warning.id, WarningStatus::ToContact, "", day(11, 23), &by(t)).is_err(), "no way back to 待联系");
    assert!(store.warnings().set_status(warning.id, WarningStatus::Lost, "", day(11, 24), &by(t)).is_err(), "lost needs a reason");
    let lost = store.warnings().set_status(warning.id, WarningStatus::Lost, "竞争对手低价", day(11, 24), &by(t)).expect("lost");
    assert_eq!((lost.closed_on, lost.note.as_str()), (Some(day(11, 24)), "竞争对手低价"));
    let log = store.warnings().history(warning.id).expect("log");
    assert_eq!(log.iter().map(|l| l.to).collect::<Vec<_>>(), [WarningStatus::Contacted, WarningStatus::Lost]);
    let summary = store.warnings().summary(campaign).expect("summary");
    assert_eq!(summary.lost, lost_before + 1, "one more lost");
    let closed = summary.retained + summary.lost;
    assert_eq!(
        summary.retention_bp,
        Some((summary.retained * 20_000 + closed) / (2 * closed)),
        "retained out of closed, to the nearest basis point"
    );
}

#[test]
fn a_bad_file_names_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, k) = setup(dir.path(), 1);
    let good = k[0].1.as_str();
    let file = snapshot(
        dir.path(),
        "bad.csv",
        &[
            ("202610", good, "在网", "100"),
            ("2026-13", good, "在网", "100"),
            ("202611", "NO-SUCH", "在网", "100"),
            ("202611", good, "也许", "abc"),
        ],
    );
    let report = import_snapshots(&store, &file, campaign, false, day(11, 22)).expect("read");
    let at = |line: u64, column: &str| report.problems.iter().any(|p| p.line == line && p.column == column);
    assert!(at(4, "账期") && at(5, "合同号") && at(6, "在网") && at(6, "当前资费"), "{:?}", report.problems);
    assert!(!report.written);
    let retry = snapshot(dir.path(), "ok.csv", &[("202610", good, "在网", "100")]);
    assert_eq!(import(&store, &retry, campaign).counts.baselines, 1, "the good row was not written by the bad file");
}

#[test]
fn the_threshold_is_a_setting_and_key_person_changes_are_listed() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, k) = setup(dir.path(), 1);
    assert_eq!(store.warnings().threshold(campaign).expect("default"), 1_000, "10 % by default");
    store.warnings().set_threshold(campaign, 2_000).expect("20 %");
    assert!(store.warnings().set_threshold(campaign, 0).is_err());
    let file = snapshot(dir.path(), "s.csv", &[("202610", &k[0].1, "在网", "500"), ("202611", &k[0].1, "在网", "420")]);
    assert_eq!(import(&store, &file, campaign).counts.downgrade, 0, "16 % is under a 20 % threshold");

    let t = day(11, 20).and_hms_opt(9, 0, 0).expect("t");
    store.key_people().record_change(k[0].0, ("赵主任", "13900000000"), day(11, 18), "原关键人退休", &by(t)).expect("record");
    assert_eq!(store.clients().get(k[0].0).expect("client").key_person, "赵主任", "the client's record is kept current");
    let recent = store.key_people().changes(campaign, day(11, 1)).expect("recent");
    let mine = recent.iter().find(|c| c.client_id == k[0].0 && c.new_name == "赵主任").expect("listed among recent changes");
    assert_eq!((mine.new_name.as_str(), mine.changed_on), ("赵主任", day(11, 18)));
    assert!(recent.windows(2).all(|w| w[0].changed_on >= w[1].changed_on), "latest first");
    let later = store.key_people().changes(campaign, day(11, 19)).expect("later");
    assert!(later.iter().all(|c| c.new_name != "赵主任"), "older changes drop out of 'recent'");
}

#[test]
fn a_blank_tariff_is_a_problem_on_its_line_not_a_fall_to_zero() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, k) = setup(dir.path(), 1);
    let number = k[0].1.as_str();
    import(&store, &snapshot(dir.path(), "oct.csv", &[("202610", number, "在网", "500")]), campaign);
    let nov = snapshot(dir.path(), "nov.csv", &[("202611", number, "在网", "")]);
    let report = import_snapshots(&store, &nov, campaign, false, day(11, 22)).expect("read");
    assert!(!report.written, "a file with a problem changes nothing");
    assert_eq!(
        report.problems.iter().map(|p| (p.line, p.column.as_str())).collect::<Vec<_>>(),
        [(3, "当前资费")],
        "the blank tariff is named by line and column (line 1 is the title, 2 the header)"
    );
    assert!(open(&store, campaign, &k).is_empty(), "no false 资费下降 500 → 0 is raised");
}

/// A contract of `client` with its own number and monthly fee, so each erosion case starts
/// from a history of its own.
fn contract(store: &Store, client: rampart_core::domain::ids::ClientId, number: &str, fee_yuan: i64) -> String {
    let k = rampart_core::domain::client::NewContract {
        number: number.into(),
        product_type: ProductType::Broadband,
        monthly_fee: rampart_core::Money::from_yuan(fee_yuan),
        dec_fee: rampart_core::Money::from_yuan(fee_yuan),
        term_months: 12,
        end_date: None,
        fiber_to_premises: false,
    };
    store.clients().add_contract(client, &k).expect("contract");
    number.into()
}

/// The downgrade warnings (open or not) of one contract, oldest first.
fn downgrades(store: &Store, campaign: CampaignId, number: &str) -> Vec<rampart_core::domain::warning::Warning> {
    let all = store.warnings().list(campaign, &WarningFilter::default(), day(11, 22)).expect("warnings");
    all.into_iter().filter(|w| w.contract == number && w.reason == WarningReason::Downgrade).collect()
}

const EROSION: [(&str, &str); 6] =
    [("2026-03", "500"), ("2026-04", "450.01"), ("2026-05", "415"), ("2026-06", "380"), ("2026-07", "345"), ("2026-08", "315")];

#[test]
fn a_slow_erosion_is_caught_against_the_recent_peak_or_the_contract_fee() {
    use rampart_core::domain::warning::{ErosionBasis, ErosionSettings, WarningComparison};
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign, k) = setup(dir.path(), 1);
    let client = k[0].0;
    // A year-long campaign, so half a year of bills fits inside it.
    let c = store.campaigns().get(campaign).expect("campaign");
    let year = rampart_core::domain::CampaignInput {
        name: c.name,
        theme: c.theme,
        start_date: day(1, 1),
        end_date: day(12, 31),
        status: c.status,
        subsidy_budget: c.subsidy_budget,
        goals: c.goals,
    };
    store.campaigns().update(campaign, &year).expect("a year");
    assert_eq!(store.warnings().erosion(campaign).expect("erosion"), ErosionSettings::default(), "a campaign starts with the 6-month peak");

    // 500 → 450.01 → 415 → 380 → 345 → 315: no month falls 10 % on the one before, yet the
    // tariff lost 37 %. Against the six-month peak it is caught the first month it is 10 %
    // under 500, and stays one open warning while it keeps eroding.
    let peak = contract(&store, client, "EROSION-PEAK", 0);
    let rows: Vec<(&str, &str, &str, &str)> = EROSION.iter().map(|(p, t)| (*p, peak.as_str(), "在网", *t)).collect();
    let counts = import(&store, &snapshot(dir.path(), "peak.csv", &rows[..3]), campaign).counts;
    assert_eq!(counts.downgrade, 1, "one erosion raises one warning");
    // Retained at the lower tariff: the months it stays down (and keeps sliding) raise nothing new.
    let first = downgrades(&store, campaign, &peak)[0].id;
    let t = day(11, 20).and_hms_opt(9, 0, 0).expect("t");
    store.warnings().set_status(first, WarningStatus::Retained, "已挽留，资费保持", day(11, 20), &by(t)).expect("retained");
    assert_eq!(import(&store, &snapshot(dir.path(), "peak-rest.csv", &rows[3..]), campaign).counts.downgrade, 0);
    let raised = downgrades(&store, campaign, &peak);
    assert_eq!(raised.len(), 1, "{raised:?}");
    let w = &raised[0];
    assert_eq!(
        (w.period.as_str(), w.comparison),
        ("2026-05", WarningComparison::Peak),
        "raised at 415, the first month 10 % under the peak of 500"
    );
    assert_eq!((w.previous_period.as_ref().map(|p| p.as_str()), w.before.tariff), (Some("2026-03"), rampart_core::Money::from_yuan(500)));
    assert_eq!(w.evidence(Lang::Zh), "较近期最高 2026-03 500.00 元 → 2026-05 415.00 元");
    assert_eq!(w.evidence(Lang::En), "vs recent peak 2026-03 ¥500.00 → 2026-05 ¥415.00");

    // The same erosion against the contract's fee of 500 on record.
    store.warnings().set_erosion(campaign, &ErosionSettings { basis: ErosionBasis::Baseline, window_months: 6 }).expect("baseline");
    let fee = contract(&store, client, "EROSION-FEE", 500);
    let rows: Vec<(&str, &str, &str, &str)> = EROSION.iter().map(|(p, t)| (*p, fee.as_str(), "在网", *t)).collect();
    import(&store, &snapshot(dir.path(), "fee.csv", &rows), campaign);
    let raised = downgrades(&store, campaign, &fee);
    assert_eq!(raised.len(), 1, "{raised:?}");
    assert_eq!(
        (raised[0].period.as_str(), raised[0].comparison, raised[0].previous_period.clone()),
        ("2026-05", WarningComparison::Baseline, None)
    );
    assert_eq!(raised[0].evidence(Lang::Zh), "较合同资费 500.00 元 → 2026-05 415.00 元", "the fee has no period");
    // With no fee on record there is nothing to compare with but the previous month.
    let unknown = contract(&store, client, "EROSION-NOFEE", 0);
    let rows: Vec<(&str, &str, &str, &str)> = EROSION.iter().map(|(p, t)| (*p, unknown.as_str(), "在网", *t)).collect();
    import(&store, &snapshot(dir.path(), "nofee.csv", &rows), campaign);
    assert!(downgrades(&store, campaign, &unknown).is_empty(), "a fee of 0 is unknown, not a basis");

    // A one-month window holds only the previous month: the old peak is out of it.
    store.warnings().set_erosion(campaign, &ErosionSettings { basis: ErosionBasis::Peak, window_months: 1 }).expect("window");
    let short = contract(&store, client, "EROSION-SHORT", 0);
    let rows: Vec<(&str, &str, &str, &str)> = EROSION.iter().map(|(p, t)| (*p, short.as_str(), "在网", *t)).collect();
    import(&store, &snapshot(dir.path(), "short.csv", &rows), campaign);
    assert!(downgrades(&store, campaign, &short).is_empty(), "a window that leaves out the peak of 500 raises nothing");
    let refused =
        store.warnings().set_erosion(campaign, &ErosionSettings { basis: ErosionBasis::Peak, window_months: 0 }).expect_err("0 months");
    assert!(refused.message_zh().contains("近期最高的月数") && refused.message_zh().contains("1 到 36"), "{}", refused.message_zh());
    assert!(refused.message_en().contains("Months of the recent peak"), "{}", refused.message_en());

    // A fall on the previous month is still one, and says so.
    store.warnings().set_erosion(campaign, &ErosionSettings::default()).expect("back to the peak");
    let sharp = contract(&store, client, "EROSION-SHARP", 0);
    let rows = [("2026-03", sharp.as_str(), "在网", "500"), ("2026-04", sharp.as_str(), "在网", "400")];
    import(&store, &snapshot(dir.path(), "sharp.csv", &rows), campaign);
    let raised = downgrades(&store, campaign, &sharp);
    assert_eq!(
        raised.iter().map(|w| w.comparison).collect::<Vec<_>>(),
        [WarningComparison::Previous],
        "both show it: the previous month names it"
    );
    assert_eq!(raised[0].evidence(Lang::Zh), "较上月 2026-03 500.00 元 → 2026-04 400.00 元");

    // The file on disk is a real SQLite database: reopened, the evidence is still there.
    drop(store);
    let store = Store::open(&dir.path().join("rampart.db")).expect("reopen");
    assert_eq!(downgrades(&store, campaign, &peak)[0].comparison, WarningComparison::Peak, "the comparison is stored with the warning");
}
