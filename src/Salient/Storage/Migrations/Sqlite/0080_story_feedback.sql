-- What readers and the admin said about a story's score: should rank higher, lower, or about right. The story as
-- it was judged (title, lead, outlets, the score shown) is kept with the verdict, so the feedback stays a usable
-- label after the story grows or leaves the window. One verdict per story and client; a new one replaces it.

CREATE TABLE story_feedback (
    id          INTEGER PRIMARY KEY,
    story_id    INTEGER NOT NULL,
    client      TEXT    NOT NULL,
    by_admin    INTEGER NOT NULL DEFAULT 0,
    verdict     TEXT    NOT NULL CHECK (verdict IN ('higher', 'lower', 'right')),
    shown_score REAL    NOT NULL,
    title       TEXT    NOT NULL,
    lead        TEXT,
    source      TEXT,
    outlets     TEXT    NOT NULL DEFAULT '[]',
    created_at  INTEGER NOT NULL,
    UNIQUE (story_id, client)
);
CREATE INDEX ix_story_feedback_created ON story_feedback (created_at);
