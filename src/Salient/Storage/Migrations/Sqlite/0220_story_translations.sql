-- Machine translations of the titles and summaries of stories in a language other than the readers'
-- (Site:Language), made by the configured LLM and checked before use. The accepted translation (title, summary,
-- model, translated_at) stays stored with a hash of the original it was made from, so a story whose text changes
-- shows its original until a new translation passes. The state of the latest attempt (status, attempts,
-- last_error, next_attempt_at) is for the text of written_version source_version; failures wait next_attempt_at.

CREATE TABLE story_translations (
    story_id        INTEGER PRIMARY KEY,
    language        TEXT,
    title           TEXT,
    summary         TEXT,
    model           TEXT,
    source_hash     TEXT,
    translated_at   INTEGER,
    source_version  INTEGER,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'translated', 'rejected', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    last_attempt_at INTEGER,
    next_attempt_at INTEGER,
    lease_owner     TEXT,
    lease_until     INTEGER
);
