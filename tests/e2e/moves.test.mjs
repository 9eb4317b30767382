// Moving keys in the real window: the profile filter and the default profile, a .env file
// previewed, imported and rewritten, a key rotated in place (one keychain item, new value), an
// encrypted backup written and restored (a wrong passphrase refused) — and no secret in any IPC
// response, on disk, or in the backup in clear.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Profile, startApp, until, ipcLog, screenshot } from './harness.mjs';

const PROD = 'sk-proj-E2EprodKEY0123456789abcdefghijklmnopqrstuvwxyzP1x1';
const DEV = 'sk-ant-api03-E2EdevKEY0123456789abcdefghijklmnopqrstuvwxyz-DDAA';
const GROQ = 'gsk_E2EgroqKEY0123456789abcdefghijklmnopqrstuvwxyzGG12';
const ROTATED = 'sk-proj-E2ErotatedKEY0123456789abcdefghijklmnopqrstuvR2x2';
const PASS = 'seven orange kites over Lisbon';
const SECRETS = [PROD, DEV, GROQ, ROTATED, PASS];

let profile;
let app;
let browser;
let envFile;
let backupFile;

const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).join('\n'), selector);
const count = async (selector) => browser.execute((s) => document.querySelectorAll(s).length, selector);
const attrs = async (selector, name) =>
  browser.execute((s, n) => [...document.querySelectorAll(s)].map((e) => e.getAttribute(n)), selector, name);
const click = async (selector) => {
  const el = await browser.$(selector);
  await el.waitForClickable({ timeout: 10000 });
  await el.click();
};
const type = async (selector, value) => {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout: 10000 });
  await el.setValue(value);
};
const labels = async () => (await text('[data-testid=credential-row] [data-testid=label]')).split('\n').filter(Boolean);
const keys = () => JSON.parse(profile.cli(['list', '--json']));

before(async () => {
  profile = new Profile();
  profile.cli(['add', '--label', 'prod key', '--profile', 'prod'], PROD);
  profile.cli(['add', '--label', 'dev key', '--profile', 'dev'], DEV);
  envFile = join(profile.root, '.env');
  backupFile = join(profile.root, 'keys.age');
  writeFileSync(envFile, `# the app's settings\r\nexport GROQ_API_KEY="${GROQ}"\r\nOPENAI_API_KEY=${PROD}\r\nDEBUG=1\r\n`);
  app = await startApp(profile);
  browser = app.browser;
  await click('[data-testid=tab-keys]');
  await until('both keys', async () => (await labels()).length === 2);
});

after(async () => {
  await app?.stop();
  profile?.cleanup();
});

test('the profile filter shows one profile and makes it the default', async () => {
  await (await browser.$('[data-testid=profile-filter]')).selectByAttribute('value', 'dev');
  await until('only the dev key', async () => JSON.stringify(await labels()) === '["dev key"]');
  await click('[data-testid=profile-make-default]');
  await until('dev is the default profile', () => profile.cli(['profile', 'default']).trim() === 'dev');
  await (await browser.$('[data-testid=profile-filter]')).selectByAttribute('value', '');
  await until('every key again', async () => (await labels()).length === 2);
});

test('a .env file is previewed line by line, imported, and its keys replaced by comments', async () => {
  await click('[data-testid=import-env-open]');
  await type('[data-testid=env-path]', envFile);
  await click('[data-testid=env-preview]');
  await until('the preview', async () => (await count('[data-testid=env-line]')) === 3);
  assert.deepEqual(await attrs('[data-testid=env-line]', 'data-outcome'), ['would_add', 'duplicate', 'skipped']);
  assert.match(await text('[data-testid=env-summary]'), /1 key to import, 1 already stored, 1 skipped/);
  assert.equal(keys().length, 2, 'a preview writes nothing');
  await screenshot(browser, '08-import-env');

  await click('[data-testid=env-import]');
  await until('the import', async () => (await attrs('[data-testid=env-line]', 'data-outcome')).includes('added'));
  const groq = keys().find((k) => k.provider === 'groq');
  assert.equal(groq.profile, 'dev', 'new keys go to the default profile');
  await click('[data-testid=env-rewrite]');
  await until('the rewrite', async () => /replaced/.test(await text('[data-testid=env-cleanup-result]')));
  const rewritten = readFileSync(envFile, 'utf8');
  assert.ok(!rewritten.includes(GROQ) && !rewritten.includes(PROD), rewritten);
  assert.match(rewritten, /^# GROQ_API_KEY is in Keyledger as "GROQ_API_KEY \(\.env\)"/m);
  assert.match(rewritten, /\r\nDEBUG=1\r\n$/, 'other lines and CRLF endings stay');
  await click('[data-testid=env-done]');
  await until('three keys listed', async () => (await labels()).length === 3);
});

test('rotating a key replaces its secret in the same keychain item', async () => {
  const prod = keys().find((k) => k.label === 'prod key');
  // The item's path and creation time (never its secret, which secret-tool also prints).
  const items = () =>
    execFileSync('secret-tool', ['search', '--all', 'service', profile.service, 'username', prod.id], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .split('\n')
      .filter((l) => l.startsWith('[') || l.startsWith('created'))
      .join('\n');
  const before = items();
  await click(`[aria-label="Rotate key of prod key"]`);
  await type('[data-testid=rotate-secret]', ROTATED);
  await screenshot(browser, '10-rotate');
  await click('[data-testid=rotate-save]');
  await until('the dialog to close', async () => (await count('[data-testid=rotate-dialog]')) === 0);
  await until('the new masked key', async () => /…R2x2/.test(await text('[data-testid=credential-row]')));
  assert.equal(profile.keychainLookup(prod.id), ROTATED);
  assert.equal(before.split('\n').filter((l) => l.startsWith('[')).length, 1, 'one item');
  assert.equal(items(), before, 'the same item (path and creation time), updated in place');
  assert.ok(keys().find((k) => k.id === prod.id).rotated_at);
  assert.match(await text('[data-testid=rotated]'), /rotated/i);
});

test('an encrypted backup is written, refused with a wrong passphrase, and restored', async () => {
  await click('[data-testid=backup-open]');
  await click('[data-testid=backup-mode-export]');
  await (await browser.$('[data-testid=backup-path]')).clearValue();
  await type('[data-testid=backup-path]', backupFile);
  await type('[data-testid=backup-passphrase]', PASS);
  await type('[data-testid=backup-passphrase-repeat]', PASS);
  await click('[data-testid=backup-submit]');
  await until('the export', async () => /Wrote 3 keys/.test(await text('[data-testid=backup-summary]')), 20000);
  assert.ok(existsSync(backupFile));
  const sealed = readFileSync(backupFile);
  assert.ok(sealed.subarray(0, 22).toString() === 'age-encryption.org/v1\n');
  for (const s of SECRETS) assert.ok(!sealed.includes(s), 'no secret in the backup in clear');
  await click('[data-testid=backup-done]');

  await click('[data-testid=backup-open]');
  await click('[data-testid=backup-mode-restore]');
  await (await browser.$('[data-testid=backup-path]')).clearValue();
  await type('[data-testid=backup-path]', backupFile);
  await type('[data-testid=backup-passphrase]', 'seven orange kites over Porto');
  await click('[data-testid=backup-submit]');
  await until('the refusal', async () => /passphrase does not open/.test(await text('[data-testid=backup-error]')), 20000);
  const field = await browser.$('[data-testid=backup-passphrase]');
  await field.clearValue();
  await field.setValue(PASS);
  await click('[data-testid=backup-submit]');
  await until('the restore', async () => /3 already stored/.test(await text('[data-testid=backup-summary]')), 20000);
  assert.deepEqual(await attrs('[data-testid=restore-row]', 'data-outcome'), ['skipped', 'skipped', 'skipped']);
  await screenshot(browser, '09-backup');
  await click('[data-testid=backup-done]');
  assert.equal(keys().length, 3, 'nothing added twice');
});

test('no secret or passphrase crossed IPC back to the window or reached the data dir', async () => {
  const log = await ipcLog(browser);
  assert.ok(log.some((e) => e.cmd === 'rotate_credential' && e.ok));
  assert.ok(log.some((e) => e.cmd === 'backup_restore' && e.ok));
  for (const entry of log) {
    for (const s of SECRETS) assert.ok(!entry.response.includes(s), `${entry.cmd} answered with a secret`);
  }
  for (const file of profile.filesOnDisk()) {
    for (const s of SECRETS) assert.ok(!file.bytes.includes(s), `${file.name} holds a secret`);
  }
});
