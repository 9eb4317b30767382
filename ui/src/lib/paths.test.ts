import { describe, expect, it } from 'vitest';
import { isFullPath, validatePath } from './paths';

describe('isFullPath', () => {
  it('accepts absolute paths, ~/ and Windows paths', () => {
    for (const p of ['/home/me/.env', '~/app/.env', ' ~/b.age ', 'C:\\Users\\me\\.env', 'D:/x.age', '\\\\server\\share\\.env']) {
      expect(isFullPath(p)).toBe(true);
    }
  });

  it('refuses relative paths', () => {
    for (const p of ['.env', 'app/.env', './.env', '~', '~me/.env', '']) expect(isFullPath(p)).toBe(false);
  });
});

describe('validatePath', () => {
  it('asks for a path, then for a full one', () => {
    expect(validatePath('  ', '~/app/.env')).toBe("Type the file's full path (e.g. ~/app/.env), or choose it with Browse…");
    expect(validatePath('app/.env', '~/app/.env')).toBe('Give the full path, starting with / or ~/ (e.g. ~/app/.env).');
    expect(validatePath('~/app/.env', '~/app/.env')).toBeNull();
  });
});
