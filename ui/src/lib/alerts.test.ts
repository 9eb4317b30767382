import { describe, expect, it } from 'vitest';
import { afterChange, alertPhase, snoozedUntil } from './alerts';
import { alert } from '../test/fixtures';

// Local times, so the expected text is the same in every time zone.
const NOW = new Date(2026, 10, 23, 12, 0);
const local = (day: number, hour: number) => new Date(2026, 10, day, hour, 0).toISOString();

describe('alertPhase', () => {
  it('says when an alert was acknowledged, even if it was snoozed before', () => {
    const a = alert({ acknowledged_at: local(23, 11), snoozed_until: local(25, 14) });
    expect(alertPhase(a, NOW)).toEqual({ kind: 'acknowledged', text: 'Acknowledged 23 Nov 2026, 11:00' });
  });

  it('says until when an alert sleeps, and that it is active again once it woke', () => {
    expect(alertPhase(alert({ snoozed_until: local(25, 14) }), NOW)).toEqual({
      kind: 'snoozed',
      text: 'Snoozed until 25 Nov 2026, 14:00',
    });
    expect(alertPhase(alert({ snoozed_until: local(23, 11) }), NOW)).toEqual({ kind: 'active', text: 'Active' });
    expect(alertPhase(alert(), NOW)).toEqual({ kind: 'active', text: 'Active' });
  });
});

describe('snoozedUntil', () => {
  it('counts the hours from now', () => {
    expect(snoozedUntil(24, NOW)).toBe(local(24, 12));
    expect(snoozedUntil(1, NOW)).toBe(local(23, 13));
  });
});

describe('afterChange', () => {
  const LIST = [alert({ id: 3 }), alert({ id: 2 }), alert({ id: 1 })];
  const ACKED = alert({ id: 2, acknowledged_at: local(23, 11) });

  it('drops the alert from the active list', () => {
    expect(afterChange(LIST, 2, ACKED, false).map((a) => a.id)).toEqual([3, 1]);
  });

  it('keeps it, changed, in the history', () => {
    const next = afterChange(LIST, 2, ACKED, true);
    expect(next.map((a) => a.id)).toEqual([3, 2, 1]);
    expect(next[1]).toBe(ACKED);
    expect(next[0]).toBe(LIST[0]);
  });

  it('drops it from either list without its new state', () => {
    expect(afterChange(LIST, 2, null, true).map((a) => a.id)).toEqual([3, 1]);
  });
});
