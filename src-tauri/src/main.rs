//! The `keyledger-app` binary: opens the Keyledger window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    keyledger_app::run();
}
