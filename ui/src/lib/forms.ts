// Small helpers shared by the forms.

/**
 * A form's keydown handler: Enter in an input (radios, checkboxes and switches included) or a select
 * submits the form, as Enter in a text field does natively.
 */
export function submitOnEnter(e: KeyboardEvent): void {
  if (e.key !== 'Enter' || e.isComposing || e.defaultPrevented) return;
  const t = e.target;
  if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement) {
    e.preventDefault();
    (e.currentTarget as HTMLFormElement).requestSubmit();
  }
}

/** An aria-describedby value: the ids given (falsy ones left out), or undefined when there are none. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list === '' ? undefined : list;
}
