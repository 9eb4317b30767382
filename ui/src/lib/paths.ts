// File paths typed (or picked) in the forms: the Rust side needs them absolute, or starting with `~/`.

/** True for `/home/me/.env`, `~/app/.env`, `C:\Users\me\.env` and `\\server\share\.env`. */
export function isFullPath(raw: string): boolean {
  const path = raw.trim();
  return /^(\/|~[/\\]|[A-Za-z]:[/\\]|\\\\)/.test(path);
}

/** Why the path cannot be used as typed, or null. `example` shows the shape of a good one. */
export function validatePath(raw: string, example: string): string | null {
  const path = raw.trim();
  if (path === '') return `Type the file's full path (e.g. ${example}), or choose it with Browse…`;
  if (!isFullPath(path)) return `Give the full path, starting with / or ~/ (e.g. ${example}).`;
  return null;
}
