//! Copying a secret to the system clipboard, marked so clipboard managers keep it out of their
//! history, and cleared again after a while or when Keyledger quits, if the clipboard still
//! holds it (so a later copy by the user is never wiped).

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use keyledger_core::secret::ApiSecret;
use keyledger_core::{Error, Result};
use tauri::{AppHandle, Manager, Runtime};

/// How long a copied secret stays on the clipboard unless `KEYLEDGER_CLIPBOARD_CLEAR_SECS` says.
const DEFAULT_CLEAR_AFTER: Duration = Duration::from_secs(30);

fn clear_after() -> Duration {
    std::env::var("KEYLEDGER_CLIPBOARD_CLEAR_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_CLEAR_AFTER)
}

/// The clipboard as Keyledger uses it: opened on the first copy and kept for the app's life (on
/// X11 the copied text lives as long as its owner), and which key it last put there, by
/// fingerprint and copy number, never by value.
#[derive(Default)]
pub struct Clipboard {
    board: Mutex<Option<arboard::Clipboard>>,
    copied: Mutex<Option<Copied>>,
}

struct Copied {
    number: u64,
    fingerprint: String,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn unavailable(e: arboard::Error) -> Error {
    Error::invalid(format!("cannot use the clipboard: {e}"))
}

/// Sets the text with every platform's "do not keep this in the history" mark: KDE Klipper's
/// password-manager hint on Linux, Windows' clipboard-history exclusion, macOS' concealed type.
fn set_secret_text(
    board: &mut arboard::Clipboard,
    text: &str,
) -> std::result::Result<(), arboard::Error> {
    let set = board.set();
    #[cfg(target_os = "linux")]
    let set = arboard::SetExtLinux::exclude_from_history(set);
    #[cfg(windows)]
    let set = arboard::SetExtWindows::exclude_from_history(set);
    #[cfg(target_os = "macos")]
    let set = arboard::SetExtApple::exclude_from_history(set);
    set.text(text)
}

impl Clipboard {
    fn with_board<T>(
        &self,
        f: impl FnOnce(&mut arboard::Clipboard) -> std::result::Result<T, arboard::Error>,
    ) -> Result<T> {
        let mut slot = lock(&self.board);
        let board = match slot.as_mut() {
            Some(board) => board,
            None => slot.insert(arboard::Clipboard::new().map_err(unavailable)?),
        };
        f(board).map_err(unavailable)
    }

    /// Puts the key on the clipboard; returns this copy's number for [`Clipboard::clear_copy`].
    pub fn copy(&self, secret: &ApiSecret) -> Result<u64> {
        self.with_board(|b| set_secret_text(b, secret.expose()))?;
        let mut copied = lock(&self.copied);
        let number = copied.as_ref().map_or(1, |c| c.number + 1);
        *copied = Some(Copied {
            number,
            fingerprint: secret.fingerprint(),
        });
        Ok(number)
    }

    /// Clears the clipboard if copy `number` is still the latest and the clipboard still holds
    /// that key. Returns whether it cleared.
    pub fn clear_copy(&self, number: u64) -> bool {
        let latest = lock(&self.copied).as_ref().map(|c| c.number);
        latest == Some(number) && self.clear_if_ours()
    }

    /// Clears the clipboard if it still holds the last key copied (on quit). Returns whether it
    /// cleared.
    pub fn clear_if_ours(&self) -> bool {
        let Some(copied) = lock(&self.copied).take() else {
            return false;
        };
        let holds_it = self
            .with_board(|b| b.get_text())
            .ok()
            .and_then(|text| ApiSecret::parse(&text).ok())
            .is_some_and(|text| text.fingerprint() == copied.fingerprint);
        holds_it && self.with_board(|b| b.clear()).is_ok()
    }
}

pub fn copy_then_clear<R: Runtime>(app: &AppHandle<R>, secret: ApiSecret) -> Result<()> {
    let number = app.state::<Clipboard>().copy(&secret)?;
    drop(secret);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(clear_after()).await;
        if app.state::<Clipboard>().clear_copy(number) {
            tracing::info!("cleared a copied key from the clipboard");
        }
    });
    Ok(())
}

/// On quit: a key still on the clipboard does not outlive Keyledger in a clipboard manager.
pub fn clear_on_quit<R: Runtime>(app: &AppHandle<R>) {
    if let Some(clipboard) = app.try_state::<Clipboard>() {
        if clipboard.clear_if_ours() {
            tracing::info!("cleared a copied key from the clipboard on quit");
        }
    }
}

#[cfg(test)]
mod tests {
    //! Against the real X display of scripts/session.sh, read back with xclip.
    #![allow(clippy::unwrap_used)]

    use super::*;

    const KEY: &str = "sk-proj-CLIPabcdefghijklmnopqrstuvwxyz0123456789";

    fn xclip(target: &str) -> String {
        let out = std::process::Command::new("xclip")
            .args(["-selection", "clipboard", "-o", "-t", target])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// xclip serving `text` as the clipboard until another owner takes it.
    fn xclip_set(text: &str) -> std::process::Child {
        use std::io::Write;
        let mut child = std::process::Command::new("xclip")
            .args(["-selection", "clipboard", "-i", "-quiet"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        child
    }

    /// One test, because the clipboard is one per display.
    #[test]
    fn a_copied_key_is_kept_out_of_histories_and_cleared_only_while_it_is_still_there() {
        let clipboard = Clipboard::default();
        let secret = ApiSecret::parse(KEY).unwrap();

        let first = clipboard.copy(&secret).unwrap();
        assert_eq!(xclip("UTF8_STRING"), KEY);
        assert!(xclip("TARGETS").contains("x-kde-passwordManagerHint"));
        assert_eq!(xclip("x-kde-passwordManagerHint"), "secret");

        let second = clipboard.copy(&secret).unwrap();
        assert!(
            !clipboard.clear_copy(first),
            "an older copy's timer leaves a newer copy"
        );
        assert_eq!(xclip("UTF8_STRING"), KEY);

        assert!(clipboard.clear_copy(second));
        assert_ne!(xclip("UTF8_STRING"), KEY, "cleared");

        clipboard.copy(&secret).unwrap();
        let mut user = xclip_set("the user's own text");
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while xclip("UTF8_STRING") != "the user's own text" {
            assert!(
                std::time::Instant::now() < deadline,
                "xclip never took the clipboard"
            );
            std::thread::yield_now();
        }
        assert!(
            !clipboard.clear_if_ours(),
            "quit leaves what the user copied since"
        );
        assert_eq!(xclip("UTF8_STRING"), "the user's own text");

        clipboard.copy(&secret).unwrap();
        assert!(clipboard.clear_if_ours(), "quit clears a key still there");
        assert_ne!(xclip("UTF8_STRING"), KEY);
        let _ = user.kill();
        let _ = user.wait();
    }
}
