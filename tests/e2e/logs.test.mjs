// Agent logs in the real window: Claude Code's log (generated, in this profile's own folder)
// is read at start and shows in the Usage tab under "Claude Code (local logs)"; a line the agent
// appends later is picked up by the folder watcher without any click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { Profile, startApp, until, screenshot } from './harness.mjs';

let profile;
let app;
let browser;
let logFile;

const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).join('\n'), selector);

/** An assistant line as Claude Code writes it (compact JSON). */
function assistant(id, day, input) {
  return JSON.stringify({
    parentUuid: null,
    type: 'assistant',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-4-5-20251001',
      content: [{ type: 'text', text: 'Done.' }],
      usage: { input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 100000 },
    },
    requestId: `req_${id}`,
    uuid: id,
    timestamp: `${day}T10:00:00.000Z`,
  });
}

const today = new Date().toISOString().slice(0, 10);

before(async () => {
  profile = new Profile();
  profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
  const project = join(profile.env.CLAUDE_CONFIG_DIR, 'projects', '-home-dev-app');
  mkdirSync(project, { recursive: true });
  logFile = join(project, 'session-1.jsonl');
  // The same message twice (streamed), and a user line: one request.
  writeFileSync(logFile, [assistant('msg_1', today, 1000000), assistant('msg_1', today, 1000000), '{"type":"user"}'].join('\n') + '\n');
  app = await startApp(profile);
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  profile?.cleanup();
});

test('the log is read at start and shows under Claude Code, priced', async () => {
  await (await browser.$('[data-testid=tab-usage]')).click();
  await (await browser.$('[data-testid=group-credential]')).click();
  await until('the Claude Code row', async () => /Claude Code \(local logs\)/.test(await text('[data-testid=usage-row]')), 20000);
  // Haiku 4.5: 1M input × $1 + 100k output × $5, per million — the duplicate line counted once.
  assert.match(await text('[data-testid=usage-row]'), /\$1\.50/);
  await until('the import result', async () => /1 new request/.test(await text('[data-testid=logs-result]')), 10000);
  await screenshot(browser, '07-agent-logs');
});

test('a line appended by the agent is picked up by the watcher', async () => {
  appendFileSync(logFile, assistant('msg_2', today, 1000000) + '\n');
  await until('the new total', async () => /\$3\.00/.test(await text('[data-testid=usage-total]')), 20000);
});

test('older logs imported with the CLI show in the panel within 2 s, with a way to see their days', async () => {
  const day = (daysAgo) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const [first, last] = [day(60), day(45)];
  const old = join(profile.root, 'old-claude', '-home-dev-old');
  mkdirSync(old, { recursive: true });
  writeFileSync(join(old, 'old.jsonl'), [assistant('msg_o1', first, 2000000), assistant('msg_o2', last, 2000000)].join('\n') + '\n');
  profile.cli(['import-logs', '--claude', join(profile.root, 'old-claude')]);
  await until('the CLI import in the panel', async () => /2 new requests from/.test(await text('[data-testid=logs-summary]')), 2000);
  // Those days are outside "This month": the panel offers to show them, and showing them does.
  await (await browser.$('[data-testid=logs-show-period]')).click();
  // Haiku 4.5: 2 × (2M input × $1 + 100k output × $5), per million.
  await until('the imported days in the usage table', async () => /\$5\.00/.test(await text('[data-testid=usage-total]')), 10000);
  assert.equal(await browser.execute(() => document.querySelector('[data-testid=usage-period]').value), 'custom');
  assert.equal(await (await browser.$('[data-testid=logs-show-period]')).isExisting(), false);
  await screenshot(browser, '07b-agent-logs-older-import');
});
