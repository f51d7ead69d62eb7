// The strict Content-Security-Policy in a real browser: no page triggers a violation (every
// inline script it carries is one the policy allows by hash), and the islands still wake up.
// A hostile search stays text on screen, with JavaScript on and off.
import { expect, test, type Page } from '@playwright/test';

const PAGES = ['/', '/procedures?q=khai+sinh', '/procedures/1.001193', '/apply/1.001193', '/procedures/0.000000', '/%2F%2Fevil.example'];

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleViolations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) consoleViolations.push(msg.text());
  });
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  return async () => {
    const events = await page.evaluate(() => (window as any).__csp ?? []).catch(() => []);
    return [...events, ...consoleViolations];
  };
}

test('no page breaks the Content-Security-Policy', async ({ page }) => {
  const violations = await watchViolations(page);
  for (const url of PAGES) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    expect(await violations(), url).toEqual([]);
  }
});

test('the watcher sees a violation when one happens @js', async ({ page }) => {
  // Guards the test above: an injected inline script is blocked and reported.
  const violations = await watchViolations(page);
  await page.goto('/');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__ran = true;';
    document.body.append(script);
  });
  await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as any).__ran)).toBeUndefined();
});

test('islands hydrate under the strict policy @js', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/procedures?q=khai+sinh');
  await expect(page.locator('[data-ready="true"]')).toHaveCount(1);
  expect(await violations()).toEqual([]);
});

test('a search for markup is shown as the text typed', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', async (dialog) => {
    dialogs += 1;
    await dialog.dismiss();
  });
  const attack = '</title><script>alert(1)</script>"><img src=x onerror=alert(2)>';
  await page.goto(`/procedures?q=${encodeURIComponent(attack)}`);
  await expect(page).toHaveTitle(/<\/title><script>alert\(1\)<\/script>/);
  await expect(page.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' })).toHaveValue(attack);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('#results-count')).toContainText('<script>alert(1)</script>');
  expect(dialogs).toBe(0);
});
