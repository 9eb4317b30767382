// Keyboard moves in a menu (role=menu): which item the focus goes to for a key.

/**
 * The index of the item to focus after `key`, from the focused item `at` (-1: none) of `count`:
 * ↓ and ↑ wrap around, Home and End go to the ends; null for any other key (or no items).
 */
export function menuMove(key: string, at: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return (at + 1) % count;
    case 'ArrowUp':
      return (at - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
