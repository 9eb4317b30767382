-- Snapshots of what a provider reports as a running total (OpenRouter's cumulative usage, a
-- DeepSeek balance): daily spend is derived from the differences between them.
CREATE TABLE balance_snapshot (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    source                 TEXT NOT NULL,            -- e.g. openrouter-key:<credential id>
    credential_id          TEXT NOT NULL,
    taken_at               TEXT NOT NULL,            -- RFC 3339, UTC
    currency               TEXT NOT NULL,            -- USD, CNY
    usage_micros           INTEGER,                  -- cumulative spend, millionths of the currency
    day_usage_micros       INTEGER,                  -- spend so far on taken_at's UTC day
    balance_micros         INTEGER,                  -- credit left
    limit_micros           INTEGER,                  -- the provider-side spending cap, if any
    limit_remaining_micros INTEGER,
    limit_reset            TEXT                      -- daily, weekly, monthly or NULL
);
CREATE INDEX balance_snapshot_source ON balance_snapshot (source, taken_at);

-- Keys as a provider's admin API lists them (OpenAI projects' keys, Anthropic's keys), and the
-- stored credential each is, when its masked form matches exactly one.
CREATE TABLE provider_key (
    account       TEXT PRIMARY KEY NOT NULL,         -- the provider's key id (key_…, apikey_…)
    provider      TEXT NOT NULL,
    credential_id TEXT,                              -- the stored key it is, if known
    listed_by     TEXT NOT NULL,                     -- the admin credential whose list showed it
    name          TEXT NOT NULL DEFAULT '',
    hint          TEXT NOT NULL DEFAULT '',          -- the provider's masked form
    status        TEXT,                              -- as the provider says (active, archived, ...)
    created_at    TEXT,
    expires_at    TEXT,
    last_used_at  TEXT,
    seen_at       TEXT NOT NULL
);

-- Usage polled with an admin key belongs to the provider-side key that made it, not to the
-- admin key: usage with a key id moves to that account (attributed to a stored key through
-- provider_key when reporting). Rows that would collide were polled twice by two admin keys.
UPDATE OR IGNORE usage_bucket SET credential_id = ''
 WHERE source = 'api' AND account <> ''
   AND credential_id IN (SELECT id FROM credential WHERE kind = 'admin');
DELETE FROM usage_bucket
 WHERE source = 'api' AND account <> ''
   AND credential_id IN (SELECT id FROM credential WHERE kind = 'admin');
