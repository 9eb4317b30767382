// Encrypted backups: the passphrase rules, the suggested file name and what a restore did.
import type { ExportReport, RestoreReport } from './bindings';

/** Like `MIN_PASSPHRASE_CHARS` in keyledger-core. */
export const MIN_PASSPHRASE_CHARS = 12;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
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

/** The Rust message of an existing file names the CLI's flag: point at the checkbox instead. */
export function exportErrorText(message: string): string {
  return message.replace('(or replace it with --force)', '(or tick “Replace the file if it exists”)');
}

/** "Wrote 3 keys to ~/b.age." */
export function exportSummary(r: ExportReport): string {
  return `Wrote ${plural(r.written, 'key', 'keys')} to ${r.path}.`;
}

export interface RestoreCounts {
  added: number;
  skipped: number;
  failed: number;
}

export function restoreCounts(r: RestoreReport): RestoreCounts {
  const counts: RestoreCounts = { added: 0, skipped: 0, failed: 0 };
  for (const k of r.keys) counts[k.outcome] += 1;
  return counts;
}

/** "Added 2 keys, 1 already stored" (", 1 failed"); "The backup holds no keys" when empty. */
export function restoreSummary(r: RestoreReport): string {
  if (r.keys.length === 0) return 'The backup holds no keys.';
  const c = restoreCounts(r);
  const parts = [c.added === 0 ? 'Added no keys' : `Added ${plural(c.added, 'key', 'keys')}`];
  if (c.skipped > 0) parts.push(`${c.skipped} already stored`);
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  return parts.join(', ');
}
