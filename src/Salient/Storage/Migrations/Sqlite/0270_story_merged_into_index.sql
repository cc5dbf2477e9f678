-- A merge moves every story already redirected to the absorbed one (merged_into = the absorbed id) on to the survivor,
-- and the digest reads which sent stories were merged into a candidate: both look stories up by merged_into, which
-- no index led with, so each merge read every story. Only merged stories have it, so the index holds only those.
CREATE INDEX ix_stories_merged_into ON stories (merged_into) WHERE merged_into IS NOT NULL;
