import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import type { RestoreReport } from './bindings';
import { ExportForm, RestoreForm } from './backupForms.svelte';
import { recordIPC } from '../test/fixtures';

const PASS = 'correct horse battery staple';
const RESTORED: RestoreReport = { created_at: '2026-11-20T10:00:00Z', keys: [] };

afterEach(() => clearMocks());

describe('ExportForm', () => {
  it('starts with a dated file in the home folder and sends nothing while a field is wrong', async () => {
    const calls = recordIPC(() => null);
    const form = new ExportForm(new Date(2026, 0, 5, 9, 0));
    expect(form.path).toBe('~/keyledger-backup-2026-01-05.age');
    expect(await form.run()).toBe('invalid');
    expect(form.submitted).toBe(true);
    expect(form.passphraseError).toBe('Choose a passphrase.');
    // The repeat is only checked once the passphrase itself is fine.
    expect(form.repeatError).toBeNull();
    form.passphrase = PASS;
    expect(form.repeatError).toBe('Type the passphrase again.');
    form.repeat = PASS;
    form.path = 'backup.age';
    expect(await form.run()).toBe('invalid');
    expect(form.pathError).toMatch(/starting with \/ or ~\//);
    expect(calls).toHaveLength(0);
  });

  it('writes the backup, then forgets the passphrases', async () => {
    const report = { written: 2, missing: [], path: '/b.age' };
    const calls = recordIPC((cmd) => (cmd === 'backup_export' ? report : null));
    const form = new ExportForm();
    form.path = ' /b.age ';
    form.passphrase = PASS;
    form.repeat = PASS;
    expect(await form.run()).toBe('done');
    expect(calls.map((c) => c.args)).toEqual([{ path: '/b.age', passphrase: PASS, overwrite: false }]);
    expect(form.report).toEqual(report);
    expect([form.passphrase, form.repeat, form.submitted, form.running]).toEqual(['', '', false, false]);
  });

  it('words an existing file after its checkbox', async () => {
    recordIPC(() => {
      throw { code: 'exists', message: '/b.age already exists' };
    });
    const form = new ExportForm();
    form.passphrase = PASS;
    form.repeat = PASS;
    expect(await form.run()).toBe('failed');
    expect(form.error).toBe('That file already exists: choose another name, or tick “Replace the file if it exists”.');
    expect(form.passphrase).toBe(PASS);
    form.pathEdited();
    expect(form.error).toBeNull();
  });

  it('replaces a picked file until its path is typed over', () => {
    const form = new ExportForm();
    form.path = '/media/usb/keys.age';
    form.picked('/media/usb/keys.age');
    expect(form.overwrite).toBe(true);
    form.pathEdited();
    expect(form.overwrite).toBe(true);
    form.path = '/media/usb/typed.age';
    form.pathEdited();
    expect([form.overwrite, form.confirmedPath]).toEqual([false, null]);
  });
});

describe('RestoreForm', () => {
  it('needs a path and a passphrase', async () => {
    const calls = recordIPC(() => RESTORED);
    const form = new RestoreForm();
    expect(await form.run()).toBe('invalid');
    expect(form.passphraseError).toBe("Type the backup's passphrase.");
    expect(form.pathError).not.toBeNull();
    expect(calls).toHaveLength(0);
    form.path = '~/keys.age';
    form.passphrase = PASS;
    expect(await form.run()).toBe('done');
    expect(form.report).toEqual(RESTORED);
    expect(form.passphrase).toBe('');
  });

  it('marks a wrong passphrase until the next run', async () => {
    let code = 'wrong_passphrase';
    recordIPC(() => {
      throw { code, message: 'no luck' };
    });
    const form = new RestoreForm();
    form.path = '~/keys.age';
    form.passphrase = 'not it';
    expect(await form.run()).toBe('wrong_passphrase');
    expect([form.wrongPassphrase, form.error, form.passphrase]).toEqual([true, 'no luck', 'not it']);
    code = 'damaged_backup';
    expect(await form.run()).toBe('failed');
    expect(form.wrongPassphrase).toBe(false);
  });
});
