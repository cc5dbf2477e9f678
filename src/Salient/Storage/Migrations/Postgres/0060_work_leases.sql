-- Leases for work claimed on stories by workers sharing one database: scoring, and writing titles and summaries.
-- (Articles and sources carry lease_owner/lease_until since 0001; stories.lease_* stay free for other uses.)

ALTER TABLE stories ADD COLUMN score_lease_owner TEXT;
ALTER TABLE stories ADD COLUMN score_lease_until BIGINT;
ALTER TABLE stories ADD COLUMN write_lease_owner TEXT;
ALTER TABLE stories ADD COLUMN write_lease_until BIGINT;
CREATE INDEX ix_articles_lease ON articles (stage, lease_until);
