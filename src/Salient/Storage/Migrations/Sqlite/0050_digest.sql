-- Digest subscribers, the issues sent, and every delivery recorded before and after sending.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE subscribers (
    id               INTEGER PRIMARY KEY,
    email            TEXT    NOT NULL UNIQUE,
    cadence          TEXT    NOT NULL DEFAULT 'weekly',
    threshold        REAL    NOT NULL DEFAULT 5.5,
    status           TEXT    NOT NULL DEFAULT 'pending',
    created_at       BIGINT  NOT NULL,
    confirmed_at     BIGINT,
    unsubscribed_at  BIGINT,
    last_digest_at   BIGINT,
    confirm_sent_at  BIGINT,
    confirm_sends    INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT
);

CREATE TABLE digest_issues (
    id          INTEGER PRIMARY KEY,
    cadence     TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    subject     TEXT    NOT NULL,
    story_ids   TEXT    NOT NULL,
    content_key TEXT    NOT NULL UNIQUE,
    html        TEXT    NOT NULL,
    text        TEXT    NOT NULL
);

CREATE TABLE digest_deliveries (
    id              INTEGER PRIMARY KEY,
    subscriber_id   INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    issue_id        INTEGER NOT NULL REFERENCES digest_issues(id),
    message_id      TEXT    NOT NULL UNIQUE,
    status          TEXT    NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    last_attempt_at BIGINT,
    next_attempt_at BIGINT  NOT NULL DEFAULT 0,
    sent_at         BIGINT,
    error           TEXT
);
CREATE INDEX ix_digest_deliveries_status ON digest_deliveries (status, next_attempt_at);

CREATE TABLE digest_items (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    story_id      INTEGER NOT NULL,
    delivery_id   INTEGER NOT NULL REFERENCES digest_deliveries(id) ON DELETE CASCADE,
    PRIMARY KEY (subscriber_id, story_id)
);
