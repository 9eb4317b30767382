import { describe, expect, it } from 'vitest';
import { credential } from '../test/fixtures';
import type { Profiles } from './bindings';
import { isProfiles, keysOfProfile, nextFilter, profileOptionLabel } from './profiles';

const PROFILES: Profiles = {
  default: 'dev',
  profiles: [
    { name: 'default', keys: 1, is_default: false },
    { name: 'dev', keys: 3, is_default: true },
  ],
};

describe('profiles', () => {
  it('recognises the answer of profile_list', () => {
    expect(isProfiles(PROFILES)).toBe(true);
    expect(isProfiles({ default: null, profiles: [] })).toBe(true);
    expect(isProfiles(null)).toBe(false);
    expect(isProfiles({ default: null })).toBe(false);
    expect(isProfiles({ default: 3, profiles: [] })).toBe(false);
    expect(isProfiles({ default: null, profiles: [{ name: 'x' }] })).toBe(false);
  });

  it('filters the keys by profile, or keeps them all', () => {
    const keys = [credential({ id: 'a', profile: 'dev' }), credential({ id: 'b', profile: 'prod' })];
    expect(keysOfProfile(keys, null).map((c) => c.id)).toEqual(['a', 'b']);
    expect(keysOfProfile(keys, 'prod').map((c) => c.id)).toEqual(['b']);
    expect(keysOfProfile(keys, 'ci')).toEqual([]);
  });

  it('labels the options with their counts and marks the default', () => {
    expect(profileOptionLabel('dev', 3, false)).toBe('dev (3)');
    expect(profileOptionLabel('prod', 0, true)).toBe('prod (0) ★ default');
  });

  it('starts on the default profile, then keeps the choice while it exists', () => {
    expect(nextFilter(null, PROFILES, true)).toBe('dev');
    expect(nextFilter(null, { ...PROFILES, default: null }, true)).toBeNull();
    expect(nextFilter(null, PROFILES, false)).toBeNull();
    expect(nextFilter('default', PROFILES, false)).toBe('default');
    expect(nextFilter('gone', PROFILES, false)).toBeNull();
  });
});
