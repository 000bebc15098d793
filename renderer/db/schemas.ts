import { z } from 'zod';
import type { RxJsonSchema } from 'rxdb';
import {
  counterSchema,
  dossierEventSchema,
  dossierSchema,
  officeSchema,
  officerSchema,
  procedureSchema,
  sectorSchema,
  type Counter,
  type Dossier,
  type DossierEvent,
  type Office,
  type Officer,
  type Procedure,
  type Sector,
} from '../../shared/domain';
import { syncedHolidayScheduleSchema, type SyncedHolidaySchedule } from '../../shared/sync/contract';

/**
 * RxDB JSON schemas DERIVED from the shared zod schemas (one source): z.toJSONSchema, then adapted
 * for RxDB — primary key, version, indexes, and plain `{type:'string', maxLength}` on indexed
 * fields (RxDB needs a single type and a max length to build its index strings).
 */

type JsonObject = Record<string, unknown>;

function fromZod(schema: z.ZodType): { properties: Record<string, JsonObject>; required: string[] } {
  const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonObject;
  return {
    properties: structuredClone(json.properties) as Record<string, JsonObject>,
    required: [...((json.required as string[] | undefined) ?? [])],
  };
}

function build<T>(
  zodSchema: z.ZodType,
  opts: {
    version: number;
    indexes?: string[][];
    /** Indexed or derived string fields: plain string with a maximum length. */
    strings?: Record<string, number>;
    /** Extra derived (RxDB-only) properties, added to `required`. */
    extra?: Record<string, JsonObject>;
  },
): RxJsonSchema<T> {
  const { properties, required } = fromZod(zodSchema);
  for (const [field, maxLength] of Object.entries(opts.strings ?? {})) {
    properties[field] = { type: 'string', maxLength };
  }
  for (const [field, def] of Object.entries(opts.extra ?? {})) {
    properties[field] = def;
    if (!required.includes(field)) required.push(field);
  }
  return documentSchema<T>(opts.version, properties, required, opts.indexes ?? []);
}

/** An RxDB schema keyed by `id` with these properties (the shape every collection here shares). */
function documentSchema<T>(
  version: number,
  properties: Record<string, JsonObject>,
  required: string[],
  indexes?: string[][],
): RxJsonSchema<T> {
  // `indexes` only when given, so the schema (and RxDB's hash of it) stays as these were first written.
  const schema = {
    version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    ...(indexes && { indexes }),
  };
  return schema as unknown as RxJsonSchema<T>;
}

/**
 * A dossier as RxDB holds it: the shared Dossier plus flat derived fields the indexes need, computed
 * by `toDossierDoc` on every write and stripped by `fromDossierDoc`. Since v2 nothing derived from
 * the ID number or phone is here: the storage adds a keyed blind index for those (see
 * blind-index-storage.ts) and RxDB's field encryption hides the applicant's personal fields.
 */
export type DossierDoc = Dossier & {
  /**
   * The name rotated to start at the given name (last token): 'nguyen van an' → 'an nguyen van',
   * so a prefix search on it finds people by given name ('an', 'an nguyen'). Added in v1.
   */
  applicantGiven: string;
};

/** v0/v1 documents also carried the ID number (or tax code) and phone in clear, for their indexes. */
export type LegacyDossierDoc = DossierDoc & { applicantIdNumber: string; applicantPhone: string };

/** Max lengths of indexed fields (RxDB index strings are padded to these). */
const ID_MAX = 64;
const ISO_MAX = 32;

const LEGACY_DOSSIER_INDEXES: string[][] = [
  ['status', 'dueAt'],
  ['code'],
  ['applicantIdNumber'],
  ['applicantPhone'],
  ['applicantSearch'],
  ['applicantGiven'],
  ['receivedAt'],
];

/** Indexes RxDB knows of; the storage adds the blind-index ones (ID number, phone) below it. */
export const DOSSIER_INDEXES: string[][] = LEGACY_DOSSIER_INDEXES.filter(
  (i) => i[0] !== 'applicantIdNumber' && i[0] !== 'applicantPhone',
);

const DOSSIER_STRINGS = {
  id: ID_MAX,
  code: 40,
  status: 30,
  dueAt: ISO_MAX,
  applicantSearch: 200,
  receivedAt: ISO_MAX,
};
const LEGACY_LOOKUP_FIELDS = {
  applicantIdNumber: { type: 'string', maxLength: 20 },
  applicantPhone: { type: 'string', maxLength: 20 },
};

/**
 * The dossier as versions 0 to 2 stored it: without the procedure version and the clock-restart
 * count, so those versions' schemas (and the hashes RxDB stored for them) stay as they were.
 */
const dossierSchemaBeforeV3 = dossierSchema.omit({ procedureVersion: true, clockRestarts: true });

/** v0 of the dossier collection (before the given-name index). Kept for the migration tests. */
export const dossierSchemaV0 = build<Omit<LegacyDossierDoc, 'applicantGiven'>>(dossierSchemaBeforeV3, {
  version: 0,
  strings: DOSSIER_STRINGS,
  extra: LEGACY_LOOKUP_FIELDS,
  indexes: LEGACY_DOSSIER_INDEXES.filter((i) => i[0] !== 'applicantGiven'),
});

/** v1: the given-name index; ID number and phone still in clear. Replicas made before v2 hold it. */
export const dossierSchemaV1 = build<LegacyDossierDoc>(dossierSchemaBeforeV3, {
  version: 1,
  strings: DOSSIER_STRINGS,
  extra: { ...LEGACY_LOOKUP_FIELDS, applicantGiven: { type: 'string', maxLength: 200 } },
  indexes: LEGACY_DOSSIER_INDEXES,
});

/** v2: no plaintext lookup fields. Kept for the migration tests. */
export const dossierSchemaV2 = build<DossierDoc>(dossierSchemaBeforeV3, {
  version: 2,
  strings: DOSSIER_STRINGS,
  extra: { applicantGiven: { type: 'string', maxLength: 200 } },
  indexes: DOSSIER_INDEXES,
});

/**
 * v3: the procedure version recorded at receipt and the clock-restart count (both optional: a
 * dossier stored before them is handled under the version in force at its receipt, never
 * restarted). Plain here (other tests and tools open it without a key); createCounterDatabase
 * adds `encrypted` (see personal-data.ts) for the app's replica.
 */
export const dossierRxSchema = build<DossierDoc>(dossierSchema, {
  version: 3,
  strings: DOSSIER_STRINGS,
  extra: { applicantGiven: { type: 'string', maxLength: 200 } },
  indexes: DOSSIER_INDEXES,
});

export const dossierEventRxSchema = build<DossierEvent>(dossierEventSchema, {
  version: 0,
  strings: { id: ID_MAX, dossierId: ID_MAX },
  // seq is indexed with the dossier: a bounded integer for RxDB's number index encoding.
  extra: { seq: { type: 'integer', minimum: 1, maximum: 1_000_000, multipleOf: 1 } },
  indexes: [['dossierId', 'seq']],
});

/** The same schema with RxDB's field encryption on `paths` (the plugin stores them as strings). */
export function withEncryptedFields<T>(schema: RxJsonSchema<T>, paths: string[]): RxJsonSchema<T> {
  return { ...schema, encrypted: paths } as RxJsonSchema<T>;
}

/** The province's holiday schedules (one per year), pulled read-only from the server. */
export const holidayRxSchema = build<SyncedHolidaySchedule>(syncedHolidayScheduleSchema, {
  version: 0,
  strings: { id: ID_MAX },
});

/** v0: a procedure before versions. Kept for the migration tests. */
export const procedureSchemaV0 = build<Procedure>(procedureSchema.omit({ versions: true }), {
  version: 0,
  strings: { id: ID_MAX, sectorId: ID_MAX },
  indexes: [['sectorId']],
});
/** v1: the procedure's later versions (legal time, fees, documents by effective date). */
export const procedureRxSchema = build<Procedure>(procedureSchema, {
  version: 1,
  strings: { id: ID_MAX, sectorId: ID_MAX },
  indexes: [['sectorId']],
});
export const sectorRxSchema = build<Sector>(sectorSchema, { version: 0, strings: { id: ID_MAX } });
/** v0 of the officers collection, before the password state. Kept for the migration test. */
export const officerSchemaV0 = build<Officer>(
  officerSchema.omit({ signingKey: true, mustChangePassword: true, passwordChangedAt: true }),
  { version: 0, strings: { id: ID_MAX, username: 50 }, indexes: [['username']] },
);
/** v1: the password state (signing key, one-time flag, when the password was set). */
export const officerRxSchema = build<Officer>(officerSchema, {
  version: 1,
  strings: { id: ID_MAX, username: 50 },
  indexes: [['username']],
});
export const officeRxSchema = build<Office>(officeSchema, { version: 0, strings: { id: ID_MAX } });
export const counterRxSchema = build<Counter>(counterSchema, { version: 0, strings: { id: ID_MAX } });

/** Key-value settings: counter identity, code-allocator state, holiday schedules, session… */
export type SettingDoc = { id: string; value: unknown; updatedAt: string };
export const settingRxSchema = documentSchema<SettingDoc>(
  0,
  { id: { type: 'string', maxLength: 100 }, value: {}, updatedAt: { type: 'string', maxLength: ISO_MAX } },
  ['id', 'updatedAt'],
);

/**
 * Maintained queue counts: one document (`id: 'queue'`), rewritten as a whole so it is atomic.
 * `byStatus` counts every dossier per status; `due` counts dossiers per status per Vietnam-local
 * due day (active statuses only) so 'overdue' and 'due soon' need no scan. `checkpoint` is the
 * dossier-collection change checkpoint already applied (the staleness marker).
 */
export type CountsDoc = {
  id: string;
  byStatus: Record<string, number>;
  due: Record<string, Record<string, number>>;
  checkpoint: { id: string; lwt: number } | null;
  updatedAt: string;
};
export const countsRxSchema = documentSchema<CountsDoc>(
  0,
  {
    id: { type: 'string', maxLength: 40 },
    byStatus: { type: 'object', additionalProperties: { type: 'integer' } },
    due: { type: 'object' },
    checkpoint: {},
    updatedAt: { type: 'string', maxLength: ISO_MAX },
  },
  ['id', 'byStatus', 'due', 'updatedAt'],
);
