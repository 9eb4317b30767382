-- One row per usage source (e.g. an admin key's usage API): where the next poll starts and how
-- the last one went, in plain words.
CREATE TABLE poll_state (
    source          TEXT PRIMARY KEY NOT NULL,   -- e.g. openai-usage:<credential id>
    credential_id   TEXT NOT NULL,
    cursor          TEXT,                        -- RFC 3339: the next poll re-fetches from here
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error      TEXT
);
