-- The front page (and a desk's or region's) shows the 100 most significant stories of a window: a day, or the last
-- 24 hours. Choosing them from ix_stories_activity_rank meant reading and sorting every story of the window. This
-- index holds the stories by UTC day of last activity and, within a day, in the order the page shows them (score,
-- then article count), with what the choice filters on, so each day of a window gives its best stories after reading
-- about that many index entries (SiteStore.SignificantSql).
CREATE INDEX ix_stories_day_rank ON stories (
    COALESCE(last_published, last_updated) / 86400000, COALESCE(score, -1), article_count, COALESCE(last_published, last_updated), status, merged_into);
