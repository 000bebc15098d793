/**
 * Migration 21: the office admins' signed requests about their counters (server/counters), each id
 * once: a request sent again (a replay of a captured one) is refused.
 */
export const COUNTER_CHANGES_MIGRATION = {
  version: 21,
  name: 'office admins’ counter requests',
  sql: `
    CREATE TABLE counter_changes (
      id text PRIMARY KEY,
      office_id text NOT NULL,
      kind text NOT NULL,
      actor_id text NOT NULL,
      device_id text NOT NULL,
      made_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
