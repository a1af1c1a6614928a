//! The desktop shell: opens the store, seeds the demo on first start, and exposes thin async
//! commands to the UI. No SQL and no domain rules live here.

mod award_commands;
mod commands;
mod import_commands;
mod picked_files;
mod plan_commands;
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
    if store.campaigns()?.is_empty() {
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
    let result = with_commands(tauri::Builder::default().plugin(tauri_plugin_dialog::init()), state).run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("Rampart could not start: {err}");
        std::process::exit(1);
    }
}

/// The state and every command, on the app's runtime or the mock one tests drive.
fn with_commands<R: tauri::Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder.manage(state).invoke_handler(tauri::generate_handler![
        commands::app_info,
        commands::set_language,
        commands::campaigns_list,
        commands::campaign_get,
        commands::campaign_update,
        commands::campaign_summary,
        commands::clients_page,
        commands::client_get,
        commands::client_create,
        commands::client_update,
        commands::client_delete,
        commands::teams_list,
        commands::people_list,
        subsidy_commands::subsidy_rules,
        subsidy_commands::subsidy_rules_save,
        subsidy_commands::subsidy_history,
        subsidy_commands::subsidy_totals,
        subsidy_commands::subsidy_clients,
        subsidy_commands::subsidy_client,
        subsidy_commands::subsidy_override_set,
        subsidy_commands::subsidy_override_clear,
        subsidy_commands::scenarios_list,
        subsidy_commands::scenario_create,
        subsidy_commands::scenario_update,
        subsidy_commands::scenario_compare,
        subsidy_commands::scenario_adopt,
        subsidy_commands::scenario_discard,
        import_commands::import_pick_file,
        import_commands::import_inspect,
        import_commands::import_map_header,
        import_commands::import_run,
        import_commands::import_cancel,
        import_commands::import_undo,
        import_commands::import_batches,
        import_commands::client_risks,
        import_commands::campaign_risk_save,
        plan_commands::plans_list,
        plan_commands::plan_get,
        plan_commands::plan_create,
        plan_commands::plan_goal_save,
        plan_commands::plan_item_status,
        plan_commands::plan_item_update,
        plan_commands::plan_item_add,
        plan_commands::plan_item_delete,
        plan_commands::plan_item_restore,
        plan_commands::plan_delete,
        plan_commands::plan_restore,
        plan_commands::plan_log,
        plan_commands::plan_workload,
        plan_commands::plan_timeline,
        plan_commands::plan_template_get,
        plan_commands::plan_template_save,
        award_commands::awards_list,
        award_commands::award_save,
        award_commands::metrics_list,
        award_commands::achievement_add,
        award_commands::standings_get,
        award_commands::award_lock,
        award_commands::rank_history,
        award_commands::metric_add,
        award_commands::achievements_import,
        tracker_commands::tracker_pick_target,
        tracker_commands::tracker_pick_returned,
        tracker_commands::tracker_export,
        tracker_commands::tracker_apply,
        warning_commands::warnings_list,
        warning_commands::warning_summary,
        warning_commands::warning_status,
        warning_commands::warning_log,
        warning_commands::warning_threshold_get,
        warning_commands::warning_threshold_save,
        warning_commands::snapshots_import,
        warning_commands::key_person_record,
        warning_commands::key_person_changes,
    ])
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
        let app = with_commands(mock_builder(), state).build(mock_context(noop_assets())).expect("mock app");
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
