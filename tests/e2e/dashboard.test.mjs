// The dashboard in the real window, over a month of Claude Code usage (generated logs in this
// profile's own folder, three models): the cards, the chart drawn by Rust with a hover per day
// and the grouping switch, the month so far — and a restart opens on the dashboard. The time
// from clicking the tab to the painted dashboard is measured and printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Profile, startApp, until, screenshot, ipcLog } from './harness.mjs';

const MODELS = ['claude-haiku-4-5-20251001', 'claude-sonnet-4-5-20250929', 'claude-opus-4-5-20251101'];

let profile;
let app;
let browser;

const text = async (selector) =>
  browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.textContent.trim()).join('\n'), selector);
const count = async (selector) => browser.execute((s) => document.querySelectorAll(s).length, selector);

/** The UTC day `n` days before today, YYYY-MM-DD. */
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

function assistant(id, day, model, input, output) {
  return JSON.stringify({
    parentUuid: null,
    type: 'assistant',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: 'Done.' }],
      usage: { input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: output },
    },
    requestId: `req_${id}`,
    uuid: id,
    timestamp: `${day}T12:00:00.000Z`,
  });
}

before(async () => {
  profile = new Profile();
  profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
  // Noon UTC is the same date in every zone from UTC-11 to UTC+11.
  profile.env.TZ = 'UTC';
  const project = join(profile.env.CLAUDE_CONFIG_DIR, 'projects', '-home-dev-app');
  mkdirSync(project, { recursive: true });
  const lines = [];
  for (let n = 0; n < 30; n++) {
    MODELS.forEach((model, m) => {
      if ((n + m) % 4 === 3) return; // some days without some models
      lines.push(assistant(`msg_${n}_${m}`, daysAgo(n), model, 200000 * (m + 1) + 10000 * n, 20000 * (m + 1)));
    });
  }
  writeFileSync(join(project, 'session-1.jsonl'), lines.join('\n') + '\n');
  app = await startApp(profile);
  browser = app.browser;
});

after(async () => {
  await app?.stop();
  profile?.cleanup();
});

/** Clicks the tab and waits, in the page, until the cards and both charts are in the document
 * (laid out for the next paint); returns the milliseconds from the click. */
async function openDashboard() {
  return browser.executeAsync((done) => {
    const started = performance.now();
    window.__clickedAt = started;
    document.querySelector('[data-testid=tab-dashboard]').click();
    const painted = () =>
      document.querySelector('[data-testid=chart-svg] svg [data-bucket]') &&
      document.querySelector('[data-testid=month-chart] svg') &&
      /\$/.test(document.querySelector('[data-testid=today-value]')?.textContent ?? '');
    // Polled with timers: requestAnimationFrame runs rarely in a window no compositor shows.
    const wait = () => {
      if (painted()) done(performance.now() - started);
      else if (performance.now() - started > 20000) done(-1);
      else setTimeout(wait, 2);
    };
    wait();
  });
}

test('the dashboard shows the month in cards and a chart with a hover per day', async () => {
  // The logs are read at start; the Usage tab's total says when they are in.
  await (await browser.$('[data-testid=tab-usage]')).click();
  await until('the logs to be read', async () => /Claude Code/.test(await text('[data-testid=logs-result]')) || /\$/.test(await text('[data-testid=usage-total]')), 20000);
  const ms = await openDashboard();
  assert.ok(ms > 0, 'the dashboard painted');
  console.log(`dashboard: tab click to cards and both charts in the page in ${ms.toFixed(0)} ms`);
  const calls = (await ipcLog(browser)).filter((e) => /dashboard|chart|month/.test(e.cmd));
  const clicked = await browser.execute(() => window.__clickedAt);
  console.log(calls.map((e) => `${e.cmd} ${(e.sent - clicked).toFixed(0)}→${(e.answered - clicked).toFixed(0)}`).join('\n'));

  assert.match(await text('[data-testid=card-top-model]'), /claude-opus-4-5/);
  assert.match(await text('[data-testid=card-today]'), /\$\d/);
  assert.equal(await count('[data-testid=chart-svg] [data-bucket]'), 30, 'a bar per day of the 30');
  const legend = await text('[data-testid=chart-svg] svg text');
  assert.match(legend, /Anthropic/, 'grouped by provider by default');

  await (await browser.$('[data-testid=by-model]')).click();
  await until('a series per model', async () => {
    const t = await text('[data-testid=chart-svg] svg text');
    return MODELS.every((m) => t.includes(m));
  });
  const today = await browser.$('[data-testid=chart-svg] [data-bucket="29"]');
  await today.moveTo();
  await until('the hover overlay', async () => /claude-opus-4-5.*\$/s.test(await text('[data-testid=chart-tooltip]')));
  const cut = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid=chart-tooltip] [data-testid=tooltip-row] span:nth-child(2)')]
      .filter((label) => label.scrollWidth > label.clientWidth)
      .map((label) => label.textContent),
  );
  assert.deepEqual(cut, [], 'no model name in the overlay is cut short');
  await screenshot(browser, '11-dashboard');

  await (await browser.$('[data-testid=range-12m]')).click();
  await until('twelve months', async () => (await count('[data-testid=chart-svg] [data-bucket]')) === 12);
  await (await browser.$('[data-testid=metric-tokens]')).click();
  await until('tokens on the axis', async () => /\d+(k|M)\b/.test(await text('[data-testid=chart-svg] svg text')));
});

test('started again with usage — on a dark desktop — Keyledger opens on a dark dashboard', async () => {
  await app.stop();
  profile.env.GTK_THEME = 'Adwaita:dark';
  app = await startApp(profile);
  browser = app.browser;
  await until('the dashboard tab selected', async () =>
    (await (await browser.$('[data-testid=tab-dashboard]')).getAttribute('aria-selected')) === 'true', 20000);
  await until('its chart', async () => (await count('[data-testid=chart-svg] [data-bucket]')) === 30, 20000);
  const drawing = await browser.execute(() => document.querySelector('[data-testid=chart-svg] svg').outerHTML);
  assert.match(drawing, /fill="#171a20"/i, 'drawn by Rust on the dark surface');
  await screenshot(browser, '12-dashboard-dark');
});
