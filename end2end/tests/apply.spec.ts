// The apply journey as a person on a phone does it, with JavaScript on and off: start, a page
// with mistakes (the error summary, everything typed kept), put right, on to the next page,
// back without losing anything, and carried on in another browser with the resume code.
import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 360, height: 740 } });

test('a question page keeps what was typed, names each mistake, and moves on once right', async ({ page, browser }) => {
  await page.goto('/procedures/1.001193');
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Bạn cần chuẩn bị' })).toBeVisible();
  await page.getByRole('button', { name: 'Bắt đầu nộp hồ sơ' }).click();
  // Who applies comes first (its own test: applicant.spec.ts); the child's page can be filled first too.
  await expect(page).toHaveURL(/\/apply\/1\.001193\/p\/applicant$/);
  await page.goto('/apply/1.001193/p/child');

  // Mistakes: a name typed, an impossible date, the rest left empty.
  await page.getByLabel('Họ, chữ đệm và tên của trẻ').fill('Nguyễn Bình An');
  await page.getByLabel('Ngày', { exact: true }).fill('31');
  await page.getByLabel('Tháng', { exact: true }).fill('2');
  await page.getByLabel('Năm', { exact: true }).fill('2025');
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await expect(page).toHaveTitle(/^Lỗi: /);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Có lỗi cần sửa');
  await expect(page.getByLabel('Họ, chữ đệm và tên của trẻ')).toHaveValue('Nguyễn Bình An');
  await expect(page.getByLabel('Ngày', { exact: true })).toHaveValue('31');
  // The summary's link takes the person to the field.
  await summary.getByRole('link').first().click();

  // A reload loses nothing (the page is rendered from the saved draft).
  await page.reload();
  await expect(page.getByLabel('Họ, chữ đệm và tên của trẻ')).toHaveValue('Nguyễn Bình An');

  // Put right, and on to the next page.
  await page.getByLabel('Ngày', { exact: true }).fill('3');
  await page.getByRole('radio', { name: 'Nam', exact: true }).check();
  await page.getByRole('group', { name: /sinh ra ở đâu/ }).getByRole('radio').last().check();
  await page.locator('select[name="child_birth_place.province"]').selectOption({ index: 1 });
  await page.locator('select[name="child_birth_place.commune"]').selectOption({ index: 1 });
  await page.locator('input[name="child_birth_place.street"]').fill('Thôn Đồng Tâm');
  await page.locator('select[name="child_ethnicity"]').selectOption({ index: 1 });
  await page.getByRole('group', { name: /Quốc tịch/ }).getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await expect(page).toHaveURL(/\/p\/mother$/);

  // Back to the first page: everything is still there.
  await page.getByRole('link', { name: 'Quay lại' }).click();
  await expect(page.getByLabel('Ngày', { exact: true })).toHaveValue('3');
  await expect(page.locator('input[name="child_birth_place.street"]')).toHaveValue('Thôn Đồng Tâm');

  // Another browser (a kiosk, another phone) carries on with the resume code.
  const code = (await page.locator('.font-mono').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const other = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const elsewhere = await other.newPage();
  await elsewhere.goto(page.url().replace(/\/apply\/.*$/, '/apply/resume'));
  await elsewhere.getByLabel('Mã tiếp tục hồ sơ').fill(code.toLowerCase());
  await elsewhere.getByRole('button', { name: 'Mở hồ sơ' }).click();
  await expect(elsewhere.getByRole('heading', { level: 1 })).toHaveText('Kiểm tra lại thông tin');
  await expect(elsewhere.getByText('Nguyễn Bình An')).toBeVisible();
  await other.close();
});

test('@js a page sent without signal stays on the phone and is sent when the signal returns', async ({ page, context }) => {
  await page.goto('/apply/1.001193');
  await page.getByRole('button', { name: 'Bắt đầu nộp hồ sơ' }).click();
  await expect(page).toHaveURL(/\/p\/applicant$/);
  await page.goto('/apply/1.001193/p/child');
  await expect(page.locator('[data-keep-typing="ready"]')).toBeAttached();
  const first = page.getByLabel('Họ, chữ đệm và tên của trẻ');
  const status = page.locator('[data-save-status]');

  // Typed but not sent: a reload brings it back from this tab's copy, said quietly.
  await first.fill('Lò Thị Mai');
  await expect(status).toContainText('Chưa lưu');
  await page.reload();
  await expect(page.locator('[data-keep-typing="ready"]')).toBeAttached();
  await expect(first).toHaveValue('Lò Thị Mai');
  await expect(status).toContainText('vẫn được giữ trên máy này');

  // No signal when "Save and continue" is pressed: kept, and said so.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await expect(status).toContainText('Mất kết nối');
  await expect(first).toHaveValue('Lò Thị Mai');

  // The signal returns: the page is sent by itself; the server's page (the rest is still
  // empty, so the same page with its errors) shows the name it saved.
  await context.setOffline(false);
  await expect(page).toHaveTitle(/^Lỗi: /, { timeout: 25_000 });
  await expect(first).toHaveValue('Lò Thị Mai');
  await expect(status).toBeEmpty();
});
