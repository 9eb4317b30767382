import { afterEach, describe, expect, it } from 'vitest';
import { GENERIC_ERROR } from './api';
import type { ErrorPayload } from './bindings';
import { FormState, type Errors } from './form.svelte';

type F = 'name' | 'port';

/** A FormState over errors the test sets. */
function setup(options: { isEmpty?: (field: F) => boolean } = {}) {
  let errors: Errors<F> = {};
  const fs = new FormState<F>(() => errors, options);
  return { fs, setErrors: (e: Errors<F>) => (errors = e) };
}

/** A form in the document whose submit goes to `fs.submit`; resolves with what it answered. */
function form(fs: FormState<F>, html: string) {
  const f = document.createElement('form');
  f.innerHTML = html;
  document.body.append(f);
  let answer: Promise<boolean> = Promise.resolve(false);
  f.addEventListener('submit', (e) => (answer = fs.submit(e as SubmitEvent)));
  return {
    f,
    submit: () => {
      const e = new Event('submit', { cancelable: true });
      f.dispatchEvent(e);
      return { e, answer };
    },
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('FormState.shown', () => {
  it('says nothing until the field was left or the form submitted', () => {
    const { fs, setErrors } = setup();
    setErrors({ name: 'Give a name.', port: null });
    expect(fs.shown('name')).toBeNull();
    fs.touch('name');
    expect(fs.shown('name')).toBe('Give a name.');
    expect(fs.shown('port')).toBeNull();
  });

  it('shows every message once submitted, and none for a valid field', () => {
    const { fs, setErrors } = setup();
    setErrors({ name: 'Give a name.', port: '' });
    fs.submitted = true;
    expect(fs.shown('name')).toBe('Give a name.');
    expect(fs.shown('port')).toBeNull();
  });

  it('with isEmpty, keeps a field left empty quiet until Save', () => {
    const values: Record<F, string> = { name: '', port: '' };
    const { fs, setErrors } = setup({ isEmpty: (field) => values[field].trim() === '' });
    setErrors({ name: 'Give a name.', port: 'Not a port.' });
    fs.touch('name');
    expect(fs.shown('name')).toBeNull();
    values.name = 'a b';
    expect(fs.shown('name')).toBe('Give a name.');
    fs.submitted = true;
    expect(fs.shown('port')).toBe('Not a port.');
  });
});

describe('FormState.submit', () => {
  it('goes ahead when nothing is wrong', async () => {
    const { fs } = setup();
    fs.error = 'the last save failed';
    const { e, answer } = form(fs, '<input />').submit();
    expect(e.defaultPrevented).toBe(true);
    expect(await answer).toBe(true);
    expect(fs.submitted).toBe(true);
    expect(fs.error).toBeNull();
  });

  it('stops at an invalid field and focuses the first one marked', async () => {
    const { fs, setErrors } = setup();
    setErrors({ port: 'Not a port.' });
    const html = '<input id="a" /><input id="b" aria-invalid="true" /><input id="c" aria-invalid="true" />';
    const { f, submit } = form(fs, html);
    expect(await submit().answer).toBe(false);
    expect(document.activeElement).toBe(f.querySelector('#b'));
  });

  it('does not start a second save while one runs', async () => {
    const { fs } = setup();
    fs.saving = true;
    const { e, answer } = form(fs, '').submit();
    expect(e.defaultPrevented).toBe(true);
    expect(await answer).toBe(false);
    expect(fs.submitted).toBe(false);
  });
});

describe('FormState.save', () => {
  it('is saving while the save runs, then hands over the answer', async () => {
    const { fs } = setup();
    let release: (v: number) => void = () => {};
    const seen: [number, boolean][] = [];
    const done = fs.save(
      () => new Promise<number>((r) => (release = r)),
      (v) => seen.push([v, fs.saving]),
    );
    expect(fs.saving).toBe(true);
    release(0);
    await done;
    expect(seen).toEqual([[0, false]]);
    expect(fs.error).toBeNull();
  });

  it("keeps Rust's message and passes the whole error on", async () => {
    const { fs } = setup();
    const failures: ErrorPayload[] = [];
    const done: number[] = [];
    await fs.save(
      () => Promise.reject({ code: 'duplicate', message: 'already stored', credential_id: 'k1' }),
      (v: number) => done.push(v),
      (e) => failures.push(e),
    );
    expect(fs.saving).toBe(false);
    expect(fs.error).toBe('already stored');
    expect(failures).toEqual([{ code: 'duplicate', message: 'already stored', credential_id: 'k1' }]);
    expect(done).toEqual([]);

    await fs.save(() => Promise.reject(new Error('socket closed')), () => {});
    expect(fs.error).toBe(GENERIC_ERROR);
  });
});

describe('FormState.reset', () => {
  it('forgets touched fields, the submit and the error', () => {
    const { fs, setErrors } = setup();
    setErrors({ name: 'Give a name.' });
    fs.touch('name');
    fs.submitted = true;
    fs.error = 'failed';
    fs.reset();
    expect(fs.touched).toEqual({});
    expect(fs.submitted).toBe(false);
    expect(fs.error).toBeNull();
    expect(fs.shown('name')).toBeNull();
  });
});
