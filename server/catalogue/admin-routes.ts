/**
 * The console's procedure catalogue: list, export and import as a workbook (preview, then commit),
 * and the public listing of an office. The workbook is read and checked again at commit: the
 * server trusts nothing the browser says it previewed. Every write goes to the audit log.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  MAX_WORKBOOK_BYTES,
  XLSX_TYPE,
  catalogueRows,
  parseCatalogueSheet,
  planImport,
  summaryOf,
  type ImportLine,
  type ImportPlan,
} from '../../shared/catalogue';
import { isoDateSchema } from '../../shared/domain';
import { procedureAsOf, vietnamDateOf } from '../../shared/rules';
import { fail, replyToError } from '../http/reply';
import { provinceAdmin, requireAdmins, type AdminPluginOptions, type AuditWriter } from './admin-auth';
import type { CatalogueAdminStore } from './admin-store';
import { readCatalogueWorkbook, writeCatalogueWorkbook } from './workbook';

export interface CatalogueAdminRoutesOptions extends AdminPluginOptions {
  store: CatalogueAdminStore;
  /** The server's clock (tests set it). */
  now?: () => Date;
}

/** A workbook upload, kept out of reach of the generic body walkers (it has no enumerable fields). */
class WorkbookBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

const WRITE_BATCH = 200;

/** Starts an NDJSON answer; `line` writes one message. */
function ndjson(reply: FastifyReply): { line(message: ImportLine): void; end(): void } {
  const out = new PassThrough();
  void reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(out);
  return { line: (message) => out.write(`${JSON.stringify(message)}\n`), end: () => out.end() };
}

async function writePlan(
  plan: ImportPlan,
  opts: { store: CatalogueAdminStore; audit: AuditWriter; adminId: string },
  progress: (done: number, total: number) => void,
): Promise<{ procedures: number; sectors: number }> {
  const { store, audit, adminId } = opts;
  const sectors = await store.write('sectors', plan.sectorsAdded, adminId, async (client) => {
    for (const sector of plan.sectorsAdded)
      await audit(
        {
          adminId,
          action: 'catalogue.sector.add',
          target: `sector:${sector.id}`,
          before: null,
          after: sector,
        },
        client,
      );
  });
  const writes = plan.procedures.filter((p) => p.status !== 'unchanged');
  let procedures = 0;
  progress(0, writes.length);
  for (let i = 0; i < writes.length; i += WRITE_BATCH) {
    const batch = writes.slice(i, i + WRITE_BATCH);
    procedures += await store.write(
      'procedures',
      batch.map((p) => p.after),
      adminId,
      async (client) => {
        for (const p of batch)
          await audit(
            {
              adminId,
              action: p.status === 'added' ? 'catalogue.procedure.add' : 'catalogue.procedure.change',
              target: `procedure:${p.after.id}`,
              before: p.before,
              after: p.after,
            },
            client,
          );
      },
    );
    progress(procedures, writes.length);
  }
  return { procedures, sectors };
}

export async function catalogueAdminRoutes(
  app: FastifyInstance,
  opts: CatalogueAdminRoutesOptions,
): Promise<void> {
  const { store, audit } = opts;
  const now = opts.now ?? (() => new Date());
  requireAdmins(app, opts.authenticate);
  // A workbook over the limit: its reason code (the console words it) and a message an admin reads.
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) =>
    err.statusCode === 413
      ? fail(reply, 413, 'payload_too_large', `Tệp quá lớn: tối đa ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB`)
      : replyToError(err, req, reply),
  );
  for (const type of [XLSX_TYPE, 'application/octet-stream'])
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_WORKBOOK_BYTES }, (_req, body, done) =>
      done(null, new WorkbookBody(body as Buffer)),
    );

  app.get('/catalogue/procedures', async () => store.state());

  app.get('/catalogue/offices', async (req) => {
    const offices = await store.offices();
    return req.consoleAdmin?.officeId ? offices.filter((o) => o.id === req.consoleAdmin?.officeId) : offices;
  });

  app.get('/catalogue/export', { compress: false }, async (_req, reply) => {
    const { procedures, sectors } = await store.state();
    const at = now();
    const bytes = await writeCatalogueWorkbook(catalogueRows(procedures, sectors), at);
    return reply
      .type(XLSX_TYPE)
      .header(
        'content-disposition',
        `attachment; filename="danh-muc-thu-tuc-${vietnamDateOf(at.toISOString())}.xlsx"`,
      )
      .header('content-length', bytes.byteLength)
      .send(Buffer.from(bytes));
  });

  /** Reads, checks and plans an uploaded workbook, then (commit) writes it; streams progress. */
  const importRoute = (commit: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (commit && !provinceAdmin(req, reply)) return reply;
    if (!(req.body instanceof WorkbookBody))
      return fail(reply, 415, 'bad_request', `Gửi tệp Excel (.xlsx) với content-type ${XLSX_TYPE}.`);
    const bytes = req.body.bytes;
    const out = ndjson(reply);
    try {
      out.line(
        await importWorkbook(bytes, commit, req.consoleAdmin?.adminId ?? '', (line) => out.line(line)),
      );
    } catch (err) {
      req.log.error({ err }, 'catalogue import failed');
      out.line({
        type: 'result',
        ok: false,
        error: 'Máy chủ gặp lỗi khi nhập danh mục; các thủ tục ghi sau lỗi này không được ghi.',
      });
    } finally {
      out.end();
    }
    return reply;
  };

  /** The import's result line; progress lines go to `progress` on the way. */
  async function importWorkbook(
    bytes: Buffer,
    commit: boolean,
    adminId: string,
    progress: (line: ImportLine) => void,
  ): Promise<ImportLine> {
    const read = await readCatalogueWorkbook(bytes, {
      onRows: (done) => progress({ type: 'progress', phase: 'reading', done, total: null }),
    });
    if (!read.ok) return { type: 'result', ok: false, error: read.error };
    const parsed = parseCatalogueSheet(read.rows);
    if (!parsed.ok) return { type: 'result', ok: false, error: parsed.error };
    const total = parsed.rows.length + parsed.errors.length;
    progress({ type: 'progress', phase: 'checking', done: 0, total });
    const at = now().toISOString();
    const plan = planImport(parsed, await store.state(), { today: vietnamDateOf(at), now: at });
    progress({ type: 'progress', phase: 'checking', done: total, total });
    if (!commit) return { type: 'result', ok: true, summary: summaryOf(plan) };
    const written = await writePlan(plan, { store, audit, adminId }, (done, n) =>
      progress({ type: 'progress', phase: 'writing', done, total: n }),
    );
    return { type: 'result', ok: true, summary: summaryOf(plan), written };
  }

  app.post('/catalogue/import/preview', { compress: false }, importRoute(false));
  app.post('/catalogue/import/commit', { compress: false }, importRoute(true));

  const listingQuery = z.object({ officeId: z.string().min(1).max(64), date: isoDateSchema.optional() });
  app.get('/catalogue/listing', async (req, reply) => {
    const query = listingQuery.safeParse(req.query);
    if (!query.success)
      return fail(reply, 400, 'bad_request', 'Cần officeId (và date dạng YYYY-MM-DD nếu có).');
    const { officeId } = query.data;
    if (req.consoleAdmin?.officeId && req.consoleAdmin.officeId !== officeId)
      return fail(reply, 403, 'forbidden', 'Chỉ xem được danh mục niêm yết của đơn vị mình.');
    const office = (await store.offices()).find((o) => o.id === officeId);
    if (!office) return fail(reply, 404, 'not_found', 'Không có đơn vị này.');
    const asOf = query.data.date ?? vietnamDateOf(now().toISOString());
    const { procedures, sectors } = await store.state();
    return {
      office,
      asOf,
      sectors,
      procedures: procedures.filter((p) => p.active).map((p) => procedureAsOf(p, asOf)),
    };
  });
}
