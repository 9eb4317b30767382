// The .deb that `./x.sh package` builds, checked as a user would install it: its control fields,
// its files, the installed CLI and the installed app (extracted into a temp root) running, the
// menu entry valid and starting that app, and the start-at-login entry pointing at it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Profile, repo, startApp, until, screenshot } from '../harness.mjs';

const version = JSON.parse(readFileSync(join(repo, 'src-tauri/tauri.conf.json'), 'utf8')).version;
const deb = join(repo, `target/release/bundle/deb/Keyledger_${version}_amd64.deb`);
const desktopFile = 'usr/share/applications/Keyledger.desktop';

let root;
let profile;
let app;

before(() => {
  assert.ok(existsSync(deb), `${deb} is missing: build it with ./x.sh package`);
  root = mkdtempSync(join(tmpdir(), 'keyledger-deb-'));
  execFileSync('dpkg-deb', ['-x', deb, root]);
  profile = new Profile();
  // The start-at-login entry goes to $HOME/.config/autostart: this profile's, not the user's.
  profile.env.HOME = profile.root;
});

after(async () => {
  await app?.stop();
  profile?.cleanup();
  if (root) rmSync(root, { recursive: true, force: true });
});

const field = (info, name) => info.match(new RegExp(`^ ${name}: (.*)$`, 'm'))?.[1];

test('the package names itself, its version and what it needs', () => {
  const info = execFileSync('dpkg-deb', ['-I', deb], { encoding: 'utf8' });
  assert.equal(field(info, 'Package'), 'keyledger', info);
  assert.equal(field(info, 'Version'), version, info);
  assert.equal(field(info, 'Architecture'), 'amd64', info);
  const depends = (field(info, 'Depends') ?? '').split(/,\s*/);
  for (const needed of ['libwebkit2gtk-4.1-0', 'libgtk-3-0', 'libayatana-appindicator3-1', 'gnome-keyring | keepassxc | kwalletmanager']) {
    assert.ok(depends.includes(needed), `Depends lacks ${needed}: ${depends.join(', ')}`);
  }
  const mb = statSync(deb).size / 1e6;
  assert.ok(mb > 1, `${mb} MB is too small to hold the app`);
});

test('it holds both programs, the menu entry, the icons and the price table licence', () => {
  for (const file of [
    'usr/bin/keyledger-app',
    'usr/bin/keyledger',
    desktopFile,
    'usr/share/icons/hicolor/128x128/apps/keyledger-app.png',
    'usr/share/doc/keyledger/LICENSE-LiteLLM',
  ]) {
    assert.ok(existsSync(join(root, file)), `${file} is not in the package`);
  }
  for (const bin of ['keyledger-app', 'keyledger']) {
    assert.ok(statSync(join(root, 'usr/bin', bin)).mode & 0o111, `${bin} is not executable`);
  }
});

test('the installed CLI runs and works on a profile', () => {
  const cli = join(root, 'usr/bin/keyledger');
  assert.equal(execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim(), `keyledger ${version}`);
  const listed = execFileSync(cli, ['list', '--json'], { env: profile.env, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(listed), []);
});

test('the menu entry validates and its Exec starts the installed app, which opens its window', async () => {
  const entry = join(root, desktopFile);
  execFileSync('desktop-file-validate', [entry]); // throws, with its complaints, when invalid
  const exec = readFileSync(entry, 'utf8').match(/^Exec=(.*)$/m)?.[1];
  assert.ok(exec, 'no Exec line');
  const command = exec.split(' ')[0];
  const installed = command.startsWith('/') ? join(root, command) : join(root, 'usr/bin', command);
  assert.equal(installed, join(root, 'usr/bin/keyledger-app'), `Exec=${exec}`);

  app = await startApp(profile, { application: installed });
  const { browser } = app;
  assert.equal(await browser.getTitle(), 'Keyledger');
  await until('the empty key list', async () => (await browser.$('[data-testid=empty-state]')).isDisplayed());
  await (await browser.$('[data-testid=about-button]')).click();
  const text = async (id) => ((await (await browser.$(`[data-testid=${id}]`)).getProperty('textContent')) ?? '').trim();
  await until('the About dialog', async () => (await text('about-version')) === version);
  assert.equal(await text('about-data-dir'), profile.dataDir);
  assert.match(await text('about-licence'), /Berri AI/);
  await screenshot(browser, 'about');
  await (await browser.$('[data-testid=about-close]')).click();
});

test('start at login points at the installed app', async () => {
  const { browser } = app;
  const dir = join(profile.root, '.config', 'autostart');
  const entries = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.desktop')) : []);
  await (await browser.$('[data-testid=tab-alerts]')).click();
  const toggle = await browser.$('[data-testid=login-item]');
  await toggle.scrollIntoView();
  await until('the switch to know its state', async () => await toggle.isEnabled());
  await toggle.click();
  await until('the autostart entry', () => entries().length === 1);
  const desktop = readFileSync(join(dir, entries()[0]), 'utf8');
  assert.equal(desktop.match(/^Exec=(\S+)/m)?.[1], join(root, 'usr/bin/keyledger-app'), desktop);
  execFileSync('desktop-file-validate', [join(dir, entries()[0])]);
  await toggle.click();
  await until('the entry gone', () => entries().length === 0);
});
