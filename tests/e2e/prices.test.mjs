// Prices in the real window: LiteLLM's vendored table is searchable, a price typed into the form
// with the keyboard alone is listed as the user's own, and removing it takes it off the list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'webdriverio';
import { Profile, startApp, until, ipcLog, screenshot } from './harness.mjs';

const MODEL = 'e2e-model';

let profile;
let app;
let browser;

// textContent, not WebDriver's rendered text: WebKitWebDriver reports ellipsised cells as empty.
const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).join('\n'), selector);
const rowOf = (model) => `[data-testid=price-row][data-model="${model}"]`;
const focused = async () => browser.execute(() => document.activeElement?.id ?? '');
/** Types like a person: one key stroke per character, into whatever has the focus. */
const type = async (value) => {
  for (const ch of value) await browser.keys(ch);
};

before(async () => {
  profile = new Profile();
  app = await startApp(profile);
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  profile?.cleanup();
});

test('the Prices tab lists vendored prices and filters them as you type', async () => {
  await (await browser.$('[data-testid=tab-prices]')).click();
  await until('the price table', async () => (await browser.$$('[data-testid=price-row]')).length > 0);
  assert.match(await text('[data-testid=prices-more]'), /Showing 200 of [\d,]+/, 'the table renders 200 rows at most');
  await (await browser.$('[data-testid=price-search]')).setValue('gpt-4o');
  await until('the gpt-4o row', async () => (await browser.$(rowOf('gpt-4o'))).isExisting());
  const models = (await text('[data-testid=price-model]')).split('\n');
  assert.ok(models.every((m) => m.toLowerCase().includes('gpt-4o')), `only gpt-4o models are listed: ${models}`);
  const row = await browser.$(rowOf('gpt-4o'));
  assert.match(await row.getAttribute('data-source'), /^litellm \d+\.\d+\.\d+$/);
  assert.match(await text(`${rowOf('gpt-4o')} [data-testid=price-source]`), /^LiteLLM \d+\.\d+\.\d+$/);
  assert.match(await text(rowOf('gpt-4o')), /\$\d+\.\d{2}/, 'the price is shown in dollars');
  assert.equal(await (await row.$('[data-testid=override-badge]')).isExisting(), false);
  await screenshot(browser, '06-prices');
});

test('a retired model keeps the price of the last LiteLLM release that listed it', async () => {
  const retired = 'claude-opus-4-1-20250805';
  await (await browser.$('[data-testid=price-search]')).setValue(retired);
  await until('the retired model row', async () => (await browser.$(rowOf(retired))).isExisting());
  assert.equal(await text(`${rowOf(retired)} [data-testid=price-source]`), 'LiteLLM 1.100.0');
  assert.match(await text(rowOf(retired)), /\$15\.00[\s\S]*\$75\.00/, 'input $15 and output $75 per million');
});

test('a price set with the keyboard is listed as your price', async () => {
  await (await browser.$('[data-testid=price-add]')).click();
  await until('the model field to have the focus', async () => (await focused()) === 'price-model');
  await type(MODEL);
  await browser.keys(Key.Tab);
  assert.equal(await focused(), 'price-provider');
  await browser.keys(Key.Tab);
  assert.equal(await focused(), 'price-input');
  await type('1');
  await browser.keys(Key.Tab);
  assert.equal(await focused(), 'price-output');
  await type('2');
  await screenshot(browser, '07-price-form');
  await browser.keys(Key.Enter);
  await until('the form to close', async () => !(await (await browser.$('[data-testid=price-dialog]')).isExisting()));
  await until('the re-pricing toast', async () =>
    /Price of e2e-model set — \d+ usage buckets? re-priced/.test(await text('[data-testid=toast]')),
  );

  await (await browser.$('[data-testid=price-search]')).setValue(MODEL);
  await until('the new row', async () => (await browser.$(rowOf(MODEL))).isExisting());
  assert.equal(await (await browser.$(rowOf(MODEL))).getAttribute('data-source'), 'override');
  assert.equal(await text(`${rowOf(MODEL)} [data-testid=override-badge]`), 'Your price');
  assert.match(await text(rowOf(MODEL)), /\$1\.00[\s\S]*\$2\.00/, 'input $1.00 and output $2.00 per million');
});

test('removing your price takes the made-up model off the list', async () => {
  await (await browser.$(`${rowOf(MODEL)} [data-testid=price-unset]`)).click();
  await until('the removal toast', async () => /Your price of e2e-model removed/.test(await text('[data-testid=toast]')));
  await until('the no-match state', async () =>
    /No model matches 'e2e-model'/.test(await text('[data-testid=prices-empty]')),
  );
  assert.equal(await (await browser.$(rowOf(MODEL))).isExisting(), false);
});

test('the price commands went through IPC and succeeded', async () => {
  const log = await ipcLog(browser);
  for (const cmd of ['price_list', 'price_set', 'price_unset']) {
    assert.ok(log.some((e) => e.cmd === cmd && e.ok), `${cmd} succeeded`);
  }
});
