// Commands listed here get generated `allow-*` permissions; only those granted in
// capabilities/ can be called from a window. Keep in step with `generate_handler!` in lib.rs.
const COMMANDS: &[&str] = &[
    "app_info",
    "set_language",
    "campaigns_list",
    "campaign_get",
    "campaign_update",
    "campaign_summary",
    "clients_page",
    "client_get",
    "client_create",
    "client_update",
    "client_delete",
    "teams_list",
    "people_list",
    "subsidy_rules",
    "subsidy_rules_save",
    "subsidy_history",
    "subsidy_totals",
    "subsidy_clients",
    "subsidy_client",
    "subsidy_override_set",
    "subsidy_override_clear",
    "scenarios_list",
    "scenario_create",
    "scenario_update",
    "scenario_compare",
    "scenario_adopt",
    "scenario_discard",
    "import_pick_file",
    "import_inspect",
    "import_map_header",
    "import_run",
    "import_cancel",
    "import_undo",
    "import_batches",
    "client_risks",
    "campaign_risk_save",
    "plans_list",
    "plan_get",
    "plan_create",
    "plan_goal_save",
    "plan_item_status",
    "plan_item_update",
    "plan_item_add",
    "plan_item_delete",
    "plan_item_restore",
    "plan_delete",
    "plan_restore",
    "plan_log",
    "plan_workload",
    "plan_timeline",
    "plan_template_get",
    "plan_template_save",
];

fn main() {
    let attributes =
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {err:#}");
    }
}
