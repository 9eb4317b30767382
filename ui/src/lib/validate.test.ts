import { describe, expect, it } from 'vitest';
import {
  emptyForm,
  hasErrors,
  MAX_SECRET_BYTES,
  toNewCredential,
  pastedProblem,
  validateBaseUrl,
  validateExpires,
  validateForm,
  validateLabel,
  validateNotes,
  validateProfile,
  validateSecret,
} from './validate';

describe('validateSecret', () => {
  it('rejects an empty or blank key', () => {
    expect(validateSecret('')).toMatch(/paste the key/i);
    expect(validateSecret('   ')).toMatch(/paste the key/i);
  });
  it('rejects a key over several lines', () => {
    expect(validateSecret('sk-abc\nsk-def')).toMatch(/several lines/);
    expect(validateSecret('sk-abc\r\ndef')).toMatch(/several lines/);
  });
  it('rejects inner spaces and control characters', () => {
    expect(validateSecret('sk-abc def')).toMatch(/spaces or control/);
    expect(validateSecret('sk-abc\tdef')).toMatch(/spaces or control/);
    expect(validateSecret('sk-abc\u0007def')).toMatch(/spaces or control/);
  });
  it('rejects keys longer than 16 KiB, counted in bytes', () => {
    expect(validateSecret('a'.repeat(MAX_SECRET_BYTES))).toBeNull();
    expect(validateSecret('a'.repeat(MAX_SECRET_BYTES + 1))).toMatch(/16 KiB/);
    // 'é' is two bytes in UTF-8.
    expect(validateSecret('é'.repeat(MAX_SECRET_BYTES / 2 + 1))).toMatch(/16 KiB/);
  });
  it('accepts a normal key with surrounding whitespace', () => {
    expect(validateSecret('  sk-proj-abcdefghijklmnop1234  ')).toBeNull();
  });
});

describe('pastedProblem', () => {
  it('counts the non-empty lines of what was pasted', () => {
    expect(pastedProblem('sk-proj-abc')).toBeNull();
    expect(pastedProblem('sk-proj-abc\n')).toBeNull();
    expect(pastedProblem('sk-a\r\nsk-b\r\n')).toMatch(/^You pasted 2 lines\. Paste one key at a time/);
    expect(pastedProblem('OPENAI_API_KEY=sk-a\n\nGROQ_API_KEY=gsk_b\nX=y')).toMatch(/3 lines.*Import \.env/);
  });
});

describe('validateLabel', () => {
  it('is required', () => {
    expect(validateLabel('')).toMatch(/label/i);
    expect(validateLabel('   ')).toMatch(/label/i);
  });
  it('allows at most 100 characters after trimming', () => {
    expect(validateLabel('x'.repeat(100))).toBeNull();
    expect(validateLabel(` ${'x'.repeat(100)} `)).toBeNull();
    expect(validateLabel('x'.repeat(101))).toMatch(/at most 100/);
  });
  it('counts characters, not UTF-16 units', () => {
    expect(validateLabel('🔑'.repeat(100))).toBeNull();
  });
  it('must be one line', () => {
    expect(validateLabel('work\nlaptop')).toMatch(/one line/);
  });
});

/** Checks a validator's answer: null for a valid value, else a message that says `problem`. */
function expectProblem(message: string | null, problem: RegExp | null) {
  if (problem === null) expect(message).toBeNull();
  else expect(message).toMatch(problem);
}

describe('validateProfile', () => {
  it.each([
    // Letters, digits, - and _; blank is the default profile.
    ['default', null],
    ['prod_eu-2', null],
    ['', null],
    // Other characters.
    ['my profile', /letters, digits/],
    ['prod/eu', /letters, digits/],
    ['prodé', /letters, digits/],
    // More than 40 characters.
    ['p'.repeat(40), null],
    ['p'.repeat(41), /at most 40/],
  ])('accepts letters, digits, - and _ up to 40 (blank is the default): %j', (profile, problem) =>
    expectProblem(validateProfile(profile), problem),
  );
});

describe('validateBaseUrl', () => {
  it.each([
    // Optional.
    ['', null],
    ['  ', null],
    // http and https URLs…
    ['https://api.openai.com/v1', null],
    ['http://localhost:11434', null],
    // …but no other schemes, nor bare hosts.
    ['ftp://example.com', /https:\/\//],
    ['api.openai.com', /https:\/\//],
  ])('is optional, and an http or https URL: %j', (url, problem) => expectProblem(validateBaseUrl(url), problem));
  it('accepts plain http only to this computer', () => {
    for (const local of ['http://localhost:4000', 'http://127.0.0.1:8080/v1', 'http://127.9.9.9', 'http://[::1]:9000']) {
      expect(validateBaseUrl(local)).toBeNull();
    }
    for (const remote of ['http://proxy.example/v1', 'http://192.168.1.20:4000', 'http://localhost.example.com', 'http://[2001:db8::1]']) {
      expect(validateBaseUrl(remote)).toMatch(/unencrypted/);
    }
  });
  it('rejects credentials in the URL', () => {
    expect(validateBaseUrl('https://user:pw@example.com')).toMatch(/user name or password/);
  });
});

describe('validateNotes', () => {
  it('allows up to 2000 characters', () => {
    expect(validateNotes('n'.repeat(2000))).toBeNull();
    expect(validateNotes('n'.repeat(2001))).toMatch(/2000/);
  });
});

describe('validateExpires', () => {
  it('accepts an empty value or a real date', () => {
    expect(validateExpires('')).toBeNull();
    expect(validateExpires('2027-01-31')).toBeNull();
  });
  it('rejects impossible dates', () => {
    expect(validateExpires('2027-02-30')).toMatch(/does not exist/);
    expect(validateExpires('31/01/2027')).toMatch(/YYYY-MM-DD/);
  });
});

describe('validateForm and toNewCredential', () => {
  it('reports every invalid field', () => {
    const errors = validateForm({ ...emptyForm(), base_url: 'ftp://x', profile: 'a b' });
    expect(Object.keys(errors).sort()).toEqual(['base_url', 'label', 'profile', 'secret']);
    expect(hasErrors(errors)).toBe(true);
  });
  it('passes a complete form', () => {
    const v = { ...emptyForm(), secret: 'sk-proj-abcdefghijklmnop1234', label: 'Work' };
    expect(hasErrors(validateForm(v))).toBe(false);
  });
  it('normalises the input for add_credential', () => {
    const input = toNewCredential({
      ...emptyForm(),
      secret: 'sk-x',
      provider: '',
      kind: 'api',
      label: '  Work laptop ',
      profile: ' ',
      base_url: 'https://api.example.com/v1/',
      expires: '2027-01-31',
      notes: '',
    });
    expect(input).toEqual({
      provider: null,
      kind: 'api',
      label: 'Work laptop',
      profile: 'default',
      base_url: 'https://api.example.com/v1',
      expires_on: '2027-01-31',
      notes: null,
    });
    expect(input).not.toHaveProperty('secret');
  });
});
