-- A story's sections, computed when it is scored: its desks (primary first, as ",politics,conflict,", so one LIKE
-- finds a desk), each desk's confidence as JSON [{"desk", "confidence"}], and the countries it is about (ISO 3166-1
-- alpha-2, most central first, as ",UA,RU,").

ALTER TABLE stories ADD COLUMN topics TEXT;
ALTER TABLE stories ADD COLUMN topic_scores TEXT;
ALTER TABLE stories ADD COLUMN about_countries TEXT;
