// Alerts in the real window: a budget set in the form, usage polled from a fake OpenAI admin
// API, the crossed budget in the alert centre, and exactly one desktop notification for it on
// the session bus (seen with dbus-monitor) — none more when the rules run again; the tray's menu,
// read over D-Bus from a StatusNotifier host as a desktop panel would, with the month's spend;
// and the start-at-login switch writing this profile's own autostart entry.
import { test, before, after } from 'node:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Profile, startApp, until, screenshot, watchNotifications } from './harness.mjs';
import { startFakeOpenAI } from './fake-providers.mjs';
import { startTrayHost } from './tray.mjs';

const ADMIN_KEY = 'sk-admin-E2Ealerts0123456789abcdefghijklmnopqrstuvwxyz';
// The title says how much is used ($6.35 of $5.00); the threshold crossed is 100%.
const TITLE = 'Budget 127% used: all keys';

let profile;
let fake;
let app;
let browser;
let monitor;
let tray;

const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).join('\n'), selector);

before(async () => {
  monitor = await watchNotifications();
  tray = await startTrayHost();
  profile = new Profile();
  profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
  // The start-at-login entry goes to $HOME/.config/autostart: this profile's, not the user's.
  profile.env.HOME = profile.root;
  fake = await startFakeOpenAI({ adminKey: ADMIN_KEY, day: new Date() });
  profile.cli(['add', '--label', 'Org admin', '--base-url', fake.url], ADMIN_KEY);
  app = await startApp(profile);
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  await fake?.close();
  monitor?.stop();
  tray?.stop();
  profile?.cleanup();
});

test('a budget set in the form and crossed by polled usage shows in the alert centre', async () => {
  await (await browser.$('[data-testid=tab-alerts]')).click();
  await until('the empty alert centre', async () => /No alerts need your attention/.test(await text('[data-testid=alerts-empty]')));
  await (await browser.$('[data-testid=budget-add]')).click();
  const usd = await browser.$('[data-testid=budget-usd]');
  await usd.waitForDisplayed({ timeout: 10000 });
  await usd.setValue('5');
  await browser.keys('Enter');
  await until('the budget row', async () => /\$5\.00/.test(await text('[data-testid=budget-row]')));

  await (await browser.$('[data-testid=tab-usage]')).click();
  await (await browser.$('[data-testid=poll-now]')).waitForClickable({ timeout: 15000 });
  await (await browser.$('[data-testid=poll-now]')).click();
  await until('the usage total', async () => /\$6\.35/.test(await text('[data-testid=usage-total]')), 20000);

  await (await browser.$('[data-testid=tab-alerts]')).click();
  await until('the budget alert', async () => (await text('[data-testid=alert-title]')).includes(TITLE), 20000);
  const row = await browser.$('[data-testid=alert-row]');
  assert.equal(await row.getAttribute('data-severity'), 'critical');
  assert.match(await text('[data-testid=alert-row]'), /\$6\.35 of \$5\.00 spent in/);
  assert.match(await text('[data-testid=alerts-count]'), /1/);
  assert.match(await text('[data-testid=budget-row]'), /127%/, '6.35 of 5 is 127 %');
  await screenshot(browser, '06-alerts');
});

test('the crossed budget is notified exactly once, even when the rules run again', async () => {
  await until('the Notify call', () => monitor.titles().includes(TITLE), 10000);
  assert.deepEqual(
    monitor.titles().filter((t) => t === TITLE),
    [TITLE],
  );
  // Another pass runs the rules again: nothing new is notified.
  await (await browser.$('[data-testid=tab-usage]')).click();
  await (await browser.$('[data-testid=poll-now]')).waitForClickable({ timeout: 15000 });
  const requests = fake.requests.length;
  await (await browser.$('[data-testid=poll-now]')).click();
  await until('the second pass', () => fake.requests.length > requests + 1, 20000);
  await until('the pass to finish', async () => (await (await browser.$('[data-testid=poll-now]')).isClickable()), 20000);
  assert.deepEqual(monitor.titles(), [TITLE], 'one notification in all, for the crossed budget');
});

test('the tray menu shows the month so far and the active alert, and polls from Poll now', async () => {
  await until('the tray icon to register with the host', () => tray.items().length > 0, 15000);
  const labels = async () => (await tray.entries()).map((e) => e.label);
  let seen = [];
  await until('the figures in the tray menu', async () => {
    seen = await labels();
    // The fake's unpriced model is part of the month: its cost is unknown, not $0.
    return seen.includes('Month to date: $6.35 + unpriced') && seen.includes('1 active alert');
  }).catch((e) => {
    throw new Error(`${e.message}; the menu said: ${seen.join(' | ')}`);
  });
  for (const l of ['Poll now', 'Open Keyledger', 'Quit']) assert.ok((await labels()).includes(l), (await labels()).join(', '));
  const requests = fake.requests.length;
  await tray.click('Poll now');
  await until('a poll pass started from the tray', () => fake.requests.length > requests, 20000);
});

test('acknowledging the alert empties the alert centre and the badge', async () => {
  await (await browser.$('[data-testid=tab-alerts]')).click();
  await (await browser.$('[data-testid=alert-ack]')).click();
  await until('the empty alert centre', async () => /No alerts need your attention/.test(await text('[data-testid=alerts-empty]')));
  await until('the badge to go', async () => !(await (await browser.$('[data-testid=alerts-count]')).isExisting()));
  await (await browser.$('[data-testid=alerts-filter-all]')).click();
  await until('the history', async () => /Acknowledged/.test(await text('[data-testid=alert-row]')));
});

test('the start-at-login switch writes the autostart entry and removes it again', async () => {
  const dir = join(profile.root, '.config', 'autostart');
  const entries = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.desktop')) : []);
  assert.deepEqual(entries(), []);
  const toggle = await browser.$('[data-testid=login-item]');
  await toggle.scrollIntoView();
  await until('the switch to know its state', async () => await toggle.isEnabled());
  assert.equal(await toggle.isSelected(), false);
  await toggle.click();
  await until('the autostart entry', () => entries().length === 1);
  const desktop = readFileSync(join(dir, entries()[0]), 'utf8');
  assert.match(desktop, /^Exec=.*keyledger-app/m, desktop);
  await until('the switch on', async () => (await toggle.isSelected()) && (await toggle.isEnabled()));
  await toggle.click();
  await until('the entry gone', () => entries().length === 0);
});
