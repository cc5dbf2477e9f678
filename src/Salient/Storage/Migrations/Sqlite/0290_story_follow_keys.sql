-- A follow belongs to its story: deleting the story deletes its follows (and, by migration 0280, what their readers
-- were told of), so no follow is left on a story that no longer exists; merging moves them (StoryStore.ApplyAsync).
-- Follows already left on a story that no longer exists are dropped here rather than stopping the migration.
-- (SQLite adds a foreign key only by rebuilding the table; dropping the old table deletes what its follows were told
-- of, by the key of migration 0280, so those rows are kept aside and put back.)
-- The follows of a story that was merged into another are moved to the story it became (following older chains of
-- merges), one per address and kind: when the survivor has that follow already, or two merged stories' follows
-- would meet there, the others stay where they were (they still follow the survivor when read).
CREATE TEMPORARY TABLE follow_survivors AS
WITH RECURSIVE chain (start_id, id, depth) AS (
    SELECT s.id, s.merged_into, 1 FROM stories s
    WHERE s.merged_into IS NOT NULL AND s.merged_into <> s.id AND s.id IN (SELECT f.story_id FROM story_follows f)
    UNION ALL
    SELECT c.start_id, s.merged_into, c.depth + 1 FROM chain c JOIN stories s ON s.id = c.id
    WHERE s.merged_into IS NOT NULL AND s.merged_into <> s.id AND c.depth < 64
)
SELECT c.start_id, c.id FROM chain c JOIN stories s ON s.id = c.id WHERE s.merged_into IS NULL AND s.status <> 'merged';

UPDATE story_follows SET story_id = (SELECT v.id FROM follow_survivors v WHERE v.start_id = story_follows.story_id)
WHERE story_id IN (SELECT v.start_id FROM follow_survivors v)
  AND NOT EXISTS (SELECT 1 FROM story_follows o JOIN follow_survivors v ON v.id = o.story_id
                  WHERE v.start_id = story_follows.story_id AND o.email = story_follows.email AND o.kind = story_follows.kind)
  AND id = (SELECT MIN(f2.id) FROM story_follows f2 JOIN follow_survivors v2 ON v2.start_id = f2.story_id
            WHERE v2.id = (SELECT v.id FROM follow_survivors v WHERE v.start_id = story_follows.story_id)
              AND f2.email = story_follows.email AND f2.kind = story_follows.kind);
DROP TABLE follow_survivors;

CREATE TEMPORARY TABLE follow_told_kept AS SELECT follow_id, story_id, told_at FROM story_follow_told;

CREATE TABLE story_follows_next (
    id            INTEGER PRIMARY KEY,
    story_id      INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
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
INSERT INTO story_follows_next (id, story_id, email, threshold, status, created_at, confirm_sent_at, confirmed_at, ended_at, baseline, alerts, last_alert_at, last_error, kind, last_story_id)
    SELECT f.id, f.story_id, f.email, f.threshold, f.status, f.created_at, f.confirm_sent_at, f.confirmed_at, f.ended_at, f.baseline, f.alerts, f.last_alert_at, f.last_error, f.kind, f.last_story_id
    FROM story_follows f WHERE EXISTS (SELECT 1 FROM stories s WHERE s.id = f.story_id);
DROP TABLE story_follows;
ALTER TABLE story_follows_next RENAME TO story_follows;
CREATE INDEX ix_story_follows_status ON story_follows (status);

INSERT INTO story_follow_told (follow_id, story_id, told_at)
    SELECT k.follow_id, k.story_id, k.told_at FROM follow_told_kept k
    WHERE EXISTS (SELECT 1 FROM story_follows f WHERE f.id = k.follow_id) AND EXISTS (SELECT 1 FROM stories s WHERE s.id = k.story_id)
    ON CONFLICT (follow_id, story_id) DO NOTHING;
DROP TABLE follow_told_kept;
