//! Named points where the kill -9 tests stop a process to kill it there. With
//! `KEYLEDGER_CRASH_AT=NAME` (or `NAME#N` for its N-th time) the process writes
//! `crashpoint NAME` to stderr and waits, forever, to be killed; unset, a point is one
//! environment lookup.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Writes between the keychain and the database of an add (or a restored key).
pub const ADD_AFTER_KEYCHAIN: &str = "add:after-keychain";
/// A rotation whose new secret is in the keychain and whose row still says pending.
pub const ROTATE_AFTER_KEYCHAIN: &str = "rotate:after-keychain";
/// An agent-log pass with every bucket written in its transaction, not yet committed.
pub const INGEST_BEFORE_COMMIT: &str = "ingest:before-commit";

static HITS: AtomicUsize = AtomicUsize::new(0);

pub fn reached(name: &str) {
    let Ok(wanted) = std::env::var("KEYLEDGER_CRASH_AT") else {
        return;
    };
    let (point, nth) = match wanted.split_once('#') {
        Some((point, n)) => (point, n.parse().unwrap_or(1)),
        None => (wanted.as_str(), 1),
    };
    if point != name || HITS.fetch_add(1, Ordering::SeqCst) + 1 != nth {
        return;
    }
    eprintln!("crashpoint {name}");
    loop {
        std::thread::park();
    }
}
