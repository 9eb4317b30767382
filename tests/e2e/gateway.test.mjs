// The metering gateway run by the real app: off by default; switched on in the Usage tab on a
// chosen port, it shows its URL, meters a Groq key (which has no usage API) through a local token
// against a stand-in upstream, and shows that key's requests today and its rate limits in words;
// switched off, nothing listens there any more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Profile, startApp, until, screenshot, freePort } from './harness.mjs';

const GROQ_KEY = 'gsk_GatewayE2e0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

let profile;
let app;
let browser;
let upstream;
let seenKeys = [];

const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.replace(/\s+/g, ' ').trim()).join('\n'), selector);

/** Groq's chat completions as the gateway forwards them: `{base}/openai/v1/chat/completions`. */
function startFakeGroq() {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      seenKeys.push(req.headers.authorization ?? '');
      req.resume();
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/openai/v1/chat/completions') {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, {
          'content-type': 'application/json',
          'x-ratelimit-limit-requests': '500',
          'x-ratelimit-remaining-requests': '412',
          'x-ratelimit-reset-requests': '45s',
        });
        res.end(
          JSON.stringify({
            id: 'chatcmpl-e2e',
            object: 'chat.completion',
            model: 'llama-3.3-70b-versatile',
            choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
          }),
        );
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

before(async () => {
  upstream = await startFakeGroq();
  profile = new Profile();
  profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
  profile.cli(['add', '--label', 'Groq side project', '--base-url', `http://127.0.0.1:${upstream.address().port}`], GROQ_KEY);
  app = await startApp(profile);
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  upstream?.close();
  profile?.cleanup();
});

test('switched on in the window, the gateway meters a key with no usage API and shows its limits', async () => {
  await (await browser.$('[data-testid=tab-usage]')).click();
  const toggle = await browser.$('[data-testid=gateway-switch]');
  await toggle.waitForExist({ timeout: 15000 });
  assert.equal(await toggle.isSelected(), false, 'off by default');
  assert.match(await text('[data-testid=gateway-empty]'), /Switch the gateway on/);

  const port = freePort();
  const portField = await browser.$('[data-testid=gateway-port]');
  await portField.clearValue();
  await portField.setValue(String(port));
  await toggle.click();
  const url = `http://127.0.0.1:${port}`;
  await until('the URL', async () => (await browser.$('[data-testid=gateway-url]').getValue()) === url, 15000);

  const id = JSON.parse(profile.cli(['list', '--json']))[0].id;
  const token = profile.cli(['gateway', 'token', id]).trim();
  const answer = await fetch(`${url}/groq/openai/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'hello' }] }),
  });
  assert.equal(answer.status, 200);
  assert.equal((await answer.json()).usage.total_tokens, 150);
  assert.deepEqual(seenKeys, [`Bearer ${GROQ_KEY}`], 'the provider got the real key, the client only a token');

  await until('the key’s request today', async () => /1 request today · 150 tokens/.test(await text('[data-testid=gateway-today]')), 20000);
  assert.match(await text('[data-testid=gateway-limit]'), /412 of 500 requests left resets in \d+ s/);
  assert.match(await text('[data-testid=gateway-status]'), /^1 request since \d\d:\d\d: 1 metered$/);
  await (await browser.$('[data-testid=gateway-key]')).scrollIntoView({ block: 'center' });
  await screenshot(browser, 'gateway');

  await toggle.click();
  await until('the gateway off', async () => !(await browser.$('[data-testid=gateway-url]').isExisting()), 15000);
  await assert.rejects(fetch(`${url}/groq/openai/v1/models`), 'nothing listens on the port any more');
  assert.equal(JSON.parse(profile.cli(['list', '--json']))[0].label, 'Groq side project');
});
