-- Threads: one counter that every pass linking stories into threads raises when it writes. A pass notes it before it
-- reads the stories of its horizon and writes only if it is unchanged, so two workers linking at once never file a
-- story by a thread id the other has just moved; the one that lost reads again and links anew.

CREATE TABLE thread_epoch (
    id    INTEGER PRIMARY KEY,
    epoch BIGINT  NOT NULL
);
INSERT INTO thread_epoch (id, epoch) VALUES (1, 0);
