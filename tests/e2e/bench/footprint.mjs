// The footprint benchmark (run by scripts/bench-footprint.sh inside the test session, release
// builds): Keyledger's release app beside a bare Tauri 2 window of the same Tauri version
// (bench/bare-window), alternating runs in one session. Prints figures, never asserts.
//
// - start to first interactive screen: from the program's start (the kernel's record of it) to
//   the screen in the page (its own clock, polled through WebDriver) — Keyledger's tabs and
//   dashboard cards on a year of usage, then its charts; the bare window's one heading;
// - RSS of all the program's processes (the app, WebKitWebProcess, WebKitNetworkProcess) once it
//   settles with that screen open;
// - Keyledger closed to the tray (a WM_DELETE_WINDOW, as a close button sends), without WebDriver:
//   its RSS once the web view is gone, then after BENCH_HOUR_MINUTES (60) of polling a fake
//   OpenAI usage API every minute, against its value at minute 10.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { remote } from 'webdriverio';
import { Profile, processes, repo, startDriver, until } from '../harness.mjs';
import { startFakeOpenAI } from '../fake-providers.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const HOUR_MINUTES = Number(process.env.BENCH_HOUR_MINUTES ?? 60);
const release = join(repo, 'target/release');
const cli = join(release, 'keyledger');
const ADMIN_KEY = 'sk-admin-BENCHfootprint0123456789abcdefghijklmnopqrstuvwxyz';

// Each contender's screen, read in the page: `shown` when its first screen can be used (Keyledger:
// the tabs and the dashboard's cards with figures), `drawn` when all of it is there (Keyledger:
// both charts too).
const contenders = [
  {
    name: 'bare Tauri window',
    binary: join(release, 'bare-window'),
    screen: () => {
      const ready = document.getElementById('ready') !== null;
      return { shown: ready, drawn: ready, at: performance.timeOrigin + performance.now(), page: performance.timeOrigin };
    },
  },
  {
    name: 'Keyledger',
    binary: join(release, 'keyledger-app'),
    screen: () => {
      const shown = /\$/.test(document.querySelector('[data-testid=today-value]')?.textContent ?? '');
      const drawn =
        shown &&
        Boolean(document.querySelector('[data-testid=chart-svg] svg [data-bucket]') && document.querySelector('[data-testid=month-chart] svg'));
      return { shown, drawn, at: performance.timeOrigin + performance.now(), page: performance.timeOrigin };
    },
  },
];

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
const MiB = (kib) => kib / 1024;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** `pid` and all its descendants. */
function tree(pid) {
  const all = processes();
  const found = [pid];
  for (let i = 0; i < found.length; i++) {
    for (const [p, { ppid }] of all) if (ppid === found[i]) found.push(p);
  }
  return found.filter((p) => all.has(p)).map((p) => ({ pid: p, comm: all.get(p).comm }));
}

function rssKiB(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** RSS per process of the tree, in KiB, and its total. */
function treeRss(pid) {
  const parts = tree(pid).map(({ pid: p, comm }) => ({ comm, kib: rssKiB(p) }));
  return { parts, total: parts.reduce((s, p) => s + p.kib, 0) };
}

/** The tree's RSS once it holds still: four samples half a second apart within 1 %, or 20 s. */
async function settledRss(pid) {
  const samples = [];
  const deadline = Date.now() + 20000;
  for (;;) {
    samples.push(treeRss(pid));
    const last = samples.slice(-4).map((s) => s.total);
    if (last.length === 4 && Math.max(...last) - Math.min(...last) <= Math.max(...last) * 0.01) break;
    if (Date.now() > deadline) break;
    await pause(500);
  }
  return samples.at(-1);
}

/** The program's process under tauri-driver (its executable is `binary`). */
function programUnder(driverPid, binary) {
  return tree(driverPid).find(({ pid }) => {
    try {
      return readlinkSync(`/proc/${pid}/exe`) === binary;
    } catch {
      return false;
    }
  })?.pid;
}

/** A year of Claude Code usage ending today, read into the profile by the CLI. */
function yearOfUsage(profile) {
  const models = ['claude-haiku-4-5-20251001', 'claude-sonnet-4-5-20250929', 'claude-opus-4-5-20251101'];
  const project = join(profile.env.CLAUDE_CONFIG_DIR, 'projects', '-home-dev-app');
  mkdirSync(project, { recursive: true });
  let lines = 0;
  for (let month = 0; month < 12; month++) {
    const out = [];
    for (let d = month * 31; d < Math.min(365, (month + 1) * 31); d++) {
      const day = new Date(Date.now() - d * 86400000).toISOString().slice(0, 10);
      models.forEach((model, m) => {
        for (let r = 0; r < 20; r++) {
          const id = `msg_${d}_${m}_${r}`;
          out.push(
            JSON.stringify({
              parentUuid: null,
              type: 'assistant',
              message: {
                id, type: 'message', role: 'assistant', model,
                content: [{ type: 'text', text: 'Done.' }],
                usage: { input_tokens: 2000 + r * 10, cache_creation_input_tokens: 500, cache_read_input_tokens: 20000, output_tokens: 300 + m * 100 },
              },
              requestId: `req_${id}`,
              uuid: id,
              timestamp: `${day}T${String(8 + (r % 12)).padStart(2, '0')}:00:00.000Z`,
            }),
          );
        }
      });
    }
    lines += out.length;
    writeFileSync(join(project, `session-${month}.jsonl`), out.join('\n') + '\n');
  }
  execFileSync(cli, ['import-logs'], { env: profile.env, stdio: 'ignore' });
  return lines;
}

/** When the process started, in ms since the epoch (the kernel's record, to 10 ms). */
function startedAt(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
  const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return Date.now() - (uptime - ticks / hz) * 1000;
}

/**
 * One start under tauri-driver: ms from the program's start to its first usable screen and to
 * all of it drawn (polled in the page), and the settled RSS with it open.
 */
async function oneStart(contender, profile, tries = 3) {
  let started;
  try {
    started = await startDriver(profile.env);
  } catch (e) {
    // A port picked at random was taken: another one.
    if (tries > 1) return oneStart(contender, profile, tries - 1);
    throw e;
  }
  const { driver, port } = started;
  try {
    const asked = performance.now();
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      capabilities: { 'tauri:options': { application: contender.binary } },
    });
    let shownAt;
    for (;;) {
      const screen = await browser.execute(contender.screen).catch(() => ({}));
      if (screen.shown) shownAt ??= screen.at;
      if (screen.drawn) {
        const pid = programUnder(driver.pid, contender.binary);
        const started = startedAt(pid);
        const rss = await settledRss(pid);
        await browser.deleteSession().catch(() => {});
        return { pageMs: screen.page - started, shownMs: shownAt - started, drawnMs: screen.at - started, rss };
      }
      if (performance.now() - asked > 30000) throw new Error(`${contender.name} showed no screen in 30 s`);
    }
  } finally {
    driver.kill();
    await new Promise((r) => (driver.exitCode !== null ? r() : driver.once('exit', r)));
    // Keyledger runs on in the tray when its window closes: end whatever is left.
    for (const { pid } of tree(driver.pid)) process.kill(pid, 'SIGKILL');
  }
}

function killProgram(binary) {
  for (const [pid] of processes()) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`) === binary) process.kill(pid, 'SIGKILL');
    } catch {
      // Not ours, or gone.
    }
  }
}

/** Keyledger started as a user starts it, closed to the tray, polling every minute. */
async function closedToTray(profile, fake) {
  const env = { ...profile.env, KEYLEDGER_POLL_INTERVAL_SECS: '60' };
  const app = spawn(contenders[1].binary, [], { env, stdio: 'ignore' });
  try {
    const titled = () => execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' }).includes('"Keyledger"');
    await until('the window', titled, 30000);
    const open = await settledRss(app.pid);
    execFileSync(join(repo, 'tests/e2e/xclose.py'), ['Keyledger']);
    await until('the web view to go', () => tree(app.pid).every(({ comm }) => !comm.startsWith('WebKit')), 30000);
    const closed = await settledRss(app.pid);
    const at = {};
    const started = Date.now();
    const polls = () => fake.requests.filter((r) => r.startsWith('/organization/usage')).length;
    for (const minute of [10, HOUR_MINUTES].filter((m, i, a) => m <= HOUR_MINUTES && a.indexOf(m) === i)) {
      const wait = started + minute * 60000 - Date.now();
      if (wait > 0) await pause(wait);
      at[minute] = { ...treeRss(app.pid), polls: polls() };
      console.error(`  closed to the tray, minute ${minute}: ${MiB(at[minute].total).toFixed(1)} MiB, ${at[minute].polls} usage requests so far`);
    }
    return { open, closed, at, alive: app.exitCode === null };
  } finally {
    app.kill('SIGKILL');
  }
}

const fmt = (kib) => `${MiB(kib).toFixed(0)} MiB`;
const parts = (rss) => rss.parts.map((p) => `${p.comm} ${MiB(p.kib).toFixed(0)}`).join(' + ');

async function main() {
  for (const c of contenders) if (!existsSync(c.binary)) throw new Error(`no ${c.binary}: build it first (scripts/bench-footprint.sh does)`);
  const profile = new Profile();
  const fake = await startFakeOpenAI({ adminKey: ADMIN_KEY, day: new Date() });
  try {
    const lines = yearOfUsage(profile);
    console.error(`a year of usage: ${lines} requests read from Claude Code logs`);
    const runs = new Map(contenders.map((c) => [c.name, []]));
    // One start of each first, not counted: the page cache is warm for both.
    for (const c of contenders) await oneStart(c, profile);
    for (let i = 0; i < RUNS; i++) {
      for (const c of i % 2 ? [...contenders].reverse() : contenders) {
        const r = await oneStart(c, profile);
        runs.get(c.name).push(r);
        console.error(`  run ${i + 1} ${c.name}: page began ${r.pageMs.toFixed(0)}, shown ${r.shownMs.toFixed(0)}, drawn ${r.drawnMs.toFixed(0)} ms, ${fmt(r.rss.total)} (${parts(r.rss)})`);
      }
    }
    execFileSync(cli, ['add', '--label', 'Org admin', '--base-url', fake.url], { env: profile.env, input: ADMIN_KEY, stdio: ['pipe', 'ignore', 'ignore'] });
    console.error(`Keyledger closed to the tray for ${HOUR_MINUTES} min, polling every minute …`);
    const tray = await closedToTray(profile, fake);

    const figure = (name) => {
      const rs = runs.get(name);
      const byTotal = [...rs].sort((a, b) => a.rss.total - b.rss.total);
      return { shown: median(rs.map((r) => r.shownMs)), drawn: median(rs.map((r) => r.drawnMs)), rss: byTotal[Math.floor(byTotal.length / 2)].rss, rs };
    };
    const bare = figure(contenders[0].name);
    const kl = figure(contenders[1].name);
    const deb = readdirSync(join(release, 'bundle/deb')).find((f) => f.endsWith('.deb'));
    const size = (p) => `${(statSync(p).size / 1e6).toFixed(1)} MB`;
    console.log(`\n## Footprint (release, Xvfb, ${RUNS} alternating starts each, medians; ${new Date().toISOString().slice(0, 10)})\n`);
    console.log('| figure | bare Tauri window | Keyledger | ratio | goal |');
    console.log('|---|---|---|---|---|');
    console.log(`| start to first interactive screen (Keyledger: tabs and the dashboard's cards) | ${bare.shown.toFixed(0)} ms | ${kl.shown.toFixed(0)} ms | ${(kl.shown / bare.shown).toFixed(2)}× | ≤ 500 ms and ≤ 1.5× |`);
    console.log(`| start to all of it drawn (Keyledger: both charts too) | ${bare.drawn.toFixed(0)} ms | ${kl.drawn.toFixed(0)} ms | ${(kl.drawn / bare.drawn).toFixed(2)}× | |`);
    console.log(`| RSS, screen open (Keyledger: dashboard on a year of usage) | ${fmt(bare.rss.total)} (${parts(bare.rss)}) | ${fmt(kl.rss.total)} (${parts(kl.rss)}) | ${(kl.rss.total / bare.rss.total).toFixed(2)}× | ≤ 1.15× |`);
    console.log(`| RSS, closed to the tray | — | ${fmt(tray.closed.total)} (${parts(tray.closed)}) | ${((tray.closed.total / bare.rss.total) * 100).toFixed(1)} % of the bare window | ≤ 40 % |`);
    const last = tray.at[HOUR_MINUTES];
    const tenth = tray.at[10];
    if (last && tenth && HOUR_MINUTES > 10) {
      console.log(`| RSS after ${HOUR_MINUTES} min closed, polling every minute (${last.polls} usage requests) | — | ${fmt(tenth.total)} at minute 10 → ${fmt(last.total)} | ${(((last.total - tenth.total) / tenth.total) * 100).toFixed(1)} % growth | < 10 % |`);
    }
    console.log(`| binaries | ${size(contenders[0].binary)} | app ${size(contenders[1].binary)}, CLI ${size(cli)} | | |`);
    if (deb) console.log(`| .deb | | ${size(join(release, 'bundle/deb', deb))} | | ≤ 15 MB |`);
    console.log(`\nKeyledger's window, started as a user starts it (no WebDriver): ${fmt(tray.open.total)} (${parts(tray.open)}); still running when closed: ${tray.alive}.`);
  } finally {
    killProgram(contenders[1].binary);
    await fake.close();
    profile.cleanup();
  }
}

await main();
