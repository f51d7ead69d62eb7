// The documents page on a phone. Without JavaScript: a plain form per document, upload and remove.
// With it (@js): each file uploads on its own row with a progress bar, a big photo is made
// smaller in the browser before it leaves, a refused file says why on its own row while the
// others of the batch are kept, and a file cut off by a broken connection is sent again by Retry
// (stored once, even when the first try reached the server and only its answer was lost).
// What was stored is checked through the portal's API, not only on the page.
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';

test.use({ viewport: { width: 360, height: 740 } });

const CODE = '1.001193';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
// A Windows program, named as if it were a PDF.
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(512, 1)]);

type Stored = { id: string; slot: number; file_name: string; content_type: string; size_bytes: number; sha256: string };

async function startApplication(page: Page) {
  await page.goto(`/apply/${CODE}`);
  await page.getByRole('button', { name: 'Bắt đầu nộp hồ sơ' }).click();
  await expect(page).toHaveURL(/\/p\/applicant$/);
  await page.goto(`/apply/${CODE}/documents`);
}

/// The application's files as the portal keeps them (the draft id is in an HttpOnly cookie).
async function stored(page: Page, context: BrowserContext): Promise<Stored[]> {
  const draft = (await context.cookies()).find((c) => c.name === 'dvc_draft');
  expect(draft, 'the draft cookie').toBeTruthy();
  const resp = await page.request.get(`/portal/v1/drafts/${draft!.value}/documents`);
  expect(resp.ok()).toBeTruthy();
  return (await resp.json()).files as Stored[];
}

/// Width and height from a JPEG's start-of-frame segment.
function jpegSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
  let at = 2;
  while (at < bytes.length) {
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  throw new Error('no frame in the JPEG');
}

/// A 12-megapixel "phone photo", drawn and encoded by the browser itself.
async function phonePhoto(page: Page): Promise<Buffer> {
  return Buffer.from(
    await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 4000;
      canvas.height = 3000;
      const ctx = canvas.getContext('2d')!;
      for (let y = 0; y < 3000; y += 100) {
        for (let x = 0; x < 4000; x += 100) {
          ctx.fillStyle = `rgb(${(x / 16) | 0},${(y / 12) | 0},${((x + y) / 28) | 0})`;
          ctx.fillRect(x, y, 100, 100);
        }
      }
      const blob: Blob = await new Promise((done) => canvas.toBlob((b) => done(b!), 'image/jpeg', 0.95));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    }),
    'base64',
  );
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('the form per document uploads a file and removes it, with or without JavaScript', async ({ page, context, javaScriptEnabled }) => {
  await startApplication(page);
  const slot = page.locator('#slot-1');
  if (javaScriptEnabled) await expect(slot.locator('[data-upload="ready"]')).toBeAttached();
  await slot.locator('input[type=file]').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
  if (!javaScriptEnabled) {
    // The plain multipart post, then the page at the slot.
    await slot.getByRole('button', { name: 'Tải lên' }).click();
    await expect(page).toHaveURL(/\/documents\?slot=1/);
  }
  await expect(page.locator('#slot-1-files')).toContainText('giay-chung-sinh.pdf');
  const files = await stored(page, context);
  expect(files.map((f) => [f.slot, f.sha256])).toEqual([[1, sha256(PDF)]]);

  await page.locator('#slot-1-files').getByRole('button', { name: /Xóa/ }).click();
  await expect(page.locator('#slot-1-files')).toContainText('Chưa có tệp nào');
  expect(await stored(page, context)).toEqual([]);
});

test('@js a big photo is made smaller before it leaves, a PDF goes as it is, a wrong file is refused on its own row', async ({ page, context }) => {
  await startApplication(page);
  const slot = page.locator('#slot-1');
  await expect(slot.locator('[data-upload="ready"]')).toBeAttached();
  // Files start as soon as they are chosen: no Upload button to miss.
  await expect(slot.getByRole('button', { name: 'Tải lên' })).toBeHidden();

  const photo = await phonePhoto(page);
  expect(jpegSize(photo)).toEqual({ width: 4000, height: 3000 });

  await slot.locator('input[type=file]').setInputFiles([
    { name: 'anh-giay-chung-sinh.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'ban-sao.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'virus.pdf', mimeType: 'application/pdf', buffer: EXE },
  ]);
  const refused = slot.locator('[data-upload-row="virus.pdf"]');
  await expect(refused).toContainText('Không phải tệp PDF, JPEG hoặc PNG', { timeout: 15_000 });
  await expect(refused.getByRole('button', { name: 'Thử lại virus.pdf' })).toBeVisible();
  // The others of the batch were kept, and the page lists them from the server.
  const list = page.locator('#slot-1-files');
  await expect(list).toContainText('anh-giay-chung-sinh.jpg');
  await expect(list).toContainText('ban-sao.pdf');
  await expect(slot.locator('[data-upload-row="ban-sao.pdf"]')).toHaveCount(0);
  await slot.screenshot({ path: test.info().outputPath('documents-refused.png') });
  // The rows the island draws (a refusal with its buttons) pass WCAG 2.2 AA as the page does.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  const files = await stored(page, context);
  const pdf = files.find((f) => f.file_name === 'ban-sao.pdf')!;
  expect(pdf.sha256, 'the PDF is stored byte for byte').toBe(sha256(PDF));
  const jpeg = files.find((f) => f.file_name === 'anh-giay-chung-sinh.jpg')!;
  expect(jpeg.content_type).toBe('image/jpeg');
  expect(jpeg.size_bytes).toBeLessThan(photo.length);
  const draft = (await context.cookies()).find((c) => c.name === 'dvc_draft')!.value;
  const content = await page.request.get(`/portal/v1/drafts/${draft}/documents/${jpeg.id}/content`);
  const size = jpegSize(Buffer.from(await content.body()));
  expect(Math.max(size.width, size.height)).toBe(2000);
  expect(size).toEqual({ width: 2000, height: 1500 });
  expect(files.some((f) => f.file_name === 'virus.pdf')).toBe(false);

  // Dropping the refused file leaves the rest, and the focus goes back to the file picker.
  await refused.getByRole('button', { name: 'Xóa virus.pdf' }).click();
  await expect(refused).toHaveCount(0);
  await expect(slot.locator('input[type=file]')).toBeFocused();
  await expect(list).toContainText('ban-sao.pdf');
});

test('@js a file cut off by a broken connection is sent again by Retry', async ({ page, context }) => {
  await startApplication(page);
  const slot = page.locator('#slot-2');
  await expect(slot.locator('[data-upload="ready"]')).toBeAttached();
  let attempts = 0;
  await page.route(`**/apply/${CODE}/documents/2`, (route) => {
    attempts += 1;
    return attempts === 1 ? route.abort('internetdisconnected') : route.continue();
  });
  await slot.locator('input[type=file]').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
  const row = slot.locator('[data-upload-row="to-khai.pdf"]');
  await expect(row).toContainText('Mất kết nối');
  await expect(row.locator('[data-upload-status]')).toHaveText(/Thử lại/);
  expect(await stored(page, context)).toEqual([]);
  await slot.screenshot({ path: test.info().outputPath('documents-offline.png') });

  await row.getByRole('button', { name: 'Thử lại to-khai.pdf' }).click();
  await expect(page.locator('#slot-2-files')).toContainText('to-khai.pdf');
  await expect(row).toHaveCount(0);
  expect(attempts).toBe(2);
  const files = await stored(page, context);
  expect(files.map((f) => [f.slot, f.file_name, f.sha256])).toEqual([[2, 'to-khai.pdf', sha256(PDF)]]);
});

test('@js a photo whose answer was lost is stored once when Retry sends it again', async ({ page, context }) => {
  await startApplication(page);
  const slot = page.locator('#slot-6');
  await expect(slot.locator('[data-upload="ready"]')).toBeAttached();
  let attempts = 0;
  await page.route(`**/apply/${CODE}/documents/6`, async (route) => {
    attempts += 1;
    if (attempts > 1) return route.continue();
    // The file reaches the server and is stored; the signal drops before the answer comes back.
    await route.fetch();
    return route.abort('connectionreset');
  });
  const photo = await phonePhoto(page);
  await slot.locator('input[type=file]').setInputFiles({ name: 'cccd.jpg', mimeType: 'image/jpeg', buffer: photo });
  const row = slot.locator('[data-upload-row="cccd.jpg"]');
  await expect(row).toContainText('Mất kết nối');
  const first = await stored(page, context);
  expect(first.map((f) => [f.slot, f.file_name]), 'the server has it, the phone does not know').toEqual([[6, 'cccd.jpg']]);

  await row.getByRole('button', { name: 'Thử lại cccd.jpg' }).click();
  await expect(row).toHaveCount(0);
  await expect(page.locator('#slot-6-files li')).toHaveCount(1);
  await expect(page.locator('#slot-6-files')).toContainText('cccd.jpg');
  expect(attempts).toBe(2);
  expect((await stored(page, context)).map((f) => f.id), 'the same file, not a second copy').toEqual([first[0].id]);
});

test('a file chosen on the page of an application begun before another one is kept in that one', async ({ page, context, javaScriptEnabled }) => {
  // The first tab: application A's documents page. A second tab begins application B, so the
  // browser now has B open.
  await startApplication(page);
  const first = (await context.cookies()).find((c) => c.name === 'dvc_draft')!.value;
  const other = await context.newPage();
  await other.goto(`/apply/${CODE}`);
  await other.getByRole('button', { name: 'Bắt đầu một hồ sơ mới' }).click();
  await expect(other).toHaveURL(/\/p\/applicant$/);
  const second = (await context.cookies()).find((c) => c.name === 'dvc_draft')!.value;
  expect(second).not.toBe(first);

  // Back in the first tab: the file goes to A, and the page says where it went.
  const slot = page.locator('#slot-1');
  if (javaScriptEnabled) await expect(slot.locator('[data-upload="ready"]')).toBeAttached();
  await slot.locator('input[type=file]').setInputFiles({ name: 'trang-1.pdf', mimeType: 'application/pdf', buffer: PDF });
  if (!javaScriptEnabled) await slot.getByRole('button', { name: 'Tải lên' }).click();
  await expect(page).toHaveURL(/\/apply\/resume\?saved=1$/);
  await expect(page.getByText('Những gì bạn vừa nhập, tải lên hoặc xóa đã được lưu vào hồ sơ của trang đó.')).toBeVisible();
  const files = async (id: string) => (await (await page.request.get(`/portal/v1/drafts/${id}/documents`)).json()).files as Stored[];
  expect((await files(first)).map((f) => [f.slot, f.file_name, f.sha256])).toEqual([[1, 'trang-1.pdf', sha256(PDF)]]);
  expect(await files(second)).toEqual([]);
  expect((await context.cookies()).find((c) => c.name === 'dvc_draft')!.value).toBe(second);
});
