import type pg from 'pg';
import { ADMIN_MIGRATION } from '../admin/migration';
import { COUNTER_CHANGES_MIGRATION } from '../counters/migration';

/** Versioned migrations, applied in order, each in its own transaction. Never edit a shipped one. */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'replication store, devices, enrolment, conflicts',
    sql: `
      CREATE SEQUENCE change_seq AS bigint;
      -- One row per document of every replicated collection. seq is the server's order, kept outside
      -- the document body; office_id NULL means visible to every office (catalogue).
      CREATE TABLE documents (
        collection text NOT NULL,
        id text NOT NULL,
        office_id text,
        seq bigint NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        doc jsonb NOT NULL,
        written_by text,
        written_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (collection, id)
      );
      CREATE UNIQUE INDEX documents_seq ON documents (collection, seq);
      CREATE INDEX documents_office_seq ON documents (collection, office_id, seq);
      CREATE INDEX events_by_dossier ON documents ((doc->>'dossierId'), ((doc->>'seq')::int))
        WHERE collection = 'dossier_events';
      CREATE TABLE devices (
        id text PRIMARY KEY,
        office_id text NOT NULL,
        counter_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('counter', 'province')),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz,
        revoked_at timestamptz
      );
      CREATE TABLE enrol_codes (
        code_hash text PRIMARY KEY,
        office_id text NOT NULL,
        role text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by text
      );
      CREATE TABLE conflicts (
        id bigserial PRIMARY KEY,
        collection text NOT NULL,
        doc_id text NOT NULL,
        office_id text NOT NULL,
        fields text[] NOT NULL,
        ancestor jsonb,
        master jsonb NOT NULL,
        incoming jsonb NOT NULL,
        device_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz
      );
      CREATE INDEX conflicts_open ON conflicts (office_id) WHERE resolved_at IS NULL;
    `,
  },
  {
    version: 2,
    name: 'dossier-code lease state per office',
    sql: `
      CREATE TABLE code_lease_state (
        office_id text PRIMARY KEY,
        state jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 3,
    name: 'the replica that wrote each document version',
    sql: `
      -- The sync client (one run of a counter's replication) whose push this version is, as pushed;
      -- NULL when the server wrote it (a merge, the catalogue). A pull by that replica skips it.
      ALTER TABLE documents ADD COLUMN replica text;
    `,
  },
  {
    version: 4,
    name: 'documents stored as their JSON text',
    sql: `
      -- Every pushed document was parsed into jsonb on the way in and printed back to text for every
      -- pull: a third of PostgreSQL's work in a sync. json keeps the text the server wrote
      -- (JSON.stringify of the checked document); the few lookups into it (dossierId, hash, status
      -- of events; officers' active flag) read that text. The events_by_dossier index is rebuilt.
      ALTER TABLE documents ALTER COLUMN doc TYPE json USING doc::json;
    `,
  },
  {
    version: 5,
    name: "events' dossier and chain position as columns",
    sql: `
      -- The events_by_dossier index read each event's JSON text twice on every insert (dossierId,
      -- seq), a fifth of the cost of writing an event. The server now writes both beside the text;
      -- NULL for the documents of other collections.
      ALTER TABLE documents ADD COLUMN dossier_id text, ADD COLUMN chain_seq int;
      UPDATE documents SET dossier_id = doc->>'dossierId', chain_seq = (doc->>'seq')::int
        WHERE collection = 'dossier_events';
      DROP INDEX events_by_dossier;
      CREATE INDEX events_by_dossier ON documents (dossier_id, chain_seq) WHERE collection = 'dossier_events';
    `,
  },
  {
    version: 6,
    name: "events' hash and resulting status as columns",
    sql: `
      -- A pushed dossier is checked against the event it names as its latest, looked up by hash among
      -- its dossier's events: reading doc->>'hash' parsed the JSON text of each of them (two thirds of
      -- PostgreSQL's time in the push checks). The server now writes each event's hash and the status
      -- it leads to beside the text; NULL for the documents of other collections.
      ALTER TABLE documents ADD COLUMN chain_hash text, ADD COLUMN chain_to text;
      UPDATE documents SET chain_hash = doc->>'hash', chain_to = doc->>'to'
        WHERE collection = 'dossier_events';
    `,
  },
  {
    version: 7,
    name: 'one dossier per code in an office',
    sql: `
      -- A conflict says what it is about: 'fields' (the field merge could not decide) or
      -- 'duplicate_code' (a dossier refused because another dossier of its office holds its code:
      -- master is the dossier holding the code, incoming the refused one, kept whole).
      ALTER TABLE conflicts ADD COLUMN kind text NOT NULL DEFAULT 'fields'
        CHECK (kind IN ('fields', 'duplicate_code'));
      -- A counter pushing a refused dossier again updates its open record rather than adding one.
      CREATE UNIQUE INDEX conflicts_open_duplicate ON conflicts (doc_id)
        WHERE kind = 'duplicate_code' AND resolved_at IS NULL;
      -- Dossiers stored before this rule that share a code with a dossier of their office stored
      -- earlier are moved to the supervisor as refused duplicates, as a push of them is from now on:
      -- kept whole in the conflict record, their events left in place. The counters holding them
      -- keep their copies (no tombstone is written).
      WITH ranked AS (
        SELECT id, office_id, doc, written_by,
          first_value(id) OVER (PARTITION BY office_id, doc->>'code' ORDER BY seq) AS kept_id
        FROM documents
        WHERE collection = 'dossiers' AND NOT deleted AND doc->>'code' <> ''
      ), moved AS (
        INSERT INTO conflicts (collection, doc_id, office_id, fields, ancestor, master, incoming, device_id, kind)
        SELECT 'dossiers', r.id, r.office_id, ARRAY['code'], NULL,
          k.doc::jsonb || '{"_deleted": false}', r.doc::jsonb || '{"_deleted": false}',
          coalesce(r.written_by, 'server'), 'duplicate_code'
        FROM ranked r JOIN documents k ON k.collection = 'dossiers' AND k.id = r.kept_id
        WHERE r.id <> r.kept_id
        RETURNING doc_id
      )
      DELETE FROM documents d USING moved m WHERE d.collection = 'dossiers' AND d.id = m.doc_id;
      -- The rule itself, in the database: whatever writes the documents table, an office holds a
      -- dossier code at most once. Dossiers without a code (incomplete, refused at intake) and
      -- tombstones are left out.
      CREATE UNIQUE INDEX dossiers_office_code ON documents (office_id, (doc->>'code'))
        WHERE collection = 'dossiers' AND NOT deleted AND doc->>'code' <> '';
    `,
  },
  {
    version: 8,
    name: 'enrolment codes name their counter',
    sql: `
      -- The counter a code enrols a PC as (role counter); NULL for province codes and for counter
      -- codes issued without one, where the PC names its counter itself.
      ALTER TABLE enrol_codes ADD COLUMN counter_id text;
    `,
  },
  {
    version: 9,
    name: 'officer password and active changes',
    sql: `
      -- Every change to an officer's password or active flag (from a counter, the admin routes or the
      -- CLI), once: a counter's change id is its key, so a change sent again is a duplicate, never
      -- applied twice. Also the audit of who reset or deactivated whom, from which device.
      CREATE TABLE officer_changes (
        id text PRIMARY KEY,
        office_id text NOT NULL,
        officer_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('set_password', 'reset_password', 'set_active')),
        actor_id text NOT NULL,
        device_id text,
        made_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX officer_changes_by_officer ON officer_changes (officer_id, applied_at);
    `,
  },
  ADMIN_MIGRATION,
  {
    version: 13,
    name: "officers' roles over time",
    sql: `
      -- The roster's history: each period an officer held a set of roles in an office. roles is empty
      -- while the officer is inactive or removed from the roster; valid_to NULL: the period still
      -- runs. A pushed event is decided with the roles its officer held at the event's time, so a
      -- step taken offline before a role was removed is still accepted, and one dated before the
      -- role was given (or before the officer was listed) is refused.
      CREATE TABLE officer_role_periods (
        id bigserial PRIMARY KEY,
        officer_id text NOT NULL,
        office_id text NOT NULL,
        roles text[] NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz,
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      );
      CREATE UNIQUE INDEX officer_role_periods_open ON officer_role_periods (officer_id) WHERE valid_to IS NULL;
      CREATE INDEX officer_role_periods_by_officer ON officer_role_periods (officer_id, valid_from);
      -- Written by the database whenever an officer's document is written (the catalogue import, the
      -- CLI, the officers routes, anything later): a change of office, roles or active flag closes the
      -- open period and opens the next one at the time of the change. An officer's first period
      -- starts when the province's record says it was made (its updatedAt), never later than now.
      CREATE FUNCTION record_officer_roles() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        held text[];
        open_period officer_role_periods%ROWTYPE;
        since timestamptz := clock_timestamp();
      BEGIN
        IF NEW.deleted OR NOT coalesce((NEW.doc->>'active')::boolean, false) THEN
          held := '{}';
        ELSE
          held := ARRAY(SELECT DISTINCT r FROM json_array_elements_text(NEW.doc->'roles') AS r ORDER BY r);
        END IF;
        SELECT * INTO open_period FROM officer_role_periods
          WHERE officer_id = NEW.id AND valid_to IS NULL FOR UPDATE;
        IF FOUND THEN
          IF open_period.office_id = coalesce(NEW.office_id, '') AND open_period.roles = held THEN
            RETURN NULL;
          END IF;
          since := greatest(since, open_period.valid_from);
          UPDATE officer_role_periods SET valid_to = since WHERE id = open_period.id;
        ELSE
          since := least(since, (NEW.doc->>'updatedAt')::timestamptz);
        END IF;
        INSERT INTO officer_role_periods (officer_id, office_id, roles, valid_from)
          VALUES (NEW.id, coalesce(NEW.office_id, ''), held, since);
        RETURN NULL;
      END
      $fn$;
      CREATE TRIGGER officer_role_history AFTER INSERT OR UPDATE ON documents
        FOR EACH ROW WHEN (NEW.collection = 'officers') EXECUTE FUNCTION record_officer_roles();
      -- Officers listed before this history: their roles now are taken as held since ever (nothing
      -- recorded says otherwise), so what they did offline is decided as it was before the upgrade.
      INSERT INTO officer_role_periods (officer_id, office_id, roles, valid_from)
      SELECT id, coalesce(office_id, ''),
        CASE WHEN deleted OR NOT coalesce((doc->>'active')::boolean, false) THEN '{}'::text[]
          ELSE ARRAY(SELECT DISTINCT r FROM json_array_elements_text(doc->'roles') AS r ORDER BY r) END,
        '-infinity'
      FROM documents WHERE collection = 'officers';
    `,
  },
  {
    version: 14,
    name: 'report records',
    sql: `
      -- One row per dossier taken in for processing: what a period report needs of it (its report
      -- record, shared/reports), so a province-wide report is one GROUP BY over narrow indexed rows
      -- instead of reading every dossier and its events. Brought up to date from the documents
      -- changed since report_watermark.seq before each report (server/reports/records.ts).
      CREATE TABLE report_records (
        dossier_id text PRIMARY KEY,
        office_id text NOT NULL,
        sector_id text NOT NULL,
        procedure_id text NOT NULL,
        receiver_id text NOT NULL,
        channel text NOT NULL,
        code text NOT NULL,
        procedure_name text NOT NULL,
        received_at timestamptz NOT NULL,
        resolved_at timestamptz,
        refused boolean NOT NULL,
        -- NULL when no clock ran (the shared record's '').
        deadline_at_resolution timestamptz,
        returned_at timestamptz,
        withdrawn_at timestamptz,
        stopped_at timestamptz,
        -- The first of resolved, withdrawn, stopped; NULL while open.
        closed_at timestamptz,
        -- The last moment it counts in a period (closed or returned); NULL while open.
        active_until timestamptz,
        supplement_at timestamptz[] NOT NULL,
        -- The judged deadline over time: from deadline_from[i] on it was deadline_due[i] (NULL: none).
        deadline_from timestamptz[] NOT NULL,
        deadline_due timestamptz[] NOT NULL,
        rating text
      );
      CREATE INDEX report_records_office ON report_records (office_id, received_at);
      CREATE INDEX report_records_active ON report_records (active_until);
      CREATE TABLE report_watermark (id int PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL);
      INSERT INTO report_watermark VALUES (1, 0);
    `,
  },
  {
    version: 15,
    name: 'scans referenced by dossier events',
    sql: `
      -- Which office may read a scan file: one whose dossier records it (an attach_scan event).
      CREATE INDEX scan_references ON documents ((doc->'payload'->>'sha256'), office_id)
        WHERE collection = 'dossier_events' AND doc->>'type' = 'attach_scan';
    `,
  },
  {
    version: 16,
    name: 'device reports',
    sql: `
      -- What each counter last said of itself on a sync request (shared/sync/contract
      -- DEVICE_REPORT_HEADERS), for the console's device list.
      ALTER TABLE devices
        ADD COLUMN app_version text,
        ADD COLUMN clock_offset_ms bigint,
        ADD COLUMN pending_changes int;
    `,
  },
  {
    version: 17,
    name: 'report records digitisation',
    sql: `
      -- Index 766 digitisation (shared/reports record.ts): when every component of the dossier had
      -- its file attached, and when its result was digitised. The watermark goes back to 0 so the
      -- next report rebuilds every record with them.
      ALTER TABLE report_records
        ADD COLUMN components_digitised_at timestamptz,
        ADD COLUMN result_digitised_at timestamptz;
      UPDATE report_watermark SET seq = 0 WHERE id = 1;
    `,
  },
  {
    version: 18,
    name: 'report records keep their timeliness and Vietnam days',
    sql: `
      -- What a period report would otherwise recompute for every row of every report: whether a
      -- resolution was early (a Vietnam calendar day before the deadline's), late (after the deadline
      -- instant) or on time (otherwise, or no clock ran), as shared/reports placeInPeriod judges it;
      -- and the Vietnam calendar days (UTC+7) it was received and resolved on, for the daily counts.
      ALTER TABLE report_records
        ADD COLUMN timeliness text GENERATED ALWAYS AS (CASE
          WHEN resolved_at IS NULL THEN NULL
          WHEN deadline_at_resolution IS NULL THEN 'on_time'
          WHEN ((resolved_at AT TIME ZONE 'UTC') + interval '7 hours')::date
             < ((deadline_at_resolution AT TIME ZONE 'UTC') + interval '7 hours')::date THEN 'early'
          WHEN resolved_at > deadline_at_resolution THEN 'late'
          ELSE 'on_time' END) STORED,
        ADD COLUMN received_day date
          GENERATED ALWAYS AS (((received_at AT TIME ZONE 'UTC') + interval '7 hours')::date) STORED,
        ADD COLUMN resolved_day date
          GENERATED ALWAYS AS (((resolved_at AT TIME ZONE 'UTC') + interval '7 hours')::date) STORED;
    `,
  },
  {
    version: 20,
    name: 'dossier lookups by ID number and name',
    sql: `
      -- A counter asks for a dossier its replica does not hold yet (server/dossiers/lookup.ts): by
      -- code (dossiers_office_code), ID number or tax code, and a prefix of the name or of the name
      -- given first, within its office. text_pattern_ops serves the prefix as a range.
      CREATE INDEX dossiers_office_id_number ON documents (office_id, (doc->'applicant'->>'idNumber'))
        WHERE collection = 'dossiers' AND NOT deleted;
      CREATE INDEX dossiers_office_tax_code ON documents (office_id, (doc->'applicant'->>'taxCode'))
        WHERE collection = 'dossiers' AND NOT deleted;
      CREATE INDEX dossiers_office_name ON documents (office_id, (doc->>'applicantSearch') text_pattern_ops)
        WHERE collection = 'dossiers' AND NOT deleted;
      CREATE INDEX dossiers_office_given_name ON documents
        (office_id, (regexp_replace(doc->>'applicantSearch', '^(.*) (\\S+)$', '\\2 \\1')) text_pattern_ops)
        WHERE collection = 'dossiers' AND NOT deleted;
    `,
  },
  COUNTER_CHANGES_MIGRATION,
];

/** Applies the migrations not yet applied, up to `upTo` (all by default); answers those it applied. */
export async function migrate(pool: pg.Pool, upTo = Infinity): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    // Two servers starting together must not both migrate.
    await client.query('SELECT pg_advisory_lock(7, 1)');
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version) || m.version > upTo) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
        await client.query('COMMIT');
        applied.push(m.version);
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    await client.query('SELECT pg_advisory_unlock(7, 1)');
    return applied;
  } finally {
    client.release();
  }
}
