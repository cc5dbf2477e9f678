-- The day's rank and the counts of a window read every article of a day by time, with its story and stage: this
-- index holds them, so those reads can be answered from the index (it replaces ix_articles_at, whose expression it
-- leads with). PostgreSQL keeps an article's long text apart from its row (TOAST), so reading the story of a
-- matching article is cheap here and needs no second index by id, as SQLite does.
DROP INDEX IF EXISTS ix_articles_at;
CREATE INDEX ix_articles_at_story ON articles ((COALESCE(published_at, discovered_at)), story_id, stage);
