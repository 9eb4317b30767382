// Importing a .env file: what each line became (or would become), and the counts.
import type { LineReport } from './bindings';
import { countsText, plural } from './counts';

/** The placeholder of the File field, and the example its errors give. */
export const ENV_EXAMPLE = '~/projects/app/.env';

export interface EnvCounts {
  /** Lines that will be imported (preview) or were imported. */
  add: number;
  duplicate: number;
  skipped: number;
}

export function envCounts(reports: LineReport[]): EnvCounts {
  const counts: EnvCounts = { add: 0, duplicate: 0, skipped: 0 };
  for (const r of reports) {
    if (r.outcome === 'would_add' || r.outcome === 'added') counts.add += 1;
    else if (r.outcome === 'duplicate') counts.duplicate += 1;
    else counts.skipped += 1;
  }
  return counts;
}

/** "2 keys to import, 1 already stored, 1 skipped" (preview) or "Imported 2 keys, 1 already stored" (done). */
export function envSummary(reports: LineReport[], done: boolean): string {
  const c = envCounts(reports);
  const keys = c.add === 0 ? 'no keys' : plural(c.add, 'key', 'keys');
  const first = done ? `Imported ${keys}` : c.add === 0 ? 'No keys to import' : `${keys} to import`;
  return countsText(first, [
    [c.duplicate, 'already stored'],
    [c.skipped, 'skipped'],
  ]);
}

/**
 * Whether the file still holds keys that are now stored, so that it can be tidied: after an import (`result`),
 * when a line was added or already stored; before, when the preview has nothing to import but stored keys.
 */
export function canTidy(preview: LineReport[] | null, result: LineReport[] | null): boolean {
  if (result !== null) return result.some((r) => r.outcome === 'added' || r.outcome === 'duplicate');
  if (preview === null) return false;
  const c = envCounts(preview);
  return c.add === 0 && c.duplicate > 0;
}

/** What happened (or will happen) to one line, in words. Never a value: Rust does not send them. */
export function envOutcomeText(r: LineReport): string {
  switch (r.outcome) {
    case 'would_add':
      return `Will import as ${r.label} (${r.hint})`;
    case 'added':
      return `Imported as ${r.label} (${r.hint})`;
    case 'duplicate':
      return `Already stored as ${r.label}`;
    case 'skipped':
      return `Skipped: ${r.why}`;
    default: {
      // Every outcome is handled above: a new one fails to compile here.
      const unknown: never = r;
      return `Unknown outcome (${(unknown as { outcome: string }).outcome})`;
    }
  }
}

/** The tone of a line's outcome: imported, already there, or left out. */
export function envOutcomeTone(r: LineReport): 'add' | 'duplicate' | 'skipped' {
  if (r.outcome === 'would_add' || r.outcome === 'added') return 'add';
  return r.outcome === 'duplicate' ? 'duplicate' : 'skipped';
}

/** The label of the import button: "Import 2 keys". */
export function importButtonText(n: number): string {
  return `Import ${plural(n, 'key', 'keys')}`;
}

/** After "Replace the keys in the file with comments": "3 lines replaced by comments". */
export function cleanupText(lines: number): string {
  if (lines === 0) return 'No line needed replacing: the file holds no stored key any more.';
  return `${plural(lines, 'line', 'lines')} replaced by comments`;
}
