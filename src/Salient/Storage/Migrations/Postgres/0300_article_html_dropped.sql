-- The sanitised HTML of an article's page was kept beside its text and never read (a fifth of a store's size):
-- the text is what grouping, scoring and writing read, and the page stays at its link. It is no longer written,
-- and what was written is cleared. The column stays, empty, so older copies of a store still load.
UPDATE articles SET html = NULL WHERE html IS NOT NULL;
