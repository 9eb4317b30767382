//! Tauri's build step: embeds the one static page and the configuration.

fn main() {
    tauri_build::build();
}
