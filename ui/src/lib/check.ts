// What a key check says in the window, in the CLI's words: the status (`keyledger check`'s
// STATUS column) and the provider's sentence, always naming the key.
import type { CheckStatus, Probe } from './bindings';

/** `keyledger check`'s statuses, as people read them. */
export const CHECK_NAMES: Record<CheckStatus, string> = {
  valid: 'valid',
  invalid: 'invalid',
  rate_limited: 'rate limited',
  unreachable: 'unreachable',
  unsupported: 'not checked',
};

/** The toast after checking `label`: "Work laptop: unreachable — cannot reach …". */
export function checkToast(label: string, probe: Pick<Probe, 'status' | 'message'>): {
  text: string;
  tone: 'success' | 'error' | 'info';
} {
  const tone = probe.status === 'valid' ? 'success' : probe.status === 'unsupported' ? 'info' : 'error';
  const detail = probe.message ? ` — ${probe.message}` : '';
  return { text: `${label}: ${CHECK_NAMES[probe.status]}${detail}`, tone };
}

/** The last check of a key in this window: its outcome and when. */
export interface LastCheck {
  status: CheckStatus;
  message: string;
  at: Date;
}
