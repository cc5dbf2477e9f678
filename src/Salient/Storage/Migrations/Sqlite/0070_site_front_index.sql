-- The front page, the feeds and the API pick stories by last activity and then order them by score (or by
-- time). This index holds every column that choice reads, so the 100 stories to show are found from the
-- index alone and only those rows are read, instead of every story of the day. It leads with the same
-- expression as ix_stories_activity, which it replaces.
DROP INDEX IF EXISTS ix_stories_activity;
CREATE INDEX ix_stories_activity_rank ON stories (COALESCE(last_published, last_updated), score, article_count, status, merged_into);
