-- Subscription plan windows (Codex's and Claude's 5-hour and weekly limits): every reading as it
-- was seen, so the newest per window is shown and a chart can show a window filling. A reading is
-- kept once, whichever import or poll saw it again.
CREATE TABLE plan_snapshot (
    source TEXT NOT NULL,
    window_name TEXT NOT NULL,
    observed_at TEXT NOT NULL,
    window_minutes INTEGER,
    used_percent REAL NOT NULL,
    out_of_range INTEGER NOT NULL DEFAULT 0,
    resets_at TEXT,
    origin TEXT NOT NULL,
    plan TEXT,
    PRIMARY KEY (source, window_name, observed_at)
);
