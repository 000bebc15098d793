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
  return {
    version: opts.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    indexes: opts.indexes ?? [],
  } as unknown as RxJsonSchema<T>;
}

/**
 * A dossier as stored locally: the shared Dossier plus flat derived fields the indexes need.
 * They are computed by `toDossierDoc` on every write and stripped by `fromDossierDoc`.
 */
export type DossierDoc = Dossier & {
  /** applicant.idNumber or taxCode, digits only (index: lookup by ID / tax code). */
  applicantIdNumber: string;
  /** applicant.phone, digits only, leading +84 folded to 0 (index: lookup by phone). */
  applicantPhone: string;
  /**
   * The name rotated to start at the given name (last token): 'nguyen van an' → 'an nguyen van',
   * so a prefix search on it finds people by given name ('an', 'an nguyen'). Added in v1.
   */
  applicantGiven: string;
};

/** Max lengths of indexed fields (RxDB index strings are padded to these). */
const ID_MAX = 64;
const ISO_MAX = 32;

export const DOSSIER_INDEXES: string[][] = [
  ['status', 'dueAt'],
  ['code'],
  ['applicantIdNumber'],
  ['applicantPhone'],
  ['applicantSearch'],
  ['applicantGiven'],
  ['receivedAt'],
];

/** v0 of the dossier collection (before the given-name index). Kept for the migration test. */
export const dossierSchemaV0 = build<Omit<DossierDoc, 'applicantGiven'>>(dossierSchema, {
  version: 0,
  strings: {
    id: ID_MAX,
    code: 40,
    status: 30,
    dueAt: ISO_MAX,
    applicantSearch: 200,
    receivedAt: ISO_MAX,
  },
  extra: {
    applicantIdNumber: { type: 'string', maxLength: 20 },
    applicantPhone: { type: 'string', maxLength: 20 },
  },
  indexes: DOSSIER_INDEXES.filter((i) => i[0] !== 'applicantGiven'),
});

export const dossierRxSchema = build<DossierDoc>(dossierSchema, {
  version: 1,
  strings: {
    id: ID_MAX,
    code: 40,
    status: 30,
    dueAt: ISO_MAX,
    applicantSearch: 200,
    receivedAt: ISO_MAX,
  },
  extra: {
    applicantIdNumber: { type: 'string', maxLength: 20 },
    applicantPhone: { type: 'string', maxLength: 20 },
    applicantGiven: { type: 'string', maxLength: 200 },
  },
  indexes: DOSSIER_INDEXES,
});

export const dossierEventRxSchema = build<DossierEvent>(dossierEventSchema, {
  version: 0,
  strings: { id: ID_MAX, dossierId: ID_MAX },
  // seq is indexed with the dossier: a bounded integer for RxDB's number index encoding.
  extra: { seq: { type: 'integer', minimum: 1, maximum: 1_000_000, multipleOf: 1 } },
  indexes: [['dossierId', 'seq']],
});

export const procedureRxSchema = build<Procedure>(procedureSchema, {
  version: 0,
  strings: { id: ID_MAX, sectorId: ID_MAX },
  indexes: [['sectorId']],
});
export const sectorRxSchema = build<Sector>(sectorSchema, { version: 0, strings: { id: ID_MAX } });
export const officerRxSchema = build<Officer>(officerSchema, {
  version: 0,
  strings: { id: ID_MAX, username: 50 },
  indexes: [['username']],
});
export const officeRxSchema = build<Office>(officeSchema, { version: 0, strings: { id: ID_MAX } });
export const counterRxSchema = build<Counter>(counterSchema, { version: 0, strings: { id: ID_MAX } });

/** Key-value settings: counter identity, code-allocator state, holiday schedules, session… */
export type SettingDoc = { id: string; value: unknown; updatedAt: string };
export const settingRxSchema: RxJsonSchema<SettingDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    value: {},
    updatedAt: { type: 'string', maxLength: ISO_MAX },
  },
  required: ['id', 'updatedAt'],
} as unknown as RxJsonSchema<SettingDoc>;

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
export const countsRxSchema: RxJsonSchema<CountsDoc> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    byStatus: { type: 'object', additionalProperties: { type: 'integer' } },
    due: { type: 'object' },
    checkpoint: {},
    updatedAt: { type: 'string', maxLength: ISO_MAX },
  },
  required: ['id', 'byStatus', 'due', 'updatedAt'],
} as unknown as RxJsonSchema<CountsDoc>;
