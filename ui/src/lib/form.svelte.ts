// What a form keeps besides its values: the fields the user has left, whether Save was pressed, whether the
// save runs and why it failed; and from that, when a field's message is shown.
import { tick } from 'svelte';
import { toErrorPayload } from './api';
import type { ErrorPayload } from './bindings';

/** A form's messages by field; a field without one is left out, null or ''. */
export type Errors<F extends string> = Partial<Record<F, string | null>>;

export class FormState<F extends string> {
  /** The fields the user has left (or changed, for those whose message may show at once). */
  touched = $state<Partial<Record<F, boolean>>>({});
  /** Set by Save: from then on every field says what is wrong with it. */
  submitted = $state(false);
  saving = $state(false);
  /** Why the last save failed (Rust's message), for the form's FormError. */
  error = $state<string | null>(null);
  readonly #errors: () => Errors<F>;
  readonly #isEmpty: ((field: F) => boolean) | undefined;

  /**
   * `errors` gives the form's current messages. With `isEmpty`, a field left empty says nothing until Save:
   * a message appearing on blur would push the Save button away from a pointer already pressing it, and
   * that click would be lost.
   */
  constructor(errors: () => Errors<F>, options: { isEmpty?: (field: F) => boolean } = {}) {
    this.#errors = errors;
    this.#isEmpty = options.isEmpty;
  }

  touch(field: F): void {
    this.touched[field] = true;
  }

  /** A field's message, once the form was submitted or the field was left; null otherwise. */
  shown(field: F): string | null {
    const left = this.touched[field] === true && !(this.#isEmpty?.(field) ?? false);
    return this.submitted || left ? this.#errors()[field] || null : null;
  }

  /**
   * Starts a save from the form's submit event; false when it is not to run: a save is running, or a
   * field is invalid (then every message shows and the first invalid field takes the focus).
   */
  async submit(e: SubmitEvent): Promise<boolean> {
    e.preventDefault();
    if (this.saving) return false;
    const form = e.currentTarget instanceof HTMLFormElement ? e.currentTarget : null;
    this.submitted = true;
    this.error = null;
    if (!Object.values(this.#errors()).some(Boolean)) return true;
    // After the update that marks the fields invalid.
    await tick();
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return false;
  }

  /**
   * Runs the save, `saving` meanwhile, and hands its answer to `done`. A failure's message becomes `error`
   * (the form stays open to correct and retry); `failed` gets the whole of it.
   */
  async save<T>(
    run: () => Promise<T>,
    done: (value: T) => void,
    failed?: (error: ErrorPayload) => void,
  ): Promise<void> {
    this.saving = true;
    let value: T;
    try {
      value = await run();
    } catch (err) {
      const payload = toErrorPayload(err);
      this.error = payload.message;
      this.saving = false;
      failed?.(payload);
      return;
    }
    this.saving = false;
    done(value);
  }

  /** A fresh start (e.g. after the values were replaced): nothing touched, not submitted, no error. */
  reset(): void {
    this.touched = {};
    this.submitted = false;
    this.error = null;
  }
}
