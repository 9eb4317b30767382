import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { clearMocks } from '@tauri-apps/api/mocks';
import ImportEnvDialog from '../ImportEnvDialog.svelte';
import { recordIPC, type Handler } from '../../test/fixtures';
import type { LineReport } from '../../lib/bindings';
import { files } from '../../lib/files';

vi.mock('../../lib/files', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/files')>()),
  files: { pickFile: vi.fn(), pickSaveFile: vi.fn() },
}));

const PATH = '/home/me/app/.env';
const PREVIEW: LineReport[] = [
  { line: 1, var: 'OPENAI_API_KEY', outcome: 'would_add', label: 'OPENAI_API_KEY (.env)', hint: 'sk-proj-…a1B2' },
  { line: 2, var: 'ANTHROPIC_API_KEY', outcome: 'would_add', label: 'ANTHROPIC_API_KEY (.env)', hint: 'sk-ant-…zz99' },
  { line: 4, var: 'GROQ_API_KEY', outcome: 'duplicate', label: 'Groq laptop' },
  { line: 6, var: 'DEBUG', outcome: 'skipped', why: 'not a known API key variable' },
];
const IMPORTED: LineReport[] = [
  { line: 1, var: 'OPENAI_API_KEY', outcome: 'added', id: 'k1', label: 'OPENAI_API_KEY (.env)', hint: 'sk-proj-…a1B2' },
  { line: 2, var: 'ANTHROPIC_API_KEY', outcome: 'added', id: 'k2', label: 'ANTHROPIC_API_KEY (.env)', hint: 'sk-ant-…zz99' },
  { line: 4, var: 'GROQ_API_KEY', outcome: 'duplicate', label: 'Groq laptop' },
  { line: 6, var: 'DEBUG', outcome: 'skipped', why: 'not a known API key variable' },
];

/** `handler` answers a command, or returns undefined for the default answers above. */
function setup(handler: Handler = () => undefined, props: { defaultProfile?: string | null } = {}) {
  const calls = recordIPC((cmd, args) => {
    const answer = handler(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === 'env_preview') return PREVIEW;
    if (cmd === 'env_import') return IMPORTED;
    if (cmd === 'env_cleanup') return 3;
    return null;
  });
  const onclose = vi.fn();
  const onimported = vi.fn();
  render(ImportEnvDialog, { onclose, onimported, ...props });
  const field = (testid: string) => screen.getByTestId(testid) as HTMLInputElement;
  const of = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);
  return { calls, onclose, onimported, field, of };
}

async function previewWith(field: (t: string) => HTMLInputElement, path = PATH) {
  await fireEvent.input(field('env-path'), { target: { value: path } });
  await fireEvent.click(screen.getByTestId('env-preview'));
  await screen.findByTestId('env-preview-result');
}

beforeEach(() => {
  vi.mocked(files.pickFile).mockReset();
});

afterEach(() => {
  clearMocks();
});

describe('ImportEnvDialog', () => {
  it('needs a full path before reading anything, and Import waits for a preview', async () => {
    const { field, calls } = setup();
    await waitFor(() => expect(document.activeElement).toBe(field('env-path')));
    expect(screen.getByTestId('env-import')).toBeDisabled();
    await fireEvent.click(screen.getByTestId('env-preview'));
    expect(document.querySelector('.field-error[data-field="env-path"]')).toHaveTextContent("Type the file's full path");
    expect(field('env-path')).toHaveAttribute('aria-invalid', 'true');
    await fireEvent.input(field('env-path'), { target: { value: 'app/.env' } });
    await fireEvent.click(screen.getByTestId('env-preview'));
    expect(document.querySelector('.field-error[data-field="env-path"]')).toHaveTextContent('starting with / or ~/');
    await fireEvent.input(field('env-profile'), { target: { value: 'my profile' } });
    await fireEvent.input(field('env-path'), { target: { value: PATH } });
    await fireEvent.click(screen.getByTestId('env-preview'));
    expect(document.querySelector('.field-error[data-field="profile"]')).not.toBeNull();
    expect(calls).toHaveLength(0);
  });

  it('previews with Enter: each line, what it becomes, and the counts', async () => {
    const user = userEvent.setup();
    const { field, of } = setup(() => undefined, { defaultProfile: 'dev' });
    expect(field('env-profile')).toHaveValue('dev');
    await waitFor(() => expect(document.activeElement).toBe(field('env-path')));
    await user.keyboard(`~/app/.env{Enter}`);
    const result = await screen.findByTestId('env-preview-result');
    expect(of('env_preview')).toEqual([{ path: '~/app/.env', profile: 'dev' }]);
    expect(within(result).getByTestId('env-summary')).toHaveTextContent('2 keys to import, 1 already stored, 1 skipped');
    const lines = within(result).getAllByTestId('env-line');
    expect(lines.map((l) => l.dataset.outcome)).toEqual(['would_add', 'would_add', 'duplicate', 'skipped']);
    expect(lines[0]).toHaveTextContent('1OPENAI_API_KEYWill import as OPENAI_API_KEY (.env) (sk-proj-…a1B2)');
    expect(lines[2]).toHaveTextContent('Already stored as Groq laptop');
    expect(lines[3]).toHaveTextContent('Skipped: not a known API key variable');
    expect(screen.getByTestId('env-import')).toHaveTextContent('Import 2 keys');
    expect(screen.getByTestId('env-import')).toBeEnabled();
    expect(of('env_import')).toHaveLength(0);
  });

  it('fills the path from Browse…', async () => {
    vi.mocked(files.pickFile).mockResolvedValueOnce('/home/me/proj/.env.local');
    const { field, of } = setup();
    await fireEvent.click(screen.getByTestId('env-browse'));
    await waitFor(() => expect(field('env-path')).toHaveValue('/home/me/proj/.env.local'));
    expect(vi.mocked(files.pickFile).mock.calls[0][0]?.filters?.[0].extensions).toContain('env');
    await fireEvent.click(screen.getByTestId('env-preview'));
    await waitFor(() => expect(of('env_preview')).toEqual([{ path: '/home/me/proj/.env.local', profile: 'default' }]));
  });

  it('keeps Import disabled when nothing would be imported', async () => {
    const { field } = setup((cmd) => (cmd === 'env_preview' ? PREVIEW.slice(2) : undefined));
    await previewWith(field);
    expect(screen.getByTestId('env-summary')).toHaveTextContent('No keys to import, 1 already stored, 1 skipped');
    expect(screen.getByTestId('env-import')).toBeDisabled();
  });

  it('offers to tidy a file whose keys are all stored already, straight from the preview', async () => {
    const { field, of, onimported, onclose } = setup((cmd) => (cmd === 'env_preview' ? PREVIEW.slice(2) : undefined));
    await previewWith(field);
    const cleanup = screen.getByTestId('env-cleanup');
    expect(cleanup).toHaveTextContent('The file still holds these keys in clear');
    expect(cleanup).toHaveTextContent('They are in your keychain already');
    expect(within(cleanup).getByTestId('env-delete')).toBeEnabled();
    expect(within(cleanup).getByTestId('env-keep')).toBeEnabled();

    await fireEvent.click(within(cleanup).getByTestId('env-rewrite'));
    expect(await screen.findByTestId('env-cleanup-result')).toHaveTextContent('3 lines replaced by comments');
    expect(of('env_cleanup')).toEqual([{ path: PATH, delete: false }]);
    expect(of('env_import')).toHaveLength(0);
    expect(onimported).not.toHaveBeenCalled();
    expect(screen.queryByTestId('env-cleanup')).toBeNull();
    // Done with: the form is locked and Done closes.
    expect(field('env-path')).toBeDisabled();
    expect(screen.queryByTestId('env-preview')).toBeNull();
    expect(screen.queryByTestId('env-import')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('env-done')));
    await fireEvent.click(screen.getByTestId('env-done'));
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('deletes, after asking, a file whose keys are all stored already; the offer goes when the path changes', async () => {
    const { field, of } = setup((cmd) => {
      if (cmd === 'env_preview') return PREVIEW.slice(2);
      if (cmd === 'env_cleanup') return 0;
      return undefined;
    });
    await previewWith(field, '~/app/.env');
    await fireEvent.click(screen.getByTestId('env-delete'));
    expect(screen.getByTestId('env-delete-confirm-box')).toHaveTextContent('Delete ~/app/.env?');
    await fireEvent.click(screen.getByTestId('env-delete-confirm'));
    expect(await screen.findByTestId('env-cleanup-result')).toHaveTextContent('Deleted ~/app/.env');
    expect(of('env_cleanup')).toEqual([{ path: '~/app/.env', delete: true }]);
  });

  it('offers no clean-up from a preview that has keys to import, or no stored key', async () => {
    let answer: LineReport[] = PREVIEW;
    const { field } = setup((cmd) => (cmd === 'env_preview' ? answer : undefined));
    await previewWith(field);
    expect(screen.queryByTestId('env-cleanup')).toBeNull();
    answer = PREVIEW.slice(3);
    await previewWith(field, '/home/me/other/.env');
    expect(screen.getByTestId('env-summary')).toHaveTextContent('No keys to import, 1 skipped');
    expect(screen.queryByTestId('env-cleanup')).toBeNull();

    answer = PREVIEW.slice(2);
    await previewWith(field, '/home/me/third/.env');
    expect(screen.getByTestId('env-cleanup')).toBeInTheDocument();
    await fireEvent.input(field('env-path'), { target: { value: '/home/me/fourth/.env' } });
    expect(screen.queryByTestId('env-cleanup')).toBeNull();
  });

  it('drops the preview when the path changes', async () => {
    const { field } = setup();
    await previewWith(field);
    await fireEvent.input(field('env-path'), { target: { value: '/home/me/other/.env' } });
    expect(screen.queryByTestId('env-preview-result')).toBeNull();
    expect(screen.getByTestId('env-import')).toBeDisabled();
  });

  it("shows Rust's reason when the file cannot be read", async () => {
    const message = 'cannot use /home/me/app/.env: No such file or directory (os error 2)';
    const { field } = setup((cmd) => {
      if (cmd === 'env_preview') throw { code: 'io', message };
      return undefined;
    });
    await fireEvent.input(field('env-path'), { target: { value: PATH } });
    await fireEvent.click(screen.getByTestId('env-preview'));
    expect(await screen.findByTestId('env-error')).toHaveTextContent(message);
    expect(screen.getByTestId('env-import')).toBeDisabled();
  });

  it('imports, reports the result, then replaces the keys in the file with comments', async () => {
    const { field, of, onimported, onclose } = setup();
    await previewWith(field);
    await fireEvent.click(screen.getByTestId('env-import'));
    const result = await screen.findByTestId('env-result');
    expect(of('env_import')).toEqual([{ path: PATH, profile: 'default' }]);
    expect(onimported).toHaveBeenCalledWith(IMPORTED);
    expect(within(result).getByTestId('env-summary')).toHaveTextContent('Imported 2 keys, 1 already stored, 1 skipped');
    expect(within(result).getAllByTestId('env-line')[0]).toHaveTextContent('Imported as OPENAI_API_KEY (.env) (sk-proj-…a1B2)');
    expect(screen.queryByTestId('env-import')).toBeNull();

    await fireEvent.click(screen.getByTestId('env-rewrite'));
    expect(await screen.findByTestId('env-cleanup-result')).toHaveTextContent('3 lines replaced by comments');
    expect(of('env_cleanup')).toEqual([{ path: PATH, delete: false }]);
    expect(screen.queryByTestId('env-cleanup')).toBeNull();
    await fireEvent.click(screen.getByTestId('env-done'));
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('asks before deleting the file', async () => {
    const { field, of } = setup((cmd) => (cmd === 'env_cleanup' ? 0 : undefined));
    await previewWith(field);
    await fireEvent.click(screen.getByTestId('env-import'));
    await screen.findByTestId('env-result');
    await fireEvent.click(screen.getByTestId('env-delete'));
    expect(screen.getByTestId('env-delete-confirm-box')).toHaveTextContent(`Delete ${PATH}?`);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('env-delete-cancel')));
    await fireEvent.click(screen.getByTestId('env-delete-cancel'));
    expect(screen.queryByTestId('env-delete-confirm-box')).toBeNull();
    expect(of('env_cleanup')).toHaveLength(0);

    await fireEvent.click(screen.getByTestId('env-delete'));
    await fireEvent.click(screen.getByTestId('env-delete-confirm'));
    expect(await screen.findByTestId('env-cleanup-result')).toHaveTextContent(`Deleted ${PATH}`);
    expect(of('env_cleanup')).toEqual([{ path: PATH, delete: true }]);
  });

  it('closes with Keep the file, and on Escape', async () => {
    const { field, onclose, of } = setup();
    await previewWith(field);
    await fireEvent.click(screen.getByTestId('env-import'));
    await fireEvent.click(await screen.findByTestId('env-keep'));
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(of('env_cleanup')).toHaveLength(0);
    await fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(2);
  });

  it('does not report an import that added nothing', async () => {
    const { field, onimported } = setup((cmd) => (cmd === 'env_import' ? IMPORTED.slice(2) : undefined));
    await previewWith(field);
    await fireEvent.click(screen.getByTestId('env-import'));
    await screen.findByTestId('env-result');
    expect(onimported).not.toHaveBeenCalled();
  });
});
