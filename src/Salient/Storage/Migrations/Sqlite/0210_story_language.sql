-- A story's language (that of most of its articles, the alphabetically first on a tie) was worked out per story on
-- every read, from its articles, for each of the 100 stories of a front page and the 200 of an API answer. It is now a
-- column of the story, filled here for the stories there are and kept by triggers whenever an article joins or leaves
-- a story, changes its language, is added or is deleted: every path that moves an article keeps it, not only the
-- grouping stage. A story is written only when its language changes.
ALTER TABLE stories ADD COLUMN language TEXT;

UPDATE stories SET language = (
    SELECT la.language FROM articles la WHERE la.story_id = stories.id AND la.language IS NOT NULL
    GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1)
WHERE id IN (SELECT story_id FROM articles WHERE story_id IS NOT NULL AND language IS NOT NULL);

CREATE TRIGGER articles_story_language_insert AFTER INSERT ON articles WHEN new.story_id IS NOT NULL BEGIN
    UPDATE stories SET language = (
        SELECT la.language FROM articles la WHERE la.story_id = new.story_id AND la.language IS NOT NULL
        GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1)
    WHERE id = new.story_id AND language IS NOT (
        SELECT la.language FROM articles la WHERE la.story_id = new.story_id AND la.language IS NOT NULL
        GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1);
END;

CREATE TRIGGER articles_story_language_update AFTER UPDATE OF story_id, language ON articles
WHEN old.story_id IS NOT new.story_id OR old.language IS NOT new.language BEGIN
    UPDATE stories SET language = (
        SELECT la.language FROM articles la WHERE la.story_id = old.story_id AND la.language IS NOT NULL
        GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1)
    WHERE id = old.story_id AND language IS NOT (
        SELECT la.language FROM articles la WHERE la.story_id = old.story_id AND la.language IS NOT NULL
        GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1);
    UPDATE stories SET language = (
        SELECT la.language FROM articles la WHERE la.story_id = new.story_id AND la.language IS NOT NULL
        GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1)
    WHERE id = new.story_id AND new.story_id IS NOT old.story_id AND language IS NOT (
        SELECT la.language FROM articles la WHERE la.story_id = new.story_id AND la.language IS NOT NULL
        GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1);
END;

CREATE TRIGGER articles_story_language_delete AFTER DELETE ON articles WHEN old.story_id IS NOT NULL BEGIN
    UPDATE stories SET language = (
        SELECT la.language FROM articles la WHERE la.story_id = old.story_id AND la.language IS NOT NULL
        GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1)
    WHERE id = old.story_id AND language IS NOT (
        SELECT la.language FROM articles la WHERE la.story_id = old.story_id AND la.language IS NOT NULL
        GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1);
END;
