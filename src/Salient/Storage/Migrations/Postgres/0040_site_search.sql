-- Full-text search for the site (tsvector expression indexes over stories and articles) and the
-- indexes its pages use: a story's last activity and an article's time.

CREATE INDEX ix_stories_search ON stories USING GIN (to_tsvector('simple', COALESCE(title, '') || ' ' || COALESCE(summary, '')));
CREATE INDEX ix_articles_search ON articles USING GIN (to_tsvector('simple', COALESCE(title, '') || ' ' || COALESCE(excerpt, feed_summary, '')));
CREATE INDEX ix_stories_activity ON stories ((COALESCE(last_published, last_updated)));
CREATE INDEX ix_articles_at ON articles ((COALESCE(published_at, discovered_at)));
