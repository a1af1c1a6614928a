//! The desktop shell: opens the store, seeds the demo on first start, and exposes thin async
//! commands to the UI. No SQL and no domain rules live here.

/// Every command the window may call, listed once. The list builds the invoke handler and the
/// generated TypeScript (ui/src/bindings.ts); tests check build.rs's permission list and the
/// capabilities against it. A macro because generic commands need their runtime spelled out.
macro_rules! command_list {
    ($runtime:path) => {
        tauri_specta::collect_commands![
            $crate::commands::app_info,
            $crate::commands::set_language,
            $crate::commands::campaigns_list,
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
            $crate::subsidy_commands::subsidy_rules,
            $crate::subsidy_commands::subsidy_rules_save,
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
            $crate::tracker_commands::tracker_pick_target::<$runtime>,
            $crate::tracker_commands::tracker_pick_returned::<$runtime>,
            $crate::tracker_commands::tracker_export::<$runtime>,
            $crate::tracker_commands::tracker_apply,
            $crate::warning_commands::warnings_list,
            $crate::warning_commands::warning_summary,
            $crate::warning_commands::warning_status,
            $crate::warning_commands::warning_log,
            $crate::warning_commands::warning_threshold_get,
            $crate::warning_commands::warning_threshold_save,
            $crate::warning_commands::snapshots_import,
            $crate::warning_commands::key_person_record,
            $crate::warning_commands::key_person_changes,
            $crate::campaign_commands::campaign_pick_database::<$runtime>,
            $crate::campaign_commands::campaigns_in_file,
            $crate::campaign_commands::campaign_copy,
            $crate::campaign_commands::campaign_removal,
            $crate::campaign_commands::campaign_delete,
            $crate::campaign_commands::campaign_set_status,
            $crate::campaign_commands::campaign_archive,
            $crate::campaign_commands::campaign_teams_set,
        ]
    };
}

mod award_commands;
mod bindings;
mod campaign_commands;
mod commands;
mod import_commands;
mod picked_files;
mod plan_commands;
#[cfg(test)]
mod recorded_answers;
mod subsidy_commands;
mod tracker_commands;
mod warning_commands;

use std::path::PathBuf;
use std::sync::Mutex;

use rampart_core::store::default_db_path;
use rampart_core::{demo, Store};

pub struct AppState {
    pub store: Mutex<Store>,
    pub db_path: PathBuf,
    /// Set by `import_cancel`; a running import checks it between batches of rows.
    pub cancel: std::sync::atomic::AtomicBool,
    /// The only files commands may read or write: those the user chose in a dialog.
    pub picked: picked_files::PickedFiles,
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

fn open_store(path: &std::path::Path) -> Result<Store, rampart_core::Error> {
    let store = Store::open(path)?;
    if store.campaigns().list()?.is_empty() {
        demo::seed_demo(&store, chrono::Local::now().date_naive())?;
    }
    Ok(store)
}

pub fn run() {
    let db_path = db_path_from_args();
    let store = match open_store(&db_path) {
        Ok(store) => store,
        Err(err) => {
            eprintln!(
                "无法打开数据库 {}：{}\ncannot open database {}: {}",
                db_path.display(),
                err.message_zh(),
                db_path.display(),
                err.message_en()
            );
            std::process::exit(1);
        }
    };
    let state = AppState { store: Mutex::new(store), db_path, cancel: Default::default(), picked: Default::default() };
    let commands = bindings::builder::<tauri::Wry>(command_list!(tauri::Wry));
    let result =
        with_commands(tauri::Builder::default().plugin(tauri_plugin_dialog::init()), state, &commands).run(tauri::generate_context!());
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
        let state = AppState {
            store: Mutex::new(store),
            db_path: dir.path().join("rampart.db"),
            cancel: Default::default(),
            picked: Default::default(),
        };
        let commands = bindings::builder::<tauri::test::MockRuntime>(command_list!(tauri::test::MockRuntime));
        let app = with_commands(mock_builder(), state, &commands).build(mock_context(noop_assets())).expect("mock app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("webview");
        let list = dir.path().join("客户清单.csv");
        std::fs::write(&list, "客户编码,客户名称\nE2E001,徐州测试物流有限公司\n").expect("list");
        let target = dir.path().join("written-by-the-page.xlsx");
        let picked = app.state::<AppState>().picked.remember(Use::Open, vec![list.clone()]).expect("a pick");

        let anything = target.display().to_string();
        let progress = "__CHANNEL__:7";
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
}
