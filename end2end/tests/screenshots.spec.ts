// Screenshots of every apply page for a person to look at, at phone and desktop width, in both
// languages, with JavaScript on and off (the project), the receipt also as printed. Skipped unless
// SCREENSHOTS_DIR is set:
//   SCREENSHOTS_DIR=$PWD/target/screenshots scripts/e2e.sh --grep screenshots
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  CODE,
  SLOT_BIRTH_NOTICE,
  SLOT_ID_CARD,
  birthNoticePdf,
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
} from '../support/apply';

const dir = process.env.SCREENSHOTS_DIR;

for (const [width, height] of [
  [360, 740],
  [1280, 900],
]) {
  for (const lang of ['vi', 'en']) {
    test(`screenshots of the apply pages at ${width} px (${lang})`, async ({ page, browser }, testInfo) => {
      test.skip(!dir, 'SCREENSHOTS_DIR not set');
      test.setTimeout(180_000);
      await page.setViewportSize({ width, height });
      const js = testInfo.project.name;
      // A click that sends a form: done once the next page has loaded.
      const submitted = async (button: Locator) => {
        const navigated = page.waitForEvent('framenavigated');
        await button.click();
        await navigated;
        await page.waitForLoadState();
      };
      const overflow: string[] = [];
      const shot = async (name: string, p: Page = page) => {
        await p.waitForLoadState();
        await p.screenshot({ path: `${dir}/apply-${name}-${lang}-${width}-${js}.png`, fullPage: true });
        // Nothing may be wider than the screen (no sideways scrolling on a phone).
        const wide = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (wide > 0) overflow.push(`${name}: ${wide}px`);
      };
      await page.goto(`/apply/${CODE}?lang=${lang}`);
      await shot('01-start');
      await submitted(page.locator('form[action$="/start"] button'));
      await shot('02-applicant');
      await pick(page, 'applicant_kind', 'self');
      await submitted(saveAndContinue(page));
      await submitted(saveAndContinue(page));
      await shot('03-person-errors');
      await fillApplicantPerson(page, '025 195 01234');
      await submitted(saveAndContinue(page));
      await shot('04-person-cccd-error');
      await fillApplicantPerson(page);
      await submitted(saveAndContinue(page));
      await shot('05-child');
      await fillChild(page);
      await submitted(saveAndContinue(page));
      await shot('06-mother');
      await fillMother(page);
      await submitted(saveAndContinue(page));
      await shot('07-father');
      await fillFatherUnknown(page);
      await submitted(saveAndContinue(page));
      await shot('08-declarant');
      await fillDeclarant(page);
      await submitted(saveAndContinue(page));
      await shot('09-documents');
      await upload(page, SLOT_BIRTH_NOTICE, birthNoticePdf());
      await upload(page, SLOT_ID_CARD, await idCardPhoto(browser), notAPhoto);
      await shot('10-documents-files-and-error');
      await page.goto(`/apply/${CODE}/p/return`);
      await shot('11-return-counter');
      await fillReturnByPost(page);
      await submitted(saveAndContinue(page));
      await expect(page).toHaveURL(/\/check$/);
      await shot('12-check');
      await page.goto(`/apply/${CODE}/p/return`);
      await shot('13-return-post');
      await page.goto(`/apply/${CODE}/check`);
      await submitted(page.locator('form[action$="/submit"] button'));
      await expect(page).toHaveURL(/\/apply\/receipt\//);
      await shot('14-receipt');
      await page.emulateMedia({ media: 'print' });
      await shot('15-receipt-print');
      await page.emulateMedia({ media: 'screen' });
      const token = page.url().split('/').pop();
      await page.goto(`/track/${token}`);
      await shot('16-track');
      await page.goto(`/apply/${CODE}/check`);
      await shot('17-already-sent');
      await page.goto('/apply/resume?error=1');
      await shot('18-resume-error');
      await page.goto(`/apply/receipt/${token}x`);
      await shot('19-receipt-tampered');
      const fresh = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: js === 'js' });
      const stranger = await fresh.newPage();
      await stranger.goto(`/apply/${CODE}/documents?lang=${lang}`);
      await shot('20-no-application', stranger);
      await fresh.close();
      expect(overflow, 'pages wider than the screen').toEqual([]);
    });
  }
}
