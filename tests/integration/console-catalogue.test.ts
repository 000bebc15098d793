// The console's catalogue and holiday routes on the real provincial server (Fastify + embedded
// PostgreSQL), signed in through a test stand-in for the console's admin sessions: a workbook
// preview writes nothing, a commit writes its good rows only and audits each change, an exported
// catalogue imported again changes nothing, hostile files change nothing, and a saved holiday year
// reaches a counter's next pull.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { createCatalogueHttpService } from '../../renderer/console/features/catalogue/http-service';
import { registerCatalogueTexts } from '../../renderer/console/features/catalogue/i18n';
import { importErrorText, workbookSizeProblem } from '../../renderer/console/features/catalogue/import-error';
import type { TransferProgress } from '../../renderer/console/features/catalogue/service';
import { createHolidaysHttpService } from '../../renderer/console/features/holidays/http-service';
import { enrolDevice } from '../../renderer/features/sync/client';
import { CONSOLE_API_PREFIX, buildApp } from '../../server/app';
import { seedDemo } from '../../server/catalogue/demo-seed';
import { migrate } from '../../server/db/migrations';
import { openDatabase, type Database } from '../../server/db/pool';
import { openStores } from '../../server/stores';
import { SCHEDULE_2026, type HolidaySchedule } from '../../shared/calendar';
import {
  COLUMNS,
  MAX_WORKBOOK_BYTES,
  XLSX_TYPE,
  catalogueRows,
  importLineSchema,
  type Cell,
  type ImportLine,
} from '../../shared/catalogue';
import { DEMO_COUNTER_ID, DEMO_OFFICE_ID, DEMO_PROCEDURES, DEMO_SECTORS } from '../../shared/demo';
import { TEST_ADMIN_HEADER, memoryAudit, testAdminAuth } from '../support/console-admin';
import { startPostgres } from './harness';

let pg: { url: string; stop(): Promise<void> };
let db: Database;
let app: FastifyInstance;
let url: string;
const audit = memoryAudit();
const PROVINCE = { [TEST_ADMIN_HEADER]: 'admin-tinh' };
const col = (key: (typeof COLUMNS)[number]['key']) => COLUMNS.findIndex((c) => c.key === key);

beforeAll(async () => {
  pg = await startPostgres();
  db = await openDatabase({ url: pg.url });
  await migrate(db.pool);
  const stores = openStores(db.pool);
  await seedDemo(stores);
  app = await buildApp({ stores, admin: { authenticate: testAdminAuth, audit: audit.write } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}${CONSOLE_API_PREFIX}`;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
  await pg?.stop();
});

/** Every document's id and change sequence: what "nothing written" compares. */
async function snapshot(): Promise<string[]> {
  const res = await db.pool.query<{ k: string }>(
    "SELECT collection || '/' || id || '@' || seq::text AS k FROM documents ORDER BY 1",
  );
  return res.rows.map((r) => r.k);
}

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Thủ tục');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function upload(
  step: 'preview' | 'commit',
  bytes: Uint8Array,
  headers: Record<string, string> = PROVINCE,
) {
  const res = await fetch(`${url}/catalogue/import/${step}`, {
    method: 'POST',
    headers: { 'content-type': XLSX_TYPE, ...headers },
    body: Buffer.from(bytes),
  });
  if (res.status !== 200) return { status: res.status, lines: [] as ImportLine[], result: null };
  const lines = (await res.text())
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => importLineSchema.parse(JSON.parse(l)));
  const result = lines.find((l) => l.type === 'result') ?? null;
  return { status: res.status, lines, result };
}

async function exported(): Promise<Uint8Array> {
  const res = await fetch(`${url}/catalogue/export`, { headers: PROVINCE });
  expect(res.headers.get('content-type')).toBe(XLSX_TYPE);
  return new Uint8Array(await res.arrayBuffer());
}

describe('console catalogue routes', () => {
  it('answer 401 without an admin, on reads, previews and commits', async () => {
    expect((await fetch(`${url}/catalogue/procedures`)).status).toBe(401);
    expect((await fetch(`${url}/holidays/2026`)).status).toBe(401);
    const bytes = await exported();
    expect((await upload('preview', bytes, {})).status).toBe(401);
    expect((await upload('commit', bytes, {})).status).toBe(401);
  });

  it('imports its own export as unchanged and writes nothing (round trip)', async () => {
    const before = await snapshot();
    const committed = await upload('commit', await exported());
    expect(committed.result).toMatchObject({
      ok: true,
      summary: { counts: { added: 0, changed: 0, unchanged: DEMO_PROCEDURES.length, errorRows: 0 } },
      written: { procedures: 0, sectors: 0 },
    });
    expect(await snapshot()).toEqual(before);
    expect(audit.entries).toEqual([]);
  });

  it('previews without writing, then commits the good rows only, auditing each change', async () => {
    const rows: unknown[][] = catalogueRows(DEMO_PROCEDURES, DEMO_SECTORS).map((r) => [...r]);
    const renamed = rows[1] as Cell[];
    const oldName = renamed[col('name')];
    renamed[col('name')] = 'Tên mới của thủ tục';
    const added = [...renamed];
    added[col('code')] = '9.000001';
    added[col('name')] = 'Thủ tục thử nghiệm';
    added[col('sectorCode')] = 'TN';
    added[col('sectorName')] = 'Thử nghiệm';
    const bad = [...added];
    bad[col('code')] = '9.000002';
    bad[col('legalTimeUnit')] = 'tuần';
    const bytes = await workbook([...rows, added, bad]);
    const before = await snapshot();

    const preview = await upload('preview', bytes);
    expect(preview.lines.some((l) => l.type === 'progress')).toBe(true);
    expect(preview.result).toMatchObject({
      ok: true,
      summary: {
        counts: { added: 1, changed: 1, errorRows: 1 },
        sectorsAdded: [{ code: 'TN', name: 'Thử nghiệm' }],
        errors: [
          {
            row: rows.length + 2,
            code: '9.000002',
            messages: [expect.stringMatching(/"tuần" không hợp lệ/)],
          },
        ],
      },
    });
    expect(await snapshot()).toEqual(before);

    const commit = await upload('commit', bytes);
    expect(commit.result).toMatchObject({ ok: true, written: { procedures: 2, sectors: 1 } });
    expect(commit.lines.some((l) => l.type === 'progress' && l.phase === 'writing')).toBe(true);
    const state = (await (await fetch(`${url}/catalogue/procedures`, { headers: PROVINCE })).json()) as {
      procedures: { code: string; name: string }[];
    };
    const codes = state.procedures.map((p) => p.code);
    expect(codes).toContain('9.000001');
    expect(codes).not.toContain('9.000002');
    expect(state.procedures.find((p) => p.code === renamed[col('code')])?.name).toBe('Tên mới của thủ tục');
    expect(audit.entries.map((e) => [e.adminId, e.action, e.target])).toEqual([
      ['admin-tinh', 'catalogue.sector.add', 'sector:sec-TN'],
      [
        'admin-tinh',
        'catalogue.procedure.change',
        `procedure:${DEMO_PROCEDURES.find((p) => p.code === renamed[col('code')])?.id}`,
      ],
      ['admin-tinh', 'catalogue.procedure.add', 'procedure:proc-9.000001'],
    ]);
    expect(audit.entries[1]).toMatchObject({
      before: { name: oldName },
      after: { name: 'Tên mới của thủ tục' },
    });

    // The new catalogue, exported and imported again, changes nothing.
    const again = await upload('commit', await exported());
    expect(again.result).toMatchObject({ ok: true, written: { procedures: 0, sectors: 0 } });
  });

  it('gives hostile workbooks a clear error and writes nothing', async () => {
    const before = await snapshot();
    const auditCount = audit.entries.length;
    const good = await exported();
    const formula = catalogueRows(DEMO_PROCEDURES.slice(0, 1), DEMO_SECTORS).map((r) => [
      ...r,
    ]) as unknown[][];
    (formula[1] as unknown[])[col('name')] = { formula: 'CONCAT("Đăng ký", " khai sinh")', result: 'x' };
    const cases: [Uint8Array, RegExp][] = [
      [good.slice(0, good.length / 2), /không phải tệp Excel .xlsx hợp lệ hoặc tệp đã hỏng/],
      [await workbook([['Tên'], ['x']]), /không đúng mẫu danh mục/],
    ];
    for (const [bytes, message] of cases) {
      const { result } = await upload('commit', bytes);
      expect(result).toEqual({ type: 'result', ok: false, error: expect.stringMatching(message) });
    }
    const { result } = await upload('commit', await workbook(formula));
    expect(result).toMatchObject({ ok: true, written: { procedures: 0 }, summary: { errors: [{ row: 2 }] } });
    expect(await snapshot()).toEqual(before);
    expect(audit.entries.length).toBe(auditCount);
  });

  it('lets an office admin preview and read its listing, but not commit or read another office', async () => {
    const office = { [TEST_ADMIN_HEADER]: `admin-xa@${DEMO_OFFICE_ID}` };
    expect((await upload('preview', await exported(), office)).result).toMatchObject({ ok: true });
    expect((await upload('commit', await exported(), office)).status).toBe(403);
    const listing = await fetch(`${url}/catalogue/listing?officeId=${DEMO_OFFICE_ID}&date=2026-03-10`, {
      headers: office,
    });
    expect(listing.status).toBe(200);
    expect(((await listing.json()) as { office: { id: string } }).office.id).toBe(DEMO_OFFICE_ID);
    expect((await fetch(`${url}/catalogue/listing?officeId=other`, { headers: office })).status).toBe(403);
  });
});

describe('console holiday routes', () => {
  it('start from the official year, save an edit with an audit entry, and reach the counter at its next pull', async () => {
    const year = (await (await fetch(`${url}/holidays/2026`, { headers: PROVINCE })).json()) as {
      official: HolidaySchedule;
      stored: HolidaySchedule | null;
    };
    expect(year.official).toEqual(SCHEDULE_2026);
    const edited: HolidaySchedule = {
      ...year.official,
      entries: [
        ...year.official.entries,
        { date: '2026-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam' },
      ],
    };
    const put = (schedule: unknown, headers: Record<string, string> = PROVINCE) =>
      fetch(`${url}/holidays/2026`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ schedule }),
      });
    expect((await put(edited, {})).status).toBe(401);
    const bad = await put({
      ...edited,
      entries: [...edited.entries, { date: '2026-11-25', kind: 'make_up_workday', name: 'x' }],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/thứ Bảy hoặc Chủ nhật/);
    // The change and its audit entry are one transaction: no audit, no change.
    const before = await snapshot();
    audit.failNext();
    expect((await put(edited)).status).toBe(500);
    expect(await snapshot()).toEqual(before);
    const auditCount = audit.entries.length;
    expect((await put(edited)).status).toBe(200);
    expect(audit.entries.slice(auditCount)).toMatchObject([
      { action: 'holidays.save', target: 'holidays:2026', after: { id: 'holidays-2026' } },
    ]);

    const { code } = await openStores(db.pool).devices.issueEnrolCode(DEMO_OFFICE_ID, 'counter', 60);
    const device = await enrolDevice(url.replace(CONSOLE_API_PREFIX, ''), {
      code,
      counterId: DEMO_COUNTER_ID,
      deviceName: 'quầy thử',
    });
    const pulled = await fetch(`${url.replace(CONSOLE_API_PREFIX, '')}/sync/holidays/pull?limit=1000`, {
      headers: { authorization: `Bearer ${device.token}` },
    });
    const docs = ((await pulled.json()) as { documents: { id: string; daysOff: { date: string }[] }[] })
      .documents;
    expect(docs.find((d) => d.id === 'holidays-2026')?.daysOff.map((d) => d.date)).toContain('2026-11-24');
  });
});

describe("the console pages' HTTP services", () => {
  const options = () => ({ baseUrl: url, authHeaders: () => PROVINCE });

  it('export with download progress, preview and commit with the server progress, and the listing', async () => {
    const service = createCatalogueHttpService(options());
    const seen: TransferProgress[] = [];
    const { bytes, fileName } = await service.exportWorkbook((p) => seen.push(p));
    expect(fileName).toMatch(/^danh-muc-thu-tuc-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(seen.at(-1)).toMatchObject({ phase: 'downloading', done: bytes.byteLength });
    const phases: string[] = [];
    const preview = await service.previewImport(bytes, (p) => phases.push(p.phase));
    expect(preview).toMatchObject({ ok: true, summary: { counts: { added: 0, changed: 0 } } });
    expect(phases).toContain('checking');
    expect(await service.commitImport(bytes)).toMatchObject({ ok: true, written: { procedures: 0 } });
    const listing = await service.publicListing(DEMO_OFFICE_ID, '2026-03-10');
    expect(listing.procedures.length).toBeGreaterThan(0);
    await expect(
      createCatalogueHttpService({ baseUrl: url, authHeaders: () => ({}) }).listOffices(),
    ).rejects.toMatchObject({
      status: 401,
      message: 'Cần đăng nhập quản trị.',
    });
  });

  it('refuse a workbook over 8 MB with its reason, which the import panel says in Vietnamese; nothing written', async () => {
    const before = await snapshot();
    const auditCount = audit.entries.length;
    const good = await exported();
    // A real workbook padded past the limit, as a scanner's image pasted into a sheet makes it.
    const big = new Uint8Array(MAX_WORKBOOK_BYTES + 1024);
    big.set(good);
    const raw = await fetch(`${url}/catalogue/import/preview`, {
      method: 'POST',
      headers: { 'content-type': XLSX_TYPE, ...PROVINCE },
      body: Buffer.from(big),
    });
    expect(raw.status).toBe(413);
    expect(await raw.json()).toEqual({ error: 'payload_too_large', message: 'Tệp quá lớn: tối đa 8 MB' });

    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'vi', resources: {}, interpolation: { escapeValue: false } });
    registerCatalogueTexts(i18n);
    // The panel says it before sending; the server refuses it anyway.
    expect(workbookSizeProblem(i18n.t, big.byteLength)).toBe('Tệp quá lớn: tối đa 8 MB');
    expect(workbookSizeProblem(i18n.t, good.byteLength)).toBeNull();
    const service = createCatalogueHttpService(options());
    for (const step of ['previewImport', 'commitImport'] as const) {
      const refused = await service[step](big).catch((e: unknown) => e);
      expect(importErrorText(i18n.t, refused)).toBe('Tệp quá lớn: tối đa 8 MB');
      expect(importErrorText(i18n.getFixedT('en'), refused)).toBe('File too large: at most 8 MB');
    }
    expect(await snapshot()).toEqual(before);
    expect(audit.entries.length).toBe(auditCount);
  });

  it('load a year, save it, and read it back among the stored years', async () => {
    const service = createHolidaysHttpService(options());
    const year = await service.loadYear(2028);
    expect(year.stored).toBeNull();
    const saved = await service.saveYear({
      ...year.official,
      entries: [
        ...year.official.entries,
        { date: '2028-11-24', kind: 'day_off', name: 'Ngày Văn hóa Việt Nam' },
      ],
    });
    expect(saved.entries.some((e) => e.date === '2028-11-24')).toBe(true);
    expect((await service.storedSchedules()).map((s) => s.year)).toContain(2028);
    expect((await service.loadYear(2028)).stored).toEqual(saved);
  });
});
