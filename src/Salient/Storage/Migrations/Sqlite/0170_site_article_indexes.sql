-- An article row holds its page's text and HTML (some 8 KB), so in SQLite most of the row lies in overflow pages,
-- and its stage and story (stored after the text) can only be read by walking them: the day's rank read every
-- article of a day that way, and search every matching article. These two indexes hold what the site reads of an
-- article besides its title and link, so those reads never touch the row:
-- ix_articles_at_story, by time, for a day's rank and the counts of a window (it replaces ix_articles_at, whose
-- expression it leads with); ix_articles_site, by id, for the articles a full-text match names.
DROP INDEX IF EXISTS ix_articles_at;
CREATE INDEX ix_articles_at_story ON articles (COALESCE(published_at, discovered_at), story_id, stage);
CREATE INDEX ix_articles_site ON articles (id, stage, story_id, COALESCE(published_at, discovered_at));
