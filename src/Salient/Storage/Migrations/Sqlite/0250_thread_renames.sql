-- Threads: a story linked again leaves a thread it no longer matches (Stories/StoryThreads.cs). When the story whose id
-- the thread bears leaves, the thread goes on under the smallest id of its stories left; this row keeps the old id's
-- new name, so that /thread/{old id} still finds the thread (the latest rename of each id).

CREATE TABLE thread_renames (
    from_id    BIGINT PRIMARY KEY,
    to_id      BIGINT NOT NULL,
    renamed_at BIGINT NOT NULL
);
