-- Sources, their poll state and history, feed items and articles.
-- Times are Unix milliseconds. Append-only: change the schema in a new file, never edit this one.

CREATE TABLE sources (
    id                   INTEGER PRIMARY KEY,
    url                  TEXT    NOT NULL UNIQUE,
    name                 TEXT    NOT NULL,
    site_url             TEXT,
    country              TEXT,
    language             TEXT,
    tier                 INTEGER NOT NULL DEFAULT 2,
    category             TEXT,
    url_verified         INTEGER NOT NULL DEFAULT 1,
    enabled              INTEGER NOT NULL DEFAULT 1,
    poll_interval_s      INTEGER NOT NULL DEFAULT 900,
    etag                 TEXT,
    last_modified        TEXT,
    next_poll_at         BIGINT  NOT NULL DEFAULT 0,
    last_polled_at       BIGINT,
    last_success_at      BIGINT,
    last_status          TEXT,
    last_error           TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    items_seen           INTEGER NOT NULL DEFAULT 0,
    lease_owner          TEXT,
    lease_until          BIGINT,
    created_at           BIGINT  NOT NULL
);

CREATE TABLE poll_history (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    at          BIGINT  NOT NULL,
    status      TEXT    NOT NULL,
    http_status INTEGER,
    duration_ms INTEGER,
    bytes       BIGINT,
    items       INTEGER,
    new_items   INTEGER,
    error       TEXT,
    recovered   TEXT
);
CREATE INDEX ix_poll_history_source ON poll_history (source_id, at);

CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    source_id      INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    url            TEXT    NOT NULL,
    canonical_url  TEXT    NOT NULL UNIQUE,
    content_hash   TEXT,
    title          TEXT    NOT NULL,
    feed_summary   TEXT,
    feed_content   TEXT,
    author         TEXT,
    categories     TEXT,
    published_at   BIGINT,
    updated_at     BIGINT,
    discovered_at  BIGINT  NOT NULL,
    byline         TEXT,
    site_name      TEXT,
    language       TEXT,
    excerpt        TEXT,
    text           TEXT,
    html           TEXT,
    extraction     TEXT,
    extract_error  TEXT,
    stage          INTEGER NOT NULL DEFAULT 0,
    attempts       INTEGER NOT NULL DEFAULT 0,
    lease_owner    TEXT,
    lease_until    BIGINT,
    story_id       INTEGER,
    embedding      BLOB
);
CREATE INDEX ix_articles_stage ON articles (stage);
CREATE INDEX ix_articles_content_hash ON articles (content_hash);
CREATE INDEX ix_articles_published ON articles (published_at);
CREATE INDEX ix_articles_story ON articles (story_id);

CREATE TABLE feed_items (
    id           INTEGER PRIMARY KEY,
    source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    guid         TEXT    NOT NULL,
    link         TEXT,
    item_hash    TEXT    NOT NULL,
    article_id   INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    first_seen   BIGINT  NOT NULL,
    last_seen    BIGINT  NOT NULL,
    UNIQUE (source_id, guid)
);
CREATE INDEX ix_feed_items_article ON feed_items (article_id);
