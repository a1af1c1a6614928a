//! The client list as filtered, exported whole and read back by a second reader (calamine); and
//! an edited rate table's effect previewed without being saved.

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;
use rampart_core::basis_points::BasisPoints;
use rampart_core::domain::tracker::Lang;
use rampart_core::domain::{ClientQuery, RiskFilter};
use rampart_core::export::client_list::write_client_list;
use rampart_core::{demo, Error, Store};

fn open() -> (tempfile::TempDir, Store, rampart_core::domain::ids::CampaignId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("list.db")).expect("open");
    let campaign = demo::seed_demo(&store, NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")).expect("demo");
    (dir, store, campaign)
}

fn rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("the export opens in a second reader");
    let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
    sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f:.2}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_filtered_list_is_exported_whole_in_its_order_not_just_the_page_shown() {
    let (dir, store, campaign) = open();
    // A page of 5 on screen; the export ignores the page and writes every match.
    let query = ClientQuery {
        campaign_id: Some(campaign),
        risk: Some(RiskFilter::Any),
        limit: 5,
        offset: 5,
        descending: true,
        ..Default::default()
    };
    let total = store.clients().page(&query).expect("page").total;
    assert!(total > 10, "the demo has more high-risk targets than one small page");
    let path = dir.path().join("高风险客户");
    let mut heard = 0;
    let written = write_client_list(&store, &query, &path, Lang::Zh, &mut |n| {
        heard = n;
        true
    })
    .expect("export");
    assert_eq!(written as i64, total, "every matching client is written");
    assert_eq!(heard, written, "the last progress report is the whole count");
    let sheet = rows(&dir.path().join("高风险客户.xlsx"));
    assert_eq!(sheet[0][0], "客户编码", "headers in the language asked for");
    assert_eq!(sheet.len() as i64, total + 1, "one row per client under the header");
    let codes: Vec<&String> = sheet[1..].iter().map(|r| &r[0]).collect();
    let mut sorted = codes.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(codes, sorted, "the list's order (code, descending) is kept");
    assert!(sheet[1..].iter().all(|r| !r[9].is_empty()), "each high-risk client lists its reasons in words");
}

#[test]
fn a_stopped_export_leaves_no_file() {
    let (dir, store, campaign) = open();
    let path = dir.path().join("stopped.xlsx");
    let query = ClientQuery { campaign_id: Some(campaign), ..Default::default() };
    let result = write_client_list(&store, &query, &path, Lang::En, &mut |_| false);
    assert!(matches!(result, Err(Error::Cancelled)), "a refusal from progress stops the export: {result:?}");
    assert!(!path.exists(), "nothing is left under the chosen name");
    assert!(!dir.path().join("stopped.xlsx.partial").exists(), "nor a partial file beside it");
}

#[test]
fn an_edited_rate_table_is_previewed_without_being_saved_and_refused_by_cell_when_out_of_range() {
    let (_dir, store, campaign) = open();
    let saved = store.rule_sets().current(campaign).expect("rules");
    let mut edited = saved.table.clone();
    let row = &mut edited.rates[0];
    row.default_bp = BasisPoints((row.default_bp.0 + 500).min(row.max_bp.0));
    let preview = store.subsidies().preview_rules(campaign, &edited).expect("preview");
    assert_eq!(preview.current, store.subsidies().totals(campaign).expect("totals"), "the current side is the saved plan's");
    assert!(preview.proposed.total >= preview.current.total, "a higher default rate does not lower the total");
    assert_eq!(store.rule_sets().current(campaign).expect("rules").id, saved.id, "previewing saves nothing");

    let mut out_of_range = saved.table.clone();
    out_of_range.rates[0].default_bp = BasisPoints(out_of_range.rates[0].max_bp.0 + 1_000);
    match store.subsidies().preview_rules(campaign, &out_of_range) {
        Err(Error::Validation(fields)) => assert!(fields.iter().any(|f| f.field == "rates.0.default_bp"), "the cell is named: {fields:?}"),
        other => panic!("a rate above its maximum must be refused, got {other:?}"),
    }
}
