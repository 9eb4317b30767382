// Encrypted backups: the passphrase rules, the suggested file name and what a restore did.
import type { ExportReport, RestoreReport, Restored } from './bindings';
import { countsText, plural } from './counts';
import { formatDate } from './format';

import { MIN_PASSPHRASE_CHARS } from './bindings';

// The shortest passphrase comes from Rust (keyledger_core::limits, through the generated bindings).
export { MIN_PASSPHRASE_CHARS };

/** The placeholder of the Backup file field, and the example its errors give. */
export const BACKUP_EXAMPLE = '~/keyledger-backup.age';

/** The export's checkbox, which the error about an existing file names. */
export const REPLACE_LABEL = 'Replace the file if it exists';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `~/keyledger-backup-2026-11-23.age`, with the local date of `now`. */
export function defaultBackupPath(now: Date = new Date()): string {
  return `~/${backupFileName(now)}`;
}

export function backupFileName(now: Date = new Date()): string {
  return `keyledger-backup-${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}.age`;
}

/** Why a passphrase cannot protect a new backup, or null. Counts characters as Rust does. */
export function validateNewPassphrase(passphrase: string): string | null {
  if (passphrase.trim() === '') return 'Choose a passphrase.';
  if (Array.from(passphrase).length < MIN_PASSPHRASE_CHARS) {
    return `Use at least ${MIN_PASSPHRASE_CHARS} characters — a few unrelated words make a strong passphrase.`;
  }
  return null;
}

export function validateRepeat(passphrase: string, repeat: string): string | null {
  if (repeat === '') return 'Type the passphrase again.';
  return repeat === passphrase ? null : 'The two passphrases differ; type the same one twice.';
}

/** "Wrote 3 keys to ~/b.age." */
export function exportSummary(r: ExportReport): string {
  return `Wrote ${plural(r.written, 'key', 'keys')} to ${r.path}.`;
}

/** How many keys of a restore ended each way. */
export type RestoreCounts = Record<Restored['outcome'], number>;

export function restoreCounts(r: RestoreReport): RestoreCounts {
  const counts: RestoreCounts = { added: 0, skipped: 0, rotated_away: 0, failed: 0 };
  for (const k of r.keys) {
    // An outcome this version does not know (a newer Keyledger) is not counted.
    if (k.outcome in counts) counts[k.outcome] += 1;
  }
  return counts;
}

/** "Added 2 keys, 1 already stored, 1 rotated away, 1 failed"; "The backup holds no keys." when empty. */
export function restoreSummary(r: RestoreReport): string {
  if (r.keys.length === 0) return 'The backup holds no keys.';
  const c = restoreCounts(r);
  return countsText(c.added === 0 ? 'Added no keys' : `Added ${plural(c.added, 'key', 'keys')}`, [
    [c.skipped, 'already stored'],
    [c.rotated_away, 'rotated away'],
    [c.failed, 'failed'],
  ]);
}

/**
 * What became of one key of a restore, after its label: "added", "already stored as Groq laptop",
 * "not restored: “Work” was rotated away from this key on 23 Nov 2026" (local date), "failed: …".
 */
export function restoredText(k: Restored): string {
  switch (k.outcome) {
    case 'added':
      return 'added';
    case 'skipped':
      return `already stored as ${k.existing}`;
    case 'rotated_away':
      return `not restored: “${k.existing}” was rotated away from this key on ${formatDate(k.rotated_at)}`;
    case 'failed':
      return `failed: ${k.message}`;
    default: {
      // Every outcome is handled above: a new one fails to compile here.
      const unknown: never = k;
      return `not restored (${(unknown as { outcome: string }).outcome})`;
    }
  }
}
