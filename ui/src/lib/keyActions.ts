// A key row's actions (reveal or hide, check, rotate, copy, delete): the same list inline and in
// the row's "⋯" menu, each with its accessible name and tooltip.
import type { Credential } from './bindings';
import type { MenuItem } from '../components/Menu.svelte';

/** A key shown in clear, and for how many more seconds. */
export interface Revealed {
  id: string;
  secret: string;
  remaining: number;
}

export type KeyAction = MenuItem & { aria: string; title: string };

export interface KeyHandlers {
  onreveal: (c: Credential) => void;
  onhide: () => void;
  oncopy: (c: Credential) => void;
  ondelete: (c: Credential) => void;
  /** The Check action is left out without it. */
  oncheck?: (c: Credential) => void;
  /** The Rotate action is left out without it. */
  onrotate?: (c: Credential) => void;
}

/** The actions of key `c`; `revealed` when it is shown in clear, `busy` while it is being checked. */
export function keyActions(c: Credential, revealed: boolean, busy: boolean, h: KeyHandlers): KeyAction[] {
  const unusable = c.status === 'secret_missing' || c.status === 'pending';
  const list: KeyAction[] = [
    revealed
      ? { id: 'reveal', label: 'Hide', icon: 'eye-off', onselect: h.onhide, aria: `Hide key of ${c.label}`, title: 'Hide' }
      : {
          id: 'reveal',
          label: 'Reveal',
          icon: 'eye',
          onselect: () => h.onreveal(c),
          aria: `Reveal key of ${c.label}`,
          title: 'Show the key for 10 seconds',
        },
  ];
  const { oncheck, onrotate } = h;
  if (oncheck) {
    list.push({
      id: 'check',
      label: busy ? 'Checking…' : 'Check',
      icon: 'pulse',
      onselect: () => oncheck(c),
      disabled: busy || unusable,
      aria: `Check ${c.label} with the provider`,
      title: 'Ask the provider whether this key is still accepted',
    });
  }
  if (onrotate) {
    list.push({
      id: 'rotate',
      label: 'Rotate',
      icon: 'rotate',
      onselect: () => onrotate(c),
      disabled: c.status === 'pending',
      aria: `Rotate key of ${c.label}`,
      title: 'Replace this key with a new one from your provider',
    });
  }
  list.push(
    {
      id: 'copy',
      label: 'Copy',
      icon: 'copy',
      onselect: () => h.oncopy(c),
      aria: `Copy key of ${c.label}`,
      title: 'Copy to the clipboard (clears in 30 s)',
    },
    { id: 'delete', label: 'Delete', icon: 'trash', onselect: () => h.ondelete(c), danger: true, aria: `Delete ${c.label}`, title: 'Delete' },
  );
  return list;
}
