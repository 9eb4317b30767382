//! Generates Tauri's context and the permissions of Keyledger's own commands, so the
//! capability file can grant exactly those.
fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "list_credentials",
            "detect_key",
            "add_credential",
            "reveal_secret",
            "copy_secret",
            "delete_credential",
            "audit_log",
            "reconcile",
            "check_credential",
            "poll_now",
            "poll_status",
            "usage_report",
            "price_list",
            "price_set",
            "price_unset",
            "start_at_login",
            "set_start_at_login",
            "quit",
            "alert_list",
            "alert_ack",
            "alert_snooze",
            "alert_rotation_off",
            "budget_list",
            "budget_set",
            "budget_remove",
            "alert_settings",
            "alert_settings_set",
            "logs_import",
            "log_sources",
            "log_sources_set",
        ]),
    ))
    .expect("tauri build script failed");
}
