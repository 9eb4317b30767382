import { afterEach, describe, expect, it, vi } from 'vitest';
import { describedBy, submitOnEnter } from './forms';

describe('describedBy', () => {
  it('joins the ids that are set', () => {
    expect(describedBy('a-error', false, null, undefined, 'a-hint')).toBe('a-error a-hint');
    expect(describedBy('a-hint')).toBe('a-hint');
  });

  it('is undefined when no id is set, so the attribute is left out', () => {
    expect(describedBy()).toBeUndefined();
    expect(describedBy(false, null, undefined, '')).toBeUndefined();
  });
});

describe('submitOnEnter', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  function form(html: string) {
    const f = document.createElement('form');
    f.innerHTML = html;
    document.body.append(f);
    f.addEventListener('keydown', submitOnEnter);
    const requestSubmit = vi.spyOn(f, 'requestSubmit').mockImplementation(() => {});
    return { f, requestSubmit };
  }

  const press = (target: Element, init: KeyboardEventInit) => {
    const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(e);
    return e;
  };

  it('submits on Enter in a radio, a switch or a select', () => {
    const { f, requestSubmit } = form('<input type="radio" /><input type="checkbox" role="switch" /><select></select>');
    for (const el of Array.from(f.querySelectorAll('input, select'))) {
      expect(press(el, { key: 'Enter' }).defaultPrevented).toBe(true);
    }
    expect(requestSubmit).toHaveBeenCalledTimes(3);
  });

  it('leaves other keys, buttons, text areas and composing alone', () => {
    const { f, requestSubmit } = form('<input type="text" /><button type="button">x</button><textarea></textarea>');
    const input = f.querySelector('input')!;
    expect(press(input, { key: 'a' }).defaultPrevented).toBe(false);
    expect(press(input, { key: 'Enter', isComposing: true }).defaultPrevented).toBe(false);
    expect(press(f.querySelector('button')!, { key: 'Enter' }).defaultPrevented).toBe(false);
    expect(press(f.querySelector('textarea')!, { key: 'Enter' }).defaultPrevented).toBe(false);
    expect(requestSubmit).not.toHaveBeenCalled();
  });

  it('does nothing when another handler already took the Enter', () => {
    const { f, requestSubmit } = form('<input type="radio" />');
    const input = f.querySelector('input')!;
    input.addEventListener('keydown', (e) => e.preventDefault());
    press(input, { key: 'Enter' });
    expect(requestSubmit).not.toHaveBeenCalled();
  });
});
