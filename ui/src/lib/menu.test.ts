import { describe, expect, it } from 'vitest';
import { menuMove } from './menu';

describe('menuMove', () => {
  it('moves down and up, wrapping around the ends', () => {
    expect(menuMove('ArrowDown', 0, 3)).toBe(1);
    expect(menuMove('ArrowDown', 2, 3)).toBe(0);
    expect(menuMove('ArrowUp', 1, 3)).toBe(0);
    expect(menuMove('ArrowUp', 0, 3)).toBe(2);
  });

  it('starts from the ends when nothing is focused', () => {
    expect(menuMove('ArrowDown', -1, 3)).toBe(0);
    expect(menuMove('ArrowUp', -1, 3)).toBe(1);
  });

  it('jumps to the first and last items', () => {
    expect(menuMove('Home', 2, 3)).toBe(0);
    expect(menuMove('End', 0, 3)).toBe(2);
  });

  it('leaves other keys, and empty menus, alone', () => {
    expect(menuMove('Enter', 0, 3)).toBeNull();
    expect(menuMove('Tab', 0, 3)).toBeNull();
    expect(menuMove('ArrowDown', -1, 0)).toBeNull();
  });
});
