-- The sections a digest subscriber chose: a desk (kind 'topic') or a region (kind 'region') by slug, in the
-- subscriber's order (position), each with its own lowest score or none (the section's default). A subscriber
-- without rows gets the global edition.

CREATE TABLE subscriber_sections (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    slug          TEXT    NOT NULL,
    threshold     REAL,
    PRIMARY KEY (subscriber_id, kind, slug)
);
