// Client-side checks that mirror keyledger-core (NewCredential::validated, ApiSecret::parse).
// The Rust side re-checks everything; these only give instant feedback.
import type { Kind, NewCredential, Provider } from './bindings';

import { MAX_LABEL_CHARS, MAX_NOTES_CHARS, MAX_PROFILE_CHARS, MAX_SECRET_BYTES } from './bindings';

// The limits come from Rust (keyledger_core::limits, through the generated bindings).
export { MAX_LABEL_CHARS, MAX_NOTES_CHARS, MAX_PROFILE_CHARS, MAX_SECRET_BYTES };
export const DEFAULT_PROFILE = 'default';

export type Field = 'secret' | 'provider' | 'kind' | 'label' | 'profile' | 'expires' | 'base_url' | 'notes';
export type FieldErrors = Partial<Record<Field, string>>;

export interface FormValues {
  secret: string;
  provider: Provider | '';
  kind: Kind | '';
  label: string;
  profile: string;
  expires: string;
  base_url: string;
  notes: string;
}

export function emptyForm(): FormValues {
  return {
    secret: '',
    provider: '',
    kind: '',
    label: '',
    profile: DEFAULT_PROFILE,
    expires: '',
    base_url: '',
    notes: '',
  };
}

const charCount = (s: string): number => Array.from(s).length;
const byteLength = (s: string): number => new TextEncoder().encode(s).length;

export function validateSecret(raw: string): string | null {
  const key = raw.trim();
  if (key === '') return 'Paste the key.';
  const bytes = byteLength(key);
  if (bytes > MAX_SECRET_BYTES) {
    return `The key is ${bytes} bytes long; keys longer than 16 KiB are not accepted.`;
  }
  if (/[\n\r]/.test(key)) return 'The key spans several lines; paste a single key on one line.';
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(key)) {
    return 'The key contains spaces or control characters; paste only the key itself.';
  }
  return null;
}

/**
 * What a paste into the key field would do wrong, read from the pasted text itself (a text
 * field drops its line breaks): several lines are several keys, or a key with something around it.
 */
export function pastedProblem(pasted: string): string | null {
  const lines = pasted.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) return null;
  return `You pasted ${lines.length} lines. Paste one key at a time — to bring in several, use Import .env on the Keys tab.`;
}

export function validateLabel(raw: string): string | null {
  const label = raw.trim();
  if (label === '') return 'Give the key a label, e.g. "work laptop".';
  if (charCount(label) > MAX_LABEL_CHARS || /[\n\r]/.test(label)) {
    return `The label must be one line of at most ${MAX_LABEL_CHARS} characters.`;
  }
  return null;
}

export function validateProfile(raw: string): string | null {
  const profile = raw.trim();
  if (profile === '') return null; // becomes "default"
  if (profile.length > MAX_PROFILE_CHARS || !/^[A-Za-z0-9_-]+$/.test(profile)) {
    return "Use letters, digits, '-' and '_' only (at most 40), e.g. dev or prod.";
  }
  return null;
}

export function validateBaseUrl(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  if (!/^https?:\/\//i.test(value)) return 'The base URL must start with https:// (or http://).';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'This is not a valid URL, e.g. https://api.openai.com/v1';
  }
  if (url.hostname === '') return 'The base URL must name a host.';
  if (url.username !== '' || url.password !== '') {
    return 'The base URL must not carry a user name or password.';
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return 'Plain http:// would send the key across the network unencrypted: use https:// (http:// only for localhost, 127.0.0.1 or [::1]).';
  }
  return null;
}

/** `localhost`, 127.0.0.0/8 or ::1 (as URL parsing writes them). */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function validateNotes(raw: string): string | null {
  if (charCount(raw.trim()) > MAX_NOTES_CHARS) {
    return `Notes are limited to ${MAX_NOTES_CHARS} characters.`;
  }
  return null;
}

export function validateExpires(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return 'Write the date as YYYY-MM-DD, e.g. 2027-01-31.';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    return 'This date does not exist.';
  }
  return null;
}

/** All field errors of the form; an empty object means it may be submitted. */
export function validateForm(v: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  const checks: [Field, string | null][] = [
    ['secret', validateSecret(v.secret)],
    ['label', validateLabel(v.label)],
    ['profile', validateProfile(v.profile)],
    ['expires', validateExpires(v.expires)],
    ['base_url', validateBaseUrl(v.base_url)],
    ['notes', validateNotes(v.notes)],
  ];
  for (const [field, message] of checks) if (message) errors[field] = message;
  return errors;
}

export function hasErrors(errors: Partial<Record<string, string>>): boolean {
  return Object.values(errors).some(Boolean);
}

/** The `input` argument of `add_credential`, normalised like the Rust side does. */
export function toNewCredential(v: FormValues): NewCredential {
  const trimmedOrNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
  return {
    provider: v.provider === '' ? null : v.provider,
    kind: v.kind === '' ? null : v.kind,
    label: v.label.trim(),
    profile: trimmedOrNull(v.profile) ?? DEFAULT_PROFILE,
    base_url: trimmedOrNull(v.base_url)?.replace(/\/+$/, '') ?? null,
    expires_on: trimmedOrNull(v.expires),
    notes: trimmedOrNull(v.notes),
  };
}
