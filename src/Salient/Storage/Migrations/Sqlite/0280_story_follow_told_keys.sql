-- What a thread's follower was told of belongs to the follow and to the story: deleting either deletes its rows, so
-- none is left pointing at nothing. Rows that already point at a follow or a story that no longer exists are dropped
-- here rather than stopping the migration. (SQLite adds a foreign key only by rebuilding the table.)

CREATE TABLE story_follow_told_next (
    follow_id BIGINT NOT NULL REFERENCES story_follows(id) ON DELETE CASCADE,
    story_id  BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    told_at   BIGINT NOT NULL,
    PRIMARY KEY (follow_id, story_id)
);
INSERT INTO story_follow_told_next (follow_id, story_id, told_at)
    SELECT t.follow_id, t.story_id, t.told_at FROM story_follow_told t
    WHERE EXISTS (SELECT 1 FROM story_follows f WHERE f.id = t.follow_id)
      AND EXISTS (SELECT 1 FROM stories s WHERE s.id = t.story_id);
DROP TABLE story_follow_told;
ALTER TABLE story_follow_told_next RENAME TO story_follow_told;
-- Deleting a story finds its rows without reading the whole table.
CREATE INDEX ix_story_follow_told_story ON story_follow_told (story_id);
