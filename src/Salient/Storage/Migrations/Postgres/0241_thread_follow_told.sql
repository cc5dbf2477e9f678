-- Following a thread: the stories of the thread each follow has been told of, so that each is told once, when it
-- first reaches the reader's threshold, even after a newer story of the thread was told first. last_story_id stays
-- the newest story of the thread when the follow was confirmed: stories up to it were there already and are not news.

CREATE TABLE story_follow_told (
    follow_id BIGINT NOT NULL,
    story_id  BIGINT NOT NULL,
    told_at   BIGINT NOT NULL,
    PRIMARY KEY (follow_id, story_id)
);
