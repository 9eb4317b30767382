//! The committed TypeScript bindings must match the Rust types that cross IPC.

#![allow(clippy::unwrap_used)] // tests fail loudly by design

use std::path::PathBuf;

#[test]
fn ui_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let generated = keyledger_core::bindings::typescript();
    if std::env::var_os("KEYLEDGER_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with the Rust types; regenerate it with \
         `KEYLEDGER_UPDATE_BINDINGS=1 cargo test -p keyledger-core --test bindings`",
        path.display()
    );
}
