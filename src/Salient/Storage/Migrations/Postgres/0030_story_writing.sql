-- What the writing stage wrote each story from, so it rewrites a story only when its content changed
-- materially (see docs/writing.md), and a lease so two workers do not write the same story at once.

CREATE TABLE story_writing (
    story_id                  BIGINT  PRIMARY KEY,
    article_count             INTEGER NOT NULL DEFAULT 0,
    outlet_count              INTEGER NOT NULL DEFAULT 0,
    representative_article_id BIGINT,
    title_article_id          BIGINT,
    method                    TEXT,
    written_at                BIGINT,
    checked_version           INTEGER,
    lease_owner               TEXT,
    lease_until               BIGINT
);
