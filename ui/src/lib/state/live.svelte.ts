// Rust's events, subscribed to once for the whole window: a poll pass, an agent-log import, the
// rules' alerts, a write by the CLI or another instance, a notification asking for a key. Each
// reloads the state it changed; `usage` is the revision the usage views reload on.
import type { IngestReport, SourceOutcome } from '../bindings';
import { events, subscribe } from '../api';
import { alerts } from './alerts.svelte';
import { keys } from './keys.svelte';
import { nav } from './nav.svelte';

/** How long a burst of writes made elsewhere may last before the window reads them. */
const DATA_CHANGED_SETTLE_MS = 250;

class Live {
  /** Bumped when usage may have changed: a poll pass, an import, a write elsewhere. */
  usage = $state(0);
  /** Outcomes of the latest poll pass (manual or background). */
  lastPass = $state.raw<SourceOutcome[] | null>(null);
  /** The time the views show relative dates against: each minute, and after each pass or check. */
  now = $state(new Date());
  #stops: (() => void)[] = [];
  #clock: ReturnType<typeof setInterval> | undefined;
  #settle: ReturnType<typeof setTimeout> | undefined;

  tick = (): void => {
    this.now = new Date();
  };

  /** New usage arrived: the views and the keys' sparklines read it again. */
  usageChanged = (): void => {
    this.usage += 1;
    void keys.loadSparklines();
  };

  /** A poll pass finished (here or in the background). */
  pollFinished = (outcomes: SourceOutcome[]): void => {
    this.lastPass = outcomes;
    this.usageChanged();
    this.tick();
    void keys.refresh();
    void keys.loadPollStates();
    // The rules run after every pass.
    alerts.changed();
  };

  /** An agent-log import (here, at start, by the watcher) finished: usage changed when it counted requests. */
  ingestFinished = (report: IngestReport): void => {
    if (typeof report?.requests === 'number' && report.requests > 0) this.usageChanged();
  };

  /**
   * Something wrote to the database — the CLI, another instance, a background pass: everything
   * shown is read again, without a click. Bursts (a poll pass writes source by source) are read once.
   */
  dataChanged = (): void => {
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => {
      this.#settle = undefined;
      void keys.refresh();
      void keys.loadPollStates();
      this.usageChanged();
      alerts.changed();
    }, DATA_CHANGED_SETTLE_MS);
  };

  /** Subscribes to Rust's events (once the first list is in); returns the unsubscribe. */
  start(): () => void {
    this.stop();
    this.#clock = setInterval(this.tick, 60_000);
    this.#stops = [
      subscribe(() => events.onPollFinished(this.pollFinished)),
      subscribe(() => events.onIngestFinished(this.ingestFinished)),
      subscribe(() => events.onAlertsChanged(alerts.changed)),
      subscribe(() => events.onOpenCredential(nav.showKey)),
      subscribe(() => events.onDataChanged(this.dataChanged)),
    ];
    return () => this.stop();
  }

  /** A fresh window. */
  reset() {
    this.stop();
    this.usage = 0;
    this.lastPass = null;
    this.now = new Date();
  }

  stop() {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    clearInterval(this.#clock);
    clearTimeout(this.#settle);
    this.#clock = undefined;
    this.#settle = undefined;
  }
}

export const live = new Live();
