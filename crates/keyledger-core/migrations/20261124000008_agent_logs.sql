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

-- Requests already counted, as 8-byte keys in one blob per agent: a message logged again (in
-- the same file or another, now or in a later pass) never counts twice.
CREATE TABLE ingest_seen (
    agent  TEXT PRIMARY KEY NOT NULL,
    hashes BLOB NOT NULL
);
