/** Svelte action: focus the element once it is mounted (the a11y-friendly `autofocus`). */
export function focusOnMount(node: HTMLElement): void {
  queueMicrotask(() => node.focus());
}
