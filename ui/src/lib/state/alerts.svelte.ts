// The alerts asking for attention (for the tab's badge) and a revision that tells the alert views
// to read theirs again: bumped by the rules' `alerts-changed`, a poll pass, a check or a saved rule.
import type { Alert } from '../bindings';
import { api } from '../api';

class ActiveAlerts {
  list = $state.raw<Alert[]>([]);
  revision = $state(0);
  #alive = false;

  get count() {
    return this.list.length;
  }

  get critical() {
    return this.list.some((a) => a.severity === 'critical');
  }

  reset() {
    this.list = [];
    this.revision = 0;
    this.#alive = true;
  }

  stop() {
    this.#alive = false;
  }

  /** Reads the active alerts again (the badge only; the Alerts tab shows its own errors). */
  load = async (): Promise<void> => {
    try {
      const list = await api.listAlerts(false);
      if (this.#alive) this.list = Array.isArray(list) ? list : [];
    } catch {
      // Only the badge.
    }
  };

  /** The alerts changed, or may have: the views read them again, and the badge too. */
  changed = (): void => {
    this.revision += 1;
    void this.load();
  };
}

export const alerts = new ActiveAlerts();
