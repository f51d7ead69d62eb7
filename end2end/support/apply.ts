// What the apply specs share: the files a person uploads, made in the test (a real JPEG photo
// taken by the browser, a small but valid PDF), and filling the birth registration's pages by
// their input names, so the same steps work in Vietnamese and in English.
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';

export const CODE = '1.001193';

/// Document slots of 1.001193 (indexes into the procedure's `documents`).
export const SLOT_BIRTH_NOTICE = 1; // Giấy chứng sinh: required when born at a health facility
export const SLOT_ID_CARD = 6; // Thẻ căn cước of the person filing: required

export type Upload = { name: string; mimeType: string; buffer: Buffer };

/// A one-page PDF with its cross-reference table right (offsets counted), as a scanner writes.
export function birthNoticePdf(): Upload {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const text = 'BT /F1 18 Tf 72 760 Td (GIAY CHUNG SINH - e2e) Tj ET';
  objects[3] = `<< /Length ${text.length} >>\nstream\n${text}\nendstream`;
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name: 'giấy chứng sinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf, 'latin1') };
}

/// A real JPEG photo (the browser's own encoder) of something card-like.
export async function idCardPhoto(browser: Browser): Promise<Upload> {
  const context = await browser.newContext({ viewport: { width: 480, height: 300 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.setContent(`<body style="margin:0;background:linear-gradient(135deg,#1d4ed8,#fde68a);font:28px sans-serif">
    <p style="padding:40px;color:white">CĂN CƯỚC · 025195012345</p></body>`);
  const buffer = await page.screenshot({ type: 'jpeg', quality: 80 });
  await context.close();
  return { name: 'ảnh thẻ căn cước.jpg', mimeType: 'image/jpeg', buffer };
}

/// Text named like a photo: the bytes say it is not one.
export const notAPhoto: Upload = {
  name: 'không phải ảnh.jpg',
  mimeType: 'image/jpeg',
  buffer: Buffer.from('This is a text file, whatever its name says.\n'),
};

/// The date `days` ago, as the three boxes take it.
export function daysAgo(days: number): [string, string, string] {
  const d = new Date(Date.now() + 7 * 3600_000 - days * 86_400_000); // Vietnam's day
  return [String(d.getUTCDate()), String(d.getUTCMonth() + 1), String(d.getUTCFullYear())];
}

/// The question page's own "Save and continue" (the only submit button in its form).
export const saveAndContinue = (page: Page): Locator => page.locator('main form[method="post"] button[type="submit"]');

export async function pick(page: Page, name: string, value: string) {
  await page.locator(`input[name="${name}"][value="${value}"]`).check();
}

export async function fillDate(page: Page, name: string, [d, m, y]: [string, string, string]) {
  await page.locator(`input[name="${name}-day"]`).fill(d);
  await page.locator(`input[name="${name}-month"]`).fill(m);
  await page.locator(`input[name="${name}-year"]`).fill(y);
}

/// An address in the province's first commune; returns the commune's name as the page shows it.
export async function fillAddress(page: Page, name: string, street: string): Promise<string> {
  await page.locator(`select[name="${name}.province"]`).selectOption({ index: 1 });
  const commune = page.locator(`select[name="${name}.commune"]`);
  await commune.selectOption({ index: 1 });
  await page.locator(`input[name="${name}.street"]`).fill(street);
  return commune.evaluate((s: HTMLSelectElement) => s.selectedOptions[0].text);
}

export const MOTHER = { name: 'Trần Thị Hoa', id: '025195012345', born: ['12', '4', '1995'] as [string, string, string] };

/// The person filing is the mother (every field of `applicant_person`).
export async function fillApplicantPerson(page: Page, citizenId = MOTHER.id) {
  await page.locator('input[name="applicant_name"]').fill(MOTHER.name);
  await page.locator('input[name="applicant_citizen_id"]').fill(citizenId);
  await fillDate(page, 'applicant_birth_date', MOTHER.born);
  await page.locator('input[name="applicant_phone"]').fill('0912 345 678');
  await page.locator('input[name="applicant_email"]').fill('hoa.tran@example.vn');
  await fillAddress(page, 'applicant_address', 'Tổ 5, khu Tân Xuân');
}

export async function fillChild(page: Page) {
  await page.locator('input[name="child_name"]').fill('Trần Minh Khôi');
  await pick(page, 'child_sex', 'male');
  await fillDate(page, 'child_birth_date', daysAgo(10));
  await pick(page, 'child_birth_place_kind', 'health_facility');
  await page.locator('input[name="child_birth_facility"]').fill('Bệnh viện Sản Nhi tỉnh Phú Thọ');
  await fillAddress(page, 'child_birth_place', 'Đường Nguyễn Tất Thành');
  await page.locator('select[name="child_ethnicity"]').selectOption({ index: 1 });
  await pick(page, 'child_nationality', 'vn');
}

export async function fillMother(page: Page) {
  await page.locator('input[name="mother_name"]').fill(MOTHER.name);
  await fillDate(page, 'mother_birth_date', MOTHER.born);
  await page.locator('input[name="mother_citizen_id"]').fill(MOTHER.id);
  await page.locator('select[name="mother_ethnicity"]').selectOption({ index: 1 });
  await pick(page, 'mother_nationality', 'vn');
  await fillAddress(page, 'mother_residence', 'Tổ 5, khu Tân Xuân');
}

export async function fillFatherUnknown(page: Page) {
  await pick(page, 'father_known', 'no');
}

export async function fillDeclarant(page: Page) {
  await page.locator('select[name="declarant_relation"]').selectOption('mother');
  await page.locator('input[name="certificate_copies"]').fill('2');
}

/// By post to the mother's commune; returns the commune's name.
export async function fillReturnByPost(page: Page): Promise<string> {
  await pick(page, 'return_method', 'post');
  await page.locator('input[name="return_recipient"]').fill(MOTHER.name);
  await page.locator('input[name="return_phone"]').fill('0912 345 678');
  return fillAddress(page, 'return_address', 'Tổ 5, khu Tân Xuân');
}

/// Upload `files` into document `slot` with its own form, posted as a browser without
/// JavaScript posts it, then open the page its answer leads to. (With JavaScript on, the upload
/// island takes over the form on its own: end2end/tests/documents.spec.ts tests that path.)
export async function upload(page: Page, slot: number, ...files: Upload[]) {
  const plain = page.locator(`#slot-${slot} form[enctype="multipart/form-data"]`);
  if (test.info().project.name === 'nojs') {
    await plain.locator('input[type="file"]').setInputFiles(files);
    await plain.locator('button[type="submit"]').click();
    await expect(page).toHaveURL(new RegExp(`/apply/${CODE.replace('.', '\\.')}/documents\\?slot=${slot}`));
    return;
  }
  const action = await plain.getAttribute('action');
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.buffer], { type: f.mimeType }), f.name);
  const res = await page.request.post(action ?? '', { multipart: form, maxRedirects: 0 });
  expect(res.status()).toBe(303);
  await page.goto(res.headers()['location']);
  await expect(page).toHaveURL(new RegExp(`/apply/${CODE.replace('.', '\\.')}/documents\\?slot=${slot}`));
}

/// From the start page through the question pages to the documents page, all answers right.
export async function answerEverything(page: Page) {
  await page.locator('form[action$="/start"] button').click();
  await expect(page).toHaveURL(/\/p\/applicant$/);
  await pick(page, 'applicant_kind', 'self');
  await saveAndContinue(page).click();
  for (const [at, fill] of [
    ['applicant_person', fillApplicantPerson],
    ['child', fillChild],
    ['mother', fillMother],
    ['father', fillFatherUnknown],
    ['declarant', fillDeclarant],
  ] as const) {
    await expect(page).toHaveURL(new RegExp(`/p/${at}$`));
    await fill(page);
    await saveAndContinue(page).click();
  }
  await expect(page).toHaveURL(/\/documents$/);
}

/// The draft id: the HttpOnly `dvc_draft` cookie of the procedure's path.
export async function draftId(context: import('@playwright/test').BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === 'dvc_draft');
  expect(cookie, 'the dvc_draft cookie').toBeTruthy();
  expect(cookie!.httpOnly).toBe(true);
  return cookie!.value;
}
