-- How far each agent log file has been read: only new bytes are read on the next pass, and a
-- file that shrank or was replaced (other inode) is read again from the start.
CREATE TABLE ingest_file (
    path       TEXT PRIMARY KEY NOT NULL,
    agent      TEXT NOT NULL CHECK (agent IN ('claude-code', 'codex')),
    size       INTEGER NOT NULL,
    mtime_ns   INTEGER NOT NULL,
    inode      INTEGER NOT NULL,
    offset     INTEGER NOT NULL,                 -- up to the end of the last complete line
    carry      TEXT,                             -- Codex: model and running total at `offset`
    updated_at TEXT NOT NULL
);

-- Requests already counted: per pass, one row of 16-byte entries (the request's key, then the
-- output tokens counted for it). A message logged again (in the same file or another, now or
-- in a later pass) never counts twice; a streamed reply logged again as it grew adds only the
-- output written since. Later rows win.
CREATE TABLE ingest_seen (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    agent   TEXT NOT NULL,
    entries BLOB NOT NULL
);
