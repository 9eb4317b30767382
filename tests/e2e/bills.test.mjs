// A bill beside the agent logs' estimate, in the real window: Claude Code's log of today
// (estimated from token prices) and a fake Anthropic admin API that bills today. After a poll,
// the Usage tab counts the bill once and shows the logs' estimate beside it with the drift.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Profile, startApp, until, screenshot } from './harness.mjs';
import { startFakeAnthropic } from './fake-providers.mjs';

const ADMIN_KEY = 'sk-ant-admin01-E2Ebills0123456789abcdefghijklmnopqrstuvwxyzAA';
const MODEL = 'claude-haiku-4-5-20251001';

let profile;
let fake;
let app;
let browser;

const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).join('\n'), selector);

before(async () => {
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  profile = new Profile();
  profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
  // Claude Code's estimate of today: 1M input × $1 + 100k output × $5 = $1.50.
  const project = join(profile.env.CLAUDE_CONFIG_DIR, 'projects', '-home-dev-app');
  mkdirSync(project, { recursive: true });
  const line = JSON.stringify({
    type: 'assistant',
    message: {
      id: 'msg_bill_1',
      type: 'message',
      role: 'assistant',
      model: MODEL,
      content: [{ type: 'text', text: 'Done.' }],
      usage: { input_tokens: 1000000, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 100000 },
    },
    requestId: 'req_bill_1',
    uuid: 'u1',
    timestamp: `${today}T00:00:01.000Z`,
  });
  writeFileSync(join(project, 'session.jsonl'), `${line}\n`);
  // The provider bills today $1.20 (120 cents) for the same usage.
  fake = await startFakeAnthropic({
    adminKey: ADMIN_KEY,
    day: now,
    model: MODEL,
    usage: { uncached_input_tokens: 1000000, cache_read_input_tokens: 0, cache_creation: null, output_tokens: 100000 },
    billedCents: '120',
  });
  profile.cli(['add', '--label', 'Anthropic org', '--base-url', fake.url], ADMIN_KEY);
  app = await startApp(profile);
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  await fake?.close();
  profile?.cleanup();
});

test('the bill counts once and the logs\' estimate is shown beside it with the drift', async () => {
  await (await browser.$('[data-testid=tab-usage]')).click();
  await (await browser.$('[data-testid=group-provider]')).click();
  await until('the logs\' estimate', async () => /\$1\.50/.test(await text('[data-testid=usage-total]')), 20000);
  await (await browser.$('[data-testid=poll-now]')).waitForClickable({ timeout: 15000 });
  await (await browser.$('[data-testid=poll-now]')).click();
  await until('the estimate beside the bill', async () =>
    /est\. \$1\.50 \(\+25\.0 %\)/.test(await text('[data-testid=usage-row]')), 20000);
  const row = await text('[data-testid=usage-row]');
  assert.match(row, /^Anthropic/);
  assert.match(row, /\$1\.20/, 'the cost is the bill');
  assert.match(row, /1,000,000/, 'the tokens count once, as the provider reported them');
  assert.doesNotMatch(row, /2,000,000/, 'the logged tokens are not added to the reported ones');
  assert.doesNotMatch(row, /\$2\.70/, 'the estimate is not added to the bill');
  assert.ok(fake.requests.some((r) => r.startsWith('/v1/organizations/cost_report')), 'the cost report was read');
  await screenshot(browser, '12-estimate-vs-bill');
});
