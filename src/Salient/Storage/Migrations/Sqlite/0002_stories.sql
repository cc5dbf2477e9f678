-- Stories: the articles about one event. Later stages fill in the score (significance) and the title and
-- summary (writing). "version" grows whenever the story's articles change, so a stage knows what is stale.

CREATE TABLE stories (
    id                        INTEGER PRIMARY KEY,
    status                    TEXT    NOT NULL DEFAULT 'open',
    merged_into               INTEGER,
    first_seen                BIGINT  NOT NULL,
    last_updated              BIGINT  NOT NULL,
    first_published           BIGINT,
    last_published            BIGINT,
    article_count             INTEGER NOT NULL DEFAULT 0,
    outlet_count              INTEGER NOT NULL DEFAULT 0,
    outlets                   TEXT,
    countries                 TEXT,
    representative_article_id INTEGER,
    centroid                  BLOB,
    version                   INTEGER NOT NULL DEFAULT 1,
    score                     REAL,
    factors                   TEXT,
    reason                    TEXT,
    percentile                REAL,
    scored_version            INTEGER,
    scored_at                 BIGINT,
    title                     TEXT,
    summary                   TEXT,
    summary_sources           TEXT,
    written_version           INTEGER,
    written_at                BIGINT,
    lease_owner               TEXT,
    lease_until               BIGINT
);
CREATE INDEX ix_stories_status ON stories (status, last_updated);
CREATE INDEX ix_stories_score ON stories (score);
CREATE INDEX ix_stories_first_seen ON stories (first_seen);
