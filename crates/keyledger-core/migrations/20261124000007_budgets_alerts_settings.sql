-- Budgets: one per scope and period. Amounts in USD micro-dollars; thresholds as "50,80,100".
CREATE TABLE budget (
    id            TEXT PRIMARY KEY NOT NULL,
    scope         TEXT NOT NULL,                   -- all, provider:NAME, key:ID
    period        TEXT NOT NULL CHECK (period IN ('day', 'month')),
    amount_micros INTEGER CHECK (amount_micros > 0),
    token_quota   INTEGER CHECK (token_quota > 0),
    thresholds    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    CHECK (amount_micros IS NOT NULL OR token_quota IS NOT NULL),
    UNIQUE (scope, period)
);

-- Alerts fired by the rules. The UNIQUE identity makes each fire once per threshold per period,
-- however often the rules run and across restarts.
CREATE TABLE alert (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    rule            TEXT NOT NULL,
    scope           TEXT NOT NULL,                 -- credential id, budget id, account:ID
    period          TEXT NOT NULL,
    threshold       TEXT NOT NULL,
    credential_id   TEXT,
    severity        TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    fired_at        TEXT NOT NULL,                 -- RFC 3339, UTC
    acknowledged_at TEXT,
    snoozed_until   TEXT,
    superseded      INTEGER NOT NULL DEFAULT 0,    -- fired with a tighter threshold: never shown
    notified_at     TEXT,                          -- shown as a desktop notification (by the app)
    UNIQUE (rule, scope, period, threshold)
);
CREATE INDEX alert_fired_at ON alert (fired_at);

-- Settings as JSON documents by name (e.g. 'alerts').
CREATE TABLE setting (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
