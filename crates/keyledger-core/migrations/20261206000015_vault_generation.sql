-- A counter that moves on with every change to a key or a local token, made by any process. The
-- gateway reads it before each request to know whether the keys and tokens it remembers still
-- hold, so a token revoked from the CLI is refused at once without a lookup per request.
CREATE TABLE vault_generation (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO vault_generation (id, n) VALUES (1, 0);

CREATE TRIGGER vault_generation_credential_insert AFTER INSERT ON credential BEGIN
    UPDATE vault_generation SET n = n + 1;
END;
CREATE TRIGGER vault_generation_credential_update AFTER UPDATE ON credential BEGIN
    UPDATE vault_generation SET n = n + 1;
END;
CREATE TRIGGER vault_generation_credential_delete AFTER DELETE ON credential BEGIN
    UPDATE vault_generation SET n = n + 1;
END;
CREATE TRIGGER vault_generation_token_update AFTER UPDATE ON gateway_token BEGIN
    UPDATE vault_generation SET n = n + 1;
END;
CREATE TRIGGER vault_generation_token_delete AFTER DELETE ON gateway_token BEGIN
    UPDATE vault_generation SET n = n + 1;
END;
