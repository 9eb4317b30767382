// The window's banners: problems shown above every tab until dismissed or fixed (a locked keychain,
// keys that could not be loaded), each with its Retry when it has one.
import type { ErrorPayload } from '../bindings';

export interface Banner {
  tone: 'error' | 'warn' | 'info';
  title: string;
  message: string;
  retry?: () => void;
}

/** The banner for a failed action: the keychain's own titles when it is the keychain that failed. */
export function bannerFor(title: string, err: ErrorPayload, retry?: () => void): Banner {
  switch (err.code) {
    case 'keychain_locked':
      return { tone: 'warn', title: 'The system keychain is locked', message: err.message, retry };
    case 'keychain_unavailable':
      return { tone: 'error', title: 'The system keychain is not available', message: err.message, retry };
    default:
      return { tone: 'error', title, message: err.message, retry };
  }
}

class Banners {
  list = $state<Banner[]>([]);

  add(b: Banner) {
    this.list = [...this.list, b];
  }

  /** Drops the banners whose Retry is `retry` (that action succeeded, or fails again with a new one). */
  clear(retry: () => void) {
    this.list = this.list.filter((b) => b.retry !== retry);
  }

  dismiss(b: Banner) {
    this.list = this.list.filter((x) => x !== b);
  }

  reset() {
    this.list = [];
  }
}

export const banners = new Banners();
