import type pg from 'pg';
import type { CatalogueState } from '../../shared/catalogue';
import { officeSchema, procedureSchema, sectorSchema, type Office } from '../../shared/domain';
import {
  syncedHolidayScheduleSchema,
  type CollectionName,
  type SyncedHolidaySchedule,
} from '../../shared/sync/contract';
import type { z } from 'zod';
import type { CatalogueStore } from './store';

/**
 * What the console reads of the catalogue (live documents, as the counters pull them) and writes
 * through the catalogue's validated upsert, the path of `server/cli.ts import`.
 */
export class CatalogueAdminStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly catalogue: CatalogueStore,
  ) {}

  private async live<T>(collection: CollectionName, schema: z.ZodType<T>): Promise<T[]> {
    const res = await this.pool.query<{ doc: unknown }>(
      'SELECT doc FROM documents WHERE collection = $1 AND NOT deleted ORDER BY id',
      [collection],
    );
    return res.rows.flatMap((r) => {
      const parsed = schema.safeParse(r.doc);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async state(): Promise<CatalogueState> {
    const [procedures, sectors] = await Promise.all([
      this.live('procedures', procedureSchema),
      this.live('sectors', sectorSchema),
    ]);
    return { procedures, sectors };
  }

  offices(): Promise<Office[]> {
    return this.live('offices', officeSchema);
  }

  /** Each year's schedule the province holds: the latest written when a year has several documents. */
  async holidaySchedules(): Promise<SyncedHolidaySchedule[]> {
    const byYear = new Map<number, SyncedHolidaySchedule>();
    for (const doc of await this.live('holidays', syncedHolidayScheduleSchema)) {
      const held = byYear.get(doc.year);
      if (!held || held.updatedAt <= doc.updatedAt) byYear.set(doc.year, doc);
    }
    return [...byYear.values()].sort((a, b) => a.year - b.year);
  }

  /**
   * Writes live documents of one catalogue collection, `audit` in the same transaction; throws, and
   * writes nothing, if the catalogue refuses any.
   */
  async write(
    collection: CollectionName,
    docs: readonly { id: string }[],
    writer: string,
    audit: (client: pg.PoolClient) => Promise<void>,
  ): Promise<number> {
    if (docs.length === 0) return 0;
    const res = await this.catalogue.upsertCatalogue(
      collection,
      docs.map((d) => ({ ...d, _deleted: false })),
      writer,
      audit,
    );
    if (res.rejected.length > 0)
      throw new Error(
        `catalogue refused ${collection}: ${res.rejected.map((r) => `${r.id} ${r.detail}`).join('; ')}`,
      );
    return res.written;
  }
}
