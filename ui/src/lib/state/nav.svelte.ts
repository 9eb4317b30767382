// Where the window is: the tab shown (chosen at start from whether there is usage), the key pointed
// out by an alert or a notification, and whether the "Add key" form is open.
import { tick } from 'svelte';
import type { Summary } from '../bindings';
import { api } from '../api';
import type { Tab } from '../tabs';
import { keys } from './keys.svelte';

/** How long a key pointed out by an alert stays highlighted, in ms. */
const HIGHLIGHT_MS = 4000;

class Nav {
  tab = $state<Tab>('keys');
  /**
   * Whether the first tab is chosen: the dashboard when there is usage, else Keys. Nothing is shown
   * until then, so the window does not flash the keys before switching.
   */
  chosen = $state(false);
  /** The key pointed out for a few seconds. */
  highlight = $state<string | null>(null);
  addOpen = $state(false);
  aboutOpen = $state(false);
  /** The summary that chose the first tab, for the dashboard's first show (taken once). */
  #firstSummary: Summary | null = null;
  #highlightTimer: ReturnType<typeof setTimeout> | undefined;
  #alive = false;

  reset() {
    this.tab = 'keys';
    this.chosen = false;
    this.highlight = null;
    this.addOpen = false;
    this.aboutOpen = false;
    this.#firstSummary = null;
    clearTimeout(this.#highlightTimer);
    this.#alive = true;
  }

  stop() {
    this.#alive = false;
    clearTimeout(this.#highlightTimer);
  }

  /** Opens on the dashboard when there is usage to show; on Keys otherwise, or when it cannot be told. */
  async chooseFirstTab() {
    try {
      const first = await api.dashboardSummary();
      if (!this.#alive || this.chosen) return;
      if (first && typeof first === 'object' && first.has_usage === true) {
        this.#firstSummary = first;
        this.tab = 'dashboard';
      }
    } catch {
      // Stay on Keys: the dashboard shows its own error when opened.
    } finally {
      this.chosen = true;
    }
  }

  /** The summary loaded at start, once: the dashboard's first show does not load it again. */
  takeFirstSummary(): Summary | null {
    const s = this.#firstSummary;
    this.#firstSummary = null;
    return s;
  }

  select = (next: Tab): void => {
    this.chosen = true;
    if (this.tab === next) return;
    this.tab = next;
    this.#firstSummary = null;
    if (next === 'keys') void keys.load();
  };

  /**
   * A window built anew by a notification's click names its key in the address (`?open=ID`):
   * shows it, once (the address forgets it).
   */
  openAskedKey(): void {
    const url = new URL(window.location.href);
    const id = url.searchParams.get('open');
    if (!id) return;
    url.searchParams.delete('open');
    history.replaceState(history.state, '', url);
    this.showKey(id);
  }

  /** Switches to the Keys tab and points the key out for a few seconds. */
  showKey = (id: string): void => {
    this.select('keys');
    keys.bringIntoFilter(id);
    clearTimeout(this.#highlightTimer);
    this.highlight = id;
    this.#highlightTimer = setTimeout(() => {
      this.highlight = null;
      this.#highlightTimer = undefined;
    }, HIGHLIGHT_MS);
  };

  /** Opens the "Add key" form over the Keys tab. */
  addKey = (): void => {
    this.select('keys');
    this.addOpen = true;
  };

  /** Opens the Usage tab and brings its agent-logs panel into view. */
  openLogs = async (): Promise<void> => {
    this.select('usage');
    await tick();
    const panel = document.querySelector<HTMLElement>('[data-testid=agent-logs]');
    // jsdom (tests) has no scrollIntoView.
    if (panel && typeof panel.scrollIntoView === 'function') panel.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };
}

export const nav = new Nav();
