// The apply journey against a stranger: a receipt token altered to open another dossier or to
// live longer, a draft cookie guessed or carried to another procedure, a file named as markup,
// a form posted from another site, a file slipped into an application already sent.
import { expect, test } from '@playwright/test';
import { CODE, SLOT_ID_CARD, answerEverything, draftId, idCardPhoto, pick, saveAndContinue, upload } from '../support/apply';

test.use({ viewport: { width: 360, height: 740 } });

const b64 = (s: string) => Buffer.from(s).toString('base64url');

test('a stranger cannot open, stretch or forge a receipt, nor use a draft that is not theirs', async ({
  page,
  context,
  browser,
  baseURL,
  javaScriptEnabled,
}) => {
  test.setTimeout(90_000);
  // A real application, sent, whose name is marked up.
  await page.goto(`/apply/${CODE}`);
  await answerEverything(page);
  const photo = await idCardPhoto(browser);
  await upload(page, SLOT_ID_CARD, { ...photo, name: '<img src=x onerror=alert(1)>.jpg' });
  await expect(page.locator(`#slot-${SLOT_ID_CARD} .document-file`)).toContainText('<img src=x onerror=alert(1)>.jpg');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  // A second tab left on the documents page while the first sends the application.
  const left = await context.newPage();
  await left.goto(`/apply/${CODE}/documents`);
  await page.goto(`/apply/${CODE}/p/return`);
  await pick(page, 'return_method', 'counter');
  await saveAndContinue(page).click();
  await page.locator('form[action$="/submit"] button').click();
  await expect(page).toHaveURL(/\/apply\/receipt\//);
  const token = page.url().split('/').pop()!;
  // A big file chosen there afterwards: the receipt, not a reset connection (the server answers
  // before reading the file, and used to close on its unread bytes).
  const slot = left.locator('#slot-1');
  if (javaScriptEnabled) await expect(slot.locator('[data-upload="ready"]')).toBeAttached();
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20_000_000, 0x20)]);
  await slot.locator('input[type=file]').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: big });
  if (!javaScriptEnabled) await slot.getByRole('button', { name: 'Tải lên' }).click();
  await expect(left).toHaveURL(new RegExp(`/apply/receipt/${token.replace(/\./g, '\\.')}$`));
  await left.close();
  const id = await draftId(context);

  const stranger = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  const opens = async (path: string) => {
    const res = await stranger.goto(path);
    return res!.status();
  };
  expect(await opens(`/apply/receipt/${token}`), 'the real token opens its receipt').toBe(200);
  // The receipt's token is the dossier code and the first 80 bits of its signature.
  const cut = token.lastIndexOf('.');
  const [code, tag] = [token.slice(0, cut), token.slice(cut + 1)];
  expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/);
  // Another dossier's number under this token's signature (the neighbour in the sequence), a
  // later day (a longer life), a changed signature, none, and the long form with a far expiry.
  const neighbour = code.replace(/(\d{4})$/, (n) => String((Number(n) % 9999) + 1).padStart(4, '0'));
  const later = code.replace(/-(\d{6})-/, (_, d) => `-${String(Number(d) + 1).padStart(6, '0')}-`);
  const forged = [
    `${neighbour}.${tag}`,
    `${later}.${tag}`,
    `${code}.${tag.slice(0, -1)}${tag.endsWith('0') ? '1' : '0'}`,
    `${code}.`,
    code,
    `${b64(`${code}|${Math.floor(Date.now() / 1000) + 10 * 366 * 86400}`)}.${tag}`,
  ];
  for (const bad of forged) {
    for (const path of [`/apply/receipt/${bad}`, `/track/${bad}`, `/T/${bad}`]) {
      expect(await opens(path), path).toBe(404);
      await expect(stranger.locator('body')).not.toContainText(code);
    }
  }
  // The QR code's form of the link (capitals) lands on the tracking page.
  expect(await opens(`/T/${token}`)).toBe(200);
  expect(new URL(stranger.url()).pathname).toBe(`/track/${token}`);
  await expect(stranger.locator('body')).toContainText(code);

  // A guessed draft cookie, and the real one carried to another procedure's pages.
  const url = new URL(baseURL!);
  for (const [value, path] of [
    ['0'.repeat(26), `/apply/${CODE}`],
    ['x%27%20OR%201%3D1--', `/apply/${CODE}`],
    [id, '/apply/1.000894'],
  ]) {
    await stranger.context().clearCookies();
    await stranger.context().addCookies([{ name: 'dvc_draft', value, domain: url.hostname, path }]);
    const where = path === `/apply/${CODE}` ? `/apply/${CODE}/check` : '/apply/1.000894/check';
    expect(await opens(where), `${value} at ${where}`).toBe(404);
    await expect(stranger.getByRole('heading', { level: 1 })).not.toHaveText(/Kiểm tra lại thông tin/);
    await expect(stranger.locator('body')).not.toContainText('Trần Thị Hoa');
  }
  await stranger.context().close();

  // From another site: refused before anything is read.
  const crossSite = await page.request.post(`/apply/${CODE}/submit`, {
    headers: { origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);

  // A file slipped into the application after it was sent: refused, nothing added.
  const late = await page.request.post(`/apply/${CODE}/documents/${SLOT_ID_CARD}`, {
    multipart: { file: { name: 'late.jpg', mimeType: 'image/jpeg', buffer: photo.buffer } },
    maxRedirects: 0,
  });
  expect(late.status()).toBe(303);
  expect(late.headers()['location']).toMatch(/^\/apply\/receipt\//);
  const files = await (await page.request.get(`/portal/v1/drafts/${id}/documents`)).json();
  expect(files.files).toHaveLength(1);
});
