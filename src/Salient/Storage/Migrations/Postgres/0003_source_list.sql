-- The state of the source list (has the default list been seeded?) and the feeds a user removed, so that
-- seeding never brings back a source the user chose to drop. Indexes for polling and the status page.

CREATE TABLE sources_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE removed_sources (
    url        TEXT   PRIMARY KEY,
    removed_at BIGINT NOT NULL
);

CREATE INDEX ix_sources_next_poll ON sources (next_poll_at);
CREATE INDEX ix_articles_source ON articles (source_id, discovered_at);
CREATE INDEX ix_articles_discovered ON articles (discovered_at);
