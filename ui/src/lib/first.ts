// The first screen's questions (the keychain check, the key list, the dashboard's summary), asked
// by main.ts while the app's own script still loads: the app's first call of each takes that
// answer instead of asking again, and the app mounts once they are in (scripts/bench-footprint.sh
// measures the start).
import { invoke } from '@tauri-apps/api/core';

export const FIRST_QUESTIONS = ['reconcile', 'list_credentials', 'dashboard_summary'] as const;
export type FirstQuestion = (typeof FIRST_QUESTIONS)[number];

const asked = new Map<FirstQuestion, Promise<unknown>>();

/** Asks the first screen's questions, once per page. */
export function askFirst(): void {
  if (asked.size > 0) return;
  for (const cmd of FIRST_QUESTIONS) {
    const answer = invoke(cmd);
    // Whoever takes it handles a failure; until then it is not an unhandled rejection.
    answer.catch(() => {});
    asked.set(cmd, answer);
  }
}

/** The answer asked early for `cmd`, handed out once; undefined when there is none (ask anew). */
export function takeFirst<T>(cmd: FirstQuestion): Promise<T> | undefined {
  const answer = asked.get(cmd);
  asked.delete(cmd);
  return answer as Promise<T> | undefined;
}

/** The answer asked early for `cmd` if it is still there, else the command asked now. */
export function askedOrAsk<T>(cmd: FirstQuestion): Promise<T> {
  return takeFirst<T>(cmd) ?? invoke<T>(cmd);
}

/** Settles when every early answer is in, failed or not, or after `ms`, whichever comes first. */
export function firstAnswers(ms: number): Promise<void> {
  const all = Promise.allSettled(asked.values()).then(() => undefined);
  return Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}
