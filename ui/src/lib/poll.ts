// Pure helpers for usage polling.
import type { SourceOutcome } from './bindings';
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
