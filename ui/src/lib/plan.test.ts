import { describe, expect, it } from 'vitest';
import { clockTime, historyPoints, originText, paceText, percentText, resetsText, span, windowLabel, windowTitle } from './plan';

const now = new Date(2026, 11, 6, 12, 53); // Sun 6 Dec 2026, 12:53 local

describe('plan windows in words', () => {
  it('names windows and sources the way the CLI does', () => {
    expect(windowLabel('5h')).toBe('5-hour');
    expect(windowLabel('weekly')).toBe('weekly');
    expect(windowLabel('seven_day_opus')).toBe('weekly Opus');
    expect(windowLabel('some_new_window')).toBe('some new window');
    expect(windowTitle({ source: 'claude', window: '5h' })).toBe('Claude · 5-hour');
    expect(originText('log', 'codex')).toBe('from Codex’s session log');
    expect(originText('estimate', 'claude')).toBe('estimate from Claude Code’s logs');
  });

  it('says spans to the minute, as Rust does', () => {
    expect(span(20_000)).toBe('<1 min');
    expect(span(25 * 60_000)).toBe('25 min');
    expect(span(72 * 60_000)).toBe('1 h 12 min');
    expect(span(120 * 60_000)).toBe('2 h');
    expect(span((3 * 1440 + 245) * 60_000)).toBe('3 d 4 h');
  });

  it('shows resets in local time: the time today, the weekday this week, the date beyond', () => {
    expect(clockTime(new Date(2026, 11, 6, 14, 5), now)).toBe('14:05');
    expect(clockTime(new Date(2026, 11, 8, 9, 4), now)).toBe('Tue 09:04');
    expect(clockTime(new Date(2026, 11, 20, 9, 4), now)).toBe('20 Dec 09:04');
    const resets_at = new Date(2026, 11, 6, 14, 5).toISOString();
    expect(resetsText({ resets_at, stale: false }, now)).toBe('resets 14:05 (in 1 h 12 min)');
    expect(resetsText({ resets_at, stale: true }, now)).toBe('reset since; waiting for new data');
  });

  it('rounds the percent down and forecasts only when there is one', () => {
    expect(percentText(99.9)).toBe('99%');
    expect(percentText(130)).toBe('100%');
    const resets_at = new Date(2026, 11, 6, 14, 5).toISOString();
    const full_at = new Date(2026, 11, 6, 13, 40).toISOString();
    expect(paceText({ full_at, resets_at }, now)).toBe('At this pace it is full at 13:40, 25 min before it resets.');
    expect(paceText({ full_at: null, resets_at }, now)).toBeNull();
  });

  it('draws the history across the window, from empty at the bottom to full at the top', () => {
    const resets = '2026-12-06T15:00:00Z';
    const history = [
      { at: '2026-12-06T10:00:00Z', used_percent: 0 },
      { at: '2026-12-06T12:30:00Z', used_percent: 50 },
      { at: '2026-12-06T15:00:00Z', used_percent: 100 },
    ];
    expect(historyPoints(history, resets, 300, 100, 20)).toBe('0.0,20.0 50.0,10.0 100.0,0.0');
    expect(historyPoints(history.slice(0, 1), resets, 300, 100, 20)).toBe('');
  });
});
