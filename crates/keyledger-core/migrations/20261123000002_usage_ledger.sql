-- The spend ledger: usage per provider / credential (or provider-side key) / model / bucket.
-- The UNIQUE identity makes every re-poll and re-import an upsert: nothing is counted twice.
CREATE TABLE usage_bucket (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    provider           TEXT NOT NULL,
    credential_id      TEXT NOT NULL DEFAULT '',      -- '' = organisation level / not attributed
    account            TEXT NOT NULL DEFAULT '',      -- provider-side key or project id, if any
    model              TEXT NOT NULL DEFAULT '',
    bucket_start       TEXT NOT NULL,                 -- RFC 3339, UTC
    bucket_width       TEXT NOT NULL CHECK (bucket_width IN ('1h', '1d')),
    source             TEXT NOT NULL CHECK (source IN ('api', 'log', 'import')),
    input_tokens       INTEGER NOT NULL DEFAULT 0,    -- excludes cache reads and writes
    output_tokens      INTEGER NOT NULL DEFAULT 0,
    cached_tokens      INTEGER NOT NULL DEFAULT 0,    -- cache reads
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens   INTEGER NOT NULL DEFAULT 0,    -- part of output, shown apart
    requests           INTEGER NOT NULL DEFAULT 0,
    cost_micros        INTEGER,                       -- USD micro-dollars; NULL when unpriced
    cost_source        TEXT NOT NULL CHECK (cost_source IN ('provider', 'computed', 'unpriced')),
    updated_at         TEXT NOT NULL,
    UNIQUE (provider, credential_id, account, model, bucket_start, bucket_width, source)
);
CREATE INDEX usage_bucket_start ON usage_bucket (bucket_start);

-- Prices the user set by hand, in USD per million tokens (exact decimal strings).
CREATE TABLE price_override (
    model       TEXT PRIMARY KEY NOT NULL,
    provider    TEXT NOT NULL,
    input       TEXT NOT NULL,
    output      TEXT NOT NULL,
    cache_read  TEXT,
    cache_write TEXT,
    updated_at  TEXT NOT NULL
);
