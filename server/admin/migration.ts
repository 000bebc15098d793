/**
 * Migration 10: the administration console's tables. Province and office admin accounts, their
 * sessions, the audit log of every admin change, and the sectors each office serves (an admin
 * setting the counters do not replicate).
 */
export const ADMIN_MIGRATION = {
  version: 10,
  name: 'admin accounts, sessions, audit log, office sectors',
  sql: `
    -- office_id NULL: a province admin (every office); else the one office the admin manages.
    CREATE TABLE admin_accounts (
      id text PRIMARY KEY,
      username text NOT NULL UNIQUE,
      password jsonb NOT NULL,
      office_id text,
      totp_secret text,
      totp_last_step bigint,
      failed_attempts int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- Only the token's SHA-256 is kept; a session ends after idle minutes without a request.
    CREATE TABLE admin_sessions (
      token_hash text PRIMARY KEY,
      admin_id text NOT NULL REFERENCES admin_accounts (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz
    );
    CREATE INDEX admin_sessions_by_admin ON admin_sessions (admin_id);
    -- Written in the same transaction as the change it records; never updated or deleted.
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      office_id text,
      action text NOT NULL,
      target_type text NOT NULL,
      target_id text NOT NULL,
      before jsonb,
      after jsonb
    );
    CREATE INDEX audit_log_by_office ON audit_log (office_id, at);
    CREATE INDEX audit_log_by_target ON audit_log (target_id, at);
    CREATE TABLE office_sectors (
      office_id text PRIMARY KEY,
      sector_ids text[] NOT NULL DEFAULT '{}'
    );
  `,
};
