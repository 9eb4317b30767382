-- Rotation: a key's secret replaced in place. The credential keeps its id (and so its usage
-- history); `rotated_at` restarts its age; each rotation keeps the old key's fingerprint and
-- masked hint. A rotation is written `pending` before the keychain is touched and `done` with
-- the credential's new fingerprint, so a crash in between is settled on the next start.
ALTER TABLE credential ADD COLUMN rotated_at TEXT;

CREATE TABLE credential_rotation (
    id               INTEGER PRIMARY KEY,
    credential_id    TEXT NOT NULL REFERENCES credential(id) ON DELETE CASCADE,
    old_fingerprint  TEXT NOT NULL,
    old_hint         TEXT NOT NULL,
    new_fingerprint  TEXT NOT NULL,
    new_hint         TEXT NOT NULL,
    rotated_at       TEXT NOT NULL,
    -- The new key's expiry as chosen when rotating, so a rotation settled after a crash keeps it.
    new_expires_at     TEXT,
    new_expires_source TEXT,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'done')),
    -- Remind the user to revoke the old key at the provider (an alert, until acknowledged).
    remind_revoke    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX credential_rotation_by_credential ON credential_rotation (credential_id, rotated_at);
