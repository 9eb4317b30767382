// Notifications in the real window: a key the provider rejects on a check raises a desktop
// notification naming the key; clicking it (dunst's default action) brings the window to that
// key. Starting Keyledger again on the same profile hands over to the running one and exits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { Profile, startApp, until, appBinary, watchNotifications } from './harness.mjs';
import { startFakeOpenAI } from './fake-providers.mjs';

const ADMIN_KEY = 'sk-admin-E2Enotify0123456789abcdefghijklmnopqrstuvwxyz';
const REVOKED_KEY = 'sk-proj-E2Enotify0123456789abcdefghijklmnopqrstuvwxyzRV';
const TITLE = '“Revoked key” was rejected by OpenAI';

let profile;
let fake;
let app;
let browser;
let monitor;

const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).join('\n'), selector);

before(async () => {
  execFileSync('dunstctl', ['close-all']);
  monitor = await watchNotifications();
  profile = new Profile();
  profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
  fake = await startFakeOpenAI({ adminKey: ADMIN_KEY, day: new Date() });
  // The fake accepts only the admin key: this project key is answered 401, as a revoked key is.
  profile.cli(['add', '--label', 'Revoked key', '--base-url', fake.url], REVOKED_KEY);
  app = await startApp(profile);
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  await fake?.close();
  monitor?.stop();
  profile?.cleanup();
});

test('a rejected key is notified by its label, and the notification opens the window on it', async () => {
  const row = await until('the key row', async () => (await browser.$$('[data-testid=credential-row]'))[0]);
  await (await row.$('[data-testid=check]')).click();
  await until('the invalid status', async () =>
    ((await row.$('[data-testid=status]').getProperty('textContent')) ?? '').trim().toLowerCase() === 'invalid',
  );
  await until('the Notify call', () => monitor.titles().includes(TITLE), 10000);
  assert.ok(!monitor.text().includes(REVOKED_KEY), 'the key is not in the notification');
  assert.ok(!monitor.text().includes('RV"'), 'not even its last characters');

  await (await browser.$('[data-testid=tab-alerts]')).click();
  await until('the alert', async () => (await text('[data-testid=alert-title]')).includes(TITLE));
  // The user clicks the notification: dunst invokes its default action.
  await until('dunst to show it', () => Number(execFileSync('dunstctl', ['count', 'displayed'], { encoding: 'utf8' })) > 0);
  execFileSync('dunstctl', ['action', '0']);
  await until('the Keys tab', async () => (await (await browser.$('[data-testid=tab-keys]')).getAttribute('aria-selected')) === 'true');
  await until('the key pointed out', async () =>
    (await browser.$$('[data-testid=credential-row][data-highlighted=true]')).length === 1,
  );
});

test('starting Keyledger again on the same profile hands over and exits', async () => {
  const second = spawn(appBinary, [], { env: profile.env, stdio: 'ignore' });
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => {
      second.kill();
      resolve('still running after 20 s');
    }, 20000);
    second.once('exit', (c, signal) => {
      clearTimeout(timer);
      resolve(signal ? `killed by ${signal}` : c);
    });
  });
  assert.equal(code, 0, 'the second instance exits at once');
  assert.ok((await browser.$$('[data-testid=credential-row]')).length === 1, 'the first window is still there');
});
