// The whole apply journey as a parent on a phone does it, with JavaScript on and off: a birth
// registration (1.001193) from the procedure's page to the receipt, two files uploaded (a PDF
// scan, a JPEG photo), the result sent back by post to a commune. On the way: a citizen ID that
// cannot be right and a file that is not a photo are named in the error summary with everything
// else kept; a reload and the back button lose nothing; the draft is carried on from its resume
// code in another browser; a double tap on "Send" makes one dossier. Afterwards the portal API
// holds the dossier, its files byte for byte and how the result comes back.
import { expect, test, type BrowserContext } from '@playwright/test';
import {
  CODE,
  MOTHER,
  SLOT_BIRTH_NOTICE,
  SLOT_ID_CARD,
  birthNoticePdf,
  draftId,
  fillApplicantPerson,
  fillChild,
  fillDeclarant,
  fillFatherUnknown,
  fillMother,
  fillReturnByPost,
  idCardPhoto,
  notAPhoto,
  pick,
  saveAndContinue,
  upload,
  answerEverything,
} from '../support/apply';

const PHONE = { width: 360, height: 740 };
test.use({ viewport: PHONE });

/// A second browser on another device, with the same JavaScript setting as this project.
async function anotherDevice(browser: import('@playwright/test').Browser, js: boolean): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, javaScriptEnabled: js, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

test('a birth registration from the procedure page to the receipt, two files, returned by post', async ({
  page,
  context,
  browser,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const js = testInfo.project.use.javaScriptEnabled !== false;
  const pdf = birthNoticePdf();
  const photo = await idCardPhoto(browser);

  // From the procedure's page to the first question.
  await page.goto(`/procedures/${CODE}`);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký khai sinh');
  await page.getByRole('button', { name: 'Bắt đầu nộp hồ sơ' }).click();
  await expect(page).toHaveURL(/\/p\/applicant$/);
  await page.getByRole('radio', { name: 'Cho chính mình' }).check();
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

  // A citizen ID of 11 digits: named in the summary, everything else kept as typed.
  await expect(page).toHaveURL(/\/p\/applicant_person$/);
  await fillApplicantPerson(page, '025 195 01234');
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await expect(page).toHaveTitle(/^Lỗi: /);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Có lỗi cần sửa');
  await expect(summary).toContainText('Số định danh cá nhân (CCCD)');
  await expect(summary.getByRole('link')).toHaveCount(1);
  await expect(page.getByLabel('Số định danh cá nhân (CCCD)')).toHaveValue('025 195 01234');
  await expect(page.getByLabel('Họ, chữ đệm và tên')).toHaveValue(MOTHER.name);
  await expect(page.getByLabel('Số điện thoại di động')).toHaveValue('0912 345 678');
  await expect(page.getByLabel('Thư điện tử (nếu có)')).toHaveValue('hoa.tran@example.vn');
  await expect(page.getByLabel('Năm', { exact: true })).toHaveValue('1995');
  await expect(page.locator('input[name="applicant_address.street"]')).toHaveValue('Tổ 5, khu Tân Xuân');
  await expect(page.locator('select[name="applicant_address.commune"]')).not.toHaveValue('');
  // The summary's link leads to the field.
  await summary.getByRole('link').click();
  await expect(page).toHaveURL(/#applicant_citizen_id$/);
  // A reload is the page as saved: still everything, still the error.
  await page.reload();
  await expect(page.getByLabel('Họ, chữ đệm và tên')).toHaveValue(MOTHER.name);
  await expect(page.getByRole('alert')).toContainText('Số định danh cá nhân (CCCD)');
  await page.getByLabel('Số định danh cá nhân (CCCD)').fill(MOTHER.id);
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();

  // The child, the mother, no father declared, who registers.
  await expect(page).toHaveURL(/\/p\/child$/);
  await fillChild(page);
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await expect(page).toHaveURL(/\/p\/mother$/);
  // The browser's back button mid-way: the child's page as saved.
  await page.goBack();
  await expect(page).toHaveURL(/\/p\/child$/);
  await expect(page.getByLabel('Họ, chữ đệm và tên của trẻ')).toHaveValue('Trần Minh Khôi');
  await expect(page.getByLabel('Tên cơ sở y tế')).toHaveValue('Bệnh viện Sản Nhi tỉnh Phú Thọ');
  await expect(page.getByRole('radio', { name: 'Nam', exact: true })).toBeChecked();
  await page.goForward();
  await expect(page).toHaveURL(/\/p\/mother$/);
  await fillMother(page);
  await saveAndContinue(page).click();
  await expect(page).toHaveURL(/\/p\/father$/);
  await fillFatherUnknown(page);
  await saveAndContinue(page).click();
  await expect(page).toHaveURL(/\/p\/declarant$/);
  await fillDeclarant(page);
  await saveAndContinue(page).click();

  // Documents: the scan of the birth notice, then a "photo" that is not one, then the photo.
  await expect(page).toHaveURL(/\/documents$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giấy tờ đính kèm');
  await upload(page, SLOT_BIRTH_NOTICE, pdf);
  await expect(page.locator(`#slot-${SLOT_BIRTH_NOTICE}`)).toContainText(pdf.name);
  await upload(page, SLOT_ID_CARD, notAPhoto);
  await expect(page).toHaveTitle(/^Lỗi: /);
  // GOV.UK's error summary at the top links to the slot's file input; the slot says it again.
  const refusals = page.getByRole('alert');
  await expect(refusals).toContainText(`${notAPhoto.name}: không phải tệp PDF, JPEG hoặc PNG.`);
  await expect(refusals.getByRole('link').first()).toHaveAttribute('href', `#file-${SLOT_ID_CARD}`);
  await expect(page.locator(`#file-${SLOT_ID_CARD}`)).toHaveAttribute('aria-describedby', new RegExp(`file-${SLOT_ID_CARD}-error`));
  await expect(page.locator(`#file-${SLOT_ID_CARD}-error`)).toContainText(`${notAPhoto.name}: không phải tệp PDF, JPEG hoặc PNG.`);
  await expect(page.locator(`#slot-${SLOT_ID_CARD}`)).toContainText('Chưa có tệp nào');
  await expect(page.locator(`#slot-${SLOT_BIRTH_NOTICE}`)).toContainText(pdf.name);
  await upload(page, SLOT_ID_CARD, photo);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // A reload keeps both files.
  await page.reload();
  await expect(page.locator(`#slot-${SLOT_BIRTH_NOTICE}`)).toContainText(pdf.name);
  await expect(page.locator(`#slot-${SLOT_ID_CARD}`)).toContainText(photo.name);
  await expect(page.locator('.document-file')).toHaveCount(2);

  // The phone is put away; the parent carries on from the resume code on another device.
  const code = (await page.locator('aside .font-mono').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const phoneDraft = await draftId(context);
  const other = await anotherDevice(browser, js);
  const elsewhere = await other.newPage();
  await elsewhere.goto('/apply/resume');
  await elsewhere.getByLabel('Mã tiếp tục hồ sơ').fill(code);
  await elsewhere.getByRole('button', { name: 'Mở hồ sơ' }).click();
  await expect(elsewhere).toHaveURL(/\/check$/);
  expect(await draftId(other)).toBe(phoneDraft);
  await expect(elsewhere.getByText('Trần Minh Khôi')).toBeVisible();
  await expect(elsewhere.getByText(pdf.name)).toBeVisible();
  await expect(elsewhere.getByText(photo.name)).toBeVisible();
  // Only how the result comes back is left.
  await expect(elsewhere.getByRole('status').filter({ hasText: 'Còn các phần cần hoàn thành' })).toContainText('Nhận kết quả');

  // By post, to a commune: the fee is quoted on "check your answers".
  await elsewhere.goto(`/apply/${CODE}/p/return`);
  const commune = await fillReturnByPost(elsewhere);
  await saveAndContinue(elsewhere).click();
  await expect(elsewhere).toHaveURL(/\/check$/);
  await expect(elsewhere.getByText(/Cước bưu điện \(biểu giá tham khảo\): [\d.]+ đ/)).toBeVisible();
  await expect(elsewhere.getByRole('status').filter({ hasText: 'Còn các phần cần hoàn thành' })).toHaveCount(0);
  // The optional questions left empty say so (the home town, the originals by post).
  await expect(elsewhere.getByRole('definition').filter({ hasText: 'Không trả lời' })).toHaveCount(2);

  // A double tap on "Send": one dossier, one receipt.
  await elsewhere.getByRole('button', { name: 'Gửi hồ sơ' }).dblclick();
  await expect(elsewhere).toHaveURL(/\/apply\/receipt\/[^/]+$/);
  const receiptUrl = elsewhere.url();
  await expect(elsewhere.getByRole('heading', { name: 'Đã gửi hồ sơ' })).toBeVisible();
  const dossier = (await elsewhere.locator('.font-mono.text-2xl').textContent())?.trim() ?? '';
  expect(dossier).toMatch(/^[0-9A-Z.]+-\d{6}-\d{4}$/);
  await expect(elsewhere.locator('svg.qr')).toBeVisible();
  await expect(elsewhere.getByText('Nhận qua dịch vụ bưu chính công ích tại địa chỉ:')).toBeVisible();
  await expect(elsewhere.locator('.receipt')).toContainText(commune);
  // The back button and a second "Send" from the phone: the same receipt, nothing new.
  await elsewhere.goBack();
  await expect(elsewhere.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ này đã được gửi');
  await page.goto(`/apply/${CODE}/check`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ này đã được gửi');
  await page.getByRole('link', { name: 'Xem giấy tiếp nhận hồ sơ' }).click();
  expect(page.url()).toBe(receiptUrl);
  const again = await page.request.post(`/apply/${CODE}/submit`, { maxRedirects: 0 });
  expect(again.status()).toBe(303);
  expect(new URL(again.headers()['location'], receiptUrl).href).toBe(receiptUrl);
  await other.close();

  // Through the portal API: one dossier (a further submit answers 200 "sent before", same code).
  const api = `/portal/v1/drafts/${phoneDraft}`;
  const resent = await request.post(`${api}/submit`);
  expect(resent.status()).toBe(200);
  expect((await resent.json()).dossier_code).toBe(dossier);
  const receipt = await (await request.get(`${api}/receipt`)).json();
  expect(receipt.dossier_code).toBe(dossier);
  expect(receipt.procedure_code).toBe(CODE);
  expect(receipt.applicant_name).toBe(MOTHER.name);
  expect(receipt.return_method).toBe('post');
  expect(receipt.return_address).toContain(commune);
  expect(receipt.return_address).toContain('Tổ 5, khu Tân Xuân');
  expect(receipt.postal_fee_vnd).toBeGreaterThan(0);
  expect(receiptUrl.endsWith(`/apply/receipt/${receipt.tracking_token}`)).toBe(true);
  const filesIn = (slot: number) => receipt.documents[slot].files;
  expect([filesIn(SLOT_BIRTH_NOTICE), filesIn(SLOT_ID_CARD)]).toEqual([1, 1]);

  // The two files, byte for byte, and nothing else.
  const list = await (await request.get(`${api}/documents`)).json();
  expect(list.files.map((f: { file_name: string }) => f.file_name).sort()).toEqual([photo.name, pdf.name].sort());
  for (const [sent, slot, type] of [
    [pdf, SLOT_BIRTH_NOTICE, 'application/pdf'],
    [photo, SLOT_ID_CARD, 'image/jpeg'],
  ] as const) {
    const stored = list.files.find((f: { slot: number }) => f.slot === slot);
    expect(stored.content_type).toBe(type);
    expect(stored.size_bytes).toBe(sent.buffer.length);
    const bytes = await request.get(`${api}/documents/${stored.id}/content`);
    expect(bytes.status()).toBe(200);
    expect(Buffer.compare(await bytes.body(), sent.buffer), `${sent.name} as stored`).toBe(0);
  }
});

test('the English journey, once: counter collection, receipt in English', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.goto(`/procedures/${CODE}?lang=en`);
  await page.getByRole('link', { name: 'Apply online' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Birth registration');
  await answerEverything(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Documents');
  await upload(page, SLOT_ID_CARD, await idCardPhoto(browser));
  await page.getByRole('link', { name: 'Save and continue' }).click();
  await expect(page).toHaveURL(/\/p\/return$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How to receive the result');
  await pick(page, 'return_method', 'counter');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers');
  await expect(page.getByRole('term').filter({ hasText: "The child's full name" })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'Trần Minh Khôi' })).toBeVisible();
  await page.getByRole('button', { name: 'Send application' }).click();
  await expect(page.getByRole('heading', { name: 'Application sent' })).toBeVisible();
  await expect(page.getByText('Collect it in person from:')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Nothing Vietnamese is left on the English receipt but names (the centre, the agency's own).
  await expect(page.locator('.receipt')).toContainText('Birth registration (1.001193)');
});

test('a wrong-type upload alone on the page keeps the other files and says why', async ({ page, browser }) => {
  await page.goto(`/apply/${CODE}`);
  await answerEverything(page);
  await upload(page, SLOT_ID_CARD, await idCardPhoto(browser));
  // Two files in one form, one of them not a photo: the good one is taken, the other named.
  await upload(page, SLOT_BIRTH_NOTICE, birthNoticePdf(), notAPhoto);
  await expect(page.getByRole('alert')).toContainText(notAPhoto.name);
  await expect(page.getByRole('alert')).not.toContainText('giấy chứng sinh.pdf');
  await expect(page.locator('.document-file')).toHaveCount(2);
});
