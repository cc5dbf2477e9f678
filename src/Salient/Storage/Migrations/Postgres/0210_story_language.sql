-- A story's language (that of most of its articles, the alphabetically first on a tie) was worked out per story on
-- every read, from its articles, for each of the 100 stories of a front page and the 200 of an API answer. It is now a
-- column of the story, filled here for the stories there are and kept by a trigger whenever an article joins or leaves
-- a story, changes its language, is added or is deleted: every path that moves an article keeps it, not only the
-- grouping stage. A story is written only when its language changes.
ALTER TABLE stories ADD COLUMN language TEXT;

CREATE FUNCTION salient_story_language(story BIGINT) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT la.language FROM articles la WHERE la.story_id = story AND la.language IS NOT NULL
    GROUP BY la.language ORDER BY COUNT(*) DESC, la.language LIMIT 1
$$;

UPDATE stories SET language = salient_story_language(id)
WHERE id IN (SELECT story_id FROM articles WHERE story_id IS NOT NULL AND language IS NOT NULL);

CREATE FUNCTION salient_articles_story_language() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.story_id IS NOT DISTINCT FROM NEW.story_id AND OLD.language IS NOT DISTINCT FROM NEW.language THEN
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF OLD.story_id IS NOT NULL THEN
            UPDATE stories SET language = salient_story_language(OLD.story_id)
            WHERE id = OLD.story_id AND language IS DISTINCT FROM salient_story_language(OLD.story_id);
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NEW.story_id IS NOT NULL THEN
            IF TG_OP = 'INSERT' OR NEW.story_id IS DISTINCT FROM OLD.story_id THEN
                UPDATE stories SET language = salient_story_language(NEW.story_id)
                    WHERE id = NEW.story_id AND language IS DISTINCT FROM salient_story_language(NEW.story_id);
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_story_language AFTER INSERT OR DELETE OR UPDATE OF story_id, language ON articles
FOR EACH ROW EXECUTE FUNCTION salient_articles_story_language();
