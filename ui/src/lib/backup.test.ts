import { describe, expect, it } from 'vitest';
import type { RestoreReport } from './bindings';
import { formatDate } from './format';
import {
  backupFileName,
  defaultBackupPath,
  exportSummary,
  restoreCounts,
  restoredText,
  restoreSummary,
  validateNewPassphrase,
  validateRepeat,
} from './backup';

describe('backup', () => {
  it('suggests a file named after the local date', () => {
    const day = new Date(2026, 0, 5, 23, 30);
    expect(backupFileName(day)).toBe('keyledger-backup-2026-01-05.age');
    expect(defaultBackupPath(day)).toBe('~/keyledger-backup-2026-01-05.age');
  });

  it('wants a passphrase of at least 12 characters, typed twice', () => {
    expect(validateNewPassphrase('')).toBe('Choose a passphrase.');
    expect(validateNewPassphrase('short pass!')).toBe(
      'Use at least 12 characters — a few unrelated words make a strong passphrase.',
    );
    expect(validateNewPassphrase('correct horse')).toBeNull();
    // Characters, not bytes: 12 accented letters are enough, 11 are not.
    expect(validateNewPassphrase('é'.repeat(12))).toBeNull();
    expect(validateNewPassphrase('é'.repeat(11))).not.toBeNull();
    expect(validateRepeat('correct horse', '')).toBe('Type the passphrase again.');
    expect(validateRepeat('correct horse', 'correct house')).toMatch(/differ/);
    expect(validateRepeat('correct horse', 'correct horse')).toBeNull();
  });

  it('sums an export and a restore up', () => {
    expect(exportSummary({ written: 1, missing: [], path: '/b.age' })).toBe('Wrote 1 key to /b.age.');
    expect(exportSummary({ written: 3, missing: ['x'], path: '/b.age' })).toBe('Wrote 3 keys to /b.age.');
    const at = '2026-11-20T10:00:00Z';
    expect(restoreSummary({ created_at: at, keys: [] })).toBe('The backup holds no keys.');
    expect(
      restoreSummary({
        created_at: at,
        keys: [
          { outcome: 'added', id: '1', label: 'A', hint: 'h' },
          { outcome: 'added', id: '2', label: 'B', hint: 'h' },
          { outcome: 'skipped', label: 'C', existing: 'C' },
        ],
      }),
    ).toBe('Added 2 keys, 1 already stored');
    expect(
      restoreSummary({ created_at: at, keys: [{ outcome: 'failed', label: 'D', message: 'keychain locked' }] }),
    ).toBe('Added no keys, 1 failed');
  });

  it('counts and words the keys rotated away from (not restored)', () => {
    const rotated = {
      outcome: 'rotated_away',
      label: 'Old',
      existing: 'Work laptop',
      rotated_at: '2026-11-18T12:00:00Z',
    } as const;
    const report = {
      created_at: '2026-11-01T10:00:00Z',
      keys: [
        { outcome: 'added', id: '1', label: 'A', hint: 'h' },
        { outcome: 'skipped', label: 'C', existing: 'C' },
        { outcome: 'skipped', label: 'D', existing: 'D' },
        rotated,
        { outcome: 'failed', label: 'E', message: 'keychain locked' },
      ],
    } satisfies RestoreReport;
    expect(restoreCounts(report)).toEqual({ added: 1, skipped: 2, rotated_away: 1, failed: 1 });
    expect(restoreSummary(report)).toBe('Added 1 key, 2 already stored, 1 rotated away, 1 failed');
    expect(restoreSummary({ ...report, keys: [rotated] })).toBe('Added no keys, 1 rotated away');
    expect(restoredText(rotated)).toBe(
      `not restored: “Work laptop” was rotated away from this key on ${formatDate('2026-11-18T12:00:00Z')}`,
    );
    expect(formatDate('2026-11-18T12:00:00Z')).toMatch(/^1[89] Nov 2026$/);
    expect(restoredText({ outcome: 'added', id: '1', label: 'A', hint: 'h' })).toBe('added');
    expect(restoredText({ outcome: 'skipped', label: 'C', existing: 'Groq' })).toBe('already stored as Groq');
    expect(restoredText({ outcome: 'failed', label: 'E', message: 'locked' })).toBe('failed: locked');
  });
});
