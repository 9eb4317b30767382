-- What an audited action was about beyond the key, e.g. the command a `run` started (its name
-- only, never its arguments or environment).
ALTER TABLE audit_event ADD COLUMN detail TEXT;
