import { describe, expect, it, vi } from 'vitest';
import { keyActions, type KeyHandlers } from './keyActions';
import { credential } from '../test/fixtures';

const handlers = (): Required<KeyHandlers> => ({
  onreveal: vi.fn(),
  onhide: vi.fn(),
  oncopy: vi.fn(),
  ondelete: vi.fn(),
  oncheck: vi.fn(),
  onrotate: vi.fn(),
});

describe('keyActions', () => {
  it('offers every action in the row order, each naming the key', () => {
    const list = keyActions(credential({ label: 'CI' }), false, false, handlers());
    expect(list.map((a) => a.id)).toEqual(['reveal', 'check', 'rotate', 'copy', 'delete']);
    expect(list.every((a) => a.aria.includes('CI'))).toBe(true);
    expect(list.find((a) => a.id === 'delete')?.danger).toBe(true);
  });

  it('leaves out Check and Rotate without their handlers', () => {
    const { onreveal, onhide, oncopy, ondelete } = handlers();
    const list = keyActions(credential(), false, false, { onreveal, onhide, oncopy, ondelete });
    expect(list.map((a) => a.id)).toEqual(['reveal', 'copy', 'delete']);
  });

  it('turns Reveal into Hide while the key is shown, and calls the right handler', () => {
    const h = handlers();
    const c = credential();
    keyActions(c, true, false, h)[0].onselect();
    expect(h.onhide).toHaveBeenCalled();
    keyActions(c, false, false, h)[0].onselect();
    expect(h.onreveal).toHaveBeenCalledWith(c);
  });

  it('disables Check while checking and for keys it cannot use; Rotate for a pending one', () => {
    const h = handlers();
    const check = (over: Parameters<typeof credential>[0], busy = false) =>
      keyActions(credential(over), false, busy, h).find((a) => a.id === 'check');
    expect(check({}, true)).toMatchObject({ disabled: true, label: 'Checking…' });
    expect(check({ status: 'secret_missing' })?.disabled).toBe(true);
    expect(check({ status: 'valid' })?.disabled).toBe(false);
    const rotate = keyActions(credential({ status: 'pending' }), false, false, h).find((a) => a.id === 'rotate');
    expect(rotate?.disabled).toBe(true);
  });
});
