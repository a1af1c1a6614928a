//! Undoing a client import on a real file never removes later work: with a warning raised on
//! an imported contract, a plan on an imported client, or an updated client edited since, the
//! undo is refused, names what depends on the import, and leaves the file byte for byte as it
//! was. With nothing resting on it, the undo restores what the import changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rampart_core::domain::ids::CampaignId;
use rampart_core::domain::plan::By;
use rampart_core::domain::ClientQuery;
use rampart_core::import::snapshots::import_snapshots;
use rampart_core::import::{import_clients, ImportOptions};
use rampart_core::store::imports::LaterKind;
use rampart_core::{demo, Error, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("date")
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).expect("time")
}

fn import(store: &Store, path: &Path, campaign: Option<CampaignId>) {
    let options = ImportOptions { campaign_id: campaign, dry_run: false, mapping: HashMap::new(), author: "王策划".into(), now: now() };
    let report = import_clients(store, path, &options, &mut |_| true).expect("import");
    assert!(report.problems.is_empty() && report.written, "a clean file is written: {:?}", report.problems);
}

fn csv(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// The demo campaign, then an import of two new clients with a broadband contract each,
/// made targets of the campaign. Returns the store and the campaign.
fn imported(dir: &Path) -> (Store, CampaignId) {
    let store = Store::open(&dir.join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, today()).expect("demo");
    let file = csv(
        dir,
        "新客户.csv",
        "客户编码,客户名称,客户类别,客户等级,合同号,产品类型,月费\n\
         GW901,新客户甲,中小企业,C,HT901,宽带,500\n\
         GW902,新客户乙,校园,B,HT902,宽带,300\n",
    );
    import(&store, &file, Some(campaign));
    (store, campaign)
}

fn undo_refused(store: &Store) -> (Error, Vec<LaterKind>) {
    match store.imports().undo_last(now()) {
        Err(err @ Error::UndoBlocked { .. }) => {
            let Error::UndoBlocked { later, .. } = &err else { unreachable!() };
            let kinds = later.iter().map(|w| w.kind).collect();
            (err, kinds)
        }
        other => panic!("undo must be refused while later work rests on the import, got {other:?}"),
    }
}

#[test]
fn a_warning_on_an_imported_contract_blocks_the_undo_and_the_file_is_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("rampart.db");
    {
        let (store, campaign) = imported(dir.path());
        let oct = csv(dir.path(), "oct.csv", "账期,合同号,在网,当前资费\n202610,HT901,在网,500\n");
        let nov = csv(dir.path(), "nov.csv", "账期,合同号,在网,当前资费\n202611,HT901,离网,0\n");
        for file in [&oct, &nov] {
            let report = import_snapshots(&store, file, campaign, false, today()).expect("snapshots");
            assert!(report.problems.is_empty(), "{:?}", report.problems);
        }
        let warnings = store.warnings().list(campaign, &Default::default(), today()).expect("warnings");
        let warning = warnings.iter().find(|w| w.contract == "HT901").expect("HT901 left the network: a warning");
        let by = By { author: "李经理".into(), at: now() };
        store
            .warnings()
            .set_status(warning.id, rampart_core::domain::warning::WarningStatus::Contacted, "已联系", today(), &by)
            .expect("worked on");
    }
    let before = std::fs::read(&db).expect("read");

    let store = Store::open(&db).expect("reopen");
    let (err, kinds) = undo_refused(&store);
    assert_eq!(err.code(), "undo_blocked");
    assert!(err.is_user_error(), "the planner resolves it (exit 2), nothing is broken");
    assert_eq!(kinds, [LaterKind::Warnings, LaterKind::BillingSnapshots], "the warning and the snapshots that raised it are named");
    let (zh, en) = (err.message_zh(), err.message_en());
    assert!(zh.contains("新客户.csv") && zh.contains("1 条宽带预警（含处理记录）（合同 HT901）"), "its churn warning: {zh}");
    assert!(en.contains("1 warning (with its history) (contract HT901)") && en.contains("2 billing snapshots"), "{en}");
    assert!(
        store.clients().id_by_code("GW901").expect("q").is_some() && store.imports().batches().expect("b")[0].undone_at.is_none(),
        "nothing was undone"
    );
    drop(store);
    assert!(std::fs::read(&db).expect("read") == before, "a refused undo leaves the database byte for byte as it was");
}

#[test]
fn a_plan_or_a_later_contract_on_an_imported_client_blocks_the_undo() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, campaign) = imported(dir.path());
    let client = store.clients().id_by_code("GW902").expect("q").expect("imported");
    store.plans().create(campaign, client, "续约", &By { author: "王策划".into(), at: now() }).expect("plan");
    let contract = rampart_core::store::clients::NewContract {
        number: "HT999".into(),
        product_type: rampart_core::domain::ProductType::Mobile,
        monthly_fee: rampart_core::Money::from_fen(100),
        dec_fee: rampart_core::Money::from_fen(100),
        term_months: 12,
        end_date: None,
        fiber_to_premises: false,
    };
    store.clients().add_contract(client, &contract).expect("contract");

    let (err, kinds) = undo_refused(&store);
    assert_eq!(kinds, [LaterKind::Plans, LaterKind::Contracts], "{}", err.message_en());
    assert!(err.message_en().contains("1 service plan (client GW902)"), "{}", err.message_en());
    assert!(err.message_en().contains("1 contract added later (contract HT999)"), "{}", err.message_en());
    assert!(store.clients().get(client).is_ok(), "the client and its plan stay");
}

#[test]
fn an_updated_client_edited_since_blocks_the_undo_and_an_untouched_one_is_restored() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("rampart.db")).expect("store");
    let header = "客户编码,客户名称,客户类别,客户等级,行业\n";
    import(&store, &csv(dir.path(), "one.csv", &format!("{header}GW1,原名称,中小企业,C,商贸\nGW2,乙,中小企业,C,商贸\n")), None);
    let two = format!("{header}GW1,新名称,中小企业,C,教育\nGW2,乙改,中小企业,B,\n");
    import(&store, &csv(dir.path(), "two.csv", &two), None);

    let gw2 = store.clients().id_by_code("GW2").expect("q").expect("GW2");
    let mut edit = store.clients().get(gw2).expect("c").to_input();
    edit.key_person = "张主任".into();
    store.clients().update(gw2, &edit, &By { author: "planner".into(), at: now() }).expect("edit");
    let (err, kinds) = undo_refused(&store);
    assert_eq!(kinds, [LaterKind::EditedClients], "restoring GW2 would overwrite its new key person");
    assert!(err.message_zh().contains("1 个导入后又修改过的客户（客户 GW2）"), "{}", err.message_zh());

    // Put GW2 back exactly as the import left it: nothing rests on the import any more.
    edit.key_person = String::new();
    store.clients().update(gw2, &edit, &By { author: "planner".into(), at: now() }).expect("edit back");
    let undone = store.imports().undo_last(now()).expect("undo");
    assert_eq!(undone.file, "two.csv");
    let gw1 = store.clients().get(store.clients().id_by_code("GW1").expect("q").expect("GW1")).expect("c");
    assert_eq!((gw1.row.name.as_str(), gw1.row.industry.as_str()), ("原名称", "商贸"), "the values before the import");
    let gw2 = store.clients().get(gw2).expect("c");
    assert_eq!((gw2.row.name.as_str(), gw2.row.tier.code()), ("乙", "C"));
    assert_eq!(store.clients().page(&ClientQuery::default()).expect("q").total, 2);
    assert!(store.integrity_ok().expect("check"));
}

#[test]
fn a_key_person_changed_by_an_import_is_logged_as_the_imports_and_its_undo_takes_the_line_back() {
    use rampart_core::domain::warning::KeyPersonSource;
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("rampart.db")).expect("store");
    let campaign = demo::seed_demo(&store, today()).expect("demo");
    let header = "客户编码,客户名称,客户类别,客户等级,关键人,关键人电话\n";
    import(&store, &csv(dir.path(), "first.csv", &format!("{header}GW7,关键人客户,中小企业,C,钱主任,13800000001\n")), Some(campaign));
    let since = today() - chrono::Days::new(30);
    let mine = |store: &Store| -> Vec<rampart_core::domain::warning::KeyPersonChange> {
        store.key_people().changes(campaign, since).expect("changes").into_iter().filter(|c| c.client_code == "GW7").collect()
    };
    assert!(mine(&store).is_empty(), "a new client's first key person is not a change");

    import(&store, &csv(dir.path(), "second.csv", &format!("{header}GW7,关键人客户,中小企业,C,孙主任,13900000002\n")), Some(campaign));
    let logged = mine(&store);
    assert_eq!(logged.len(), 1, "the import's change of key person is in the 关键人异动 log: {logged:?}");
    let line = &logged[0];
    assert_eq!(line.source, KeyPersonSource::Import, "it says it came from an import");
    assert_eq!(
        (line.author.as_str(), line.changed_on, line.note.as_str()),
        ("王策划", today(), "second.csv"),
        "the import's author, day and file"
    );
    assert_eq!((line.old_name.as_str(), line.new_name.as_str(), line.new_phone.as_str()), ("钱主任", "孙主任", "13900000002"));

    // The form logs its own, marked as such.
    let gw7 = store.clients().id_by_code("GW7").expect("q").expect("GW7");
    let undone = store.imports().undo_last(now()).expect("undo the second import");
    assert_eq!(undone.file, "second.csv");
    assert!(mine(&store).is_empty(), "undoing the import takes its key-person line back out");
    assert_eq!(store.clients().get(gw7).expect("c").key_person, "钱主任", "and the key person it replaced is back");
    store.key_people().record_change(gw7, ("李主任", ""), today(), "换届", &By { author: "王策划".into(), at: now() }).expect("form");
    assert_eq!(mine(&store).iter().map(|c| c.source).collect::<Vec<_>>(), [KeyPersonSource::Form], "the form's line says so");
    assert!(store.integrity_ok().expect("check"));
}
