import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks } from '@tauri-apps/api/mocks';
import BackupDialog from '../BackupDialog.svelte';
import { recordIPC, type Handler } from '../../test/fixtures';
import type { ExportReport, RestoreReport } from '../../lib/bindings';
import { files } from '../../lib/files';

vi.mock('../../lib/files', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/files')>()),
  files: { pickFile: vi.fn(), pickSaveFile: vi.fn() },
}));

const PASS = 'correct horse battery staple';
const EXPORTED: ExportReport = { written: 3, missing: [], path: '/home/me/keyledger-backup.age' };
const RESTORED: RestoreReport = {
  created_at: '2026-11-20T10:00:00Z',
  keys: [
    { outcome: 'added', id: 'k1', label: 'Work laptop', hint: 'sk-proj-…a1B2' },
    { outcome: 'added', id: 'k2', label: 'CI', hint: 'sk-ant-…zz99' },
    { outcome: 'skipped', label: 'Groq', existing: 'Groq laptop' },
  ],
};

/** `handler` answers a command, or returns undefined for the default answers above. */
function setup(handler: Handler = () => undefined) {
  const calls = recordIPC((cmd, args) => {
    const answer = handler(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === 'backup_export') return EXPORTED;
    if (cmd === 'backup_restore') return RESTORED;
    return null;
  });
  const onclose = vi.fn();
  const onrestored = vi.fn();
  render(BackupDialog, { onclose, onrestored });
  const field = (testid: string) => screen.getByTestId(testid) as HTMLInputElement;
  const of = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  const fieldError = (name: string) => document.querySelector(`.field-error[data-field="${name}"]`);
  return { calls, onclose, onrestored, field, of, fieldError };
}

async function type(field: HTMLInputElement, value: string) {
  await fireEvent.input(field, { target: { value } });
}

beforeEach(() => {
  vi.mocked(files.pickFile).mockReset();
  vi.mocked(files.pickSaveFile).mockReset();
});

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

describe('BackupDialog: export', () => {
  it('starts on Export with a dated file in the home folder', () => {
    vi.useFakeTimers({ now: new Date(2026, 0, 5, 9, 0), shouldAdvanceTime: true });
    const { field } = setup();
    expect(screen.getByTestId('backup-mode-export')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('backup-mode-restore')).toHaveAttribute('aria-pressed', 'false');
    expect(field('backup-path')).toHaveValue('~/keyledger-backup-2026-01-05.age');
    expect(field('backup-passphrase')).toHaveAttribute('type', 'password');
    expect(field('backup-overwrite')).not.toBeChecked();
    expect(screen.getByTestId('backup-submit')).toHaveTextContent('Write encrypted backup');
  });

  it('refuses a short passphrase, a different repeat and an empty path without calling Rust', async () => {
    const { field, calls, fieldError } = setup();
    await type(field('backup-passphrase'), 'too short');
    await type(field('backup-passphrase-repeat'), 'too short');
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(fieldError('passphrase')).toHaveTextContent(
      'Use at least 12 characters — a few unrelated words make a strong passphrase',
    );
    expect(field('backup-passphrase')).toHaveAttribute('aria-invalid', 'true');

    await type(field('backup-passphrase'), PASS);
    await type(field('backup-passphrase-repeat'), `${PASS}!`);
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(fieldError('passphrase')).toBeNull();
    expect(fieldError('repeat')).toHaveTextContent('The two passphrases differ');
    expect(field('backup-passphrase-repeat')).toHaveAttribute('aria-invalid', 'true');

    await type(field('backup-passphrase-repeat'), PASS);
    await type(field('backup-path'), '');
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(fieldError('backup-path')).toHaveTextContent("Type the file's full path");
    await type(field('backup-path'), 'backup.age');
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(fieldError('backup-path')).toHaveTextContent('starting with / or ~/');
    expect(calls).toHaveLength(0);
  });

  it('writes the backup with Enter, busy while encrypting, then says where and forgets the passphrase', async () => {
    const user = userEvent.setup();
    let release: () => void = () => {};
    const { field, of } = setup((cmd) =>
      cmd === 'backup_export' ? new Promise((resolve) => (release = () => resolve(EXPORTED))) : undefined,
    );
    await type(field('backup-path'), '/home/me/keyledger-backup.age');
    await fireEvent.click(field('backup-overwrite'));
    await user.click(field('backup-passphrase'));
    await user.keyboard(PASS);
    await user.click(field('backup-passphrase-repeat'));
    await user.keyboard(`${PASS}{Enter}`);
    await waitFor(() => expect(screen.getByTestId('backup-submit')).toBeDisabled());
    expect(screen.getByTestId('backup-submit')).toHaveTextContent('Encrypting…');
    expect(of('backup_export')).toEqual([{ path: '/home/me/keyledger-backup.age', passphrase: PASS, overwrite: true }]);
    release();
    const result = await screen.findByTestId('backup-result');
    expect(within(result).getByTestId('backup-summary')).toHaveTextContent(
      "Wrote 3 keys to /home/me/keyledger-backup.age. Keep the passphrase safe: without it the backup can't be opened.",
    );
    expect(screen.queryByTestId('backup-missing')).toBeNull();
    expect(screen.queryByTestId('backup-passphrase')).toBeNull();
  });

  it('lists the keys left out because their secret is gone', async () => {
    const { field } = setup((cmd) =>
      cmd === 'backup_export' ? { ...EXPORTED, written: 1, missing: ['Old laptop', 'CI'] } : undefined,
    );
    await type(field('backup-passphrase'), PASS);
    await type(field('backup-passphrase-repeat'), PASS);
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(await screen.findByTestId('backup-summary')).toHaveTextContent('Wrote 1 key to');
    expect(screen.getByTestId('backup-missing')).toHaveTextContent('Old laptop, CI');
  });

  it('says what to do when the file exists, by the error code of Rust', async () => {
    const { field, of } = setup((cmd) => {
      if (cmd === 'backup_export') {
        throw { code: 'exists', message: '/home/me/b.age already exists; choose another file name, or allow replacing it' };
      }
      return undefined;
    });
    await type(field('backup-path'), '/home/me/b.age');
    await type(field('backup-passphrase'), PASS);
    await type(field('backup-passphrase-repeat'), PASS);
    await fireEvent.click(screen.getByTestId('backup-submit'));
    const error = await screen.findByTestId('backup-error');
    expect(error).toHaveTextContent(
      'That file already exists: choose another name, or tick “Replace the file if it exists”.',
    );
    expect(of('backup_export')).toEqual([{ path: '/home/me/b.age', passphrase: PASS, overwrite: false }]);
    expect(screen.queryByTestId('backup-result')).toBeNull();
  });

  it("shows Rust's own message for other errors", async () => {
    const { field } = setup((cmd) => {
      if (cmd === 'backup_export') throw { code: 'io', message: 'cannot use /readonly/b.age: Permission denied' };
      return undefined;
    });
    await type(field('backup-passphrase'), PASS);
    await type(field('backup-passphrase-repeat'), PASS);
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(await screen.findByTestId('backup-error')).toHaveTextContent('cannot use /readonly/b.age: Permission denied');
  });

  it('fills the path from the save dialog', async () => {
    vi.mocked(files.pickSaveFile).mockResolvedValueOnce('/media/usb/keys.age');
    const { field } = setup();
    await fireEvent.click(screen.getByTestId('backup-browse'));
    await waitFor(() => expect(field('backup-path')).toHaveValue('/media/usb/keys.age'));
    const options = vi.mocked(files.pickSaveFile).mock.calls[0][0];
    expect(options?.defaultPath).toMatch(/^keyledger-backup-\d{4}-\d{2}-\d{2}\.age$/);
    expect(options?.filters?.[0].extensions).toEqual(['age']);
  });

  it('replaces the file picked with Browse… (the save chooser already asked), unless the path is typed over', async () => {
    vi.mocked(files.pickSaveFile).mockResolvedValueOnce('/media/usb/keys.age');
    const { field, of } = setup();
    expect(field('backup-overwrite')).not.toBeChecked();
    await fireEvent.click(screen.getByTestId('backup-browse'));
    await waitFor(() => expect(field('backup-path')).toHaveValue('/media/usb/keys.age'));
    expect(field('backup-overwrite')).toBeChecked();
    await type(field('backup-passphrase'), PASS);
    await type(field('backup-passphrase-repeat'), PASS);
    await fireEvent.click(screen.getByTestId('backup-submit'));
    await screen.findByTestId('backup-result');
    expect(of('backup_export')).toEqual([{ path: '/media/usb/keys.age', passphrase: PASS, overwrite: true }]);

    // Another backup: a path typed over the picked one was not confirmed by the chooser.
    await fireEvent.click(screen.getByRole('button', { name: 'Write another backup' }));
    vi.mocked(files.pickSaveFile).mockResolvedValueOnce('/media/usb/other.age');
    await fireEvent.click(screen.getByTestId('backup-browse'));
    await waitFor(() => expect(field('backup-path')).toHaveValue('/media/usb/other.age'));
    expect(field('backup-overwrite')).toBeChecked();
    await type(field('backup-path'), '/media/usb/typed.age');
    expect(field('backup-overwrite')).not.toBeChecked();
    await type(field('backup-passphrase'), PASS);
    await type(field('backup-passphrase-repeat'), PASS);
    await fireEvent.click(screen.getByTestId('backup-submit'));
    await screen.findByTestId('backup-result');
    expect(of('backup_export')[1]).toEqual({ path: '/media/usb/typed.age', passphrase: PASS, overwrite: false });
  });

  it('keeps the choice the user made in the checkbox after Browse…', async () => {
    vi.mocked(files.pickSaveFile).mockResolvedValueOnce('/media/usb/keys.age');
    const { field } = setup();
    await fireEvent.click(screen.getByTestId('backup-browse'));
    await waitFor(() => expect(field('backup-overwrite')).toBeChecked());
    await fireEvent.click(field('backup-overwrite'));
    expect(field('backup-overwrite')).not.toBeChecked();
    await fireEvent.click(field('backup-overwrite'));
    await type(field('backup-path'), '/media/usb/typed.age');
    expect(field('backup-overwrite')).toBeChecked();
  });

  it('leaves the checkbox alone when the save dialog is cancelled', async () => {
    vi.mocked(files.pickSaveFile).mockResolvedValueOnce(null);
    const { field } = setup();
    await fireEvent.click(screen.getByTestId('backup-browse'));
    await waitFor(() => expect(files.pickSaveFile).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(field('backup-overwrite')).not.toBeChecked();
  });

  it('forgets the passphrases when it closes', async () => {
    const { field, onclose } = setup();
    await type(field('backup-passphrase'), PASS);
    await type(field('backup-passphrase-repeat'), PASS);
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(field('backup-passphrase')).toHaveValue('');
    expect(field('backup-passphrase-repeat')).toHaveValue('');
  });
});

describe('BackupDialog: restore', () => {
  async function toRestore() {
    await fireEvent.click(screen.getByTestId('backup-mode-restore'));
    expect(screen.getByTestId('backup-mode-restore')).toHaveAttribute('aria-pressed', 'true');
  }

  it('needs a path and a passphrase', async () => {
    const { field, calls, fieldError } = setup();
    await toRestore();
    expect(field('backup-path')).toHaveValue('');
    expect(screen.queryByTestId('backup-passphrase-repeat')).toBeNull();
    expect(screen.getByTestId('backup-submit')).toHaveTextContent('Restore keys');
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(fieldError('restore-path')).toHaveTextContent("Type the file's full path");
    expect(fieldError('passphrase')).toHaveTextContent("Type the backup's passphrase.");
    expect(calls).toHaveLength(0);
  });

  it('restores with Enter and lists what happened to each key', async () => {
    const user = userEvent.setup();
    vi.mocked(files.pickFile).mockResolvedValueOnce('/media/usb/keys.age');
    const { field, of, onrestored } = setup();
    await toRestore();
    await fireEvent.click(screen.getByTestId('backup-browse'));
    await waitFor(() => expect(field('backup-path')).toHaveValue('/media/usb/keys.age'));
    expect(vi.mocked(files.pickFile).mock.calls[0][0]?.filters?.[0].extensions).toEqual(['age']);
    await user.click(field('backup-passphrase'));
    await user.keyboard(`${PASS}{Enter}`);
    const result = await screen.findByTestId('backup-result');
    expect(of('backup_restore')).toEqual([{ path: '/media/usb/keys.age', passphrase: PASS }]);
    expect(within(result).getByTestId('backup-summary')).toHaveTextContent('Added 2 keys, 1 already stored');
    const rows = within(result).getAllByTestId('restore-row');
    expect(rows.map((r) => r.dataset.outcome)).toEqual(['added', 'added', 'skipped']);
    expect(rows[0]).toHaveTextContent('Work laptop');
    expect(rows[0]).toHaveTextContent('added');
    expect(rows[2]).toHaveTextContent('already stored as Groq laptop');
    expect(onrestored).toHaveBeenCalledWith(RESTORED);
  });

  it('does not restore a key that a stored key was rotated away from, and says so', async () => {
    const rotatedAt = '2026-11-18T09:30:00Z';
    const report: RestoreReport = {
      created_at: '2026-11-01T10:00:00Z',
      keys: [
        { outcome: 'added', id: 'k1', label: 'CI', hint: 'sk-ant-…zz99' },
        { outcome: 'skipped', label: 'Groq', existing: 'Groq laptop' },
        { outcome: 'skipped', label: 'Mistral', existing: 'Mistral' },
        { outcome: 'rotated_away', label: 'Work laptop (old)', existing: 'Work laptop', rotated_at: rotatedAt },
      ],
    };
    const { field } = setup((cmd) => (cmd === 'backup_restore' ? report : undefined));
    await toRestore();
    await type(field('backup-path'), '~/keys.age');
    await type(field('backup-passphrase'), PASS);
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(await screen.findByTestId('backup-summary')).toHaveTextContent(
      'Added 1 key, 2 already stored, 1 rotated away',
    );
    const rows = screen.getAllByTestId('restore-row');
    expect(rows.map((r) => r.dataset.outcome)).toEqual(['added', 'skipped', 'skipped', 'rotated_away']);
    const d = new Date(rotatedAt);
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const local = `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
    expect(rows[3]).toHaveTextContent(
      `Work laptop (old) not restored: “Work laptop” was rotated away from this key on ${local}`,
    );
    expect(rows[3]).not.toHaveTextContent('failed');
  });

  it('shows the message of a failed key', async () => {
    const { field, onrestored } = setup((cmd) =>
      cmd === 'backup_restore'
        ? {
            created_at: '2026-11-20T10:00:00Z',
            keys: [{ outcome: 'failed', label: 'CI', message: 'the system keychain is locked' }],
          }
        : undefined,
    );
    await toRestore();
    await type(field('backup-path'), '~/keys.age');
    await type(field('backup-passphrase'), PASS);
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(await screen.findByTestId('backup-summary')).toHaveTextContent('Added no keys, 1 failed');
    expect(screen.getByTestId('restore-row')).toHaveTextContent('failed: the system keychain is locked');
    expect(onrestored).not.toHaveBeenCalled();
  });

  it('says clearly when the passphrase is wrong, and changes nothing', async () => {
    const message = 'the passphrase does not open this backup; check it (capitals, spaces) and try again';
    const { field, onrestored } = setup((cmd) => {
      if (cmd === 'backup_restore') throw { code: 'wrong_passphrase', message };
      return undefined;
    });
    await toRestore();
    await type(field('backup-path'), '~/keys.age');
    await type(field('backup-passphrase'), 'not the one');
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(await screen.findByTestId('backup-error')).toHaveTextContent(message);
    expect(field('backup-passphrase')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(document.activeElement).toBe(field('backup-passphrase')));
    expect(screen.queryByTestId('backup-result')).toBeNull();
    expect(onrestored).not.toHaveBeenCalled();
  });

  it('says when the file is not a readable backup', async () => {
    const message = 'this file is not a readable Keyledger backup: bad header; use another copy of the backup';
    const { field } = setup((cmd) => {
      if (cmd === 'backup_restore') throw { code: 'damaged_backup', message };
      return undefined;
    });
    await toRestore();
    await type(field('backup-path'), '~/keys.age');
    await type(field('backup-passphrase'), PASS);
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(await screen.findByTestId('backup-error')).toHaveTextContent(message);
    expect(field('backup-passphrase')).not.toHaveAttribute('aria-invalid');
  });
});
