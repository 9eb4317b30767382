// Rotating a key: the sentences the Keys tab and the rotate dialog show.
import type { Rotation } from './bindings';
import { formatDate } from './format';

/** "Rotated 3× · last on 23 Nov 2026" (local date), or null when the key was never rotated. */
export function rotationSummary(history: Rotation[]): string | null {
  if (history.length === 0) return null;
  // Newest first, as Rust sends them; sorted again in case.
  const last = history.reduce((a, b) => (new Date(b.rotated_at) > new Date(a.rotated_at) ? b : a));
  return `Rotated ${history.length}× · last on ${formatDate(last.rotated_at)}`;
}

/** The toast after a rotation: Rotated “Work laptop”: sk-…a1B2 → sk-…c3D4 */
export function rotatedToast(label: string, oldHint: string, newHint: string): string {
  return `Rotated “${label}”: ${oldHint} → ${newHint}`;
}
