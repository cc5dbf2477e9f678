-- Following a thread by e-mail: a follow of kind 'thread' is told of each new story of the thread of its story that
-- reaches the reader's threshold; last_story_id is the newest story of the thread it has been told of (or that was in
-- the thread when it was confirmed). One follow of each kind per story and address.

ALTER TABLE story_follows ADD COLUMN kind TEXT NOT NULL DEFAULT 'story' CHECK (kind IN ('story', 'thread'));
ALTER TABLE story_follows ADD COLUMN last_story_id BIGINT;
ALTER TABLE story_follows DROP CONSTRAINT story_follows_story_id_email_key;
ALTER TABLE story_follows ADD CONSTRAINT story_follows_story_id_email_kind_key UNIQUE (story_id, email, kind);
