// Screenshots of the main pages at phone and desktop width, in both languages, with JS on and
// off, for a person to look at: `node scripts/screenshots.mjs [base-url] [out-dir]`.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'target/screenshots';
const pages = {
  home: '/', results: '/procedures?q=khai+sinh', procedure: '/procedures/1.001193', missing: '/procedures/0.0',
  // What a stranger's link shows: markup stays text; an over-long address gets the plain error page.
  hostile: `/procedures?q=${encodeURIComponent('</title><script>alert(1)</script>"><img src=x>')}`,
  'too-long': `/procedures?q=${'a'.repeat(9000)}`,
};
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const [width, height] of [[360, 740], [1280, 900]]) {
  for (const js of [true, false]) {
    const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: js });
    const page = await context.newPage();
    for (const lang of ['vi', 'en']) {
      for (const [name, path] of Object.entries(pages)) {
        const sep = path.includes('?') ? '&' : '?';
        await page.goto(`${base}${path}${sep}lang=${lang}`);
        await page.screenshot({ path: `${out}/${name}-${lang}-${width}-${js ? 'js' : 'nojs'}.png`, fullPage: true });
      }
      // The apply journey (needs APPLY_ONLINE=true): start, a question page, its errors, the check page.
      const shot = (name) => page.screenshot({ path: `${out}/${name}-${lang}-${width}-${js ? 'js' : 'nojs'}.png`, fullPage: true });
      await page.goto(`${base}/apply/1.001193?lang=${lang}`);
      await shot('apply-start');
      const start = page.locator('form[action$="/start"] button');
      if (await start.count()) {
        await start.click();
        await shot('apply-question');
        await page.locator('form[method="post"] button[type="submit"]').click();
        await shot('apply-errors');
        await page.goto(`${base}/apply/1.001193/check`);
        await shot('apply-check');
      }
    }
    await context.close();
  }
}
await browser.close();
