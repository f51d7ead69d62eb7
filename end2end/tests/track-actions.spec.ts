// The citizen's actions from the status page, at 360 px, with JavaScript and without: a supplement
// asked for by the office is answered with a file and sent (the dossier goes back to the office);
// the return is switched to VNPost (check, then confirm, the fee quoted again) until the result is
// handed to the post; a dossier is withdrawn through its confirmation page; a returned dossier is
// rated once (a form with an answer missing comes back with the choices kept). Each step is what
// the person sees: headings, the status tag, the next-step panel and the timeline.
import { expect, test, type Page } from '@playwright/test';
import { birthNoticePdf, fillReturnByPost, pick } from '../support/apply';
import { act, sendDossier } from '../support/track';

test.use({ viewport: { width: 360, height: 800 } });

const statusTag = (page: Page) => page.locator('.track-status');
const nextTitle = (page: Page) => page.locator('#next-step-title');
const events = (page: Page) => page.locator('.timeline-event');
const returnRow = (page: Page) => page.locator('.summary-row', { hasText: 'Cách nhận kết quả' }).locator('dd');

/// Nothing wider than the phone's screen.
async function fitsThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

test('a supplement is uploaded and sent, the return switched to VNPost until the post has it', async ({ page, request, javaScriptEnabled }) => {
  test.setTimeout(60_000);
  const dossier = await sendDossier(request, false);
  const code = dossier.dossier_code;
  const status = new RegExp(`/track/${dossier.tracking_token.replace(/[.]/g, '\\.')}$`);
  await act(request, code, { action: 'accept' });
  await act(request, code, { action: 'start_processing' });
  await act(request, code, { action: 'request_supplement', reason: 'Ảnh căn cước bị mờ, không đọc được số.', documents: ['Căn cước công dân (ảnh rõ nét)'] });

  // The status page says what is asked and links to the upload.
  await page.goto(`/track/${dossier.tracking_token}`);
  await expect(statusTag(page)).toHaveText('Yêu cầu bổ sung');
  await expect(nextTitle(page)).toHaveText('Bạn cần bổ sung giấy tờ');
  await page.locator('.next-step').getByRole('link', { name: 'Bổ sung giấy tờ' }).click();
  await expect(page).toHaveURL(/\/supplement$/);
  await expect(page.locator('h1')).toHaveText('Bổ sung giấy tờ');
  await expect(page.locator('main')).toContainText(code);
  await expect(page.locator('.summary-list')).toContainText('Ảnh căn cước bị mờ, không đọc được số.');
  const slot = page.locator('#slot-0');
  await expect(slot.locator('h2')).toHaveText('Căn cước công dân (ảnh rõ nét)');
  await expect(page.locator('#slot-0-files')).toContainText('Chưa có tệp nào');
  await fitsThePhone(page);

  // Sending before any file: the page says which document is missing.
  await page.getByRole('button', { name: 'Gửi cho cơ quan' }).click();
  await expect(page).toHaveURL(/\/supplement\?missing=1/);
  await expect(page.locator('#supplement-missing')).toContainText('Các giấy tờ sau chưa có tệp nào');
  await expect(page.locator('#supplement-missing li')).toHaveText(['Căn cước công dân (ảnh rõ nét)']);

  // The file, as each browser sends it: the plain multipart form without JavaScript, the upload
  // island (on choosing the file) with it.
  const pdf = birthNoticePdf();
  const file = { ...pdf, name: 'can-cuoc.pdf' };
  if (javaScriptEnabled) {
    await expect(slot.locator('[data-upload="ready"]')).toBeAttached();
    await slot.locator('input[type="file"]').setInputFiles(file);
  } else {
    await slot.locator('input[type="file"]').setInputFiles(file);
    await slot.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
    await expect(page).toHaveURL(/\/supplement\?slot=0/);
  }
  await expect(page.locator('#slot-0-files')).toContainText('can-cuoc.pdf', { timeout: 15_000 });

  // Sent: back on the status page, the dossier is with the office again.
  await page.getByRole('button', { name: 'Gửi cho cơ quan' }).click();
  await expect(page).toHaveURL(status);
  await expect(statusTag(page)).toHaveText('Đang xử lý');
  await expect(nextTitle(page)).toHaveText('Hồ sơ đang được xử lý');
  await expect(events(page).locator('h3')).toHaveText([
    'Bạn đã bổ sung giấy tờ',
    'Yêu cầu bổ sung giấy tờ',
    'Bắt đầu giải quyết',
    'Hồ sơ được tiếp nhận',
    'Hồ sơ đã được gửi',
  ]);
  const supplied = events(page).first();
  await expect(supplied).toContainText('Tình trạng: Đang xử lý');
  // The office that asked has it again: the page names it, so the event names no other (an
  // event says " · office" only for another office), only its time.
  await expect(supplied.locator('.hint time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
  await expect(supplied.locator('.hint')).not.toContainText('·');
  // Nothing is asked any more.
  await page.goto(`/track/${dossier.tracking_token}/supplement`);
  await expect(page.locator('main [role="status"]')).toContainText('Cơ quan hiện không yêu cầu bổ sung giấy tờ');

  // The return, from the counter to VNPost: the form, its errors, the check, the confirmation.
  await page.goto(`/track/${dossier.tracking_token}`);
  await expect(returnRow(page)).toHaveText('Nhận tại Bộ phận Một cửa');
  await page.getByRole('link', { name: 'Chuyển sang nhận qua bưu điện' }).click();
  await expect(page).toHaveURL(/\/return$/);
  await expect(page.locator('h1')).toHaveText('Thay đổi cách nhận kết quả');
  await expect(page.locator('input[name="return_method"][value="counter"]')).toBeChecked();
  await pick(page, 'return_method', 'post');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page).toHaveURL(/\/return\?check$/);
  await expect(page.locator('.error-summary')).toBeVisible();
  await expect(page).toHaveTitle(/^Lỗi:/);
  await expect(page.locator('input[name="return_method"][value="post"]')).toBeChecked();
  await fitsThePhone(page);
  const commune = await fillReturnByPost(page);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page).toHaveURL(/\/return\?check$/);
  await expect(page.locator('h1')).toHaveText('Kiểm tra cách nhận kết quả mới');
  await expect(page.locator('main')).toContainText('Tổ 5, khu Tân Xuân');
  await expect(page.locator('main')).toContainText(commune);
  await expect(page.locator('main')).toContainText('Cước bưu điện');
  await fitsThePhone(page);
  await page.getByRole('button', { name: 'Xác nhận thay đổi' }).click();
  await expect(page).toHaveURL(status);
  await expect(returnRow(page)).toHaveText('Nhận qua bưu điện (VNPost)');
  await expect(statusTag(page)).toHaveText('Đang xử lý');
  await expect(events(page).first().locator('h3')).toHaveText('Bạn đã thay đổi cách nhận kết quả');
  await expect(page.getByRole('link', { name: 'Chuyển sang nhận tại Bộ phận Một cửa' })).toBeVisible();

  // Complete, then handed to VNPost: the tracking number, and no more changing the return.
  await act(request, code, { action: 'complete', result_documents: ['Giấy xác nhận tình trạng hôn nhân'] });
  await page.reload();
  await expect(statusTag(page)).toHaveText('Đã xử lý xong');
  await expect(nextTitle(page)).toHaveText('Kết quả sẽ được gửi qua bưu điện');
  await expect(page.getByRole('link', { name: 'Chuyển sang nhận tại Bộ phận Một cửa' })).toBeVisible();
  await act(request, code, { action: 'hand_to_post', tracking_number: 'EE123456789VN' });
  await page.reload();
  await expect(page.locator('.next-step')).toContainText('Kết quả đã được giao cho bưu điện (VNPost).');
  await expect(page.locator('.next-step strong')).toHaveText('EE123456789VN');
  await expect(page.locator('.next-step a[href$="/return"]')).toHaveCount(0);
  await expect(events(page).first().locator('h3')).toHaveText('Kết quả đã giao cho bưu điện');
  await page.goto(`/track/${dossier.tracking_token}/return`);
  await expect(page.locator('main [role="status"]')).toContainText('Không thể thay đổi cách nhận kết quả nữa');
  await expect(page.locator('form[action$="/return"]')).toHaveCount(0);
});

test('a big file chosen on a supplement page left open after the supplement was sent gets the page, not a reset connection', async ({
  page,
  context,
  request,
  javaScriptEnabled,
}) => {
  test.setTimeout(60_000);
  const dossier = await sendDossier(request, false);
  const code = dossier.dossier_code;
  await act(request, code, { action: 'accept' });
  await act(request, code, { action: 'start_processing' });
  await act(request, code, { action: 'request_supplement', reason: 'Thiếu ảnh căn cước.', documents: ['Căn cước công dân'] });
  const supplement = `/track/${dossier.tracking_token}/supplement`;
  // A second tab left on the supplement page while the first adds a file and sends it.
  const left = await context.newPage();
  await left.goto(supplement);
  await page.goto(supplement);
  const slot = page.locator('#slot-0');
  if (javaScriptEnabled) await expect(slot.locator('[data-upload="ready"]')).toBeAttached();
  await slot.locator('input[type="file"]').setInputFiles({ ...birthNoticePdf(), name: 'can-cuoc.pdf' });
  if (!javaScriptEnabled) await slot.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
  await expect(page.locator('#slot-0-files')).toContainText('can-cuoc.pdf', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Gửi cho cơ quan' }).click();
  await expect(statusTag(page)).toHaveText('Đang xử lý');

  // A 20 MB file chosen there afterwards: the server answers before taking any file, and must
  // read the rest of the form first (a browser still sending reports a reset connection).
  const leftSlot = left.locator('#slot-0');
  if (javaScriptEnabled) await expect(leftSlot.locator('[data-upload="ready"]')).toBeAttached();
  const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20_000_000, 0x20)]);
  await leftSlot.locator('input[type="file"]').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: big });
  if (!javaScriptEnabled) await leftSlot.locator('form[enctype="multipart/form-data"] button[type="submit"]').click();
  await expect(left).toHaveURL(new RegExp(`${supplement.replace(/[.]/g, '\\.')}$`), { timeout: 20_000 });
  await expect(left.locator('main [role="status"]')).toContainText('Cơ quan hiện không yêu cầu bổ sung giấy tờ');
  await left.close();
});

test('a dossier is withdrawn through its confirmation page', async ({ page, request }) => {
  const dossier = await sendDossier(request, false);
  const status = new RegExp(`/track/${dossier.tracking_token.replace(/[.]/g, '\\.')}$`);
  await act(request, dossier.dossier_code, { action: 'accept' });
  await page.goto(`/track/${dossier.tracking_token}`);
  await expect(statusTag(page)).toHaveText('Đã tiếp nhận');

  // The confirmation page, and the way out of it that changes nothing.
  await page.getByRole('link', { name: 'Xin rút hồ sơ' }).click();
  await expect(page).toHaveURL(/\/withdraw$/);
  await expect(page.locator('h1')).toHaveText('Rút hồ sơ');
  await expect(page.locator('main')).toContainText(dossier.dossier_code);
  await expect(page.locator('.notice-warning')).toContainText('cơ quan sẽ dừng giải quyết');
  await fitsThePhone(page);
  await page.getByRole('link', { name: 'Không rút, quay lại' }).click();
  await expect(page).toHaveURL(status);
  await expect(statusTag(page)).toHaveText('Đã tiếp nhận');

  await page.getByRole('link', { name: 'Xin rút hồ sơ' }).click();
  await page.getByLabel('Lý do rút hồ sơ (không bắt buộc)').fill('Tôi đã nộp nhầm thủ tục.');
  await page.getByRole('button', { name: 'Xác nhận rút hồ sơ' }).click();
  await expect(page).toHaveURL(status);
  await expect(statusTag(page)).toHaveText('Công dân yêu cầu rút hồ sơ');
  await expect(nextTitle(page)).toHaveText('Bạn không cần làm gì thêm');
  await expect(page.locator('.next-step')).toContainText('Bạn đã xin rút hồ sơ này.');
  await expect(page.getByRole('link', { name: 'Xin rút hồ sơ' })).toHaveCount(0);
  await expect(events(page).locator('h3')).toHaveText(['Bạn đã xin rút hồ sơ', 'Hồ sơ được tiếp nhận', 'Hồ sơ đã được gửi']);
  await expect(events(page).first()).toContainText('Tôi đã nộp nhầm thủ tục.');

  // Asked already: the page says so instead of the form.
  await page.goto(`/track/${dossier.tracking_token}/withdraw`);
  await expect(page.locator('main [role="status"]')).toContainText('Bạn đã yêu cầu rút hồ sơ này.');
  await expect(page.getByRole('button', { name: 'Xác nhận rút hồ sơ' })).toHaveCount(0);
});

test('a returned dossier is rated once, an answer missing is asked again with the choices kept', async ({ page, request }) => {
  const dossier = await sendDossier(request, false);
  const token = dossier.tracking_token;
  for (const body of [
    { action: 'accept' },
    { action: 'start_processing' },
    { action: 'complete', result_documents: ['Giấy xác nhận tình trạng hôn nhân'] },
    { action: 'return_at_counter' },
  ])
    await act(request, dossier.dossier_code, body);
  await page.goto(`/track/${token}`);
  await expect(statusTag(page)).toHaveText('Đã trả kết quả');
  await expect(nextTitle(page)).toHaveText('Bạn đã nhận kết quả');
  await page.locator('.next-step').getByRole('link', { name: 'Đánh giá' }).click();
  await expect(page).toHaveURL(/\/rate$/);
  await expect(page.locator('h1')).toHaveText('Đánh giá mức độ hài lòng');
  // The time taken is worked out from the dates, not asked.
  await expect(page.locator('.summary-list')).toContainText('Đúng hạn');
  await fitsThePhone(page);

  // Every answer but the overall satisfaction.
  await pick(page, 'contacts', '2');
  await pick(page, 'offices', '2');
  await pick(page, 'attitude', '1');
  await pick(page, 'ease', 'very_satisfied');
  await page.locator('textarea[name="comment"]').fill('Cán bộ hướng dẫn rõ ràng.');
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page).toHaveURL(/\/rate\?check$/);
  await expect(page).toHaveTitle(/^Lỗi:/);
  await expect(page.locator('.error-summary li')).toHaveText(['Mức độ hài lòng chung: Hãy chọn một câu trả lời']);
  await expect(page.locator('input[name="contacts"][value="2"]')).toBeChecked();
  await expect(page.locator('input[name="offices"][value="2"]')).toBeChecked();
  await expect(page.locator('input[name="attitude"][value="1"]')).toBeChecked();
  await expect(page.locator('input[name="ease"][value="very_satisfied"]')).toBeChecked();
  await expect(page.locator('input[name="overall"]:checked')).toHaveCount(0);
  await expect(page.locator('textarea[name="comment"]')).toHaveValue('Cán bộ hướng dẫn rõ ràng.');

  await pick(page, 'overall', 'satisfied');
  await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(page).toHaveURL(/\/rate$/);
  await expect(page.locator('h1')).toHaveText('Cảm ơn bạn đã đánh giá');
  const stored = page.locator('.summary-list');
  for (const said of ['Một lần', 'Một cơ quan', 'Bình thường', 'Rất hài lòng', 'Hài lòng', 'Cán bộ hướng dẫn rõ ràng.'])
    await expect(stored).toContainText(said);
  await expect(page.locator('form[action$="/rate"]')).toHaveCount(0);

  // The status page asks nothing more.
  await page.getByRole('link', { name: 'Quay lại tình trạng hồ sơ' }).first().click();
  await expect(nextTitle(page)).toHaveText('Bạn không cần làm gì thêm');
  await expect(page.locator('.next-step')).toContainText('Hồ sơ đã hoàn tất. Cảm ơn bạn đã đánh giá.');
  await expect(page.locator('.next-step a[href$="/rate"]')).toHaveCount(0);

  // A second rating (the form sent again, or straight to the portal) changes nothing.
  const again = await page.request.post(`/track/${token}/rate`, {
    form: { contacts: '0', offices: '0', attitude: '0', ease: 'unsatisfied', overall: 'unsatisfied' },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(303);
  const api = await request.post(`/portal/v1/dossiers/by-token/${token}/rating`, {
    data: { contacts: 0, offices: 0, attitude: 0, ease: 'unsatisfied', overall: 'unsatisfied' },
  });
  expect(api.status()).toBe(409);
  expect(await api.text()).toContain('already_rated');
  await page.goto(`/track/${token}/rate`);
  await expect(page.locator('h1')).toHaveText('Cảm ơn bạn đã đánh giá');
  await expect(stored).toContainText('Bình thường');
  await expect(stored).not.toContainText('Không hài lòng');
  await expect(stored).not.toContainText('Chưa lịch sự');
});
