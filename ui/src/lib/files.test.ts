import { describe, expect, it } from 'vitest';
import type { ErrorPayload } from './bindings';
import { chartFilters, writeErrorText } from './files';

describe('files', () => {
  it('says what to do about a file that exists, by the error code', () => {
    const exists: ErrorPayload = { code: 'exists', message: '/home/me/b.age already exists; choose another file name, or allow replacing it' };
    expect(writeErrorText(exists, 'Replace the file if it exists')).toBe(
      'That file already exists: choose another name, or tick “Replace the file if it exists”.',
    );
    expect(writeErrorText(exists)).toBe('That file already exists: choose another name.');
    // Other errors keep Rust's message, even one that mentions an existing file.
    expect(writeErrorText({ code: 'io', message: 'cannot use /x: already exists' }, 'Replace')).toBe(
      'cannot use /x: already exists',
    );
  });

  it('filters a chart export by its format', () => {
    expect(chartFilters('csv')).toEqual([{ name: 'CSV table', extensions: ['csv'] }]);
  });
});
