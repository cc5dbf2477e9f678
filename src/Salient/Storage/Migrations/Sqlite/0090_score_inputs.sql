-- What the student read when it last scored a story (a hash of the story's embedding and its coverage), so a story
-- whose new version leaves those inputs as they were keeps its score instead of being scored again; the stories
-- waiting for a score, so claiming a batch reads those and not every story stored; and an index on when a story last
-- changed, which the site follows to keep its index of story centroids ("More on this topic") current.
ALTER TABLE stories ADD COLUMN score_inputs TEXT;
CREATE INDEX ix_stories_to_score ON stories (last_updated, id) WHERE scored_version IS NULL OR version > scored_version;
CREATE INDEX ix_stories_last_updated ON stories (last_updated);
