// Plan limits in the real window: Codex's session log (in this profile's own CODEX_HOME) carries
// its 5-hour and weekly windows; the Limits tab shows them with their bars, resets and pace, the
// 5-hour window past 80 % raises exactly one desktop notification, and the tray names the
// tightest window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Profile, startApp, until, screenshot, watchNotifications } from './harness.mjs';
import { startTrayHost } from './tray.mjs';

const TITLE = 'Codex 5-hour window 83% used';

let profile;
let app;
let browser;
let monitor;
let tray;

const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).join('\n'), selector);

/** A `token_count` event as Codex writes it, with the plan's windows and no token info. */
function rateLimits(at, fiveHour, weekly, fiveHourReset, weeklyReset) {
  return JSON.stringify({
    timestamp: at.toISOString(),
    type: 'event_msg',
    payload: {
      type: 'token_count',
      info: null,
      rate_limits: {
        primary: { used_percent: fiveHour, window_minutes: 300, resets_at: Math.floor(fiveHourReset / 1000) },
        secondary: { used_percent: weekly, window_minutes: 10080, resets_at: Math.floor(weeklyReset / 1000) },
        plan_type: 'plus',
      },
    },
  });
}

before(async () => {
  monitor = await watchNotifications();
  tray = await startTrayHost();
  profile = new Profile();
  profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
  const now = Date.now();
  const min = 60_000;
  const day = new Date(now).toISOString().slice(0, 10).split('-');
  const dir = join(profile.env.CODEX_HOME, 'sessions', ...day);
  mkdirSync(dir, { recursive: true });
  const fiveReset = now + 120 * min;
  const weekReset = now + 3 * 1440 * min;
  // Filling fast: 60 % forty minutes ago, 83 % two minutes ago.
  writeFileSync(
    join(dir, 'rollout-2026-12-06T10-00-00-limits.jsonl'),
    [
      rateLimits(new Date(now - 40 * min), 60, 29, fiveReset, weekReset),
      rateLimits(new Date(now - 2 * min), 83, 31, fiveReset, weekReset),
    ].join('\n') + '\n',
  );
  app = await startApp(profile);
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  monitor?.stop();
  tray?.stop();
  profile?.cleanup();
});

test('the Limits tab shows each Codex window from its session log, tightest first', async () => {
  await (await browser.$('[data-testid=tab-limits]')).click();
  await until('both windows', async () => (await browser.$$('[data-testid=plan-window]')).length === 2, 20000);
  const titles = (await text('[data-testid=plan-title]')).split('\n');
  assert.deepEqual(titles, ['Codex · 5-hour', 'Codex · weekly']);
  const percents = (await text('[data-testid=plan-percent]')).split('\n');
  assert.deepEqual(percents, ['83%', '31%']);
  // A clock time, with its weekday when it falls on another day than today ("Mon 00:18"): near
  // midnight the reset and the full time fall tomorrow.
  const at = String.raw`(\w{3} )?\d\d:\d\d`;
  assert.match(await text('[data-testid=plan-resets]'), new RegExp(String.raw`^resets ${at} \(in 1 h 5\d min\)`));
  assert.match(await text('[data-testid=plan-origin]'), /from Codex’s session log/);
  // 23 % in 38 minutes: the 17 % left take about 28 minutes, long before the reset; the weekly
  // window, 2 % in 38 minutes, would fill in about two days.
  const [fivePace, weeklyPace] = (await text('[data-testid=plan-pace]')).split('\n');
  assert.match(fivePace, new RegExp(String.raw`^At this pace it is full at ${at}, 1 h \d+ min before it resets\.$`));
  assert.match(weeklyPace, new RegExp(String.raw`^At this pace it is full at ${at}, \d d( \d+ h)? before it resets\.$`));
  assert.equal((await browser.$$('[data-testid=plan-history]')).length, 2);
  await screenshot(browser, 'limits');
});

test('the 5-hour window past 80 % is notified exactly once', async () => {
  await until('the Notify call', () => monitor.titles().includes(TITLE), 20000);
  // The rules run again with the next import or poll: nothing new.
  await (await browser.$('[data-testid=tab-usage]')).click();
  await (await browser.$('[data-testid=poll-now]')).waitForClickable({ timeout: 15000 });
  await (await browser.$('[data-testid=poll-now]')).click();
  await (await browser.$('[data-testid=poll-now]')).waitForClickable({ timeout: 15000 });
  await (await browser.$('[data-testid=tab-alerts]')).click();
  await until('the alert in the alert centre', async () => (await text('[data-testid=alert-title]')).includes(TITLE));
  assert.deepEqual(monitor.titles().filter((t) => t.includes('window')), [TITLE]);
});

test('the tray names the tightest window', async () => {
  await until('the tray icon to register with the host', () => tray.items().length > 0, 15000);
  let seen = [];
  await until('the window in the tray menu', async () => {
    seen = (await tray.entries()).map((e) => e.label);
    return seen.includes('Codex 5h 83%');
  }).catch((e) => {
    throw new Error(`${e.message}; the menu said: ${seen.join(' | ')}`);
  });
});
