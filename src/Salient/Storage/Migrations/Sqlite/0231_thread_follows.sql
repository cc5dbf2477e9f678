-- Following a thread by e-mail: a follow of kind 'thread' is told of each new story of the thread of its story that
-- reaches the reader's threshold; last_story_id is the newest story of the thread it has been told of (or that was in
-- the thread when it was confirmed). One follow of each kind per story and address: SQLite cannot change a table's
-- unique constraint, so the table is made anew with its rows.

CREATE TABLE story_follows_next (
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
    kind          TEXT    NOT NULL DEFAULT 'story' CHECK (kind IN ('story', 'thread')),
    last_story_id INTEGER,
    UNIQUE (story_id, email, kind)
);
INSERT INTO story_follows_next (id, story_id, email, threshold, status, created_at, confirm_sent_at, confirmed_at, ended_at, baseline, alerts, last_alert_at, last_error)
    SELECT id, story_id, email, threshold, status, created_at, confirm_sent_at, confirmed_at, ended_at, baseline, alerts, last_alert_at, last_error FROM story_follows;
DROP TABLE story_follows;
ALTER TABLE story_follows_next RENAME TO story_follows;
CREATE INDEX ix_story_follows_status ON story_follows (status);
