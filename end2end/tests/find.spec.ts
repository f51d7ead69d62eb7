// The find journey as a citizen does it. Every test runs with JavaScript on and off (see
// playwright.config.ts); tests tagged @js need the live-search island.
import { expect, test } from '@playwright/test';

test('search from the home page and open the procedure', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tìm thủ tục hành chính bạn cần');
  const box = page.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' });
  await box.fill('dang ky khai sinh');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/procedures\?q=dang(\+|%20)ky(\+|%20)khai(\+|%20)sinh/);
  const first = page.locator('#results article').first();
  await expect(first.getByRole('link')).toHaveText('Đăng ký khai sinh');
  await expect(page.getByRole('status').first()).toContainText('cho “dang ky khai sinh”');
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/procedures\/1\.001193$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký khai sinh');
  await expect(page).toHaveTitle(/^Đăng ký khai sinh – /);
  for (const section of ['Ai được nộp', 'Giấy tờ cần chuẩn bị', 'Thời hạn giải quyết và phí, lệ phí', 'Các bước thực hiện', 'Căn cứ pháp lý']) {
    await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' })).toHaveAttribute('href', '/apply/1.001193');
});

test('folk names and missing diacritics still find the procedure', async ({ page }) => {
  await page.goto('/procedures?q=so+do');
  await expect(page.locator('#results article').first().getByRole('link')).toContainText('Giấy chứng nhận quyền sử dụng đất');
  await page.goto('/procedures?q=xac+nhan+doc+than');
  await expect(page.locator('#results article').first().getByRole('link')).toContainText('xác nhận tình trạng hôn nhân');
});

test('filters narrow the results and stay chosen', async ({ page }) => {
  await page.goto('/procedures');
  // Filters are folded away so a phone sees results first.
  await expect(page.getByLabel('Lĩnh vực')).toBeHidden();
  await page.getByText('Lọc kết quả').click();
  await page.getByLabel('Lĩnh vực').selectOption('ho-tich');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(page).toHaveURL(/sector=ho-tich/);
  await expect(page.getByLabel('Lĩnh vực')).toHaveValue('ho-tich');
  const names = await page.locator('#results article h2').allTextContents();
  expect(names.length).toBeGreaterThan(3);
  expect(names).toContain('Đăng ký kết hôn');
  expect(names.join('|')).not.toContain('hộ kinh doanh');
});

test('an empty search says what to try next', async ({ page }) => {
  await page.goto('/procedures?q=qqqzzzxx');
  await expect(page.getByRole('heading', { name: 'Không tìm thấy thủ tục nào phù hợp' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Xem các thủ tục theo lĩnh vực' })).toBeVisible();
});

test('English is one click away, keeps the search, and is remembered', async ({ page }) => {
  await page.goto('/procedures?q=khai+sinh');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveURL(/q=khai\+sinh/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administrative procedures');
  await expect(page.locator('#results article').first().getByRole('link')).toHaveText('Birth registration');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find the administrative procedure you need');
  await page.getByRole('link', { name: 'Tiếng Việt' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('an unknown procedure code is a helpful 404 page', async ({ page }) => {
  const response = await page.goto('/procedures/0.000000');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
  await expect(page.getByRole('link', { name: 'Tìm thủ tục' }).last()).toBeVisible();
});

test('pages fit a 360 px phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const url of ['/', '/procedures?q=khai+sinh', '/procedures/2.000986']) {
    await page.goto(url);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, url).toBeLessThanOrEqual(360);
  }
});

test('keyboard users can skip to the content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Chuyển đến nội dung chính' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
});

test('results follow the search box as the citizen types @js', async ({ page }) => {
  await page.goto('/procedures?q=khai+sinh');
  // Wait for the island to hydrate before typing.
  await expect(page.locator('[data-ready="true"]')).toHaveCount(1);
  const box = page.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' });
  await box.fill('');
  await box.pressSequentially('giay phep lai xe', { delay: 30 });
  await expect(page.locator('#results article').first().getByRole('link')).toContainText('giấy phép lái xe');
  await expect(page).toHaveURL(/q=giay\+phep\+lai\+xe/);
  await expect(page.getByRole('status').first()).toContainText('giay phep lai xe');
  // The language switch now leads to these results in English, not to the first search's.
  await expect(page.locator('#lang-switch')).toHaveAttribute('href', /q=giay\+phep\+lai\+xe/);
  // Typing replaced the history entry instead of adding one per keystroke.
  await page.goBack();
  await expect(page).not.toHaveURL(/giay/);
});

test('with JavaScript off a phone downloads no script or WebAssembly', async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, 'about browsers with JavaScript off');
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto('/procedures?q=khai+sinh');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('#results article').first()).toBeVisible();
  expect(fetched.filter((path) => /\.(js|wasm)$/.test(path))).toEqual([]);
});
