-- The site's index of "More on this topic" follows the stories whose profile changed: their centroid and articles
-- (grouping, which moves last_updated), their desks and countries (scoring) and their title (writing). Scoring and
-- writing leave last_updated alone, as it means "the articles changed" to the feeds, the API's since= and the work
-- queues; topic_updated (Unix milliseconds) moves with any of the three. Every change of last_updated carries it along,
-- whoever makes it; the section and title writers move it themselves, to at least one past its last value so that two
-- changes in one millisecond are still two.
ALTER TABLE stories ADD COLUMN topic_updated BIGINT NOT NULL DEFAULT 0;
UPDATE stories SET topic_updated = COALESCE(last_updated, 0);

CREATE FUNCTION salient_stories_topic_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.topic_updated := GREATEST(NEW.topic_updated, COALESCE(NEW.last_updated, 0));
    ELSE
        NEW.topic_updated := GREATEST(NEW.topic_updated, OLD.topic_updated + 1, COALESCE(NEW.last_updated, 0));
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER stories_topic_updated BEFORE INSERT OR UPDATE OF last_updated ON stories
FOR EACH ROW EXECUTE FUNCTION salient_stories_topic_updated();

CREATE INDEX ix_stories_topic_updated ON stories (topic_updated, id);
