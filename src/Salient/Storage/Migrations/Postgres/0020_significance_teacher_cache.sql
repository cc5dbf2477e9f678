-- Answers of the LLM teacher, by a hash of what it was asked (rubric version, model, title, text, outlets),
-- so relabelling the same stories costs nothing. Append-only: change the schema in a new file.

CREATE TABLE significance_teacher_cache (
    content_hash  TEXT   PRIMARY KEY,
    model         TEXT   NOT NULL,
    rubric        TEXT   NOT NULL,
    factors       TEXT   NOT NULL,
    reason        TEXT   NOT NULL,
    input_tokens  BIGINT,
    output_tokens BIGINT,
    created_at    BIGINT NOT NULL
);
