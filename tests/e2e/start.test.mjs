// Started on a data folder written by a newer Keyledger — as from the menu, where nobody reads
// stderr — the app says why it cannot start in a dialog of its own, and leaves the database as it
// was: never downgraded, never changed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Profile, appBinary, until } from './harness.mjs';

const FUTURE = 29991231000000;
let profile;
let app;

after(() => {
  if (app && app.exitCode === null) app.kill('SIGKILL');
  profile?.cleanup();
});

function sqlite(db, sql) {
  const script = 'import sqlite3, sys, json\nc = sqlite3.connect(sys.argv[1])\nr = c.execute(sys.argv[2]).fetchall()\nc.commit()\nprint(json.dumps(r))';
  return JSON.parse(execFileSync('python3', ['-c', script, db, sql], { encoding: 'utf8' }));
}

const windows = () => execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' });

test('a database from a newer Keyledger is refused in a dialog and left as it was', async () => {
  profile = new Profile();
  profile.cli(['list']); // creates the database
  const db = join(profile.dataDir, 'keyledger.db');
  sqlite(
    db,
    `INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (${FUTURE}, 'from the future', 1, x'00', 1)`,
  );
  const before = sqlite(db, 'SELECT version FROM _sqlx_migrations ORDER BY version');

  let said = '';
  app = spawn(appBinary, [], { env: profile.env, stdio: ['ignore', 'ignore', 'pipe'] });
  app.stderr.on('data', (d) => (said += d));
  await until('the dialog saying why', () => /"Keyledger cannot start"/.test(windows()), 20000);
  assert.match(said, /written by a newer version of Keyledger/, said);
  assert.match(said, /Install the newer Keyledger, or use another data folder/, said);
  assert.equal(app.exitCode, null, 'the app waits for the dialog to be read');
  app.kill('SIGTERM');
  await until('the app to end', () => app.exitCode !== null || app.signalCode !== null);
  assert.deepEqual(sqlite(db, 'SELECT version FROM _sqlx_migrations ORDER BY version'), before);
});
