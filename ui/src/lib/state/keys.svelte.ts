// The keys as the window shows them: the list, each source's last poll, each key's 30-day spend,
// the profiles and which one the Keys tab shows. Read again when something changed them.
import type { Credential, PollState, Profiles, Sparkline } from '../bindings';
import { api, toErrorPayload } from '../api';
import { isProfiles, nextFilter } from '../profiles';
import { showToast } from '../toasts.svelte';
import { banners, bannerFor } from './banners.svelte';

class Keys {
  list = $state<Credential[]>([]);
  /** True while the list is loaded with the loading state (at start, on Refresh, after a change). */
  loading = $state(true);
  /** When each usage source was last polled, shown next to its key. */
  pollStates = $state.raw<PollState[]>([]);
  /** Each key's spend over the last 30 days. */
  sparklines = $state.raw<Sparkline[]>([]);
  /** The profiles and the default one; null until loaded (or when they cannot be). */
  profiles = $state.raw<Profiles | null>(null);
  /** The profile the Keys tab shows; null for all. Starts on the default profile. */
  filter = $state<string | null>(null);
  settingDefault = $state(false);
  #profilesLoaded = false;
  #alive = false;

  /** A fresh window: nothing loaded yet. */
  reset() {
    this.list = [];
    this.loading = true;
    this.pollStates = [];
    this.sparklines = [];
    this.profiles = null;
    this.filter = null;
    this.settingDefault = false;
    this.#profilesLoaded = false;
    this.#alive = true;
  }

  /** The window is gone: late answers are dropped. */
  stop() {
    this.#alive = false;
  }

  /** Loads the list with the loading state; a failure is a banner with Retry. */
  load = async (): Promise<void> => {
    this.loading = true;
    try {
      this.list = await api.listCredentials();
      void this.loadPollStates();
      void this.loadProfiles();
      void this.loadSparklines();
      banners.clear(this.load);
    } catch (err) {
      banners.clear(this.load);
      banners.add(bannerFor('Could not load your keys', toErrorPayload(err), this.load));
    } finally {
      this.loading = false;
    }
  };

  /** Reads the list again in the background (after a poll pass, a write elsewhere), without the loading state. */
  async refresh() {
    try {
      this.list = await api.listCredentials();
      void this.loadProfiles();
    } catch {
      // The next explicit load shows the error.
    }
  }

  /** Puts a key the provider just answered for in place. */
  replace(c: Credential) {
    this.list = this.list.map((x) => (x.id === c.id ? c : x));
  }

  async loadPollStates() {
    try {
      const states = await api.pollStatus();
      if (this.#alive) this.pollStates = states;
    } catch {
      // Optional detail of the key list; the Usage tab reports polling problems.
    }
  }

  async loadSparklines() {
    try {
      const list = await api.keySparklines();
      if (this.#alive) this.sparklines = Array.isArray(list) ? list : [];
    } catch {
      // Only a detail of the key list.
    }
  }

  /** Reads the profiles again: their counts, and which one is the default. */
  async loadProfiles() {
    try {
      const next = await api.listProfiles();
      if (!this.#alive) return;
      if (!isProfiles(next)) {
        this.profiles = null;
        return;
      }
      this.filter = nextFilter(this.filter, next, !this.#profilesLoaded);
      this.#profilesLoaded = true;
      this.profiles = next;
    } catch {
      // Only the filter: the list shows every key.
    }
  }

  async setDefaultProfile(name: string | null) {
    if (this.settingDefault) return;
    this.settingDefault = true;
    try {
      const next = await api.setDefaultProfile(name);
      if (isProfiles(next)) this.profiles = next;
      showToast(
        name === null
          ? 'No default profile: new keys go to “default”'
          : `“${name}” is now the default profile: new keys go there, and Keyledger opens on it`,
        'success',
      );
    } catch (err) {
      showToast(toErrorPayload(err).message, 'error', 6000);
    } finally {
      this.settingDefault = false;
    }
  }

  /** Makes sure key `id` is among the keys shown: another profile's key drops the filter. */
  bringIntoFilter(id: string) {
    const key = this.list.find((c) => c.id === id);
    if (this.filter !== null && (!key || key.profile !== this.filter)) this.filter = null;
  }
}

export const keys = new Keys();
