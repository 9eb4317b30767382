//! Why Keyledger could not start, told where the user will see it: on stderr, and — when there is
//! a display, as for a start from the menu where nobody reads stderr — in a dialog of its own.

/// Says why Keyledger cannot start, then ends the process.
pub fn refuse(why: &str) -> ! {
    eprintln!("Keyledger cannot start: {why}");
    tracing::error!("cannot start: {why}");
    let display = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|d| !d.is_empty()));
    if display {
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Keyledger cannot start")
            .set_description(why)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    std::process::exit(1);
}
