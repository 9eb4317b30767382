// Light or dark, as the OS says (the same media query app.css follows), for what Rust draws.
import type { Theme } from './bindings';

const DARK = '(prefers-color-scheme: dark)';

function query(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(DARK) : null;
}

/** The theme now; light where it cannot be told (tests). */
export function currentTheme(): Theme {
  return query()?.matches ? 'dark' : 'light';
}

/** Calls `onchange` whenever the OS switches between light and dark; returns the function that stops. */
export function watchTheme(onchange: (theme: Theme) => void): () => void {
  const q = query();
  if (!q) return () => {};
  const handler = (e: MediaQueryListEvent) => onchange(e.matches ? 'dark' : 'light');
  if (typeof q.addEventListener === 'function') {
    q.addEventListener('change', handler);
    return () => q.removeEventListener('change', handler);
  }
  // Older WebKit.
  q.addListener(handler);
  return () => q.removeListener(handler);
}
