// The window follows the desktop's light or dark preference (GTK's theme setting on Linux).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Profile, startApp, screenshot } from './harness.mjs';

const profiles = [];
after(() => profiles.forEach((p) => p.cleanup()));

/** Relative luminance (0 black … 1 white) of the page background. */
async function backgroundLuminance(browser) {
  return browser.execute(() => {
    const [r, g, b] = getComputedStyle(document.body)
      .backgroundColor.match(/[\d.]+/g)
      .slice(0, 3)
      .map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
}

for (const [theme, gtkTheme, dark] of [
  ['light', 'Adwaita', false],
  ['dark', 'Adwaita:dark', true],
]) {
  test(`a ${theme} desktop gets the ${theme} theme`, async () => {
    const profile = new Profile();
    profiles.push(profile);
    profile.env.GTK_THEME = gtkTheme;
    const app = await startApp(profile);
    try {
      const { browser } = app;
      await (await browser.$('[data-testid=empty-state]')).waitForDisplayed({ timeout: 15000 });
      const prefersDark = await browser.execute(
        () => matchMedia('(prefers-color-scheme: dark)').matches,
      );
      assert.equal(prefersDark, dark, 'the web view sees the desktop preference');
      const luminance = await backgroundLuminance(browser);
      assert.ok(dark ? luminance < 0.2 : luminance > 0.8, `background luminance ${luminance}`);
      await screenshot(browser, `theme-${theme}`);
      // A focused select shows the same 3 px ring as a text field, drawn by the page (GTK's
      // native menulist would ignore it).
      await (await browser.$('[data-testid=tab-usage]')).click();
      const select = await browser.$('[data-testid=usage-period]');
      await select.waitForDisplayed({ timeout: 15000 });
      const ring = await browser.execute(() => {
        const el = document.querySelector('[data-testid=usage-period]');
        el.focus();
        const style = getComputedStyle(el);
        return { appearance: style.appearance || style.webkitAppearance, shadow: style.boxShadow };
      });
      assert.equal(ring.appearance, 'none');
      assert.match(ring.shadow, /0px 0px 0px 3px/);
      await screenshot(browser, `theme-${theme}-select-focus`);
    } finally {
      await app.stop();
    }
  });
}
