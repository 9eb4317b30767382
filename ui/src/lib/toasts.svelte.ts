// A tiny toast queue shared by the whole app.
export type ToastTone = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

export const TOAST_MS = 4000;

let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

export const toasts = $state<{ items: Toast[] }>({ items: [] });

export function dismissToast(id: number): void {
  const t = timers.get(id);
  if (t) clearTimeout(t);
  timers.delete(id);
  toasts.items = toasts.items.filter((x) => x.id !== id);
}

export function showToast(text: string, tone: ToastTone = 'success', ms = TOAST_MS): number {
  const id = nextId++;
  toasts.items = [...toasts.items.slice(-3), { id, text, tone }];
  timers.set(
    id,
    setTimeout(() => dismissToast(id), ms),
  );
  return id;
}

/** Drops every toast (used when the app unmounts, and by tests). */
export function clearToasts(): void {
  for (const t of timers.values()) clearTimeout(t);
  timers.clear();
  toasts.items = [];
}
