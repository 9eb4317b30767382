// Profiles (dev, prod…): the Keys tab's filter and the default profile.
import type { Credential, Profiles } from './bindings';

/** True for the `Profiles` answer of `profile_list` (anything else is treated as "no profiles"). */
export function isProfiles(value: unknown): value is Profiles {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.default === null || typeof v.default === 'string') &&
    Array.isArray(v.profiles) &&
    v.profiles.every(
      (p) =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as Record<string, unknown>).name === 'string' &&
        typeof (p as Record<string, unknown>).keys === 'number',
    )
  );
}

/** The keys of `profile`, or all of them when it is null. */
export function keysOfProfile(credentials: Credential[], profile: string | null): Credential[] {
  return profile === null ? credentials : credentials.filter((c) => c.profile === profile);
}

/** A profile's option in the filter: "dev (3)", "prod (2) ★ default". */
export function profileOptionLabel(name: string, keys: number, isDefault: boolean): string {
  return `${name} (${keys})${isDefault ? ' ★ default' : ''}`;
}

/**
 * The filter to show once the profiles are (re)loaded: the first time, the default profile when one is
 * set (else all); later, the current choice while that profile still exists (else all).
 */
export function nextFilter(current: string | null, profiles: Profiles, first: boolean): string | null {
  const names = profiles.profiles.map((p) => p.name);
  if (first) return profiles.default !== null && names.includes(profiles.default) ? profiles.default : null;
  return current !== null && names.includes(current) ? current : null;
}
