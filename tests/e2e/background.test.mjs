// Closed to the tray, as a user closes it (a WM_DELETE_WINDOW, what a close button sends; no
// WebDriver, which would hold the web view): the window and its WebKit processes go, Keyledger
// runs on; the tray's "Open Keyledger" builds the window again, a second start does too, and
// "Quit" ends it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Profile, appBinary, processes, repo, until } from './harness.mjs';
import { startTrayHost } from './tray.mjs';

let profile;
let tray;
let app;
let exited;

/** The names of the app's child processes. */
const children = () => [...processes().values()].filter((p) => p.ppid === app.pid).map((p) => p.comm);
const webkit = () => children().filter((n) => n.startsWith('WebKit'));
/** The X ids of Keyledger's windows, mapped or not. */
const windowIds = () =>
  [...execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' }).matchAll(/^\s*(0x[0-9a-f]+) "Keyledger": /gm)].map((m) => m[1]);
const windowThere = () => windowIds().length > 0;
/** On screen: built hidden, the window is mapped once its page has loaded. */
const windowShown = () =>
  windowIds().some((id) => /Map State: IsViewable/.test(execFileSync('xwininfo', ['-id', id], { encoding: 'utf8' })));
/**
 * Closes the window as a close button does, again each 2 s while it is still there (as a user
 * clicks again): a close that arrives while the window is still starting can go unanswered.
 */
async function closeWindow() {
  let sent = 0;
  await until('the window to go', () => {
    if (!windowThere()) return true;
    if (Date.now() - sent > 2000) {
      execFileSync(join(repo, 'tests/e2e/xclose.py'), ['Keyledger']);
      sent = Date.now();
    }
    return false;
  }, 20000);
}

before(async () => {
  tray = await startTrayHost();
  profile = new Profile();
  profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
  app = spawn(appBinary, [], { env: profile.env, stdio: 'ignore' });
  exited = new Promise((resolve) => app.once('exit', (code, signal) => resolve(signal ?? code)));
});

after(async () => {
  if (app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
  tray?.stop();
  profile?.cleanup();
});

test('closing the window ends its web view and WebKit processes, and Keyledger runs on', async () => {
  await until('the window', windowShown, 30000);
  await until('the web process', () => webkit().includes('WebKitWebProces'), 30000);
  await closeWindow();
  await until('the WebKit processes to end', () => webkit().length === 0).catch((e) => {
    throw new Error(`${e.message}; children: ${children().join(', ')}`);
  });
  assert.equal(app.exitCode, null, 'still running');
  await until('the tray icon', () => tray.items().length > 0);
});

test("the tray's Open Keyledger builds the window again, with a new web process", async () => {
  await tray.click('Open Keyledger');
  await until('the window', windowShown, 30000);
  await until('a web process again', () => webkit().includes('WebKitWebProces'), 30000);
});

test('a second start builds the closed window again and exits', async () => {
  await closeWindow();
  await until('the WebKit processes to end', () => webkit().length === 0).catch((e) => {
    throw new Error(`${e.message}; children: ${children().join(', ')}`);
  });
  const second = spawn(appBinary, [], { env: profile.env, stdio: 'ignore' });
  const code = await new Promise((resolve) => second.once('exit', (c, signal) => resolve(signal ?? c)));
  assert.equal(code, 0, 'the second start hands over and exits');
  await until('the window', windowShown, 30000);
  await until('a web process again', () => webkit().includes('WebKitWebProces'), 30000);
});

test('Quit in the tray ends Keyledger', async () => {
  await tray.click('Quit');
  assert.equal(await exited, 0);
});
