// Loading a view's data from Rust: whether a load is running, why the last one failed, and a Retry.
import { toErrorPayload } from './api';

/**
 * Loads with `fetch` and hands the answer to `apply`; only the latest load counts, so the answer to an
 * earlier one that arrives late is dropped. `loading` starts true (nothing is shown yet); `error` is the
 * message of the last failed load, cleared by the next one that succeeds.
 */
export class Loader<T> {
  loading = $state(true);
  error = $state<string | null>(null);
  #seq = 0;
  readonly #fetch: () => Promise<T>;
  readonly #apply: (value: T) => void;

  constructor(fetch: () => Promise<T>, apply: (value: T) => void) {
    this.#fetch = fetch;
    this.#apply = apply;
  }

  /** An arrow function, so it can be passed as is (e.g. to a Retry button). */
  load = async (): Promise<void> => {
    const mine = ++this.#seq;
    this.loading = true;
    try {
      const value = await this.#fetch();
      if (mine !== this.#seq) return;
      this.#apply(value);
      this.error = null;
    } catch (err) {
      if (mine !== this.#seq) return;
      this.error = toErrorPayload(err).message;
    } finally {
      if (mine === this.#seq) this.loading = false;
    }
  };

  /** Drops the answers of the loads on their way (the data shown is newer, or the view is gone). */
  drop(): void {
    this.#seq += 1;
    this.loading = false;
  }
}
