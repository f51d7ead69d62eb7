// Following a dossier at 360 px, with JavaScript and without: a dossier sent through the API is
// found with its code (typed loosely) and phone, its timeline grows as an officer moves it, a
// wrong phone and an unknown code give the identical page, the limit on one code says so in
// words, "dossiers on this device" lists and clears, and a dossier past its due date says so.
import { expect, test, type Page } from '@playwright/test';
import { PHONE, act, makeOverdue, sendDossier, typedLoosely } from '../support/track';

test.use({ viewport: { width: 360, height: 800 } });

async function lookUp(page: Page, code: string, factor: string) {
  await page.goto('/track');
  await page.locator('input[name="code"]').fill(code);
  await page.locator('input[name="second_factor"]').fill(factor);
  await page.locator('form[action="/track"] button[type="submit"]').click();
}

test('a dossier is found by its code and phone, and its timeline follows the office', async ({ page, request }) => {
  const dossier = await sendDossier(request, true);
  await lookUp(page, typedLoosely(dossier.dossier_code), '+84 912 345 678');
  await expect(page).toHaveURL(/\/track\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  await expect(page.locator('h1')).toHaveText(dossier.dossier_code);
  await expect(page.locator('.track-status')).toHaveText('Mới đăng ký');
  await expect(page.locator('#next-step-title')).toHaveText('Hồ sơ đang được xử lý');
  await expect(page.locator('.timeline-event h3')).toHaveText(['Hồ sơ đã được gửi']);

  await act(request, dossier.dossier_code, { action: 'accept' });
  await act(request, dossier.dossier_code, { action: 'start_processing' });
  await act(request, dossier.dossier_code, { action: 'request_supplement', reason: 'Ảnh bị mờ', documents: ['Căn cước công dân'] });
  await page.reload();
  await expect(page.locator('.track-status')).toHaveText('Yêu cầu bổ sung');
  await expect(page.locator('#next-step-title')).toHaveText('Bạn cần bổ sung giấy tờ');
  await expect(page.locator('.next-step')).toContainText('Căn cước công dân');
  await expect(page.locator('.next-step a[href$="/supplement"]')).toBeVisible();
  // Newest first.
  await expect(page.locator('.timeline-event h3')).toHaveText([
    'Yêu cầu bổ sung giấy tờ',
    'Bắt đầu giải quyết',
    'Hồ sơ được tiếp nhận',
    'Hồ sơ đã được gửi',
  ]);
  // Nothing wider than the phone's screen.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide).toBeLessThanOrEqual(360);

  // The receipt's link opens the same page directly; the device's list has the dossier.
  await page.goto(`/track/${dossier.tracking_token}`);
  await expect(page.locator('h1')).toHaveText(dossier.dossier_code);
  await page.goto('/track');
  await expect(page.locator('#device-title')).toBeVisible();
  await expect(page.locator('.task-list')).toContainText(dossier.dossier_code);
  await page.locator('form[action="/track/forget"] button').click();
  await expect(page).toHaveURL(/\/track\?cleared=1$/);
  await expect(page.locator('main')).toContainText('Đã xóa danh sách');
  await expect(page.locator('#device-title')).toHaveCount(0);
});

test('a wrong phone and an unknown code give the identical page', async ({ page, request }) => {
  const dossier = await sendDossier(request, false);
  const unknown = dossier.dossier_code.replace(/-\d{4}$/, '-9999');
  await lookUp(page, dossier.dossier_code, '0999999999');
  await expect(page).toHaveURL(/\/track\?error=1&code=/);
  const wrongPhone = (await page.locator('main').innerHTML()).replaceAll(dossier.dossier_code, 'CODE');
  await lookUp(page, unknown, PHONE);
  const wrongCode = (await page.locator('main').innerHTML()).replaceAll(unknown, 'CODE');
  expect(wrongCode).toBe(wrongPhone);
  await expect(page.locator('.error-summary')).toContainText('Không tìm thấy hồ sơ');
  await expect(page.locator('input[name="code"]')).toHaveValue(unknown);
  await expect(page.locator('input[name="second_factor"]')).toHaveValue('');
});

test('too many tries of one code get a plain page that says to wait', async ({ page, request }) => {
  const dossier = await sendDossier(request, false);
  for (let n = 0; n < 10; n++) {
    const res = await request.post('/portal/v1/dossiers/lookup', {
      data: { code: dossier.dossier_code, second_factor: `09000000${String(n).padStart(2, '0')}` },
    });
    expect(res.status()).toBe(404);
  }
  await lookUp(page, dossier.dossier_code, PHONE);
  // The code's own limit in its own words (not "from your connection"), with the way out.
  await expect(page.locator('h1')).toHaveText('Mã hồ sơ này đã được tra cứu quá nhiều lần');
  await expect(page.locator('main')).toContainText('thử lại sau 1 phút, hoặc hỏi trực tiếp tại Bộ phận Một cửa');
  await expect(page.locator('main')).not.toContainText('kết nối của bạn');
});

test('an overdue dossier shows as overdue', async ({ page, request }) => {
  const dossier = await sendDossier(request, false);
  const status = page.locator('.track-status');
  const due = (label: string) => page.locator('.summary-row', { has: page.locator('dt', { hasText: label }) }).locator('dd');
  await page.goto(`/track/${dossier.tracking_token}?lang=vi`);
  await expect(status).toHaveText('Mới đăng ký');
  const shown = makeOverdue(dossier.dossier_code);
  await page.reload();
  await expect(status).toHaveText('Mới đăng ký Quá hạn');
  await expect(due('Ngày hẹn trả kết quả')).toHaveText(shown);
  await page.goto(`/track/${dossier.tracking_token}?lang=en`);
  await expect(status).toHaveText('Newly registered Overdue');
  await expect(due('Result due on')).toHaveText(shown);
  // The tag is words on a colour, and fits the phone's screen.
  await expect(status.locator('.tag-overdue')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // The lookup page's list of this device's dossiers says it too.
  await page.goto('/track?lang=en');
  await expect(page.locator('.task-list li', { hasText: dossier.dossier_code })).toContainText('Overdue');
});
