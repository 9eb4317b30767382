// The end-to-end harness: a private Keyledger profile (temp data dir, throwaway keychain
// service), tauri-driver started and stopped by PID, a WebdriverIO session on the real window,
// an IPC recorder, and helpers that poll for conditions with a deadline (never a fixed sleep).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { remote } from 'webdriverio';

export const repo = resolve(import.meta.dirname, '../..');
export const appBinary = join(repo, 'target/debug/keyledger-app');
export const cliBinary = join(repo, 'target/debug/keyledger');
export const screenshots = join(repo, 'tests/artifacts/screenshots');

/** Polls `check` until it returns a truthy value or `ms` pass; returns that value. */
export async function until(what, check, ms = 15000) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function freePort() {
  return 20000 + Math.floor(Math.random() * 20000);
}

export class Profile {
  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'keyledger-e2e-'));
    this.dataDir = join(this.root, 'data');
    this.service = `keyledger-e2e-${process.pid}-${Date.now()}`;
    this.env = {
      ...process.env,
      KEYLEDGER_DATA_DIR: this.dataDir,
      KEYLEDGER_KEYRING_SERVICE: this.service,
      KEYLEDGER_CLIPBOARD_CLEAR_SECS: '3',
      // The agents' log folders of this profile: the user's own logs are never read.
      CLAUDE_CONFIG_DIR: join(this.root, 'claude'),
      CODEX_HOME: join(this.root, 'codex'),
    };
  }

  cli(args, input) {
    return execFileSync(cliBinary, args, { env: this.env, input, encoding: 'utf8' });
  }

  keychainLookup(id) {
    try {
      return execFileSync('secret-tool', ['lookup', 'service', this.service, 'username', id], {
        encoding: 'utf8',
      });
    } catch {
      return null;
    }
  }

  /** Every byte the profile wrote to disk: DB, WAL, log. */
  filesOnDisk() {
    return readdirSync(this.dataDir).map((name) => ({
      name,
      bytes: readFileSync(join(this.dataDir, name)),
    }));
  }

  cleanup() {
    try {
      execFileSync('secret-tool', ['clear', 'service', this.service]);
    } catch {
      /* nothing stored */
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Every process: pid → { ppid, comm } (from /proc). */
export function processes() {
  const all = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      all.set(Number(entry), { ppid, comm });
    } catch {
      // Gone meanwhile.
    }
  }
  return all;
}

/**
 * Starts tauri-driver with `env` on a free port and waits until it listens; `printed()` is what
 * it said on stderr. Rejects when it does not listen within 15 s.
 */
export async function startDriver(env) {
  const port = freePort();
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let printed = '';
  driver.stderr.on('data', (d) => (printed += d));
  await until('tauri-driver to listen', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/status`).catch(() => null);
    return res && res.ok;
  }).catch((e) => {
    driver.kill();
    throw new Error(`${e.message}: ${printed}`);
  });
  return { driver, port, printed: () => printed };
}

/** Starts the app (the debug build, or `application`) for `profile` under tauri-driver. */
export async function startApp(profile, { application = appBinary } = {}) {
  const { driver, port, printed } = await startDriver(profile.env);
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: { 'tauri:options': { application } },
  }).catch((e) => {
    driver.kill();
    throw new Error(`cannot start a WebDriver session: ${e.message}\n${printed()}`);
  });
  await installIpcRecorder(browser);
  return {
    browser,
    /** What tauri-driver and the app printed so far (for a failure's message). */
    printed,
    async stop() {
      await browser.deleteSession().catch((e) => {
        // The session was gone already (the app or its web view died): say what they printed.
        console.error(`the WebDriver session had ended (${e.message}); tauri-driver and the app said:\n${printed().slice(-4000)}`);
      });
      driver.kill();
      await new Promise((r) => (driver.exitCode !== null ? r() : driver.once('exit', r)));
    },
  };
}

/**
 * Records every IPC response. Tauri's `invoke` is a non-writable property, but it sends each
 * command through the global `fetch` to the `ipc:` protocol, so wrapping `fetch` sees them all.
 */
export async function installIpcRecorder(browser) {
  await until('the Tauri IPC bridge', () =>
    browser.execute(() => Boolean(window.__TAURI_INTERNALS__?.invoke)),
  );
  await browser.execute(() => {
    const original = window.fetch.bind(window);
    window.__ipcLog = [];
    window.fetch = async (input, init) => {
      const sent = performance.now();
      const response = await original(input, init);
      const url = String(input instanceof Request ? input.url : input);
      if (/^(ipc:|http:\/\/ipc\.localhost)/.test(url)) {
        const cmd = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
        const body = await response.clone().text();
        window.__ipcLog.push({ cmd, ok: response.ok, response: body, sent, answered: performance.now() });
      }
      return response;
    };
  });
}

/**
 * Watches the session bus for desktop notifications with dbus-monitor (stopped by `stop()`):
 * `titles()` are the summaries of every `Notify` call so far, `text()` all that was seen.
 */
export async function watchNotifications() {
  let bus = '';
  const monitor = spawn('dbus-monitor', ['--session', "interface='org.freedesktop.Notifications',member='Notify'"], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  monitor.stdout.on('data', (d) => (bus += d));
  await until('dbus-monitor to listen', () => bus.length > 0);
  return {
    text: () => bus,
    // Notify(app_name, replaces_id, app_icon, summary, …): the summary is its third string.
    titles: () =>
      bus
        .split(/\n(?=method call|method return|signal|error)/)
        .filter((block) => /member=Notify\b/.test(block))
        .map((block) => [...block.matchAll(/^\s+string "(.*)"$/gm)].map((m) => m[1])[2] ?? ''),
    stop: () => monitor.kill(),
  };
}

export async function ipcLog(browser) {
  return browser.execute(() => window.__ipcLog);
}

/**
 * Saves a screenshot of the whole window once the last DOM change has been painted, as the X
 * display shows it (WebDriver's screenshots hang on a web view drawn without accelerated
 * compositing, which is how Keyledger draws).
 */
export async function screenshot(browser, name) {
  mkdirSync(screenshots, { recursive: true });
  await browser.executeAsync((done) =>
    requestAnimationFrame(() => requestAnimationFrame(() => done())),
  );
  const path = join(screenshots, `${name}.png`);
  execFileSync(join(repo, 'tests/e2e/xshot.py'), ['Keyledger', path]);
  return path;
}

/** The clipboard's content as `target` (a MIME type, or TARGETS for the list of them). */
export function clipboardText(target = 'UTF8_STRING') {
  try {
    return execFileSync('xclip', ['-selection', 'clipboard', '-o', '-t', target], {
      encoding: 'utf8',
      timeout: 2000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return '';
  }
}
