/** Svelte action: focus the element once it is mounted (the a11y-friendly `autofocus`), unless `enabled` is false. */
export function focusOnMount(node: HTMLElement, enabled = true): void {
  if (enabled) queueMicrotask(() => node.focus());
}
