//! The desktop shell: opens the store (the planner's database, never seeded with the demo: the
//! sample has a file of its own), lets the UI switch database files, and exposes thin async
//! commands to the UI. No SQL and no domain rules live here.

/// Every command the window may call, listed once. The list builds the invoke handler and the
/// generated TypeScript (ui/src/bindings.ts); tests check build.rs's permission list and the
/// capabilities against it. A macro because generic commands need their runtime spelled out.
macro_rules! command_list {
    ($runtime:path) => {
        tauri_specta::collect_commands![
            $crate::commands::app_info,
            $crate::commands::app_quit::<$runtime>,
            $crate::commands::set_language::<$runtime>,
            $crate::database_commands::db_new::<$runtime>,
            $crate::database_commands::db_open::<$runtime>,
            $crate::database_commands::db_open_recent::<$runtime>,
            $crate::database_commands::db_save_as::<$runtime>,
            $crate::database_commands::db_open_sample::<$runtime>,
            $crate::database_commands::db_recent,
            $crate::commands::campaigns_list,
            $crate::commands::campaign_create,
            $crate::commands::campaign_get,
            $crate::commands::campaign_update,
            $crate::commands::campaign_summary,
            $crate::commands::clients_page,
            $crate::commands::client_get,
            $crate::commands::client_create,
            $crate::commands::client_update,
            $crate::commands::client_delete,
            $crate::commands::teams_list,
            $crate::commands::people_list,
            $crate::org_commands::teams_overview,
            $crate::org_commands::people_overview,
            $crate::org_commands::team_create,
            $crate::org_commands::team_rename,
            $crate::org_commands::team_set_active,
            $crate::org_commands::team_merge,
            $crate::org_commands::person_create,
            $crate::org_commands::person_update,
            $crate::org_commands::person_merge,
            $crate::org_commands::people_duplicates,
            $crate::org_commands::reassign_preview,
            $crate::org_commands::reassign_apply,
            $crate::org_commands::org_log,
            $crate::subsidy_commands::subsidy_rules,
            $crate::subsidy_commands::subsidy_rules_save,
            $crate::subsidy_commands::subsidy_rules_preview,
            $crate::subsidy_commands::subsidy_history,
            $crate::subsidy_commands::subsidy_totals,
            $crate::subsidy_commands::subsidy_clients,
            $crate::subsidy_commands::subsidy_client,
            $crate::subsidy_commands::subsidy_override_set,
            $crate::subsidy_commands::subsidy_override_clear,
            $crate::subsidy_commands::scenarios_list,
            $crate::subsidy_commands::scenario_create,
            $crate::subsidy_commands::scenario_update,
            $crate::subsidy_commands::scenario_compare,
            $crate::subsidy_commands::scenario_adopt,
            $crate::subsidy_commands::scenario_discard,
            $crate::import_commands::import_pick_file::<$runtime>,
            $crate::import_commands::import_template_export,
            $crate::import_commands::import_inspect,
            $crate::import_commands::import_map_header,
            $crate::import_commands::import_run::<$runtime>,
            $crate::import_commands::import_cancel,
            $crate::import_commands::import_undo,
            $crate::import_commands::import_batches,
            $crate::import_commands::client_risks,
            $crate::import_commands::campaign_risk_save,
            $crate::plan_commands::plans_list,
            $crate::plan_commands::plan_get,
            $crate::plan_commands::plan_create,
            $crate::plan_commands::plans_create_many,
            $crate::plan_commands::plan_goal_save,
            $crate::plan_commands::plan_item_status,
            $crate::plan_commands::plan_item_update,
            $crate::plan_commands::plan_item_add,
            $crate::plan_commands::plan_item_delete,
            $crate::plan_commands::plan_item_restore,
            $crate::plan_commands::plan_delete,
            $crate::plan_commands::plan_restore,
            $crate::plan_commands::plan_log,
            $crate::plan_commands::plan_workload,
            $crate::plan_commands::plan_timeline,
            $crate::plan_commands::plan_template_get,
            $crate::plan_commands::plan_template_save,
            $crate::award_commands::awards_list,
            $crate::award_commands::award_save,
            $crate::award_commands::metrics_list,
            $crate::award_commands::achievement_add,
            $crate::award_commands::standings_get,
            $crate::award_commands::award_lock,
            $crate::award_commands::rank_history,
            $crate::award_commands::metric_add,
            $crate::award_commands::achievements_import,
            $crate::award_commands::incentive_budget_get,
            $crate::award_commands::incentive_budget_set,
            $crate::achievement_commands::achievements_list,
            $crate::achievement_commands::achievement_correct,
            $crate::achievement_commands::achievement_delete,
            $crate::achievement_commands::achievement_log,
            $crate::achievement_commands::achievement_rules,
            $crate::tracker_commands::tracker_pick_target::<$runtime>,
            $crate::tracker_commands::tracker_pick_returned::<$runtime>,
            $crate::tracker_commands::tracker_export::<$runtime>,
            $crate::tracker_commands::clients_export::<$runtime>,
            $crate::tracker_commands::tracker_apply,
            $crate::report_commands::report_pick_target::<$runtime>,
            $crate::report_commands::report_export::<$runtime>,
            $crate::visit_commands::visits_due,
            $crate::visit_commands::visits_load,
            $crate::visit_commands::visit_record,
            $crate::visit_commands::visit_ask,
            $crate::visit_commands::visits_list,
            $crate::visit_commands::contacts_list,
            $crate::visit_commands::contact_add,
            $crate::visit_commands::contact_update,
            $crate::visit_commands::contact_remove,
            $crate::visit_commands::contact_confirm,
            $crate::visit_commands::contact_history,
            $crate::visit_commands::key_persons_unconfirmed,
            $crate::visit_commands::client_vip_manager_set,
            $crate::service_commands::service_standards_list,
            $crate::service_commands::service_standard_save,
            $crate::service_commands::fibre_list,
            $crate::service_commands::fibre_counts,
            $crate::service_commands::fibre_set,
            $crate::service_commands::green_requests_list,
            $crate::service_commands::green_request_step,
            $crate::service_commands::green_rates,
            $crate::service_commands::service_calendar_get,
            $crate::service_commands::care_settings_get,
            $crate::service_commands::care_settings_save,
            $crate::service_commands::care_lines,
            $crate::service_commands::care_send_preview,
            $crate::service_commands::care_sent,
            $crate::service_commands::care_pick_target::<$runtime>,
            $crate::service_commands::care_send_export::<$runtime>,
            $crate::points_commands::points_scheme_get,
            $crate::points_commands::points_scheme_save,
            $crate::points_commands::points_import,
            $crate::points_commands::points_periods,
            $crate::points_commands::points_compute,
            $crate::points_commands::points_lock,
            $crate::points_commands::points_members,
            $crate::points_commands::points_statement,
            $crate::points_commands::points_redeem,
            $crate::warning_commands::warnings_list,
            $crate::warning_commands::warning_summary,
            $crate::warning_commands::warning_status,
            $crate::warning_commands::warning_log,
            $crate::warning_commands::warning_threshold_get,
            $crate::warning_commands::warning_threshold_save,
            $crate::warning_commands::warning_erosion_get,
            $crate::warning_commands::warning_erosion_save,
            $crate::warning_commands::snapshots_import,
            $crate::warning_commands::key_person_record,
            $crate::warning_commands::key_person_changes,
            $crate::team_commands::team_remembered,
            $crate::team_commands::team_login,
            $crate::team_commands::team_logout,
            $crate::team_commands::team_change_password,
            $crate::team_commands::team_campaigns,
            $crate::team_commands::team_clients,
            $crate::team_commands::team_client,
            $crate::team_commands::team_plan_items,
            $crate::team_commands::team_set_item_status,
            $crate::team_commands::team_warnings,
            $crate::team_commands::team_set_warning_status,
            $crate::team_commands::team_standings,
            $crate::team_commands::team_audit,
            $crate::team_commands::team_tracker_export,
            $crate::team_commands::team_tracker_apply,
            $crate::campaign_commands::campaign_pick_database::<$runtime>,
            $crate::campaign_commands::campaigns_in_file,
            $crate::campaign_commands::campaign_copy,
            $crate::campaign_commands::campaign_removal,
            $crate::campaign_commands::campaign_delete,
            $crate::campaign_commands::campaign_set_status,
            $crate::campaign_commands::campaign_archive,
            $crate::campaign_commands::campaign_teams_set,
            $crate::kpi_commands::goals_list,
            $crate::kpi_commands::goal_add,
            $crate::kpi_commands::goal_update,
            $crate::kpi_commands::goal_remove,
            $crate::kpi_commands::parts_list,
            $crate::kpi_commands::part_add,
            $crate::kpi_commands::part_update,
            $crate::kpi_commands::part_remove,
            $crate::kpi_commands::scope_choices,
            $crate::kpi_commands::skeleton_restore,
            $crate::kpi_commands::kpis_list,
            $crate::kpi_commands::kpi_add,
            $crate::kpi_commands::kpi_update,
            $crate::kpi_commands::kpi_remove,
            $crate::kpi_commands::kpi_metrics,
            $crate::kpi_commands::kpi_values,
            $crate::kpi_commands::kpi_value_set,
            $crate::kpi_commands::kpi_value_clear,
            $crate::kpi_commands::kpi_readings,
            $crate::dashboard_commands::dashboard,
        ]
    };
}

mod achievement_commands;
mod award_commands;
mod bindings;
mod campaign_commands;
mod commands;
mod dashboard_commands;
mod database_commands;
mod import_commands;
mod kpi_commands;
mod org_commands;
mod picked_files;
mod plan_commands;
mod points_commands;
#[cfg(test)]
mod recorded_answers;
mod report_commands;
mod search_index;
mod service_commands;
mod subsidy_commands;
mod team_commands;
mod tracker_commands;
mod visit_commands;
mod warning_commands;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rampart_core::store::{app_folder, default_db_path};
use rampart_core::{recent, sample, Store};
use tauri::Manager;

pub struct AppState {
    /// The open database. Commands that switch files replace it under the lock, so every command
    /// works on whichever file is open when it runs; the file's path is the store's own.
    pub store: Mutex<Store>,
    /// The recent-files list (JSON) and the sample database, both in the app's folder.
    pub recent: PathBuf,
    pub sample: PathBuf,
    /// Set by `import_cancel`; a running import checks it between batches of rows.
    pub cancel: std::sync::atomic::AtomicBool,
    /// The only files commands may read or write: those the user chose in a dialog.
    pub picked: picked_files::PickedFiles,
    /// Why the database named at start could not be opened, until the planner opens or makes
    /// another: the window shows it with those choices instead of the app quitting silently.
    pub start_failure: Mutex<Option<commands::StartFailure>>,
    /// The team server the window is logged in to (team mode), if any.
    pub team: team_commands::TeamConnection,
    /// Set while clients are being indexed for search in the background (search_index.rs).
    pub indexing: std::sync::atomic::AtomicBool,
}

impl AppState {
    /// The state for `store`, keeping the recent list and the sample in `folder`.
    pub fn new(store: Store, folder: &Path) -> AppState {
        AppState {
            store: Mutex::new(store),
            recent: folder.join(recent::FILE_NAME),
            sample: folder.join(sample::FILE_NAME),
            cancel: Default::default(),
            picked: Default::default(),
            start_failure: Default::default(),
            team: Default::default(),
            indexing: Default::default(),
        }
    }

    pub(crate) fn lock_store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock poisons it; the store itself is still consistent because
        // every write is one statement or one transaction, so carry on with it.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Who is making a change, for the history: the desktop has no login, so the OS user.
pub(crate) fn author() -> String {
    rampart_core::store::os_author("策划")
}

/// The shell reads the clock; the core is always told the time.
pub(crate) fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// `--db PATH` on the command line wins over `RAMPART_DB` and the data directory.
fn db_path_from_args() -> PathBuf {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == "--db").and_then(|i| args.get(i + 1)).map(PathBuf::from).unwrap_or_else(default_db_path)
}

/// The database named at start. A file that is there is opened only if it is a Rampart
/// database; a missing (or empty) one is made. The demo is never seeded into it: the welcome page
/// offers the sample instead.
fn open_store(path: &Path) -> Result<Store, rampart_core::Error> {
    if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
        Store::open_existing(path)
    } else {
        Store::open(path)
    }
}

pub fn run() {
    let db_path = db_path_from_args();
    let state = match open_store(&db_path) {
        Ok(store) => {
            let state = AppState::new(store, &app_folder());
            // The file named by --db, RAMPART_DB or the default counts as opened.
            if let Ok(info) = database_commands::describe(&state.lock_store()) {
                database_commands::remember(&state, &info);
            }
            state
        }
        Err(err) => match Store::open_in_memory() {
            // The window opens on an empty stand-in and says why, offering another file.
            Ok(stand_in) => {
                let state = AppState::new(stand_in, &app_folder());
                *state.start_failure.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(commands::StartFailure { db_path: db_path.display().to_string(), error: err.to_report() });
                state
            }
            Err(_) => {
                eprintln!(
                    "无法打开数据库 {}：{}\ncannot open database {}: {}",
                    db_path.display(),
                    err.message_zh(),
                    db_path.display(),
                    err.message_en()
                );
                std::process::exit(1);
            }
        },
    };
    let commands = bindings::builder::<tauri::Wry>(command_list!(tauri::Wry));
    let result = with_commands(tauri::Builder::default().plugin(tauri_plugin_dialog::init()), state, &commands)
        .setup(|app| {
            database_commands::retitle(app.handle(), &app.state::<AppState>());
            search_index::follow(app.handle());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Rampart could not start: {err}");
        std::process::exit(1);
    }
}

/// The state and every command, on the app's runtime or the mock one tests drive.
fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>, state: AppState, commands: &tauri_specta::Builder<R>) -> tauri::Builder<R> {
    builder.manage(state).invoke_handler(commands.invoke_handler())
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::Manager;

    use super::*;
    use crate::picked_files::Use;

    fn call(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(webview, request).map(|body| body.deserialize::<Value>().expect("json"))
    }

    #[test]
    fn commands_reach_only_files_the_user_picked_for_that_use() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("rampart.db")).expect("store");
        let state = AppState::new(store, dir.path());
        let commands = bindings::builder::<tauri::test::MockRuntime>(command_list!(tauri::test::MockRuntime));
        let app = with_commands(mock_builder(), state, &commands).build(mock_context(noop_assets())).expect("mock app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("webview");
        let list = dir.path().join("客户清单.csv");
        std::fs::write(&list, "客户编码,客户名称\nE2E001,徐州测试物流有限公司\n").expect("list");
        let target = dir.path().join("written-by-the-page.xlsx");
        let picked = app.state::<AppState>().picked.remember(Use::Open, vec![list.clone()]).expect("a pick");

        let anything = target.display().to_string();
        let progress = "__CHANNEL__:7";
        let client_query = json!({
            "campaign_id": null, "search": null, "category": null, "tier": null, "team_id": null, "account_manager_id": null,
            "risk": null, "lacking": null, "sort": "code", "descending": false, "offset": 0, "limit": 50
        });
        let attempts = [
            ("import_inspect", json!({ "file": anything })),
            ("import_run", json!({ "file": anything, "campaignId": null, "dryRun": true, "progress": progress })),
            ("snapshots_import", json!({ "file": "pick-999", "campaignId": 1, "dryRun": true })),
            ("achievements_import", json!({ "file": "", "campaignId": 1, "dryRun": true })),
            ("tracker_apply", json!({ "files": anything, "dryRun": true })),
            // Another database to copy a campaign from is read only when the user picked it.
            ("campaigns_in_file", json!({ "file": anything })),
            (
                "campaign_copy",
                json!({ "sourceId": 1, "file": anything, "input": {
                    "name": "x", "start_date": "2027-01-01", "end_date": "2027-03-31", "subsidy_budget": 0, "with_targets": true
                } }),
            ),
            ("tracker_export", json!({ "campaignId": 1, "target": anything, "team": null, "eachTeam": false, "progress": progress })),
            // A token for a file picked to read must not become a place to write.
            ("tracker_export", json!({ "campaignId": 1, "target": picked.token, "team": null, "eachTeam": false, "progress": progress })),
            ("tracker_export", json!({ "campaignId": 1, "target": picked.token, "team": null, "eachTeam": true, "progress": progress })),
            ("clients_export", json!({ "query": client_query, "target": anything, "progress": progress })),
            ("clients_export", json!({ "query": client_query, "target": picked.token, "progress": progress })),
            ("import_template_export", json!({ "target": anything })),
            ("import_template_export", json!({ "target": picked.token })),
            ("report_export", json!({ "campaignId": 1, "target": anything, "asOf": "2026-11-22", "teamId": null })),
            ("report_export", json!({ "campaignId": 1, "target": picked.token, "asOf": "2026-11-22", "teamId": null })),
        ];
        for (cmd, args) in attempts {
            let refused = call(&webview, cmd, args.clone()).expect_err(&format!("{cmd} {args} names no file the user picked"));
            assert_eq!(refused["code"], "validation", "{cmd} refuses with a report the page can show: {refused}");
            assert_eq!(refused["fields"][0]["field"], "file", "{cmd}: {refused}");
        }
        assert!(!target.exists(), "nothing was written where the page pointed");
        assert_eq!(std::fs::read_to_string(&list).expect("list").lines().count(), 2, "the picked file was not written over");

        // The picked file itself gets through, so the refusals above are about the token.
        let inspection = call(&webview, "import_inspect", json!({ "file": picked.token })).expect("a picked file is read");
        assert!(inspection["file"].as_str().is_some_and(|f| f.contains("客户清单.csv")), "the picked list was inspected: {inspection}");
    }

    /// The app with every command, on the mock runtime, and its window.
    fn mock_app(store: Store, folder: &Path) -> (tauri::App<tauri::test::MockRuntime>, tauri::WebviewWindow<tauri::test::MockRuntime>) {
        let commands = bindings::builder::<tauri::test::MockRuntime>(command_list!(tauri::test::MockRuntime));
        let app =
            with_commands(mock_builder(), AppState::new(store, folder), &commands).build(mock_context(noop_assets())).expect("mock app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("webview");
        (app, webview)
    }

    #[test]
    fn clients_an_import_wrote_are_indexed_for_search_in_the_background_after_it_commits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("rampart.db")).expect("store");
        let (app, webview) = mock_app(store, dir.path());
        let list = dir.path().join("客户清单.csv");
        let rows: String = (0..12_000).map(|i| format!("K{i:05},泉山{i}号公司,中小企业,C\n")).collect();
        std::fs::write(&list, format!("客户编码,客户名称,客户类别,客户等级\n{rows}")).expect("list");
        let picked = app.state::<AppState>().picked.remember(Use::Open, vec![list]).expect("a pick");
        let args = json!({ "file": picked.token, "campaignId": null, "dryRun": false, "progress": "__CHANNEL__:7" });
        let report = call(&webview, "import_run", args).expect("the import runs");
        assert_eq!(report["written"], true, "{report}");
        // Nothing searches here: the app itself indexes what the import queued, step by step.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let waiting = app.state::<AppState>().lock_store().search_waiting().expect("waiting");
            if waiting == 0 {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "{waiting} clients still wait for the search index a minute after the import");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    #[test]
    fn a_file_that_is_not_a_rampart_database_is_refused_and_the_open_one_stays_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let own = dir.path().join("江苏-2026.db");
        let store = Store::open(&own).expect("store");
        store.settings().set("language", "en").expect("a mark to recognise this database by");
        let (_app, webview) = mock_app(store, dir.path());
        let list = dir.path().join("客户清单.csv");
        std::fs::write(&list, "客户编码,客户名称\nE2E001,徐州测试物流有限公司\n").expect("list");

        // The open dialog's stand-in; no other test reads this variable.
        std::env::set_var("RAMPART_DB_OPEN_PATH", &list);
        let refused = call(&webview, "db_open", json!({})).expect_err("a CSV file is not a database to open");
        std::env::remove_var("RAMPART_DB_OPEN_PATH");
        assert_eq!(refused["code"], "not_a_rampart_database", "{refused}");
        for language in ["message_zh", "message_en"] {
            assert!(
                refused[language].as_str().is_some_and(|m| m.contains("客户清单.csv")),
                "the {language} message names the file: {refused}"
            );
        }
        let info = call(&webview, "app_info", json!({})).expect("info");
        assert_eq!(info["file_name"], "江苏-2026.db", "the database open before is still the open one: {info}");
        assert_eq!(info["language"], "en", "and it is the same database, not a new one of that name: {info}");
        assert_eq!(std::fs::read_to_string(&list).expect("list").lines().count(), 2, "the refused file was not written to");

        // A path the recent list never offered is refused too, even one that is a database.
        let other = dir.path().join("other.db");
        drop(Store::open(&other).expect("another database"));
        let refused = call(&webview, "db_open_recent", json!({ "path": other.display().to_string() })).expect_err("not in the list");
        assert_eq!(refused["code"], "validation", "{refused}");

        // The sample opens from the app's folder and is named as the sample.
        let sample = call(&webview, "db_open_sample", json!({})).expect("the sample opens");
        assert_eq!(sample["is_sample"], true, "{sample}");
        let recent = call(&webview, "db_recent", json!({})).expect("recent");
        assert!(
            recent.as_array().is_some_and(|r| r.iter().all(|f| f["name"] != sample["file_name"])),
            "the sample has its own menu entry, not a recent one: {recent}"
        );
        let back = call(&webview, "db_open_recent", json!({ "path": own.display().to_string() }));
        assert!(back.is_err(), "the first database was opened at start by the test, not through the app, so it is not offered");
    }
}
