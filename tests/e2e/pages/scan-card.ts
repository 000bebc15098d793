import { expect, type Locator, type Page } from '@playwright/test';

/** A file as the officer picks it in the file chooser. */
export interface PickedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * The digitisation card (số hóa) of the receipt or the dossier screen: one row per required document
 * (and the result once sealed), each with its picker, attached files, thumbnails and the viewer.
 */
export class ScanCardPage {
  constructor(
    readonly page: Page,
    /** Where the card is: the receipt (`receive-done`) or the dossier screen. */
    readonly within: Locator = page.getByTestId('dossier-screen'),
  ) {}

  get card(): Locator {
    return this.within.getByTestId('scan-card');
  }

  /** The rows of the required documents, in the procedure's order (the result row excluded). */
  get documentRows(): Locator {
    return this.card.locator('[data-testid^="scan-row-"]:not([data-testid="scan-row-result"])');
  }

  get resultRow(): Locator {
    return this.card.getByTestId('scan-row-result');
  }

  get error(): Locator {
    return this.card.getByTestId('scan-error');
  }

  /** Picks `file` in the row's file chooser, as the officer does with "Chọn tệp". */
  async pick(row: Locator, file: PickedFile): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await row.getByText('Chọn tệp hoặc kéo thả vào đây').click();
    await (await chooser).setFiles(file);
  }

  /** Attaches `file` to the row and waits until the row shows it digitised with the file listed. */
  async attach(row: Locator, file: PickedFile): Promise<void> {
    await this.pick(row, file);
    await expect(row).toHaveAttribute('data-digitised', 'true', { timeout: 30_000 });
    await expect(row.getByText(file.name, { exact: true })).toBeVisible();
    await expect(this.error).toHaveCount(0);
  }

  /** The row's thumbnail, once drawn (an image that has loaded). */
  async expectThumbnail(row: Locator): Promise<void> {
    const thumb = row.getByTestId('scan-thumb');
    await expect(thumb).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  }

  /**
   * Opens the row's file in the viewer and waits until it shows: a PDF with its pages drawn, an
   * image loaded. Answers the file's hash as the viewer names it; the viewer stays open.
   */
  async view(row: Locator, kind: 'pdf' | 'image'): Promise<string> {
    await row.getByTestId('scan-open').click();
    const viewer = this.page.getByTestId('scan-viewer');
    await expect(viewer).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
    await expect(viewer.getByTestId('scan-viewer-error')).toHaveCount(0);
    if (kind === 'pdf') {
      const pages = viewer.getByTestId('scan-pdf-page');
      await expect(pages.first()).toBeVisible({ timeout: 30_000 });
      await expect(viewer.getByTestId('scan-pdf-pages')).toHaveText(/^Trang 1 \/ \d+$/);
      // The page is drawn: the canvas has something other than white on it.
      await expect.poll(() => pages.first().evaluate(inked)).toBe(true);
    } else {
      const image = viewer.locator('img');
      await expect(image.first()).toBeVisible();
      await expect
        .poll(() => image.first().evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBeGreaterThan(0);
    }
    return (await viewer.getAttribute('data-sha256')) ?? '';
  }

  async closeViewer(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByTestId('scan-viewer')).toHaveCount(0);
  }
}

/** Whether a canvas holds any pixel darker than near-white (runs in the page). */
function inked(canvas: HTMLCanvasElement): boolean {
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width === 0) return false;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < data.length; i += 4)
    if (data[i + 3]! > 0 && data[i]! + data[i + 1]! + data[i + 2]! < 600) return true;
  return false;
}
