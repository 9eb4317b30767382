//! A bare Tauri 2 window showing one static page: what WebKitGTK and Tauri cost on their own,
//! measured beside Keyledger by scripts/bench-footprint.sh.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("the bare window failed: {e}");
        std::process::exit(1);
    }
}
