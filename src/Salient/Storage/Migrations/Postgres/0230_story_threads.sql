-- Threads: the successive stories of one long-running topic (a war, a campaign, a trial), linked when a story is
-- scored (Stories/StoryThreads.cs). thread_id is the id of a story in the thread, the oldest thread's when two join;
-- NULL while a story is linked to none.

ALTER TABLE stories ADD COLUMN thread_id BIGINT;
CREATE INDEX ix_stories_thread ON stories (thread_id);
