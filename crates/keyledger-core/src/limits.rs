//! The limits inputs are checked against, in one place: Rust checks them, and the window's form
//! checks read the same numbers from the generated bindings (`limits::typescript`).

/// The longest secret accepted, in bytes.
pub const MAX_SECRET_BYTES: usize = 16 * 1024;
/// The longest label, in characters (one line).
pub const MAX_LABEL_CHARS: usize = 100;
/// The longest profile name (letters, digits, `-` and `_`).
pub const MAX_PROFILE_CHARS: usize = 40;
/// The longest notes, in characters.
pub const MAX_NOTES_CHARS: usize = 2000;
/// The highest budget threshold, in percent.
pub const MAX_THRESHOLD: u32 = 1000;
/// The furthest ahead an expiry warning may be, in days.
pub const MAX_EXPIRY_DAYS: u32 = 365;
/// The longest rotation age, in days (0 turns the reminder off).
pub const MAX_ROTATION_DAYS: u32 = 3650;
/// The spike multiplier's range.
pub const MIN_SPIKE_MULTIPLIER: u32 = 2;
pub const MAX_SPIKE_MULTIPLIER: u32 = 100;
/// The shortest passphrase a backup is written with, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// The limits as TypeScript constants, for the window's bindings.
pub fn typescript() -> String {
    [
        ("MAX_SECRET_BYTES", MAX_SECRET_BYTES as u64),
        ("MAX_LABEL_CHARS", MAX_LABEL_CHARS as u64),
        ("MAX_PROFILE_CHARS", MAX_PROFILE_CHARS as u64),
        ("MAX_NOTES_CHARS", MAX_NOTES_CHARS as u64),
        ("MAX_THRESHOLD", u64::from(MAX_THRESHOLD)),
        ("MAX_EXPIRY_DAYS", u64::from(MAX_EXPIRY_DAYS)),
        ("MAX_ROTATION_DAYS", u64::from(MAX_ROTATION_DAYS)),
        ("MIN_SPIKE_MULTIPLIER", u64::from(MIN_SPIKE_MULTIPLIER)),
        ("MAX_SPIKE_MULTIPLIER", u64::from(MAX_SPIKE_MULTIPLIER)),
        ("MIN_PASSPHRASE_CHARS", MIN_PASSPHRASE_CHARS as u64),
    ]
    .iter()
    .map(|(name, value)| format!("export const {name} = {value};\n"))
    .collect()
}
