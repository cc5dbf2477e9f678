-- Readers who follow one story by e-mail: told when its score rises by a point or more since they were last told
-- (or since they confirmed), or when it crosses their threshold. Double opt-in: nothing is sent before confirmation.

CREATE TABLE story_follows (
    id            INTEGER PRIMARY KEY,
    story_id      INTEGER NOT NULL,
    email         TEXT    NOT NULL,
    threshold     REAL    NOT NULL DEFAULT 5.5,
    status        TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'ended')),
    created_at    INTEGER NOT NULL,
    confirm_sent_at INTEGER,
    confirmed_at  INTEGER,
    ended_at      INTEGER,
    baseline      REAL,
    alerts        INTEGER NOT NULL DEFAULT 0,
    last_alert_at INTEGER,
    last_error    TEXT,
    UNIQUE (story_id, email)
);
CREATE INDEX ix_story_follows_status ON story_follows (status);
