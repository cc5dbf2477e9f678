-- A follow belongs to its story: deleting the story deletes its follows (and, by migration 0280, what their readers
-- were told of), so no follow is left on a story that no longer exists; merging moves them (StoryStore.ApplyAsync).
-- Follows already left on a story that no longer exists are dropped here rather than stopping the migration.
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

DELETE FROM story_follows WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = story_follows.story_id);
ALTER TABLE story_follows DROP CONSTRAINT IF EXISTS story_follows_story_fk;
ALTER TABLE story_follows
    ADD CONSTRAINT story_follows_story_fk FOREIGN KEY (story_id) REFERENCES stories(id) ON DELETE CASCADE;
