-- Full-text search for the site (FTS5 over stories and articles, kept in step by triggers) and the
-- indexes its pages use: a story's last activity and an article's time.

CREATE VIRTUAL TABLE stories_fts USING fts5(title, summary, tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO stories_fts(rowid, title, summary) SELECT id, title, summary FROM stories;

CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
    INSERT INTO stories_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
    DELETE FROM stories_fts WHERE rowid = old.id;
END;
CREATE TRIGGER stories_fts_update AFTER UPDATE OF title, summary ON stories BEGIN
    DELETE FROM stories_fts WHERE rowid = old.id;
    INSERT INTO stories_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;

CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO articles_fts(rowid, title, body) SELECT id, title, COALESCE(excerpt, feed_summary) FROM articles;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, COALESCE(new.excerpt, new.feed_summary));
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, excerpt, feed_summary ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, COALESCE(new.excerpt, new.feed_summary));
END;

CREATE INDEX ix_stories_activity ON stories (COALESCE(last_published, last_updated));
CREATE INDEX ix_articles_at ON articles (COALESCE(published_at, discovered_at));
