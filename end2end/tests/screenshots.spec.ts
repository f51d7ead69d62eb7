// Screenshots of every apply page for a person to look at, at phone and desktop width, in both
// languages, with JavaScript on and off (the project), the receipt also as printed; and of the
// tracking page in each main state of a dossier. Skipped unless SCREENSHOTS_DIR is set:
//   SCREENSHOTS_DIR=$PWD/target/screenshots scripts/e2e.sh --grep screenshots
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
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
import { act, makeOverdue, sendDossier } from '../support/track';

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

/// The officer's steps from "newly registered" to complete.
const TO_COMPLETE = [
  { action: 'accept' },
  { action: 'start_processing' },
  { action: 'complete', result_documents: ['Giấy xác nhận tình trạng hôn nhân'] },
];

/// The tracking page's main states, each reached through the officer and citizen APIs from a
/// fresh dossier: [name, returned by post, what happens to it].
const STATES: [string, boolean, (code: string, token: string, request: APIRequestContext) => Promise<void>][] = [
  ['01-newly-registered', false, async () => {}],
  ['02-supplement', false, async (code, _, request) => {
    await act(request, code, { action: 'accept' });
    await act(request, code, { action: 'start_processing' });
    await act(request, code, {
      action: 'request_supplement',
      reason: 'Ảnh căn cước công dân bị mờ, không đọc được số.',
      documents: ['Căn cước công dân (ảnh rõ cả hai mặt)', 'Giấy xác nhận cư trú'],
    });
  }],
  ['03-payment', false, async (code, _, request) => {
    await act(request, code, { action: 'accept' });
    await act(request, code, { action: 'start_processing' });
    await act(request, code, { action: 'require_payment', amount_vnd: 1_250_000, purpose: 'Lệ phí cấp giấy xác nhận' });
  }],
  ['04-collect-at-counter', false, async (code, _, request) => {
    for (const step of TO_COMPLETE) await act(request, code, step);
  }],
  ['05-handed-to-vnpost', true, async (code, _, request) => {
    for (const step of TO_COMPLETE) await act(request, code, step);
    await act(request, code, { action: 'hand_to_post', tracking_number: 'EB123456789VN' });
  }],
  ['06-overdue', false, async (code, _, request) => {
    await act(request, code, { action: 'accept' });
    await act(request, code, { action: 'start_processing' });
    makeOverdue(code);
  }],
  ['07-apology-new-date', false, async (code, _, request) => {
    await act(request, code, { action: 'accept' });
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await act(request, code, { action: 'apologise', new_due_date: later, note: 'Cần xác minh thêm thông tin cư trú tại xã.' });
  }],
  ['08-withdrawn', false, async (_, token, request) => {
    const res = await request.post(`/portal/v1/dossiers/by-token/${token}/withdraw`, { data: { reason: 'Tôi nộp nhầm thủ tục' } });
    expect(res.status(), await res.text()).toBe(200);
  }],
  ['09-stopped', false, async (code, _, request) => {
    await act(request, code, { action: 'accept' });
    await act(request, code, { action: 'start_processing' });
    await act(request, code, { action: 'stop_processing', reason: 'Người yêu cầu không bổ sung giấy tờ đúng hạn.' });
  }],
  ['10-rated', false, async (code, token, request) => {
    for (const step of TO_COMPLETE) await act(request, code, step);
    await act(request, code, { action: 'return_at_counter' });
    const rating = { contacts: 2, offices: 2, attitude: 2, ease: 'very_satisfied', overall: 'satisfied', comment: 'Nhanh, chu đáo.' };
    const res = await request.post(`/portal/v1/dossiers/by-token/${token}/rating`, { data: rating });
    expect(res.status(), await res.text()).toBe(201);
  }],
];

for (const lang of ['vi', 'en']) {
  test(`screenshots of the tracking page in each state (${lang})`, async ({ page, request }, testInfo) => {
    test.skip(!dir, 'SCREENSHOTS_DIR not set');
    test.setTimeout(120_000);
    const js = testInfo.project.name;
    const overflow: string[] = [];
    for (const [name, byPost, reach] of STATES) {
      const dossier = await sendDossier(request, byPost);
      await reach(dossier.dossier_code, dossier.tracking_token, request);
      // Every state at phone width; the one with the most on it at desktop width too.
      for (const width of name === '05-handed-to-vnpost' ? [360, 1280] : [360]) {
        await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
        await page.goto(`/track/${dossier.tracking_token}?lang=${lang}`);
        await page.waitForLoadState();
        await page.screenshot({ path: `${dir}/track-${name}-${lang}-${width}-${js}.png`, fullPage: true });
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (wide > 0) overflow.push(`${name} at ${width}: ${wide}px`);
      }
    }
    expect(overflow, 'pages wider than the screen').toEqual([]);
  });
}
