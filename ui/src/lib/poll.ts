// Pure helpers for usage polling.
import type { PollState, SourceOutcome } from './bindings';
import type { ToastTone } from './toasts.svelte';

export interface PollSummary {
  text: string;
  tone: ToastTone;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 sources polled, 1 failed" (skipped sources are counted apart). */
export function pollSummary(outcomes: SourceOutcome[]): PollSummary {
  if (outcomes.length === 0) {
    return { text: 'No usage source to poll — add an admin key to track usage', tone: 'info' };
  }
  const failed = outcomes.filter((o) => o.status === 'failed').length;
  const skipped = outcomes.filter((o) => o.status === 'skipped').length;
  const polled = outcomes.length - skipped;
  let text = `${plural(polled, 'source', 'sources')} polled`;
  if (failed > 0) text += `, ${failed} failed`;
  if (skipped > 0) text += `, ${skipped} skipped`;
  return { text, tone: failed > 0 ? 'error' : polled === 0 ? 'info' : 'success' };
}

/** What the key list shows about the polling of one credential. */
export interface KeyPoll {
  /** The latest attempt over the credential's sources. */
  at: string;
  /** The error of its most recently failed source, if any source is failing. */
  error: string | null;
}

/** The polling summary of each credential that has a usage source, by credential id. */
export function keyPolls(states: PollState[]): Map<string, KeyPoll> {
  const attempts = states
    .flatMap((s) => (s.last_attempt_at ? [{ ...s, at: s.last_attempt_at }] : []))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const polls = new Map<string, KeyPoll>();
  // Latest first: the first attempt seen is the latest one, the first error the latest one.
  for (const s of attempts) {
    const known = polls.get(s.credential_id);
    if (!known) polls.set(s.credential_id, { at: s.at, error: s.last_error });
    else if (!known.error) known.error = s.last_error;
  }
  return polls;
}
