// Accessibility (WCAG 2.2 AA) of every page, in both languages, checked by axe-core in the real
// browser. axe runs as a script in the page, so this runs in the `js` project only; the pages are
// rendered on the server, so the markup checked is the markup a JS-off browser gets too. What a
// machine can check is only part of WCAG: the keyboard and 360 px tests in find.spec.ts cover
// more, and people check the rest.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const PAGES = ['/', '/procedures?q=khai+sinh', '/procedures?q=qqqzzzxx', '/procedures/1.001193', '/apply/1.001193', '/procedures/0.000000'];
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

for (const lang of ['vi', 'en']) {
  test(`no WCAG 2.2 AA violation on the find pages (${lang}) @js`, async ({ page }) => {
    for (const path of PAGES) {
      const sep = path.includes('?') ? '&' : '?';
      await page.goto(`${path}${sep}lang=${lang}`);
      // Open the folded filters too, so their controls are checked.
      const filters = page.locator('details.filters');
      if (await filters.count()) await filters.evaluate((d) => d.setAttribute('open', ''));
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(found, `${path} in ${lang}`).toEqual([]);
    }
  });
}

for (const lang of ['vi', 'en']) {
  test(`no WCAG 2.2 AA violation on the apply pages, errors included (${lang}) @js`, async ({ page }) => {
    const check = async (what: string) => {
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(found, `${what} in ${lang}`).toEqual([]);
    };
    await page.goto(`/apply/1.001193?lang=${lang}`);
    await check('start page');
    await page.locator('form[action$="/start"] button').click();
    await check('first question page');
    await page.locator('form[method="post"] button[type="submit"]').click();
    await expect(page.getByRole('alert')).toBeVisible();
    await check('question page with errors');
    await page.goto('/apply/1.001193/p/return');
    await check('how to receive the result, with the counter');
    await page.goto('/apply/1.001193/check');
    await check('check your answers');
    await page.goto('/apply/resume?error=1');
    await check('resume page with its error');
  });
}
