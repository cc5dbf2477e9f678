-- What a thread's follower was told of belongs to the follow and to the story: deleting either deletes its rows, so
-- none is left pointing at nothing. Rows that already point at a follow or a story that no longer exists are dropped
-- here rather than stopping the migration.

DELETE FROM story_follow_told t
WHERE NOT EXISTS (SELECT 1 FROM story_follows f WHERE f.id = t.follow_id)
   OR NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = t.story_id);
ALTER TABLE story_follow_told
    ADD CONSTRAINT story_follow_told_follow_fk FOREIGN KEY (follow_id) REFERENCES story_follows(id) ON DELETE CASCADE,
    ADD CONSTRAINT story_follow_told_story_fk FOREIGN KEY (story_id) REFERENCES stories(id) ON DELETE CASCADE;
-- Deleting a story finds its rows without reading the whole table.
CREATE INDEX ix_story_follow_told_story ON story_follow_told (story_id);
