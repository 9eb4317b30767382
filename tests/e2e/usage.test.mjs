// Usage in the real window: the app polls a fake OpenAI admin API, the Usage tab shows exact
// tokens and cost (unpriced usage as "unpriced", never $0), a project key is explained, and a
// key check updates the row. No secret appears in any IPC response.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Profile, startApp, until, ipcLog, screenshot } from './harness.mjs';
import { startFakeOpenAI } from './fake-providers.mjs';

const ADMIN_KEY = 'sk-admin-E2Eusage0123456789abcdefghijklmnopqrstuvwxyz';
const PROJECT_KEY = 'sk-proj-E2Eusage0123456789abcdefghijklmnopqrstuvwxyzP1';
const DEAD_KEY = 'sk-proj-E2Edead00123456789abcdefghijklmnopqrstuvwxyzD1';

let profile;
let fake;
let app;
let browser;

const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).join('\n'), selector);

before(async () => {
  profile = new Profile();
  profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
  fake = await startFakeOpenAI({ adminKey: ADMIN_KEY, day: new Date() });
  profile.cli(['add', '--label', 'Org admin', '--base-url', fake.url], ADMIN_KEY);
  profile.cli(['add', '--label', 'App key'], PROJECT_KEY);
  app = await startApp(profile);
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  await fake?.close();
  profile?.cleanup();
});

test('Poll now fills the usage table with exact tokens and cost', async () => {
  await (await browser.$('[data-testid=tab-usage]')).click();
  await (await browser.$('[data-testid=poll-now]')).waitForClickable({ timeout: 15000 });
  await (await browser.$('[data-testid=poll-now]')).click();
  await until('the usage total', async () => /\$6\.35/.test(await text('[data-testid=usage-total]')), 20000);
  const total = await text('[data-testid=usage-total]');
  assert.match(total, /2,000,500/, 'input tokens exclude the cached million (2M + 500)');
  assert.match(total, /unpriced/, 'the unpriced model is called out, not counted as $0');
  assert.ok(fake.requests.some((r) => r.includes('page=page_2')), 'the second page was fetched');
});

test('grouping by model shows the unpriced model as unpriced', async () => {
  await (await browser.$('[data-testid=group-model]')).click();
  await until('model rows', async () => /house-model-without-price/.test(await text('[data-testid=usage-row]')));
  const rows = (await text('[data-testid=usage-row]')).split('\n');
  const house = rows.find((r) => r.includes('house-model-without-price'));
  assert.match(house, /unpriced/);
  assert.doesNotMatch(house, /\$0\.00/);
  await screenshot(browser, '05-usage');
});

test('the source list explains why a project key yields no usage', async () => {
  await until('the skipped explanation', async () => /admin key/.test(await text('[data-testid=poll-sources]')));
});

test('Check asks the provider and marks the key valid', async () => {
  await (await browser.$('[data-testid=tab-keys]')).click();
  const row = await until('the admin row', async () => {
    for (const r of await browser.$$('[data-testid=credential-row]')) {
      if (((await r.$('[data-testid=label]').getProperty('textContent')) ?? '').trim() === 'Org admin') return r;
    }
    return null;
  });
  await (await row.$('[data-testid=check]')).click();
  await until('the valid status', async () =>
    ((await row.$('[data-testid=status]').getProperty('textContent')) ?? '').trim().toLowerCase() === 'valid',
  );
  await until('the last-checked time', async () => (await row.$('[data-testid=last-checked]').isExisting()));
  assert.match(await text('[data-testid=toast]'), /Org admin: valid — the provider accepts this key/, 'the toast names the key');
});

test('Check on a key whose base URL nothing answers says unreachable, like the CLI, on its row', async () => {
  profile.cli(['add', '--label', 'Dead proxy', '--base-url', 'http://127.0.0.1:9'], DEAD_KEY);
  const row = await until('the new row', async () => {
    for (const r of await browser.$$('[data-testid=credential-row]')) {
      if (((await r.$('[data-testid=label]').getProperty('textContent')) ?? '').trim() === 'Dead proxy') return r;
    }
    return null;
  });
  await (await row.$('[data-testid=check]')).click();
  await until('the unreachable status', async () =>
    ((await row.$('[data-testid=status]').getProperty('textContent')) ?? '').trim() === 'unreachable',
  );
  assert.match(((await row.$('[data-testid=last-checked]').getProperty('textContent')) ?? '').trim(), /checked just now/);
  const toasts = await text('[data-testid=toast]');
  assert.match(toasts, /Dead proxy: unreachable — cannot reach http:\/\/127\.0\.0\.1:9: nothing answers there/);
  assert.doesNotMatch(toasts, /os error/, 'no raw OS error text');
  let cli;
  try {
    cli = profile.cli(['check', await row.getAttribute('data-id')]);
  } catch (e) {
    cli = String(e.stdout); // a key that is not valid ends `check` with a failure status
  }
  assert.match(cli, /unreachable/, 'the CLI says the same');
  assert.match(cli, /nothing answers there/);
});

test('no key appears in any IPC response', async () => {
  const log = await ipcLog(browser);
  assert.ok(log.some((e) => e.cmd === 'usage_report'), 'the recorder saw usage_report');
  assert.ok(log.some((e) => e.cmd === 'check_credential'), 'the recorder saw check_credential');
  for (const entry of log) {
    for (const key of [ADMIN_KEY, PROJECT_KEY, DEAD_KEY]) {
      assert.ok(!entry.response.includes(key), `${entry.cmd} response leaks a key`);
    }
  }
  for (const f of profile.filesOnDisk()) {
    for (const key of [ADMIN_KEY, PROJECT_KEY, DEAD_KEY]) assert.ok(!f.bytes.includes(Buffer.from(key)), `${f.name} contains a key`);
  }
});
