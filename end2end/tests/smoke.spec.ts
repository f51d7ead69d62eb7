import { test, expect } from '@playwright/test';

// Runner smoke test: runs in both `js` and `nojs` projects.
test('home page is Vietnamese and offers a search box', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  const search = page.getByRole('searchbox').or(page.getByRole('textbox')).first();
  await expect(search).toBeVisible();
});
