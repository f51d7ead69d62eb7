// Who applies and how the result comes back, as a person on a phone does it, JavaScript on or
// off: a citizen ID that cannot be theirs is explained and kept; by post, the fee is quoted.
import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 360, height: 740 } });

test('the applicant pages check the ID against the date of birth and the return page quotes the post', async ({ page }) => {
  await page.goto('/apply/1.001193');
  await page.getByRole('button', { name: 'Bắt đầu nộp hồ sơ' }).click();
  await expect(page).toHaveURL(/\/p\/applicant$/);
  await page.getByRole('radio', { name: 'Cho chính mình' }).check();
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await expect(page).toHaveURL(/\/p\/applicant_person$/);

  // Born in 2005, but digit 4 (0) says the 1900s.
  await page.getByLabel('Họ, chữ đệm và tên').fill('Nguyễn Văn An');
  await page.getByLabel('Số định danh cá nhân (CCCD)').fill('025 005 001 234');
  await page.getByLabel('Ngày', { exact: true }).fill('1');
  await page.getByLabel('Tháng', { exact: true }).fill('5');
  await page.getByLabel('Năm', { exact: true }).fill('2005');
  await page.getByLabel('Số điện thoại di động').fill('+84 912 345 678');
  await page.locator('select[name="applicant_address.province"]').selectOption({ index: 1 });
  await page.locator('select[name="applicant_address.commune"]').selectOption({ index: 1 });
  await page.locator('input[name="applicant_address.street"]').fill('Tổ 5');
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await expect(page.getByRole('alert')).toContainText('không khớp với năm sinh đã nhập');
  await expect(page.getByLabel('Số định danh cá nhân (CCCD)')).toHaveValue('025 005 001 234');
  await page.getByLabel('Số định danh cá nhân (CCCD)').fill('025 205 001 234');
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await expect(page).toHaveURL(/\/p\/child$/);

  // How to receive the result: the counter is named; by post, the fee shows once saved.
  await page.goto('/apply/1.001193/p/return');
  await expect(page.getByText('Bộ phận Một cửa – Trung tâm Phục vụ hành chính công tỉnh Phú Thọ')).toBeVisible();
  await page.getByRole('radio', { name: /Qua bưu điện/ }).check();
  await page.getByLabel('Người nhận', { exact: true }).fill('Nguyễn Văn An');
  await page.getByLabel('Số điện thoại người nhận').fill('0912 345 678');
  await page.locator('select[name="return_address.province"]').selectOption({ index: 1 });
  await page.locator('select[name="return_address.commune"]').selectOption({ index: 1 });
  await page.locator('input[name="return_address.street"]').fill('Tổ 5');
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await expect(page).toHaveURL(/\/check$/);
  await expect(page.getByText(/Cước bưu điện \(biểu giá tham khảo\): [\d.]+ đ/)).toBeVisible();
});
