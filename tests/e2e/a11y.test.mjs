// Accessibility of the real window: axe-core (the engine of the browser extensions) runs on every
// tab and every dialog, in a light and a dark desktop, and finds no serious or critical violation.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Profile, startApp, until } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TABS = ['dashboard', 'keys', 'usage', 'limits', 'alerts', 'prices', 'audit'];
const profiles = [];
after(() => profiles.forEach((p) => p.cleanup()));

/** Serious and critical violations on the page as it is now, each with where it is. */
async function violations(browser) {
  // Run by the driver, not the page: the page's CSP does not apply to it.
  await browser.execute(`${AXE}\nreturn typeof window.axe;`);
  const found = await browser.execute(() =>
    window.axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`),
    ),
  );
  return found;
}

async function check(browser, where, problems) {
  for (const v of await violations(browser)) problems.push(`${where}: ${v}`);
}

/** Opens a dialog with `open`, checks it, and closes it with Escape. */
async function dialog(browser, name, open, problems) {
  await open();
  const modal = await browser.$('[aria-modal=true]');
  await modal.waitForDisplayed({ timeout: 10000 });
  await check(browser, `the ${name} dialog`, problems);
  await browser.keys('Escape');
  await until(`the ${name} dialog to close`, async () => !(await browser.$('[aria-modal=true]').isExisting()));
}

for (const [theme, gtkTheme] of [
  ['light', 'Adwaita'],
  ['dark', 'Adwaita:dark'],
]) {
  test(`no serious or critical axe violation on any tab or dialog (${theme})`, async () => {
    const profile = new Profile();
    profiles.push(profile);
    profile.env.GTK_THEME = gtkTheme;
    profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
    profile.cli(['add', '--label', 'Work laptop', '--expires', '2027-03-01'], 'sk-proj-E2Ea11y0123456789abcdefghijklmnopqrstuvwxyzAAA1');
    profile.cli(['add', '--label', 'Agents'], 'sk-ant-api03-E2Ea11y0123456789abcdefghijklmnopqrstuvwxyz-QQAA');
    // A day of Claude Code usage, so the dashboard and the Usage tab have charts and rows.
    const project = join(profile.env.CLAUDE_CONFIG_DIR, 'projects', '-home-dev-app');
    mkdirSync(project, { recursive: true });
    const line = (id, model) =>
      JSON.stringify({
        type: 'assistant',
        timestamp: new Date().toISOString(),
        requestId: `req_${id}`,
        message: { id, model, usage: { input_tokens: 120000, output_tokens: 4000 } },
      });
    writeFileSync(
      join(project, 'a.jsonl'),
      [line('m1', 'claude-sonnet-4-5-20250929'), line('m2', 'claude-haiku-4-5-20251001')].join('\n') + '\n',
    );
    const app = await startApp(profile);
    const { browser } = app;
    const problems = [];
    try {
      for (const tab of TABS) {
        await (await browser.$(`[data-testid=tab-${tab}]`)).click();
        await until(`the ${tab} tab`, async () =>
          (await (await browser.$(`[data-testid=tab-${tab}]`)).getAttribute('aria-selected')) === 'true',
        );
        // Loaded: no skeleton left.
        await until(`the ${tab} tab to load`, async () => !(await browser.$('.skeleton').isExisting()), 15000);
        await check(browser, `the ${tab} tab`, problems);
      }
      await (await browser.$('[data-testid=tab-keys]')).click();
      await until('two rows', async () => (await browser.$$('[data-testid=credential-row]')).length === 2);
      const click = (selector) => async () => {
        const trigger = await browser.$(selector);
        await trigger.scrollIntoView();
        await trigger.waitForClickable({ timeout: 15000 });
        await trigger.click();
      };
      const openTab = async (tab) => {
        await (await browser.$(`[data-testid=tab-${tab}]`)).click();
        await until(`the ${tab} tab`, async () =>
          (await (await browser.$(`[data-testid=tab-${tab}]`)).getAttribute('aria-selected')) === 'true',
        );
        await until(`the ${tab} tab to load`, async () => !(await browser.$('.skeleton').isExisting()), 15000);
      };
      const rowAction = (id) => async () => {
        const row = (await browser.$$('[data-testid=credential-row]'))[0];
        await (await row.$(`[data-testid=${id}]`)).click();
      };
      await dialog(browser, 'add key', click('[data-testid=add-button]'), problems);
      await dialog(browser, 'about', click('[data-testid=about-button]'), problems);
      await dialog(browser, 'import .env', click('[data-testid=import-env-open]'), problems);
      await dialog(browser, 'backup', click('[data-testid=backup-open]'), problems);
      await dialog(browser, 'rotate', rowAction('rotate'), problems);
      await dialog(browser, 'delete', rowAction('delete'), problems);
      await openTab('prices');
      await dialog(browser, 'price', click('[data-testid=price-add]'), problems);
      await openTab('alerts');
      await dialog(browser, 'budget', click('[data-testid=budget-add]'), problems);
    } finally {
      await app.stop();
    }
    assert.equal(problems.length, 0, `axe found:\n${problems.join('\n')}`);
  });
}
