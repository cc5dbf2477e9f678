-- Every score a story was given, with when and how big the story was then: the story page draws it, the API returns
-- it, and /calibration compares a story's first score with its score three days later.

CREATE TABLE story_scores (
    id            INTEGER PRIMARY KEY,
    story_id      INTEGER NOT NULL,
    scored_at     INTEGER NOT NULL,
    score         REAL    NOT NULL,
    factors       TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    outlet_count  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_story_scores_story ON story_scores (story_id, scored_at);
