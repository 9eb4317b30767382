//! Model names as providers, agents and gateways write them, brought to the names of the price
//! table: provider prefixes, Bedrock and Vertex ids, OpenRouter's dotted Claude versions, dated
//! snapshots and `-latest` aliases. Only wrappers and suffixes are removed, never part of a
//! name, so a match never crosses model families (`gpt-4.1` is not `gpt-4.1-mini`).

/// The model's own name without what wraps it: provider prefixes (`openai/`,
/// `openrouter/anthropic/`), Bedrock's region and vendor prefix and version suffix
/// (`us.anthropic.claude-sonnet-4-20250514-v1:0`), Vertex's `@date` (`claude-sonnet-4@20250514`).
pub fn base(model: &str) -> String {
    let name = model.trim().rsplit('/').next().unwrap_or_default();
    let name = bedrock(name).unwrap_or(name);
    name.replacen('@', "-", 1).to_ascii_lowercase()
}

/// The family-and-version key two names of one model share: the base name without a date
/// suffix or `-latest`, and with Claude's dotted versions dashed (`claude-sonnet-4.5` →
/// `claude-sonnet-4-5`).
pub fn canonical(model: &str) -> String {
    let mut name = base(model);
    if let Some(undated) = strip_date(&name) {
        name.truncate(undated.len());
    } else if let Some(head) = name.strip_suffix("-latest") {
        name.truncate(head.len());
    }
    if name.starts_with("claude-") {
        name = dash_dotted_versions(&name);
    }
    name
}

/// Whether two names are the same model (a dated snapshot and its alias included).
pub fn same_model(a: &str, b: &str) -> bool {
    a == b || canonical(a) == canonical(b)
}

/// The date a snapshot name carries (`20250929`, `2025-04-14` → `20250414`), if any.
pub fn date_of(model: &str) -> Option<String> {
    let name = base(model);
    let undated = strip_date(&name)?;
    Some(name[undated.len()..].replace('-', ""))
}

/// `anthropic.claude-x-v1:0` and `us.anthropic.claude-x-v2` → `claude-x`; `None` when the name
/// is not a Bedrock id.
fn bedrock(name: &str) -> Option<&str> {
    let (_, rest) = name.split_once("anthropic.")?;
    let cut = rest.rfind("-v")?;
    let version = &rest[cut + 2..];
    let (major, minor) = version.split_once(':').unwrap_or((version, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(major) && digits(minor)).then_some(&rest[..cut])
}

/// `name-20250929` → `name`, `name-2024-08-06` → `name`; `None` when there is no date suffix.
fn strip_date(model: &str) -> Option<&str> {
    let is_digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((head, tail)) = model.rsplit_once('-') {
        if is_digits(tail, 8) && tail.starts_with("20") {
            return Some(head);
        }
    }
    let parts: Vec<&str> = model.rsplitn(4, '-').collect();
    if parts.len() == 4
        && is_digits(parts[0], 2)
        && is_digits(parts[1], 2)
        && is_digits(parts[2], 4)
    {
        return Some(parts[3]);
    }
    None
}

/// `claude-sonnet-4.5` → `claude-sonnet-4-5`: a dot between digits becomes a dash.
fn dash_dotted_versions(name: &str) -> String {
    let bytes = name.as_bytes();
    name.char_indices()
        .map(|(i, c)| {
            let between_digits = c == '.'
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if between_digits {
                '-'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_names_drop_what_wraps_them() {
        let cases = [
            ("gpt-4o", "gpt-4o"),
            ("openai/gpt-4o", "gpt-4o"),
            ("gemini/gemini-2.5-pro", "gemini-2.5-pro"),
            ("xai/grok-4", "grok-4"),
            ("anthropic/claude-sonnet-4-5", "claude-sonnet-4-5"),
            (
                "openrouter/anthropic/claude-sonnet-4.5",
                "claude-sonnet-4.5",
            ),
            (
                "anthropic.claude-sonnet-4-20250514-v1:0",
                "claude-sonnet-4-20250514",
            ),
            (
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                "claude-3-7-sonnet-20250219",
            ),
            ("claude-sonnet-4@20250514", "claude-sonnet-4-20250514"),
            ("Claude-Opus-4-1", "claude-opus-4-1"),
            ("anthropic.unversioned", "anthropic.unversioned"),
        ];
        for (given, want) in cases {
            assert_eq!(base(given), want, "base({given})");
        }
    }

    #[test]
    fn aliases_and_snapshots_share_a_canonical_name() {
        let same = [
            ("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14"),
            ("claude-sonnet-4-5", "claude-sonnet-4-5-20250929"),
            ("claude-3-5-sonnet-latest", "claude-3-5-sonnet-20241022"),
            ("anthropic/claude-sonnet-4.5", "claude-sonnet-4-5-20250929"),
            ("anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4"),
            ("claude-sonnet-4@20250514", "claude-sonnet-4-20250514"),
            ("openai/gpt-4o-2024-08-06", "gpt-4o"),
        ];
        for (a, b) in same {
            assert!(same_model(a, b), "{a} should be {b}");
            assert!(same_model(b, a), "{b} should be {a}");
        }
    }

    #[test]
    fn families_never_cross() {
        let different = [
            ("gpt-4.1", "gpt-4.1-mini"),
            ("gpt-4.1-mini", "gpt-4.1-nano-2025-04-14"),
            ("gpt-4o", "gpt-4o-mini-2024-07-18"),
            ("claude-sonnet-4", "claude-sonnet-4-5"),
            ("claude-opus-4", "claude-opus-4-1-20250805"),
            ("gpt-5", "gpt-5-codex"),
            ("o3", "o3-mini"),
            ("gemini-2.5-flash", "gemini-2.5-flash-lite"),
            // OpenAI's dots are part of the name.
            ("gpt-4.1", "gpt-4-1"),
        ];
        for (a, b) in different {
            assert!(!same_model(a, b), "{a} must not be {b}");
        }
    }

    #[test]
    fn dates_are_read_in_both_spellings() {
        assert_eq!(date_of("gpt-4o-2024-08-06").as_deref(), Some("20240806"));
        assert_eq!(
            date_of("claude-sonnet-4@20250514").as_deref(),
            Some("20250514")
        );
        assert_eq!(date_of("claude-sonnet-4-5"), None);
        // Four digits are a version, not a date.
        assert_eq!(date_of("gpt-4-0613"), None);
        assert_eq!(canonical("gpt-4-0613"), "gpt-4-0613");
    }
}
