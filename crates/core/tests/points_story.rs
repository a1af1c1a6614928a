//! Loyalty points on a real database: members imported per billing period, each period
//! computed by the appendix's rules (spend points, one-off bonuses by the 平均赠送 rule, levels
//! from the import or the thresholds), recomputed without granting anything twice, locked,
//! redeemed against, and expired.

mod support;

use chrono::NaiveDateTime;
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::point_ledger::PoolKind;
use rampart_core::domain::warning::BillingPeriod;
use rampart_core::import::members::import_members;
use rampart_core::{Error, Store};
use support::kpi_fixture::kpi_store;

const C: CampaignId = CampaignId(1);

fn by() -> By {
    By { author: "积分管理员".into(), at: NaiveDateTime::parse_from_str("2026-12-02 09:00", "%Y-%m-%d %H:%M").expect("moment") }
}

/// A day after every period the tests compute: tenure counts to each period's end.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2027, 3, 1).expect("day")
}

fn period(p: &str) -> BillingPeriod {
    BillingPeriod::parse(p).expect("period")
}

fn import(store: &Store, dir: &tempfile::TempDir, name: &str, text: &str) -> rampart_core::import::members::MemberImportReport {
    let file = dir.path().join(name);
    std::fs::write(&file, text).expect("file");
    import_members(store, &file, C, false).expect("import")
}

/// (member number, balance, tenure bonus, level bonus) of a computed period.
fn row(store: &Store, p: &str, number: &str) -> rampart_core::store::points::MemberRow {
    let page = store.points().page(C, &period(p), number, 10, 0).expect("page");
    page.rows.into_iter().find(|r| r.member == number).unwrap_or_else(|| panic!("{number} in {p}"))
}

#[test]
fn the_appendix_example_band_edges_and_a_bonus_granted_once() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    // Three members 17 months in by 30 Nov (13–24: 20 %), spends 100, 200 and 600; and members
    // exactly at the band edges: 6 and 7, 12 and 13, 60 and 61 months.
    let file = "号码,客户编码,姓名,入网日期,会员级别,账期,消费金额\n\
        13900000001,C1,甲,2025-06-15,贵宾卡,2026-11,100\n\
        13900000002,,乙,2025-06-15,贵宾卡,2026-11,200\n\
        13900000003,,丙,2025-06-15,贵宾卡,202611,600.00\n\
        13900000006,,六,2026-05-30,贵宾卡,2026-11,50\n\
        13900000007,,七,2026-04-30,贵宾卡,2026-11,50\n\
        13900000012,,十二,2025-11-30,贵宾卡,2026-11,50\n\
        13900000013,,十三,2025-10-31,贵宾卡,2026-11,50\n\
        13900000060,,六十,2021-11-30,贵宾卡,2026-11,50\n\
        13900000061,,六一,2021-10-31,贵宾卡,2026-11,50\n";
    let report = import(&store, &dir, "members.csv", file);
    assert!(report.written && report.written_rows == 9, "{:?}", report.problems);
    assert_eq!(report.periods, ["2026-11"]);

    let summary = store.points().compute(C, &period("2026-11"), today(), &by()).expect("compute");
    assert_eq!(summary.members, 9);
    let pool = summary.pools.iter().find(|p| p.kind == PoolKind::Tenure && p.key == "13–24").expect("the 13–24 pool");
    // 13–24 holds the three and the member at exactly 13 months.
    assert_eq!(pool.qualifying, 4, "{pool:?}");
    assert_eq!(pool.average_spend.fen(), (100 + 200 + 600 + 50) * 100 / 4, "the average of all who qualify, shown to check by hand");
    let each = pool.bonus_points;
    assert_eq!(each, 950 * 20 / 100 / 4, "20 % of the average: {each}");
    for n in ["13900000001", "13900000002", "13900000003", "13900000013"] {
        assert_eq!(row(&store, "2026-11", n).tenure_bonus, each, "{n} gets the same bonus as every other qualifier");
    }
    assert_eq!(row(&store, "2026-11", "13900000003").spend_points, 600, "one point per 元");
    let bonus = |n: &str| row(&store, "2026-11", n).tenure_bonus;
    assert_eq!(bonus("13900000006"), 0, "6 months: none");
    assert!(bonus("13900000007") > 0, "7 months: 7–12");
    assert_eq!(row(&store, "2026-11", "13900000012").tenure_months, 12);
    let pool_of = |key: &str| summary.pools.iter().find(|p| p.key == key).map(|p| p.qualifying);
    assert_eq!(pool_of("7–12"), Some(2), "7 and 12 months are both 7–12");
    assert_eq!(pool_of("49–60"), Some(1), "60 months is 49–60");
    assert_eq!(pool_of("61+"), Some(1), "61 months is 61+");

    // Recomputing the period gives the same; the next period grants no band already had.
    let again = store.points().compute(C, &period("2026-11"), today(), &by()).expect("recompute");
    assert_eq!((again.tenure_bonus, again.spend_points), (summary.tenure_bonus, summary.spend_points), "recomputing is idempotent");
    let december = file.replace("2026-11,", "2026-12,").replace("202611,", "2026-12,");
    assert!(import(&store, &dir, "december.csv", &december).written);
    store.points().compute(C, &period("2026-12"), today(), &by()).expect("december");
    assert_eq!(row(&store, "2026-12", "13900000001").tenure_bonus, 0, "13–24 was granted in November: never again");
    assert!(row(&store, "2026-12", "13900000012").tenure_bonus > 0, "12 → 13 months in December: a new band, a new bonus");
    assert_eq!(row(&store, "2026-12", "13900000006").tenure_months, 7);
    assert!(row(&store, "2026-12", "13900000006").tenure_bonus > 0, "6 → 7 months crosses into 7–12");
    let balance = row(&store, "2026-12", "13900000003").balance;
    assert_eq!(balance, 600 + each + 600, "balances add the periods up");
    // November recomputed after December still grants nothing December's bonuses cover twice.
    store.points().compute(C, &period("2026-11"), today(), &by()).expect("recompute november");
    assert_eq!(row(&store, "2026-12", "13900000003").balance, balance, "recomputing an earlier period changes no balance");
}

#[test]
fn levels_go_up_and_down_and_each_level_bonus_is_granted_once() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let rows = |p: &str, a: &str, b: &str| {
        format!("号码,入网日期,会员级别,账期,消费金额\n13800000001,2026-10-01,{a},{p},300\n13800000002,2026-10-01,{b},{p},100\n")
    };
    assert!(import(&store, &dir, "11.csv", &rows("2026-11", "银卡", "")).written);
    assert!(import(&store, &dir, "12.csv", &rows("2026-12", "金卡", "")).written);
    assert!(import(&store, &dir, "01.csv", &rows("2027-01", "银卡", "")).written);
    for p in ["2026-11", "2026-12", "2027-01"] {
        store.points().compute(C, &period(p), today(), &by()).expect("compute");
    }
    let a = |p: &str| row(&store, p, "13800000001");
    assert_eq!((a("2026-11").level.as_str(), a("2026-11").level_bonus), ("silver", 30), "银卡 10 % of 300");
    assert_eq!((a("2026-12").level.as_str(), a("2026-12").level_bonus), ("gold", 60), "up to 金卡: 20 %");
    assert_eq!((a("2027-01").level.as_str(), a("2027-01").level_bonus), ("silver", 0), "down to 银卡: its bonus was had");
    // Without an imported level the thresholds decide over the 12-month window: 100 a month
    // reaches 银卡 (600 元) in the sixth month only.
    let b = row(&store, "2027-01", "13800000002");
    assert_eq!(b.level, "vip", "300 元 over three months is below 银卡's 600 元");

    let statement = store.points().statement(C, a("2027-01").member_id).expect("statement");
    assert_eq!(statement.balance, a("2027-01").balance, "the statement ends on the balance");
    assert!(
        statement.entries.iter().any(|e| e.kind == "level_bonus"
            && e.reason_zh.contains("金卡")
            && e.reason_zh.contains("平均")
            && e.reason_en.contains("average")),
        "{:?}",
        statement.entries
    );
}

#[test]
fn a_locked_period_never_changes_and_redemptions_and_expiry_draw_on_the_balance() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    assert!(import(&store, &dir, "11.csv", "号码,入网日期,账期,消费金额\n13700000001,2026-10-01,2026-11,500\n").written);
    store.points().compute(C, &period("2026-11"), today(), &by()).expect("compute");
    let before = row(&store, "2026-11", "13700000001");
    store.points().set_locked(C, &period("2026-11"), true).expect("lock");
    let late = import(&store, &dir, "11b.csv", "号码,入网日期,账期,消费金额\n13700000001,2026-10-01,2026-11,900\n");
    assert!(!late.written && late.problems[0].column == "账期", "a locked period takes no more data: {:?}", late.problems);
    match store.points().compute(C, &period("2026-11"), today(), &by()) {
        Err(Error::Validation(f)) => assert_eq!(f[0].field, "period", "refused on the period"),
        other => panic!("a locked period is not recomputed: {other:?}"),
    }
    assert_eq!(row(&store, "2026-11", "13700000001"), before, "its points stand as locked");

    let member = before.member_id;
    match store.points().redeem(C, member, &period("2026-12"), before.balance + 1, "话费抵扣", &by()) {
        Err(Error::Validation(f)) => assert_eq!(f[0].field, "points", "no more than the balance"),
        other => panic!("{other:?}"),
    }
    let after = store.points().redeem(C, member, &period("2026-12"), 200, "话费抵扣", &by()).expect("redeem");
    assert_eq!(after.balance, before.balance - 200);

    // With a 1-month expiry, what November earned and was not redeemed expires in December.
    let mut scheme = store.points().scheme(C).expect("scheme");
    scheme.expiry_months = Some(1);
    store.points().set_scheme(C, &scheme, &by()).expect("scheme");
    assert!(import(&store, &dir, "12.csv", "号码,入网日期,账期,消费金额\n13700000001,2026-10-01,2026-12,100\n").written);
    store.points().compute(C, &period("2026-12"), today(), &by()).expect("december");
    let december = row(&store, "2026-12", "13700000001");
    assert_eq!(december.expired, before.balance - 200, "November's points less the redemption expire");
    assert_eq!((december.level.as_str(), december.level_bonus), ("silver", 10), "500 + 100 元 over the window reaches 银卡: 10 % of 100");
    assert_eq!(december.balance, 100 + 10, "December's own points are left");
}

#[test]
fn a_bad_row_names_its_line_and_column_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let store = kpi_store(&dir, "");
    let file = "号码,客户编码,入网日期,会员级别,账期,消费金额\n13600000001,C1,2026-10-01,金卡,2026-11,100\n13600000002,NOPE,2026-10-01,铜卡,2026-13,-5\n";
    let report = import(&store, &dir, "bad.csv", file);
    assert!(!report.written);
    let columns: Vec<&str> = report.problems.iter().map(|p| p.column.as_str()).collect();
    assert_eq!(columns, ["账期", "客户编码", "会员级别", "消费金额"], "{:?}", report.problems);
    assert!(report.problems.iter().all(|p| p.line == 3));
    assert!(store.points().periods(C).expect("periods").is_empty(), "all or nothing: the good row was not kept");
}
