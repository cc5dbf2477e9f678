-- What was done in the admin, when and from which address: shown in the admin, kept for the operator.
CREATE TABLE admin_audit (
    id      INTEGER PRIMARY KEY,
    at      BIGINT NOT NULL,
    action  TEXT NOT NULL,
    detail  TEXT,
    client  TEXT NOT NULL
);
CREATE INDEX ix_admin_audit_at ON admin_audit (at);
