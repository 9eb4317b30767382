//! Text from outside (labels, key names other people chose at a provider, provider messages)
//! made safe for where it goes: CSV cells a spreadsheet would run as a formula, and control
//! characters a terminal would obey, and lengths that would carry a whole hostile input back.

use std::borrow::Cow;

/// A CSV cell that no spreadsheet runs as a formula: text starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a leading `'` (OWASP's advice). Numbers are written apart and
/// never pass through here.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` without control characters (escape sequences, bells, carriage returns): each becomes
/// a space, except that line breaks stay where `keep_lines` says.
pub fn printable(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let bad = |c: char| c.is_control() && !(keep_lines && c == '\n');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if bad(c) { ' ' } else { c }).collect())
}

/// `text` cut to `max_chars` characters, with `…` when something was left out.
pub fn cut(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_is_left_alone() {
        for (given, want) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("work laptop", "work laptop"),
            ("gpt-4o", "gpt-4o"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(given), want, "{given:?}");
        }
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(
            printable("key \u{1b}[2J\u{1b}]0;owned\u{7}name", false),
            "key  [2J ]0;owned name"
        );
        assert_eq!(printable("a\r\nb", false), "a  b");
        assert_eq!(printable("a\nb\u{9b}c", true), "a\nb c");
        assert_eq!(printable("plain – ünïcode", false), "plain – ünïcode");
    }
}
