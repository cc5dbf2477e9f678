-- Lists of stories (the front page, the API) keep each story as the site shows it, read and cleaned once, and read it
-- again only when it changed. card_version says when: it goes up with every change to a column the site shows of a
-- story, whoever makes it, and when the title or lead of its representative article changes (shown until the story
-- has a title and summary of its own).
ALTER TABLE stories ADD COLUMN card_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER stories_card_version AFTER UPDATE OF title, summary, summary_sources, score, factors, reason, percentile, article_count, outlet_count, outlets, countries, first_seen, first_published, last_published, last_updated, topics, topic_scores, about_countries, language, representative_article_id, status, merged_into ON stories BEGIN
    UPDATE stories SET card_version = old.card_version + 1 WHERE id = new.id;
END;

CREATE TRIGGER articles_card_version AFTER UPDATE OF title, excerpt ON articles WHEN new.story_id IS NOT NULL BEGIN
    UPDATE stories SET card_version = card_version + 1 WHERE id = new.story_id AND representative_article_id = new.id;
END;
