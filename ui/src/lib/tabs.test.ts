import { describe, expect, it } from 'vitest';
import { nextTab, TABS } from './tabs';

describe('tabs', () => {
  it('lists each view once, in the tab bar order', () => {
    expect(TABS.map((t) => t.id)).toEqual(['dashboard', 'keys', 'usage', 'limits', 'alerts', 'prices', 'audit']);
  });
  it('moves to the next and previous view, wrapping around', () => {
    expect(nextTab('keys', 1)).toBe('usage');
    expect(nextTab('audit', 1)).toBe('dashboard');
    expect(nextTab('dashboard', -1)).toBe('audit');
  });
});
