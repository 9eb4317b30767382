// The Keys tab's profile filter, rotation, .env import and backup, through the whole app.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../../App.svelte';
import { credential, recordIPC, type Handler } from '../../test/fixtures';
import type { Credential, Profiles } from '../../lib/bindings';
import { toasts } from '../../lib/toasts.svelte';
import { resetAfterEach } from '../../test/views';

vi.mock('../../lib/files', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/files')>()),
  files: { pickFile: vi.fn(), pickSaveFile: vi.fn() },
}));

const okReconcile = { missing: [], restored: [], completed: 0, dropped: 0 };

const KEYS: Credential[] = [
  credential({ id: 'k-default', label: 'Laptop', profile: 'default' }),
  credential({ id: 'k-dev-1', label: 'Dev one', profile: 'dev' }),
  credential({ id: 'k-dev-2', label: 'Dev two', profile: 'dev' }),
  credential({ id: 'k-prod', label: 'Prod', profile: 'prod', hint: 'sk-proj-…a1B2' }),
];

function profilesWith(def: string | null, extra: Profiles['profiles'] = []): Profiles {
  return {
    default: def,
    profiles: [
      { name: 'default', keys: 1, is_default: def === 'default' },
      { name: 'dev', keys: 2, is_default: def === 'dev' },
      { name: 'prod', keys: 1, is_default: def === 'prod' },
      ...extra,
    ],
  };
}

function setup(profiles: Profiles, extra: Handler = () => null, keys: Credential[] = KEYS) {
  let current = profiles;
  const calls = recordIPC((cmd, args) => {
    if (cmd === 'reconcile') return okReconcile;
    if (cmd === 'list_credentials') return keys;
    if (cmd === 'poll_status') return [];
    if (cmd === 'profile_list') return current;
    if (cmd === 'profile_set_default') {
      const name = (args as { name: string | null }).name;
      current = profilesWith(name);
      return current;
    }
    return extra(cmd, args);
  });
  render(App);
  const labels = () => screen.queryAllByTestId('label').map((l) => l.textContent?.trim());
  const count = (cmd: string) => calls.filter((c) => c.cmd === cmd).length;
  return { calls, labels, count };
}

const filter = () => screen.getByTestId('profile-filter') as HTMLSelectElement;
const optionTexts = () => Array.from(filter().options).map((o) => o.textContent?.trim());

resetAfterEach();

describe('Keys tab: profiles', () => {
  it('starts on the default profile and filters the rows by the chosen one', async () => {
    const { labels } = setup(profilesWith('dev'));
    await waitFor(() => expect(filter()).toHaveValue('dev'));
    expect(optionTexts()).toEqual(['All profiles (4)', 'default (1)', 'dev (2) ★ default', 'prod (1)']);
    expect(labels()).toEqual(['Dev one', 'Dev two']);
    // The default profile is shown: it can be cleared, not made default again.
    expect(screen.getByTestId('profile-clear-default')).toBeInTheDocument();
    expect(screen.queryByTestId('profile-make-default')).toBeNull();

    await fireEvent.change(filter(), { target: { value: 'prod' } });
    expect(labels()).toEqual(['Prod']);
    await fireEvent.change(filter(), { target: { value: '' } });
    expect(labels()).toEqual(['Laptop', 'Dev one', 'Dev two', 'Prod']);
    expect(screen.queryByTestId('profile-make-default')).toBeNull();
    expect(screen.queryByTestId('profile-clear-default')).toBeNull();
  });

  it('starts on all profiles when no default is set', async () => {
    const { labels } = setup(profilesWith(null));
    await waitFor(() => expect(filter()).toHaveValue(''));
    expect(labels()).toHaveLength(4);
    expect(optionTexts().some((t) => t?.includes('★'))).toBe(false);
  });

  it('makes the chosen profile the default, and clears it', async () => {
    const { calls } = setup(profilesWith(null));
    await waitFor(() => expect(filter()).toHaveValue(''));
    await fireEvent.change(filter(), { target: { value: 'prod' } });
    await fireEvent.click(screen.getByTestId('profile-make-default'));
    await waitFor(() => expect(optionTexts()).toContain('prod (1) ★ default'));
    expect(calls.filter((c) => c.cmd === 'profile_set_default').map((c) => c.args)).toEqual([{ name: 'prod' }]);
    expect(toasts.items.map((t) => t.text).join('\n')).toContain('“prod” is now the default profile');
    expect(filter()).toHaveValue('prod');

    await fireEvent.click(screen.getByTestId('profile-clear-default'));
    await waitFor(() => expect(screen.getByTestId('profile-make-default')).toBeInTheDocument());
    expect(calls.filter((c) => c.cmd === 'profile_set_default').map((c) => c.args)).toEqual([
      { name: 'prod' },
      { name: null },
    ]);
    expect(optionTexts().some((t) => t?.includes('★'))).toBe(false);
  });

  it('says when the chosen profile has no keys, with a way to show them all', async () => {
    const { labels } = setup(profilesWith('ci', [{ name: 'ci', keys: 0, is_default: true }]));
    const empty = await screen.findByTestId('profile-empty');
    expect(empty).toHaveTextContent('No keys in profile ci');
    expect(labels()).toEqual([]);
    await fireEvent.click(within(empty).getByTestId('profile-show-all'));
    expect(labels()).toHaveLength(4);
    expect(filter()).toHaveValue('');
  });

  it('reads the profiles again when the key list is reloaded', async () => {
    const { count } = setup(profilesWith(null));
    await waitFor(() => expect(count('profile_list')).toBe(1));
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh the list' }));
    await waitFor(() => expect(count('profile_list')).toBe(2));
  });

  it('lists every key when the profiles cannot be read', async () => {
    const { labels } = setup(null as unknown as Profiles);
    await waitFor(() => expect(labels()).toHaveLength(4));
    expect(screen.queryByTestId('profile-filter')).toBeNull();
  });

  it('prefills the add form with the default profile', async () => {
    setup(profilesWith('dev'));
    await waitFor(() => expect(filter()).toHaveValue('dev'));
    await fireEvent.click(screen.getByTestId('add-button'));
    expect(document.getElementById('profile')).toHaveValue('dev');
  });
});

describe('Keys tab: rotation', () => {
  it('rotates a key from its row, then toasts old → new and reloads the list', async () => {
    const rotated = { ...KEYS[3], hint: 'sk-proj-…c3D4', rotated_at: new Date(2026, 10, 23, 12).toISOString() };
    const { calls, count } = setup(profilesWith(null), (cmd) => {
      if (cmd === 'rotation_history') return [];
      if (cmd === 'rotate_credential') return { credential: rotated, old_hint: 'sk-proj-…a1B2' };
      return null;
    });
    await waitFor(() => expect(screen.getAllByTestId('credential-row')).toHaveLength(4));
    const row = document.querySelector<HTMLElement>('[data-testid=credential-row][data-id="k-prod"]')!;
    const button = within(row).getByTestId('rotate');
    expect(button).toHaveAccessibleName('Rotate key of Prod');
    await fireEvent.click(button);
    const dialog = await screen.findByTestId('rotate-dialog');
    expect(dialog).toHaveTextContent('Rotate “Prod”');
    const lists = count('list_credentials');
    await fireEvent.input(screen.getByTestId('rotate-secret'), { target: { value: 'sk-proj-NEWNEWNEWNEWNEWc3D4' } });
    await fireEvent.click(screen.getByTestId('rotate-save'));
    await waitFor(() => expect(screen.queryByTestId('rotate-dialog')).toBeNull());
    expect(calls.find((c) => c.cmd === 'rotate_credential')?.args).toEqual({
      id: 'k-prod',
      secret: 'sk-proj-NEWNEWNEWNEWNEWc3D4',
      options: { expires_on: null, remind_revoke: true },
    });
    expect(toasts.items.map((t) => t.text)).toContain('Rotated “Prod”: sk-proj-…a1B2 → sk-proj-…c3D4');
    await waitFor(() => expect(count('list_credentials')).toBeGreaterThan(lists));
  });

  it('says when a key was last rotated', async () => {
    const keys = [credential({ id: 'r', label: 'Rotated', rotated_at: new Date(2026, 10, 20, 9).toISOString() })];
    setup({ default: null, profiles: [{ name: 'default', keys: 1, is_default: false }] }, () => null, keys);
    const row = await screen.findByTestId('credential-row');
    expect(within(row).getByTestId('rotated')).toHaveTextContent('rotated on 20 Nov 2026');
  });
});

describe('Keys tab: import and backup', () => {
  it('opens the .env import and reloads the keys after an import that added some', async () => {
    const { count } = setup(profilesWith('dev'), (cmd) => {
      if (cmd === 'env_preview') return [{ line: 1, var: 'OPENAI_API_KEY', outcome: 'would_add', label: 'L', hint: 'h' }];
      if (cmd === 'env_import') return [{ line: 1, var: 'OPENAI_API_KEY', outcome: 'added', id: 'n', label: 'L', hint: 'h' }];
      return null;
    });
    await waitFor(() => expect(filter()).toHaveValue('dev'));
    await fireEvent.click(screen.getByTestId('import-env-open'));
    expect(screen.getByTestId('import-env-dialog')).toBeInTheDocument();
    expect(screen.getByTestId('env-profile')).toHaveValue('dev');
    await fireEvent.input(screen.getByTestId('env-path'), { target: { value: '~/app/.env' } });
    await fireEvent.click(screen.getByTestId('env-preview'));
    const importButton = await screen.findByTestId('env-import');
    await waitFor(() => expect(importButton).toBeEnabled());
    const lists = count('list_credentials');
    await fireEvent.click(importButton);
    await screen.findByTestId('env-result');
    await waitFor(() => expect(count('list_credentials')).toBe(lists + 1));
    await fireEvent.click(screen.getByTestId('env-done'));
    expect(screen.queryByTestId('import-env-dialog')).toBeNull();
  });

  it('opens the backup dialog and reloads the keys after a restore that added some', async () => {
    const { count } = setup(profilesWith(null), (cmd) =>
      cmd === 'backup_restore'
        ? { created_at: '2026-11-20T10:00:00Z', keys: [{ outcome: 'added', id: 'n', label: 'New', hint: 'h' }] }
        : null,
    );
    await waitFor(() => expect(screen.getAllByTestId('credential-row')).toHaveLength(4));
    await fireEvent.click(screen.getByTestId('backup-open'));
    expect(screen.getByTestId('backup-dialog')).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId('backup-mode-restore'));
    await fireEvent.input(screen.getByTestId('backup-path'), { target: { value: '~/keys.age' } });
    await fireEvent.input(screen.getByTestId('backup-passphrase'), { target: { value: 'correct horse battery' } });
    const lists = count('list_credentials');
    await fireEvent.click(screen.getByTestId('backup-submit'));
    expect(await screen.findByTestId('backup-summary')).toHaveTextContent('Added 1 key');
    await waitFor(() => expect(count('list_credentials')).toBe(lists + 1));
    await fireEvent.click(screen.getByTestId('backup-done'));
    expect(screen.queryByTestId('backup-dialog')).toBeNull();
  });
});
