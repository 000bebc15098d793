import { createHash } from 'node:crypto';
import { expect, test, type Browser } from '@playwright/test';
import { DossierPage } from './pages/dossier-page';
import { APPLICANT_AN } from './pages/receive-page';
import { ScanCardPage, type PickedFile } from './pages/scan-card';
import { startSyncServer, type SyncServer } from './support/server';
import { Counter } from './sync/pages/counter';

let server: SyncServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const sha256 = (file: PickedFile) => createHash('sha256').update(file.buffer).digest('hex');

/**
 * The files of the test, made by Chromium itself: the citizen's paper as a two-page PDF (what a
 * scanner gives) and the stamped result as a PNG (a photo of the paper).
 */
async function paperFiles(browser: Browser): Promise<{ paper: PickedFile; result: PickedFile }> {
  const page = await browser.newPage();
  try {
    await page.setContent(
      '<h1 style="font:32px serif">GIẤY KHAI SINH</h1><p style="font:18px serif">Họ và tên: Nguyễn Văn An</p>' +
        '<p style="break-before:page;font:18px serif">Trang 2: Nơi sinh: Hà Nội</p>',
    );
    const pdf = await page.pdf({ format: 'A4' });
    await page.setViewportSize({ width: 400, height: 300 });
    await page.setContent(
      '<div style="width:360px;height:260px;border:6px solid #c00;color:#c00;font:28px serif">ĐÃ CHỨNG THỰC<br>Số 125/CT</div>',
    );
    const png = await page.screenshot({ type: 'png' });
    return {
      paper: { name: 'giay-khai-sinh.pdf', mimeType: 'application/pdf', buffer: pdf },
      result: { name: 'ket-qua-125-CT.png', mimeType: 'image/png', buffer: png },
    };
  } finally {
    await page.context().close();
  }
}

/**
 * Issue 26's end-to-end check: counter 1 of an office, offline, digitises a document at intake and
 * the result at sealing; back online its sync panel sends the files; counter 2 of the office opens
 * both, fetched from the provincial server when opened.
 */
test('scans: attached offline at intake and sealing, uploaded on reconnect, opened on a second counter', async ({
  browser,
}, testInfo) => {
  // Generous: five argon2 logins and a real PostgreSQL on a 2-core machine shared by several runs.
  test.setTimeout(600_000);
  const province = await startSyncServer();
  server = province;
  const baseURL = String(testInfo.project.use.baseURL);
  const { paper, result } = await paperFiles(browser);
  const a = await Counter.open(browser, baseURL);
  const b = await Counter.open(browser, baseURL);
  try {
    await a.setUp(province);

    // The link drops on counter 1; it keeps receiving citizens.
    await a.offline();
    province.cutConnections();
    await expect(a.sync.button).toHaveAttribute('data-online', 'false');

    const { id } = await test.step('intake: a document digitised offline, thumbnail and viewer', async () => {
      await a.app.loginAs('receiver', 'motcua');
      await a.receive.open();
      await a.receive.chooseProcedure('chung thuc ban sao');
      await a.receive.tickDocuments();
      await a.receive.fillApplicant(APPLICANT_AN);
      const issued = await a.receive.confirm();
      const intake = new ScanCardPage(a.page, a.page.getByTestId('receive-done'));
      await expect(intake.documentRows).toHaveCount(2);
      const first = intake.documentRows.nth(0);
      await expect(first).toHaveAttribute('data-digitised', 'false');

      // A file of another type is refused, saying so in Vietnamese; nothing is attached.
      await intake.pick(first, {
        name: 'ghi-chu.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('ghi chú'),
      });
      await expect(intake.error).toHaveText('Chỉ nhận tệp PDF, JPEG hoặc PNG.');
      await expect(first).toHaveAttribute('data-digitised', 'false');

      // In web mode no scanner folder is watched: nothing is offered.
      await expect(intake.card.getByTestId('scan-folder-offer')).toHaveCount(0);
      await intake.attach(first, paper);
      await intake.expectThumbnail(first);
      expect(await intake.view(first, 'pdf')).toBe(sha256(paper));
      await test.step('the viewer counts the page being read, by keys and by scrolling', async () => {
        const counter = a.page.getByTestId('scan-pdf-pages');
        await expect(counter).toHaveText('Trang 1 / 2');
        await a.page.keyboard.press('PageDown');
        await expect(counter).toHaveText('Trang 2 / 2');
        await a.page.keyboard.press('PageUp');
        await expect(counter).toHaveText('Trang 1 / 2');
        await a.page
          .getByTestId('scan-pdf-panel')
          .evaluate((panel) => (panel.scrollTop = panel.scrollHeight));
        await expect(counter).toHaveText('Trang 2 / 2');
      });
      await intake.closeViewer();
      return issued;
    });

    const dossier = new DossierPage(a.page);
    const scans = new ScanCardPage(a.page);
    await test.step('dossier screen: only the component with its file counts as digitised', async () => {
      await a.app.openById(id);
      await expect(scans.documentRows.nth(0)).toHaveAttribute('data-digitised', 'true');
      await expect(scans.documentRows.nth(0).getByText('Đã số hóa')).toBeVisible();
      await expect(scans.documentRows.nth(1)).toHaveAttribute('data-digitised', 'false');
      await expect(scans.documentRows.nth(1).getByText('Chưa số hóa')).toBeVisible();
      await expect(scans.resultRow).toHaveCount(0);
    });

    await test.step('steps offline; at sealing the result is digitised', async () => {
      await a.app.switchRole('appraiser');
      await a.app.openById(id);
      await dossier.appraise();
      await a.app.loginAs('approver');
      await a.app.openById(id);
      await dossier.approve();
      await a.app.loginAs('sealer', 'motcua');
      await a.app.openById(id);
      await dossier.seal({ documentType: 'Bản sao chứng thực', number: '125/CT', signer: 'Trần Văn Bình' });
      await expect(scans.resultRow).toHaveAttribute('data-digitised', 'false');
      await scans.attach(scans.resultRow, result);
      await scans.expectThumbnail(scans.resultRow);
      expect(await scans.view(scans.resultRow, 'image')).toBe(sha256(result));
      await scans.closeViewer();
      expect(await dossier.history()).toEqual(
        expect.arrayContaining(['receive', 'attach_scan', 'appraise', 'approve', 'seal']),
      );
    });

    await test.step('reconnect: the sync panel shows the files pending, then none', async () => {
      await a.sync.openDrawer();
      const queue = a.page.getByTestId('scan-queue');
      await expect(queue).toHaveAttribute('data-files', '2');
      await expect(queue).toHaveAttribute(
        'data-bytes-left',
        String(paper.buffer.length + result.buffer.length),
      );
      await expect(queue).toContainText('Tệp chờ gửi: 2');
      await a.online();
      await expect(queue).toHaveAttribute('data-files', '0', { timeout: 90_000 });
      await expect(queue).toContainText('Không có tệp chờ gửi');
      await a.sync.expectInSync();
      await a.sync.closeDrawer();
    });

    await test.step('counter 2 of the office opens both files, fetched when opened', async () => {
      // Set up now, not beside counter 1: a PC left idle that long locks itself.
      await b.setUp(province);
      const fetched: string[] = [];
      b.page.on('request', (req) => {
        const match = /\/scans\/([0-9a-f]{64})$/.exec(req.url());
        if (match && req.method() === 'GET') fetched.push(match[1]!);
      });
      await b.expectSees(id, APPLICANT_AN.fullName);
      const there = new ScanCardPage(b.page);
      await expect(there.documentRows.nth(0)).toHaveAttribute('data-digitised', 'true', { timeout: 60_000 });
      await expect(there.resultRow).toHaveAttribute('data-digitised', 'true', { timeout: 60_000 });
      await expect(there.documentRows.nth(1)).toHaveAttribute('data-digitised', 'false');
      // Opening the dossier downloads nothing: no thumbnail until a file is opened.
      await expect(there.card.getByTestId('scan-thumb')).toHaveCount(0);
      expect(fetched).toEqual([]);

      expect(await there.view(there.documentRows.nth(0), 'pdf')).toBe(sha256(paper));
      await there.closeViewer();
      expect(await there.view(there.resultRow, 'image')).toBe(sha256(result));
      await there.closeViewer();
      expect(fetched.sort()).toEqual([sha256(paper), sha256(result)].sort());
      // Now kept on counter 2 (encrypted): thumbnails, and a second look needs no download.
      await there.expectThumbnail(there.documentRows.nth(0));
      await there.expectThumbnail(there.resultRow);
      await there.view(there.resultRow, 'image');
      await there.closeViewer();
      expect(fetched).toHaveLength(2);
    });
  } finally {
    await a.close();
    await b.close();
  }
});
