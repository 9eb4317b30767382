//! Reading a key or a backup passphrase from standard input (hidden on a terminal), and yes/no
//! confirmations.

use std::io::{BufRead, IsTerminal, Read};

use keyledger_core::backup::Passphrase;
use keyledger_core::secret::{ApiSecret, MAX_SECRET_BYTES};
use keyledger_core::{Error, Result};

/// Reads the key: a hidden prompt on a terminal, otherwise all of standard input.
pub fn from_stdin() -> Result<ApiSecret> {
    let stdin = std::io::stdin();
    let raw = if stdin.is_terminal() {
        rpassword::prompt_password("Paste the key (input is hidden): ")
            .map_err(|e| Error::invalid(format!("cannot read the key from the terminal: {e}")))?
    } else {
        let mut bytes = Vec::new();
        stdin
            .lock()
            .take(MAX_SECRET_BYTES as u64 + 2)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::invalid(format!("cannot read the key from standard input: {e}")))?;
        if bytes.len() > MAX_SECRET_BYTES + 1 {
            return Err(Error::invalid(
                "standard input holds more than 16 KiB; pipe in a single key",
            ));
        }
        String::from_utf8(bytes)
            .map_err(|_| Error::invalid("the key on standard input is not valid UTF-8 text"))?
    };
    ApiSecret::parse(&raw)
}

/// Asks a yes/no question on the terminal; anything but y/yes is no.
pub fn confirm(question: &str) -> Result<bool> {
    eprint!("{question}");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::invalid(format!("cannot read the answer: {e}")))?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// A backup passphrase: on a terminal asked hidden (twice to write a backup), otherwise the
/// first line of standard input. Never an argument, so it never shows in `ps`.
pub fn passphrase(for_export: bool) -> Result<Passphrase, Error> {
    let stdin = std::io::stdin();
    let raw = if stdin.is_terminal() {
        let ask = |prompt: &str| {
            rpassword::prompt_password(prompt)
                .map_err(|e| Error::invalid(format!("cannot read the passphrase: {e}")))
        };
        let first = ask("Backup passphrase (input is hidden): ")?;
        if for_export {
            Passphrase::new_for_export(&first)?;
            if ask("The same passphrase again: ")? != first {
                return Err(Error::invalid(
                    "the two passphrases differ; nothing was written",
                ));
            }
        }
        first
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line).map_err(|e| {
            Error::invalid(format!(
                "cannot read the passphrase from standard input: {e}"
            ))
        })?;
        line
    };
    if for_export {
        Passphrase::new_for_export(&raw)
    } else {
        Passphrase::new_for_import(&raw)
    }
}
