-- "More on this topic" compares a story with the stories published near it: index that time, so the
-- candidates are found without reading every story's centroid.
CREATE INDEX ix_stories_last_published ON stories (last_published);
