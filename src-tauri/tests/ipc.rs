//! The shell's commands through Tauri's IPC on the mock runtime (no window): the shape of an
//! error as the window receives it, and one command of each module answering. Inside
//! scripts/session.sh (the vault needs a Secret Service).

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use keyledger_app::{setup, AppState};
use keyledger_core::config::Config;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

struct Shell {
    _dir: tempfile::TempDir,
    _app: tauri::App<tauri::test::MockRuntime>,
    window: WebviewWindow<tauri::test::MockRuntime>,
}

fn shell() -> Shell {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        data_dir: dir.path().join("data"),
        keyring_service: format!("keyledger-ipc-test-{}", uuid::Uuid::new_v4()),
    };
    let app = setup(mock_builder(), AppState::open(&config).unwrap())
        .build(tauri::generate_context!())
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Shell {
        _dir: dir,
        _app: app,
        window,
    }
}

/// Calls `cmd` with `args` as the window does; the answer or the rejection, as JSON.
fn call(shell: &Shell, cmd: &str, args: Value) -> Result<Value, Value> {
    // The window's own origin on Linux: the capability grants Keyledger's commands there only.
    call_from(shell, "tauri://localhost", cmd, args)
}

fn call_from(shell: &Shell, origin: &str, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: origin.parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&shell.window, request).map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn an_error_reaches_the_window_as_a_code_and_a_sentence_only() {
    let shell = shell();
    let err = call(&shell, "reveal_secret", json!({ "id": "no-such-key" })).unwrap_err();
    let fields: Vec<&String> = err.as_object().unwrap().keys().collect();
    assert_eq!(fields, ["code", "message"], "{err}");
    assert_eq!(err["code"], "not_found");
    assert!(
        err["message"].as_str().unwrap().contains("no-such-key"),
        "{err}"
    );
}

#[test]
fn a_command_of_each_module_answers() {
    let shell = shell();
    // keys
    assert_eq!(
        call(&shell, "list_credentials", json!({})).unwrap(),
        json!([])
    );
    // usage
    assert_eq!(call(&shell, "poll_status", json!({})).unwrap(), json!([]));
    // prices: LiteLLM's table, hundreds of models
    let prices = call(&shell, "price_list", json!({})).unwrap();
    assert!(prices.as_array().unwrap().len() > 300);
    // alerts
    let settings = call(&shell, "alert_settings", json!({})).unwrap();
    assert_eq!(settings["rotation_days"], 90);
    // charts
    let summary = call(&shell, "dashboard_summary", json!({})).unwrap();
    assert!(summary.is_object(), "{summary}");
    // agent logs
    let sources = call(&shell, "log_sources", json!({})).unwrap();
    assert_eq!(sources["settings"]["claude_code"], true);
    // backup (and .env import): a file that is not there is a clear error
    let err = call(
        &shell,
        "env_preview",
        json!({ "path": "/nonexistent/keyledger/.env", "profile": null }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "io", "{err}");
    // app
    assert!(call(&shell, "start_at_login", json!({})).is_ok());
    let about = call(&shell, "about", json!({})).unwrap();
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"), "{about}");
    assert!(
        about["data_dir"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{}data", std::path::MAIN_SEPARATOR)),
        "{about}"
    );
    assert!(about["prices"]["licence"]
        .as_str()
        .unwrap()
        .starts_with("MIT License"));
    // plan windows: none seen yet, Claude's figures off
    let plan = call(&shell, "plan_windows", json!({})).unwrap();
    assert_eq!(plan["windows"], json!([]), "{plan}");
    assert_eq!(plan["claude"]["enabled"], false, "{plan}");
    // the gateway: off by default on 8787; a privileged port is refused with a reason
    let gateway = call(&shell, "gateway_view", json!({})).unwrap();
    assert_eq!(
        gateway["settings"],
        json!({"enabled": false, "port": 8787}),
        "{gateway}"
    );
    assert_eq!(gateway["url"], Value::Null, "{gateway}");
    let err = call(
        &shell,
        "gateway_set",
        json!({ "settings": {"enabled": true, "port": 80} }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_input", "{err}");
}

#[test]
fn a_page_from_elsewhere_cannot_call_the_commands() {
    let shell = shell();
    let refused = call_from(
        &shell,
        "https://example.com/",
        "list_credentials",
        json!({}),
    );
    let err = refused.unwrap_err();
    assert!(
        err.as_str().unwrap_or_default().contains("not allowed"),
        "{err}"
    );
}
