import { describe, expect, it } from 'vitest';
import {
  backupFileName,
  defaultBackupPath,
  exportErrorText,
  exportSummary,
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

  it("points at the checkbox instead of the CLI's --force", () => {
    expect(exportErrorText('/home/me/b.age already exists; choose another file name (or replace it with --force)')).toBe(
      '/home/me/b.age already exists; choose another file name (or tick “Replace the file if it exists”)',
    );
    expect(exportErrorText('no keys')).toBe('no keys');
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
});
