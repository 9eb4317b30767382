// The real Keyledger window, driven like a person would: add a key through the form, see it
// masked, reveal and re-mask, copy (and see the clipboard cleared), delete, read the audit log.
// Secrets must appear nowhere but in the reveal response and the keychain.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Profile,
  startApp,
  until,
  ipcLog,
  screenshot,
  clipboardText,
  installIpcRecorder,
} from './harness.mjs';

const FORM_KEY = 'sk-proj-E2Eform0123456789abcdefghijklmnopqrstuvwxyzK9z1';
const CLI_KEY = 'sk-ant-api03-E2Ecli0123456789abcdefghijklmnopqrstuvwxyz-QQAA';
const SECRETS = [FORM_KEY, CLI_KEY];

let profile;
let app;
let $;
let $$;
let browser;

before(async () => {
  profile = new Profile();
});

after(async () => {
  await app?.stop();
  profile?.cleanup();
});

const rows = async () => $$('[data-testid=credential-row]');
// textContent, not WebDriver's rendered text: WebKitWebDriver reports ellipsised cells as empty.
const text = async (el) => ((await el.getProperty('textContent')) ?? '').trim();
const rowByLabel = async (label) => {
  for (const row of await rows()) {
    if ((await text(await row.$('[data-testid=label]'))) === label) return row;
  }
  return null;
};

test('a new user sees an empty state that says what to do', async () => {
  app = await startApp(profile);
  browser = app.browser;
  $ = browser.$.bind(browser);
  $$ = browser.$$.bind(browser);
  const empty = await $('[data-testid=empty-state]');
  await empty.waitForDisplayed({ timeout: 15000 });
  assert.match(await empty.getText(), /add/i);
  await screenshot(browser, '01-empty-state');
});

test('the first click on Save with an empty form is not lost', async () => {
  await (await $('[data-testid=add-button]')).click();
  const secret = await $('#secret');
  await secret.waitForDisplayed();
  await until('the key field to have the focus', async () =>
    browser.execute(() => document.activeElement?.id === 'secret'),
  );
  // The click blurs the empty key field first; no message may move the button before release.
  await (await $('[data-testid=add-submit]')).click();
  await until('both errors of a submitted form', async () =>
    (await $('.field-error[data-field=secret]').isExisting()) && (await $('.field-error[data-field=label]').isExisting()),
  5000);
  await browser.keys('Escape');
  await until('the form to close', async () => !(await $('[data-testid=add-dialog]').isExisting()));
});

test('adding a key through the form detects the provider and lists it masked', async () => {
  await (await $('[data-testid=add-button]')).click();
  const secret = await $('#secret');
  await secret.waitForDisplayed();
  await secret.setValue(FORM_KEY);
  const detected = await $('[data-testid=detected]');
  await until('live provider detection', async () => /OpenAI/.test(await detected.getText()));

  await (await $('[data-testid=add-submit]')).click();
  await until('the inline label error', async () => {
    const err = await $('.field-error[data-field=label]');
    return (await err.isExisting()) && /label/i.test(await err.getText());
  });
  assert.equal((await rows()).length, 0, 'nothing is added without a label');

  await (await $('#label')).setValue('E2E form key');
  await (await $('#profile')).setValue('prod');
  await screenshot(browser, '02-add-form');
  await (await $('[data-testid=add-submit]')).click();
  const row = await until('the new row', () => rowByLabel('E2E form key'));
  const hint = await text(await row.$('[data-testid=hint]'));
  assert.equal(hint, 'sk-proj-…K9z1');
  assert.match(await text(await row.$('[data-testid=provider]')), /OpenAI/);
  const id = await row.getAttribute('data-id');
  assert.equal(profile.keychainLookup(id), FORM_KEY, 'the key is in the keychain');
});

test('pasting a key already stored names that key, never its id, and can show it', async () => {
  await (await $('[data-testid=add-button]')).click();
  await (await $('#secret')).waitForDisplayed();
  await (await $('#secret')).setValue(FORM_KEY);
  await (await $('#label')).setValue('A second copy');
  await (await $('[data-testid=add-submit]')).click();
  const error = await until('the duplicate message', async () => {
    const el = await $('[data-testid=form-error]');
    return (await el.isExisting()) ? el : null;
  });
  assert.match(await text(error), /^This key is already stored as "E2E form key"\.\s*Show that key$/);
  await (await $('[data-testid=show-duplicate]')).click();
  await until('the form to close', async () => !(await $('[data-testid=add-dialog]').isExisting()));
  const row = await rowByLabel('E2E form key');
  assert.equal(await row.getAttribute('data-highlighted'), 'true', 'the stored key is pointed out');
  assert.equal((await rows()).length, 1, 'nothing was added');
});

test('pasting two keys on two lines shows exactly one message, and keeps neither', async () => {
  await (await $('[data-testid=add-button]')).click();
  const secret = await $('#secret');
  await secret.waitForDisplayed();
  try {
    // A paste event as the clipboard gives it: the pasted text with its line break.
    const refused = await browser.execute((pasted) => {
      const field = document.getElementById('secret');
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      field.dispatchEvent(paste);
      return paste.defaultPrevented;
    }, `${FORM_KEY}\n${CLI_KEY}\n`);
    assert.equal(refused, true, 'the paste is refused whole');
    const messages = await until('one message', async () => {
      const shown = await $$('.add-form .field-error, .add-form [data-testid=detect-problem], .add-form [data-testid=form-error]');
      return shown.length > 0 ? shown : null;
    });
    assert.equal(messages.length, 1, 'exactly one message');
    assert.match(await text(messages[0]), /^You pasted 2 lines\. Paste one key at a time/);
    assert.equal(await secret.getValue(), '', 'neither key is kept in the field');
  } finally {
    await browser.keys('Escape');
    await until('the form to close', async () => !(await $('[data-testid=add-dialog]').isExisting()));
  }
});

test('a key added with the CLI shows up in the open window within 2 s, without a click', async () => {
  const inFiveDays = new Date(Date.now() + 5 * 86400000).toISOString().slice(0, 10);
  profile.cli(['add', '--label', 'E2E cli key', '--expires', inFiveDays], CLI_KEY);
  const row = await until('the CLI-added row', () => rowByLabel('E2E cli key'), 2000);
  assert.equal(await text(await row.$('[data-testid=hint]')), 'sk-ant-api03-…QQAA');
  assert.match(await text(await row.$('[data-testid=expiry]')), /[56] days left/);
  await screenshot(browser, '03-key-list');
});

test('reveal shows the key, then masks it again', async () => {
  const row = await rowByLabel('E2E form key');
  await (await row.$('[data-testid=reveal]')).click();
  const hint = await row.$('[data-testid=hint]');
  await until('the revealed key', async () => (await text(hint)).includes(FORM_KEY));
  await until('the key to be masked again', async () => (await text(hint)) === 'sk-proj-…K9z1', 20000);
});

test('copy puts the key on the clipboard from Rust, out of clipboard histories, and clears it afterwards', async () => {
  const row = await rowByLabel('E2E form key');
  await (await row.$('[data-testid=copy]')).click();
  await until('the copied toast', async () => /copied/i.test(await (await $('[data-testid=toast]')).getText()));
  await until('the key on the clipboard', () => clipboardText() === FORM_KEY);
  // Marked for clipboard managers (KDE Klipper and others) to keep out of their history.
  assert.equal(clipboardText('x-kde-passwordManagerHint'), 'secret');
  await until('the clipboard to be cleared', () => clipboardText() !== FORM_KEY, 20000);
  const log = await ipcLog(browser);
  const copy = log.find((e) => e.cmd === 'copy_secret');
  assert.ok(copy, 'copy_secret was called');
  assert.ok(!copy.response.includes(FORM_KEY), 'copy does not send the key to the web view');
});

test('delete asks for confirmation, then removes the key from the list and the keychain', async () => {
  const row = await rowByLabel('E2E form key');
  const id = await row.getAttribute('data-id');
  await (await row.$('[data-testid=delete]')).click();
  await (await $('[data-testid=cancel-delete]')).click();
  assert.ok(await rowByLabel('E2E form key'), 'cancel keeps the key');
  await (await (await rowByLabel('E2E form key')).$('[data-testid=delete]')).click();
  await (await $('[data-testid=confirm-delete]')).click();
  await until('the row to disappear', async () => !(await rowByLabel('E2E form key')));
  assert.equal(profile.keychainLookup(id), null, 'the keychain item is gone');
});

test('the audit log lists what happened', async () => {
  await (await $('[data-testid=tab-audit]')).click();
  await until('audit rows', async () => (await $$('[data-testid=audit-row]')).length >= 5);
  const text = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid=audit-row]')].map((r) => r.textContent).join('\n'),
  );
  for (const action of ['add', 'reveal', 'copy', 'delete']) {
    assert.match(text, new RegExp(action, 'i'), `audit shows ${action}`);
  }
  await screenshot(browser, '04-audit-log');
});

test('no secret leaks into IPC responses (except reveal), the DB, the WAL or the logs', async () => {
  const log = await ipcLog(browser);
  // The recorder must see responses, the reveal among them, or this test could not fail.
  const reveal = log.find((e) => e.cmd === 'reveal_secret');
  assert.ok(reveal && reveal.response.includes(FORM_KEY), 'the recorder saw the reveal response');
  assert.ok(log.some((e) => e.cmd === 'list_credentials'), 'the recorder saw list_credentials');
  for (const entry of log.filter((e) => e.cmd !== 'reveal_secret')) {
    for (const s of SECRETS) assert.ok(!entry.response.includes(s), `${entry.cmd} response leaks a key`);
  }
  const files = profile.filesOnDisk();
  assert.ok(files.some((f) => f.name === 'keyledger.db'));
  assert.ok(files.some((f) => f.name === 'keyledger.log'));
  for (const f of files) {
    for (const s of SECRETS) assert.ok(!f.bytes.includes(Buffer.from(s)), `${f.name} contains a key`);
  }
});

test('quitting with a copied key still on the clipboard clears it', async () => {
  await (await $('[data-testid=tab-keys]')).click();
  const row = (await rows())[0];
  await (await row.$('[data-testid=copy]')).click();
  await until('a key on the clipboard', () => SECRETS.includes(clipboardText()));
  const log = join(profile.dataDir, 'keyledger.log');
  // The app ends while the key action is still going: the session goes with it.
  await browser.keys(['Control', 'q']).catch(() => {});
  await until('the quit to clear the clipboard', () =>
    readFileSync(log, 'utf8').includes('cleared a copied key from the clipboard on quit'),
  );
});
