-- The local metering gateway: usage it saw is the ledger's fourth source ('gateway'), which
-- SQLite can only admit by rebuilding usage_bucket (its CHECK cannot be altered): the rows are
-- copied as they are, then the indexes and the rollup triggers are made again, unchanged. The
-- rollup itself needs no rebuild: it counts the same rows.
CREATE TABLE usage_bucket_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    provider           TEXT NOT NULL,
    credential_id      TEXT NOT NULL DEFAULT '',
    account            TEXT NOT NULL DEFAULT '',
    model              TEXT NOT NULL DEFAULT '',
    bucket_start       TEXT NOT NULL,
    bucket_width       TEXT NOT NULL CHECK (bucket_width IN ('1h', '1d')),
    source             TEXT NOT NULL CHECK (source IN ('api', 'log', 'import', 'gateway')),
    input_tokens       INTEGER NOT NULL DEFAULT 0,
    output_tokens      INTEGER NOT NULL DEFAULT 0,
    cached_tokens      INTEGER NOT NULL DEFAULT 0,
    cache_write_tokens INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens   INTEGER NOT NULL DEFAULT 0,
    requests           INTEGER NOT NULL DEFAULT 0,
    cost_micros        INTEGER,
    cost_source        TEXT NOT NULL CHECK (cost_source IN ('provider', 'computed', 'unpriced')),
    updated_at         TEXT NOT NULL,
    superseded         INTEGER NOT NULL DEFAULT 0,
    UNIQUE (provider, credential_id, account, model, bucket_start, bucket_width, source)
);
INSERT INTO usage_bucket_new (id, provider, credential_id, account, model, bucket_start, bucket_width, source,
    input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros,
    cost_source, updated_at, superseded)
SELECT id, provider, credential_id, account, model, bucket_start, bucket_width, source,
    input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros,
    cost_source, updated_at, superseded
FROM usage_bucket;
DROP TABLE usage_bucket;
ALTER TABLE usage_bucket_new RENAME TO usage_bucket;
CREATE INDEX usage_bucket_start ON usage_bucket (bucket_start);
CREATE INDEX usage_bucket_width_start ON usage_bucket (bucket_width, bucket_start);
CREATE INDEX usage_bucket_superseded ON usage_bucket (bucket_start) WHERE superseded = 1;

CREATE TRIGGER usage_rollup_insert AFTER INSERT ON usage_bucket
WHEN NEW.bucket_width = '1d' AND NEW.superseded = 0 BEGIN
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('day', substr(NEW.bucket_start, 1, 10), substr(NEW.bucket_start, 1, 10), NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.reasoning_tokens, NEW.requests, COALESCE(NEW.cost_micros, 0), (NEW.cost_micros IS NOT NULL), (NEW.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('provider', NEW.provider, substr(NEW.bucket_start, 1, 10), NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.reasoning_tokens, NEW.requests, COALESCE(NEW.cost_micros, 0), (NEW.cost_micros IS NOT NULL), (NEW.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('model', NEW.model, substr(NEW.bucket_start, 1, 10), NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.reasoning_tokens, NEW.requests, COALESCE(NEW.cost_micros, 0), (NEW.cost_micros IS NOT NULL), (NEW.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('credential', CASE WHEN NEW.credential_id <> '' THEN NEW.credential_id ELSE 'account:' || NEW.account END, substr(NEW.bucket_start, 1, 10), NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.reasoning_tokens, NEW.requests, COALESCE(NEW.cost_micros, 0), (NEW.cost_micros IS NOT NULL), (NEW.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
END;

CREATE TRIGGER usage_rollup_delete AFTER DELETE ON usage_bucket
WHEN OLD.bucket_width = '1d' AND OLD.superseded = 0 BEGIN
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('day', substr(OLD.bucket_start, 1, 10), substr(OLD.bucket_start, 1, 10), -OLD.input_tokens, -OLD.output_tokens, -OLD.cached_tokens, -OLD.cache_write_tokens, -OLD.reasoning_tokens, -OLD.requests, -COALESCE(OLD.cost_micros, 0), -(OLD.cost_micros IS NOT NULL), -(OLD.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('provider', OLD.provider, substr(OLD.bucket_start, 1, 10), -OLD.input_tokens, -OLD.output_tokens, -OLD.cached_tokens, -OLD.cache_write_tokens, -OLD.reasoning_tokens, -OLD.requests, -COALESCE(OLD.cost_micros, 0), -(OLD.cost_micros IS NOT NULL), -(OLD.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('model', OLD.model, substr(OLD.bucket_start, 1, 10), -OLD.input_tokens, -OLD.output_tokens, -OLD.cached_tokens, -OLD.cache_write_tokens, -OLD.reasoning_tokens, -OLD.requests, -COALESCE(OLD.cost_micros, 0), -(OLD.cost_micros IS NOT NULL), -(OLD.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('credential', CASE WHEN OLD.credential_id <> '' THEN OLD.credential_id ELSE 'account:' || OLD.account END, substr(OLD.bucket_start, 1, 10), -OLD.input_tokens, -OLD.output_tokens, -OLD.cached_tokens, -OLD.cache_write_tokens, -OLD.reasoning_tokens, -OLD.requests, -COALESCE(OLD.cost_micros, 0), -(OLD.cost_micros IS NOT NULL), -(OLD.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
END;

-- An update takes the old row out (if it was counted) and puts the new one in (if it counts).
CREATE TRIGGER usage_rollup_update_out AFTER UPDATE ON usage_bucket
WHEN OLD.bucket_width = '1d' AND OLD.superseded = 0 BEGIN
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('day', substr(OLD.bucket_start, 1, 10), substr(OLD.bucket_start, 1, 10), -OLD.input_tokens, -OLD.output_tokens, -OLD.cached_tokens, -OLD.cache_write_tokens, -OLD.reasoning_tokens, -OLD.requests, -COALESCE(OLD.cost_micros, 0), -(OLD.cost_micros IS NOT NULL), -(OLD.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('provider', OLD.provider, substr(OLD.bucket_start, 1, 10), -OLD.input_tokens, -OLD.output_tokens, -OLD.cached_tokens, -OLD.cache_write_tokens, -OLD.reasoning_tokens, -OLD.requests, -COALESCE(OLD.cost_micros, 0), -(OLD.cost_micros IS NOT NULL), -(OLD.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('model', OLD.model, substr(OLD.bucket_start, 1, 10), -OLD.input_tokens, -OLD.output_tokens, -OLD.cached_tokens, -OLD.cache_write_tokens, -OLD.reasoning_tokens, -OLD.requests, -COALESCE(OLD.cost_micros, 0), -(OLD.cost_micros IS NOT NULL), -(OLD.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('credential', CASE WHEN OLD.credential_id <> '' THEN OLD.credential_id ELSE 'account:' || OLD.account END, substr(OLD.bucket_start, 1, 10), -OLD.input_tokens, -OLD.output_tokens, -OLD.cached_tokens, -OLD.cache_write_tokens, -OLD.reasoning_tokens, -OLD.requests, -COALESCE(OLD.cost_micros, 0), -(OLD.cost_micros IS NOT NULL), -(OLD.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
END;

CREATE TRIGGER usage_rollup_update_in AFTER UPDATE ON usage_bucket
WHEN NEW.bucket_width = '1d' AND NEW.superseded = 0 BEGIN
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('day', substr(NEW.bucket_start, 1, 10), substr(NEW.bucket_start, 1, 10), NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.reasoning_tokens, NEW.requests, COALESCE(NEW.cost_micros, 0), (NEW.cost_micros IS NOT NULL), (NEW.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('provider', NEW.provider, substr(NEW.bucket_start, 1, 10), NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.reasoning_tokens, NEW.requests, COALESCE(NEW.cost_micros, 0), (NEW.cost_micros IS NOT NULL), (NEW.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('model', NEW.model, substr(NEW.bucket_start, 1, 10), NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.reasoning_tokens, NEW.requests, COALESCE(NEW.cost_micros, 0), (NEW.cost_micros IS NOT NULL), (NEW.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
    INSERT INTO usage_rollup (dim, key, day, input_tokens, output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, requests, cost_micros, priced, unpriced)
    VALUES ('credential', CASE WHEN NEW.credential_id <> '' THEN NEW.credential_id ELSE 'account:' || NEW.account END, substr(NEW.bucket_start, 1, 10), NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.reasoning_tokens, NEW.requests, COALESCE(NEW.cost_micros, 0), (NEW.cost_micros IS NOT NULL), (NEW.cost_micros IS NULL))
    ON CONFLICT (dim, key, day) DO UPDATE SET input_tokens = input_tokens + excluded.input_tokens, output_tokens = output_tokens + excluded.output_tokens, cached_tokens = cached_tokens + excluded.cached_tokens, cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens, requests = requests + excluded.requests, cost_micros = cost_micros + excluded.cost_micros, priced = priced + excluded.priced, unpriced = unpriced + excluded.unpriced;
END;

-- Local tokens the gateway swaps for a stored key: only their SHA-256 is kept. `ephemeral` ones
-- belong to one `run --meter` and are revoked when its program ends.
CREATE TABLE gateway_token (
    id            TEXT PRIMARY KEY NOT NULL,
    credential_id TEXT NOT NULL,
    label         TEXT NOT NULL DEFAULT '',
    token_hash    TEXT NOT NULL UNIQUE,
    ephemeral     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    revoked_at    TEXT
);

-- Each key's newest rate-limit headers as the gateway saw them (names and values, no body).
CREATE TABLE gateway_limits (
    credential_id TEXT PRIMARY KEY NOT NULL,
    provider      TEXT NOT NULL,
    headers       TEXT NOT NULL,
    seen_at       TEXT NOT NULL
);
