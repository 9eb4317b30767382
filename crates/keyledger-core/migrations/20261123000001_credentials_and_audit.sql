-- Credential metadata and the audit log. The secret itself lives only in the OS keychain.
CREATE TABLE credential (
    id              TEXT PRIMARY KEY NOT NULL,          -- UUID; also the keychain account name
    provider        TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('api', 'admin', 'token')),
    label           TEXT NOT NULL,
    profile         TEXT NOT NULL DEFAULT 'default',
    base_url        TEXT,
    fingerprint     TEXT NOT NULL,                      -- SHA-256 of the secret, hex
    hint            TEXT NOT NULL,                      -- masked key, e.g. sk-proj-…a1B2
    created_at      TEXT NOT NULL,                      -- RFC 3339, UTC
    expires_at      TEXT,                               -- RFC 3339, UTC
    expires_source  TEXT CHECK (expires_source IN ('manual', 'token', 'provider')),
    token_issuer    TEXT,
    token_scope     TEXT,
    status          TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (status IN ('pending', 'unknown', 'valid', 'invalid', 'secret_missing')),
    last_checked_at TEXT,
    notes           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX credential_fingerprint ON credential (fingerprint);

CREATE TABLE audit_event (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,                        -- RFC 3339, UTC
    action        TEXT NOT NULL,                        -- add, reveal, copy, delete, reconcile, ...
    credential_id TEXT,                                 -- kept after the credential is deleted
    label         TEXT NOT NULL,                        -- the credential's label at the time
    outcome       TEXT NOT NULL,                        -- ok or a stable error code
    actor         TEXT NOT NULL                         -- app or cli
);
CREATE INDEX audit_event_at ON audit_event (at);
