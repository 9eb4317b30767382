import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks } from '@tauri-apps/api/mocks';
import AddKeyForm from '../AddKeyForm.svelte';
import { credential, detection, recordIPC, type Handler } from '../../test/fixtures';
import type { Detection } from '../../lib/bindings';

function setup(handler: Handler) {
  const calls = recordIPC(handler);
  const onclose = vi.fn();
  const onadded = vi.fn();
  const onshowkey = vi.fn();
  const result = render(AddKeyForm, { onclose, onadded, onshowkey });
  const input = (id: string) => result.container.ownerDocument.getElementById(id) as HTMLInputElement;
  return { calls, onclose, onadded, onshowkey, input, ...result };
}

const detectWith = (d: Detection): Handler => (cmd) => {
  if (cmd === 'detect_key') return d;
  throw new Error(`unexpected command ${cmd}`);
};

afterEach(() => {
  clearMocks();
});

describe('AddKeyForm', () => {
  it('focuses the key field when it opens', async () => {
    const { input } = setup(() => null);
    await waitFor(() => expect(document.activeElement).toBe(input('secret')));
  });

  it('calls detect_key while typing and shows the detected provider', async () => {
    const { calls, input } = setup(
      detectWith(detection({ provider: 'openai', candidates: ['openai'], kind: 'api', hint: 'sk-proj-…a1B2' })),
    );
    await fireEvent.input(input('secret'), { target: { value: 'sk-proj-abcdefghijklmnopqrstuvwxa1B2' } });
    const detected = await screen.findByTestId('detected');
    expect(detected).toHaveTextContent('Detected: OpenAI · API key');
    const detects = calls.filter((c) => c.cmd === 'detect_key');
    expect(detects).toHaveLength(1);
    expect(detects[0].args).toEqual({ secret: 'sk-proj-abcdefghijklmnopqrstuvwxa1B2' });
    // Provider and kind follow the detection.
    expect(input('provider')).toHaveValue('openai');
    expect(input('kind')).toHaveValue('api');
  });

  it('debounces detection: a burst of typing makes one call', async () => {
    vi.useFakeTimers();
    try {
      const { calls, input } = setup(detectWith(detection({ provider: 'groq', kind: 'api' })));
      for (const v of ['g', 'gs', 'gsk', 'gsk_', 'gsk_abcdefghijklmnopqrst']) {
        await fireEvent.input(input('secret'), { target: { value: v } });
        await vi.advanceTimersByTimeAsync(50);
      }
      expect(calls.filter((c) => c.cmd === 'detect_key')).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(200);
      const detects = calls.filter((c) => c.cmd === 'detect_key');
      expect(detects).toHaveLength(1);
      expect(detects[0].args).toEqual({ secret: 'gsk_abcdefghijklmnopqrst' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks the user to choose when the key is ambiguous', async () => {
    const { input } = setup(detectWith(detection({ candidates: ['openai', 'deepseek'], kind: 'api' })));
    await fireEvent.input(input('secret'), { target: { value: 'sk-0123456789abcdef0123456789abcdef' } });
    expect(await screen.findByTestId('detected')).toHaveTextContent('Could be OpenAI or DeepSeek — choose below');
    expect(input('provider')).toHaveValue('');
  });

  it('does not override a provider the user picked', async () => {
    const { input } = setup(detectWith(detection({ provider: 'openai', kind: 'api' })));
    await fireEvent.change(input('provider'), { target: { value: 'openrouter' } });
    await fireEvent.input(input('secret'), { target: { value: 'sk-proj-abcdefghijklmnopqrstuvwx' } });
    await screen.findByTestId('detected');
    expect(input('provider')).toHaveValue('openrouter');
  });

  it('shows the problem of an unusable key inline', async () => {
    const { input } = setup(
      detectWith(detection({ provider: 'openai', kind: 'api', problem: 'this looks like a truncated key' })),
    );
    await fireEvent.input(input('secret'), { target: { value: 'sk-proj-abc' } });
    expect(await screen.findByTestId('detect-problem')).toHaveTextContent('this looks like a truncated key');
  });

  it('mentions a token expiry that will be used', async () => {
    const { input } = setup(
      detectWith(
        detection({
          provider: 'other',
          kind: 'token',
          token: { expires_at: '2027-01-31T12:00:00Z', issued_at: null, issuer: 'https://auth.example', scope: 'read' },
        }),
      ),
    );
    await fireEvent.input(input('secret'), { target: { value: 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE4MDB9.sig' } });
    expect(await screen.findByTestId('token-expiry')).toHaveTextContent(/Token expires \d+ (Jan|Feb) 2027 — this date will be used/);
  });

  it('shows an inline error for an empty label and does not call add_credential', async () => {
    const { calls, input, container } = setup(detectWith(detection({ provider: 'openai', kind: 'api' })));
    await fireEvent.input(input('secret'), { target: { value: 'sk-proj-abcdefghijklmnopqrstuvwx' } });
    await screen.findByTestId('detected');
    await fireEvent.click(screen.getByTestId('add-submit'));
    const err = container.querySelector('.field-error[data-field="label"]');
    expect(err).not.toBeNull();
    expect(err).toHaveTextContent(/label/i);
    expect(input('label')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((c) => c.cmd === 'add_credential')).toBe(false);
  });

  it('shows inline errors for profile, base URL and an empty key', async () => {
    const { calls, input, container } = setup(() => null);
    await fireEvent.input(input('label'), { target: { value: 'Work' } });
    await fireEvent.input(input('profile'), { target: { value: 'my profile' } });
    await fireEvent.input(input('base-url'), { target: { value: 'ftp://example.com' } });
    await fireEvent.submit(input('label').form!);
    expect(container.querySelector('.field-error[data-field="secret"]')).not.toBeNull();
    expect(container.querySelector('.field-error[data-field="profile"]')).not.toBeNull();
    expect(container.querySelector('.field-error[data-field="base_url"]')).not.toBeNull();
    expect(container.querySelector('.field-error[data-field="label"]')).toBeNull();
    expect(calls.some((c) => c.cmd === 'add_credential')).toBe(false);
  });

  it('shows a duplicate rejection by the stored key\'s label, with a way to show that key', async () => {
    const { calls, input, onadded, onshowkey } = setup((cmd) => {
      if (cmd === 'detect_key') return detection({ provider: 'openai', kind: 'api' });
      if (cmd === 'add_credential') {
        throw { code: 'duplicate', message: 'This key is already stored as "Work laptop".', credential_id: '0193a5b2-aaaa' };
      }
      return null;
    });
    await fireEvent.input(input('secret'), { target: { value: 'sk-proj-abcdefghijklmnopqrstuvwx' } });
    await fireEvent.input(input('label'), { target: { value: 'Second copy' } });
    await screen.findByTestId('detected');
    await fireEvent.click(screen.getByTestId('add-submit'));
    const formError = await screen.findByTestId('form-error');
    expect(formError).toHaveTextContent('This key is already stored as "Work laptop".');
    expect(formError.textContent).not.toContain('0193a5b2');
    expect(onadded).not.toHaveBeenCalled();
    expect(screen.getByTestId('add-submit')).not.toBeDisabled();
    const add = calls.find((c) => c.cmd === 'add_credential');
    expect(add?.args).toMatchObject({ secret: 'sk-proj-abcdefghijklmnopqrstuvwx', input: { label: 'Second copy' } });
    await fireEvent.click(screen.getByTestId('show-duplicate'));
    expect(onshowkey).toHaveBeenCalledWith('0193a5b2-aaaa');
  });

  it('says nothing about a field left empty until Save, so the button never moves under the pointer', async () => {
    const { input, container } = setup(() => null);
    await fireEvent.blur(input('secret'));
    await fireEvent.blur(input('label'));
    expect(container.querySelector('.field-error')).toBeNull();
    await fireEvent.input(input('secret'), { target: { value: 'has space' } });
    await fireEvent.blur(input('secret'));
    expect(container.querySelector('.field-error[data-field="secret"]')).not.toBeNull();
    await fireEvent.click(screen.getByTestId('add-submit'));
    expect(container.querySelector('.field-error[data-field="label"]')).not.toBeNull();
  });

  it('moves the focus to the first invalid field on Save', async () => {
    const { input } = setup(detectWith(detection({ provider: 'openai', kind: 'api' })));
    await fireEvent.input(input('secret'), { target: { value: 'sk-proj-abcdefghijklmnopqrstuvwx' } });
    await screen.findByTestId('detected');
    screen.getByTestId('add-submit').focus();
    await fireEvent.click(screen.getByTestId('add-submit'));
    await waitFor(() => expect(document.activeElement).toBe(input('label')));
  });

  it('refuses a paste of two keys on two lines with exactly one message', async () => {
    const { input, container, calls } = setup((cmd) => (cmd === 'detect_key' ? detection({ provider: 'openai' }) : null));
    const field = input('secret');
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(paste, 'clipboardData', {
      value: { getData: () => 'sk-proj-FIRSTabcdefghijklmnopqrstuvwx\nsk-proj-SECONDabcdefghijklmnopqrstuv\n' },
    });
    field.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    await waitFor(() => expect(container.querySelectorAll('.field-error, [data-testid=detect-problem]')).toHaveLength(1));
    expect(container.querySelector('.field-error[data-field="secret"]')).toHaveTextContent('You pasted 2 lines');
    expect(field.value).toBe('');
    expect(calls.some((c) => c.cmd === 'detect_key')).toBe(false);
    // A key typed afterwards clears it.
    await fireEvent.input(field, { target: { value: 'sk-proj-abcdefghijklmnopqrstuvwx' } });
    await waitFor(() => expect(container.querySelector('.field-error[data-field="secret"]')).toBeNull());
  });

  it('shows a generic message for an unknown rejection', async () => {
    const { input } = setup((cmd) => {
      if (cmd === 'detect_key') return detection({ provider: 'openai', kind: 'api' });
      throw new Error('socket closed');
    });
    await fireEvent.input(input('secret'), { target: { value: 'sk-proj-abcdefghijklmnopqrstuvwx' } });
    await fireEvent.input(input('label'), { target: { value: 'Work' } });
    await fireEvent.click(screen.getByTestId('add-submit'));
    expect(await screen.findByTestId('form-error')).toHaveTextContent(/something went wrong/i);
  });

  it('submits the normalised input and reports the new credential', async () => {
    const created = credential({ label: 'Work laptop' });
    let release: (v: unknown) => void = () => {};
    const { calls, input, onadded } = setup((cmd) => {
      if (cmd === 'detect_key') return detection({ provider: 'openai', kind: 'api' });
      if (cmd === 'add_credential') return new Promise((r) => (release = () => r(created)));
      return null;
    });
    await fireEvent.input(input('secret'), { target: { value: '  sk-proj-abcdefghijklmnopqrstuvwx ' } });
    await fireEvent.input(input('label'), { target: { value: 'Work laptop' } });
    await fireEvent.input(input('expires'), { target: { value: '2027-01-31' } });
    // The field's own order follows the system locale; the preview says the date in words.
    expect(screen.getByTestId('expires-preview')).toHaveTextContent(/^Sun 31 Jan 2027 · /);
    await screen.findByTestId('detected');
    await fireEvent.click(screen.getByTestId('add-submit'));
    // Disabled with a spinner while saving.
    await waitFor(() => expect(screen.getByTestId('add-submit')).toBeDisabled());
    release(created);
    await waitFor(() => expect(onadded).toHaveBeenCalledWith(created));
    expect(calls.find((c) => c.cmd === 'add_credential')?.args).toEqual({
      secret: 'sk-proj-abcdefghijklmnopqrstuvwx',
      input: {
        provider: 'openai',
        kind: 'api',
        label: 'Work laptop',
        profile: 'default',
        base_url: null,
        expires_on: '2027-01-31',
        notes: null,
      },
    });
  });

  it('closes on Escape', async () => {
    const { onclose, input } = setup(() => null);
    await fireEvent.keyDown(input('label'), { key: 'Escape' });
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('toggles the key between hidden and shown', async () => {
    const { input } = setup(() => null);
    expect(input('secret')).toHaveAttribute('type', 'password');
    await fireEvent.click(screen.getByRole('button', { name: 'Show key' }));
    expect(input('secret')).toHaveAttribute('type', 'text');
  });
});
