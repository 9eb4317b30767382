import { describe, expect, it } from 'vitest';
import type { Rotation } from './bindings';
import { rotatedToast, rotationSummary } from './rotation';

const rotation = (id: number, rotated_at: string): Rotation => ({
  id,
  credential_id: 'k',
  old_hint: 'sk-…old',
  new_hint: 'sk-…new',
  rotated_at,
  remind_revoke: true,
});

describe('rotation', () => {
  it('sums the rotations up with the local date of the last one', () => {
    expect(rotationSummary([])).toBeNull();
    const last = new Date(2026, 10, 23, 12, 0).toISOString();
    const first = new Date(2026, 5, 1, 12, 0).toISOString();
    expect(rotationSummary([rotation(2, last), rotation(1, first)])).toBe('Rotated 2× · last on 23 Nov 2026');
    expect(rotationSummary([rotation(1, first), rotation(2, last)])).toBe('Rotated 2× · last on 23 Nov 2026');
  });

  it('says which key replaced which', () => {
    expect(rotatedToast('Work laptop', 'sk-…a1B2', 'sk-…c3D4')).toBe('Rotated “Work laptop”: sk-…a1B2 → sk-…c3D4');
  });
});
