// The window fits every size it allows: at 760×520 (its minimum), 1120×760 (its default) and
// 1600×1000, in a light and a dark desktop, no tab makes the page scroll sideways, and every
// key's actions stay reachable — inline when there is room, in its "⋯" menu when not.
// Five keys, checked (the widest rows: each says what the check found and when). Screenshots of each size
// go to the artifacts (docs/screenshots holds the committed ones).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Profile, startApp, until, screenshot } from './harness.mjs';

const KEYS = [
  ['OpenAI org project key', 'sk-proj-E2Efit00123456789abcdefghijklmnopqrstuvwxyzAAA1'],
  ['Work laptop with a long label', 'sk-proj-E2Efit00123456789abcdefghijklmnopqrstuvwxyzAAA2'],
  ['Agents', 'sk-proj-E2Efit00123456789abcdefghijklmnopqrstuvwxyzAAA3'],
  ['CI runner', 'sk-proj-E2Efit00123456789abcdefghijklmnopqrstuvwxyzAAA4'],
  ['Experiments', 'sk-proj-E2Efit00123456789abcdefghijklmnopqrstuvwxyzAAA5'],
];
const SIZES = [
  [760, 520],
  [1120, 760],
  [1600, 1000],
];
const TABS = ['dashboard', 'keys', 'usage', 'limits', 'alerts', 'prices', 'audit'];
/** Each dialog, and what opens it (clicked from the keyboard's side: a toast may cover it). */
const DIALOGS = [
  ['add', '[data-testid=add-button]'],
  ['import-env', '[data-testid=import-env-open]'],
  ['backup', '[data-testid=backup-open]'],
];
const profiles = [];
after(() => profiles.forEach((p) => p.cleanup()));

async function sideways(browser) {
  return browser.execute(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
}

async function assertFits(browser, where) {
  const { scroll, inner } = await sideways(browser);
  assert.ok(scroll <= inner, `${where}: the page scrolls sideways (${scroll} > ${inner})`);
}

async function resize(browser, width, height) {
  await browser.setWindowSize(width, height);
  await until(`the window at ${width}×${height}`, async () =>
    browser.execute((w) => Math.abs(window.innerWidth - w) <= 40, width),
  );
}

for (const [theme, gtkTheme] of [
  ['light', 'Adwaita'],
  ['dark', 'Adwaita:dark'],
]) {
  test(`every tab fits at 760×520, 1120×760 and 1600×1000 (${theme})`, async () => {
    const profile = new Profile();
    profiles.push(profile);
    profile.env.GTK_THEME = gtkTheme;
    profile.env.KEYLEDGER_POLL_INTERVAL_SECS = '3600';
    // Nothing answers at their base URL: each check ends at once, "unreachable, checked just now".
    for (const [label, key] of KEYS) profile.cli(['add', '--label', label, '--base-url', 'http://127.0.0.1:9'], key);
    const app = await startApp(profile);
    const { browser } = app;
    try {
      await (await browser.$('[data-testid=tab-keys]')).click();
      await until('five rows', async () => (await browser.$$('[data-testid=credential-row]')).length === 5);
      // Checked keys say so on their row: the widest rows there are.
      for (const row of await browser.$$('[data-testid=credential-row]')) {
        // From the keyboard: the toasts of earlier checks may cover the pointer's way.
        await browser.execute((b) => b.click(), await row.$('[data-testid=check]'));
        await until('its check', async () => (await row.$('[data-testid=last-checked]')).isExisting());
      }
      // The checks' toasts fade on their own: the screenshots show the window under them.
      await until('the check toasts to fade', async () => !(await browser.$('[data-testid=toast]').isExisting()), 30000);
      for (const [width, height] of SIZES) {
        await resize(browser, width, height);
        for (const tab of TABS) {
          await (await browser.$(`[data-testid=tab-${tab}]`)).click();
          await until(`the ${tab} tab`, async () =>
            (await (await browser.$(`[data-testid=tab-${tab}]`)).getAttribute('aria-selected')) === 'true',
          );
          await assertFits(browser, `${tab} at ${width}×${height} (${theme})`);
        }
        // Every dialog fits too.
        await (await browser.$('[data-testid=tab-keys]')).click();
        for (const [name, opener] of DIALOGS) {
          await browser.execute((sel) => document.querySelector(sel).click(), opener);
          const modal = await browser.$('[aria-modal=true]');
          await modal.waitForDisplayed({ timeout: 10000 });
          await assertFits(browser, `the ${name} dialog at ${width}×${height} (${theme})`);
          await screenshot(browser, `fit-${width}x${height}-${theme}-${name}`);
          await browser.keys('Escape');
          await until(`the ${name} dialog to close`, async () => !(await browser.$('[aria-modal=true]').isExisting()));
        }
        // Every key's Delete is within reach: a visible button, or an item of its "⋯" menu.
        await (await browser.$('[data-testid=tab-keys]')).click();
        const last = (await browser.$$('[data-testid=credential-row]'))[4];
        const inline = await last.$('.inline-actions [data-testid=delete]');
        if (await inline.isDisplayed()) {
          const inView = await browser.execute(
            (el) => {
              const r = el.getBoundingClientRect();
              return r.right <= window.innerWidth && r.right <= el.closest('.table-card').getBoundingClientRect().right;
            },
            inline,
          );
          assert.ok(inView, `Delete is in view at ${width}×${height}`);
        } else {
          await (await last.$('[data-testid=row-menu]')).click();
          const item = await browser.$('[data-testid=menu-delete]');
          await until('the row menu', () => item.isDisplayed());
          await assertFits(browser, `the row menu at ${width}×${height} (${theme})`);
          await screenshot(browser, `fit-${width}x${height}-${theme}-menu`);
          await browser.keys('Escape');
          await until('the menu to close', async () => !(await item.isExisting()));
        }
        await screenshot(browser, `fit-${width}x${height}-${theme}-keys`);
      }
    } catch (e) {
      // Whether the app or only its web view is gone, and what they printed.
      const alive = execFileSync('sh', ['-c', 'pgrep -a -f "keyledger-app|WebKitWebProcess" || true'], { encoding: 'utf8' });
      e.message += `\nstill running:\n${alive}\ntauri-driver and the app said:\n${app.printed().slice(-4000)}`;
      throw e;
    } finally {
      await app.stop();
    }
  });
}
