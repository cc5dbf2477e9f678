-- The site's index of "More on this topic" follows the stories whose profile changed: their centroid and articles
-- (grouping, which moves last_updated), their desks and countries (scoring) and their title (writing). Scoring and
-- writing leave last_updated alone, as it means "the articles changed" to the feeds, the API's since= and the work
-- queues; topic_updated (Unix milliseconds) moves with any of the three. Every change of last_updated carries it along,
-- whoever makes it; the section and title writers move it themselves, to at least one past its last value so that two
-- changes in one millisecond are still two.
ALTER TABLE stories ADD COLUMN topic_updated INTEGER NOT NULL DEFAULT 0;
UPDATE stories SET topic_updated = COALESCE(last_updated, 0);

CREATE TRIGGER stories_topic_updated_insert AFTER INSERT ON stories WHEN new.topic_updated < COALESCE(new.last_updated, 0) BEGIN
    UPDATE stories SET topic_updated = new.last_updated WHERE id = new.id;
END;

CREATE TRIGGER stories_topic_updated AFTER UPDATE OF last_updated ON stories BEGIN
    UPDATE stories SET topic_updated = MAX(new.topic_updated, old.topic_updated + 1, COALESCE(new.last_updated, 0)) WHERE id = new.id;
END;

CREATE INDEX ix_stories_topic_updated ON stories (topic_updated, id);
