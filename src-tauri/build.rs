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
        ]),
    ))
    .expect("tauri build script failed");
}
