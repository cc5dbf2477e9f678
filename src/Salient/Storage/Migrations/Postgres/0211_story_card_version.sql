-- Lists of stories (the front page, the API) keep each story as the site shows it, read and cleaned once, and read it
-- again only when it changed. card_version says when: it goes up with every change to a column the site shows of a
-- story, whoever makes it, and when the title or lead of its representative article changes (shown until the story
-- has a title and summary of its own).
ALTER TABLE stories ADD COLUMN card_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION salient_stories_card_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.card_version := OLD.card_version + 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER stories_card_version BEFORE UPDATE OF title, summary, summary_sources, score, factors, reason, percentile, article_count, outlet_count, outlets, countries, first_seen, first_published, last_published, last_updated, topics, topic_scores, about_countries, language, representative_article_id, status, merged_into ON stories
FOR EACH ROW EXECUTE FUNCTION salient_stories_card_version();

CREATE FUNCTION salient_articles_card_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.story_id IS NOT NULL THEN
        UPDATE stories SET card_version = card_version + 1 WHERE id = NEW.story_id AND representative_article_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_card_version AFTER UPDATE OF title, excerpt ON articles
FOR EACH ROW EXECUTE FUNCTION salient_articles_card_version();
