// Accessibility (WCAG 2.2 AA) of every page, in both languages, checked by axe-core in the real
// browser. axe runs as a script in the page, so this runs in the `js` project only; the pages are
// rendered on the server, so the markup checked is the markup a JS-off browser gets too. What a
// machine can check is only part of WCAG: the keyboard and 360 px tests in find.spec.ts cover
// more, and people check the rest.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
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
import { act, sendDossier } from '../support/track';

const PAGES = ['/', '/procedures?q=khai+sinh', '/procedures?q=qqqzzzxx', '/procedures/1.001193', '/apply/1.001193', '/procedures/0.000000', '/forgotten'];
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

// Every page of the apply journey, each kind of question page, the documents page with a file and
// with a refusal, both ways of receiving the result, the receipt and its tracking page, and the
// pages around them (resume, no application, already sent, a form over its size limit).
for (const lang of ['vi', 'en']) {
  test(`no WCAG 2.2 AA violation on any apply page (${lang}) @js`, async ({ page, browser }) => {
    test.setTimeout(120_000);
    const checked: string[] = [];
    const check = async (what: string) => {
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(found, `${what} in ${lang}`).toEqual([]);
      checked.push(what);
    };
    await page.goto(`/apply/${CODE}?lang=${lang}`);
    await check('start page');
    await page.locator('form[action$="/start"] button').click();
    await check('a page of radios (who applies)');
    // Back to the start page: it offers to carry on with this application (or start another).
    await page.goto(`/apply/${CODE}?lang=${lang}`);
    await check('start page with an application in progress');
    await page.getByRole('link', { name: lang === 'vi' ? 'Tiếp tục hồ sơ đang làm' : 'Continue your application' }).click();
    await expect(page).toHaveURL(/\/tasks$/);
    await page.goto(`/apply/${CODE}/p/applicant`);
    await saveAndContinue(page).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await check('a page of radios with its error');
    await pick(page, 'applicant_kind', 'self');
    await saveAndContinue(page).click();
    await expect(page).toHaveURL(/\/p\/applicant_person$/);
    await check('text, citizen ID, date, phone, email and address fields');
    await saveAndContinue(page).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await check('text, citizen ID, date, phone, email and address fields, all with errors');
    await fillApplicantPerson(page);
    await saveAndContinue(page).click();
    await expect(page).toHaveURL(/\/p\/child$/);
    await check('selects, radios and a field shown by a choice');
    await fillChild(page);
    await saveAndContinue(page).click();
    await fillMother(page);
    await saveAndContinue(page).click();
    await expect(page).toHaveURL(/\/p\/father$/);
    await check('a yes/no question');
    await fillFatherUnknown(page);
    await saveAndContinue(page).click();
    await expect(page).toHaveURL(/\/p\/declarant$/);
    await check('a select and a number');
    await fillDeclarant(page);
    await saveAndContinue(page).click();
    await expect(page).toHaveURL(/\/documents$/);
    await check('documents, none uploaded');
    await upload(page, SLOT_ID_CARD, await idCardPhoto(browser));
    await check('documents with a file');
    await upload(page, SLOT_BIRTH_NOTICE, notAPhoto);
    await expect(page.getByRole('alert')).toBeVisible();
    await check('documents with a refused file');
    await page.goto(`/apply/${CODE}/check?incomplete=1`);
    await check('check your answers, unfinished, sending refused');
    await page.goto(`/apply/${CODE}/p/return`);
    await check('how to receive the result (the counter shown)');
    await fillReturnByPost(page);
    await saveAndContinue(page).click();
    await expect(page).toHaveURL(/\/check$/);
    await check('check your answers, complete, by post with its fee');
    await page.goto(`/apply/${CODE}/p/return`);
    await check('how to receive the result, by post with its fee');
    await page.goto(`/apply/${CODE}/check`);
    await page.locator(`form[action$="/submit"] button`).click();
    await expect(page).toHaveURL(/\/apply\/receipt\//);
    await check('the receipt');
    const token = page.url().split('/').pop();
    await page.goto(`/track/${token}`);
    await check('the tracking page');
    await page.goto(`/apply/receipt/${token}x`);
    await check('a receipt token that opens nothing');
    await page.goto(`/apply/${CODE}/check`);
    await check('an application already sent');
    await page.goto('/apply/resume');
    await check('resume page');
    await page.goto('/apply/resume?error=1');
    await check('resume page with its error');
    // A form over its size limit (a page of answers is a few KB): the 413 page.
    await page.goto(`/apply/${CODE}/p/child`);
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.evaluate(() => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = location.pathname;
      const big = document.createElement('textarea');
      big.name = 'child_name';
      big.value = 'a'.repeat(300 * 1024);
      form.append(big);
      document.body.append(form);
      form.submit();
    });
    expect((await refused).status()).toBe(413);
    await page.waitForLoadState();
    await expect(page.locator('h1')).toBeVisible();
    await check('a form over its size limit (413)');
    // Another browser, no application in it.
    const fresh = await browser.newContext();
    const stranger = await fresh.newPage();
    await stranger.goto(`/apply/${CODE}/check?lang=${lang}`);
    const strangerResults = await new AxeBuilder({ page: stranger }).withTags(WCAG_22_AA).analyze();
    expect(strangerResults.violations.map((v) => v.id), `no application in ${lang}`).toEqual([]);
    await fresh.close();
    expect(checked.length).toBeGreaterThan(20);
  });
}

// The tracking pages: the lookup form (empty, with its error, with this device's list) and the
// status page with each kind of next-action panel (a supplement asked for, a payment, a result to
// collect at the counter, a rating).
for (const lang of ['vi', 'en']) {
  test(`no WCAG 2.2 AA violation on the tracking pages (${lang}) @js`, async ({ page, request }) => {
    test.setTimeout(120_000);
    const check = async (what: string) => {
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(found, `${what} in ${lang}`).toEqual([]);
    };
    await page.goto(`/track?lang=${lang}`);
    await check('the lookup form');
    await page.goto(`/track?error=1&code=000.00.01.H25-261201-9999&lang=${lang}`);
    await check('the lookup form with its error');
    const dossier = await sendDossier(request, false);
    const status = `/track/${dossier.tracking_token}?lang=${lang}`;
    const code = dossier.dossier_code;
    await page.goto(status);
    await check('a status page, nothing to do');
    for (const body of [{ action: 'accept' }, { action: 'start_processing' }]) await act(request, code, body);
    await act(request, code, { action: 'request_supplement', reason: 'Ảnh bị mờ', documents: ['Căn cước công dân'] });
    await page.goto(status);
    await check('a status page asking for a supplement');
    await act(request, code, { action: 'stop_processing', reason: 'Quá hạn bổ sung' });
    await page.goto(status);
    await check('a status page of a stopped dossier');
    const other = await sendDossier(request, false);
    for (const body of [
      { action: 'accept' },
      { action: 'start_processing' },
      { action: 'require_payment', amount_vnd: 50000, purpose: 'Lệ phí' },
    ])
      await act(request, other.dossier_code, body);
    await page.goto(`/track/${other.tracking_token}?lang=${lang}`);
    await check('a status page asking for a payment');
    for (const body of [{ action: 'record_payment' }, { action: 'complete', result_documents: ['Giấy xác nhận'] }])
      await act(request, other.dossier_code, body);
    await page.goto(`/track/${other.tracking_token}?lang=${lang}`);
    await check('a status page with a result to collect');
    await act(request, other.dossier_code, { action: 'return_at_counter' });
    await page.goto(`/track/${other.tracking_token}?lang=${lang}`);
    await check('a status page asking for a rating');
    await page.goto(`/track?lang=${lang}`);
    await expect(page.locator('#device-title')).toBeVisible();
    await check('the lookup form with this device\'s list');
  });
}

// The citizen's action pages: the supplement upload (empty, sent with a document missing, with a
// file), the change of return (the form, with its errors, the check before confirming, too late),
// the withdrawal (its confirmation page, asked already) and the rating (the form, with an answer
// missing, the stored rating, not yet). The language is the `lang` cookie, so the pages a form's
// POST redirects to are in it too.
for (const lang of ['vi', 'en']) {
  test(`no WCAG 2.2 AA violation on the citizen's action pages (${lang}) @js`, async ({ page, request, context }) => {
    test.setTimeout(120_000);
    const check = async (what: string) => {
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(found, `${what} in ${lang}`).toEqual([]);
    };
    await page.goto(`/track?lang=${lang}`);
    await context.addCookies([{ name: 'lang', value: lang, url: page.url() }]);
    const dossier = await sendDossier(request, false);
    const at = (path: string) => `/track/${dossier.tracking_token}${path}`;
    for (const body of [{ action: 'accept' }, { action: 'start_processing' }]) await act(request, dossier.dossier_code, body);
    await act(request, dossier.dossier_code, { action: 'request_supplement', reason: 'Ảnh bị mờ', documents: ['Căn cước công dân'] });
    await page.goto(at('/supplement'));
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await check('the supplement page, no file yet');
    await page.locator('form[action$="/supplement/send"] button').click();
    await expect(page).toHaveURL(/\/supplement\?missing=1/);
    await check('the supplement page, sent with a document missing');
    await expect(page.locator('#slot-0 [data-upload="ready"]')).toBeAttached();
    await page.locator('#slot-0 input[type="file"]').setInputFiles({ ...birthNoticePdf(), name: 'can-cuoc.pdf' });
    await expect(page.locator('#slot-0-files')).toContainText('can-cuoc.pdf', { timeout: 15_000 });
    await check('the supplement page with a file');
    await page.locator('form[action$="/supplement/send"] button').click();
    await expect(page).toHaveURL(new RegExp(`${at('').replace(/[.]/g, '\\.')}$`));
    await page.goto(at('/supplement'));
    await check('the supplement page, nothing asked');

    await page.goto(at('/return'));
    await check('the return page (the counter now)');
    await pick(page, 'return_method', 'post');
    await page.locator('form[action$="/return"] button[type="submit"]').click();
    await expect(page.getByRole('alert')).toBeVisible();
    await check('the return page with its errors');
    await fillReturnByPost(page);
    await page.locator('form[action$="/return"] button[type="submit"]').click();
    await expect(page.locator('form[action$="/return/confirm"]')).toBeVisible();
    await check('the new return method to confirm, with its fee');
    await page.locator('form[action$="/return/confirm"] button').click();
    await expect(page).toHaveURL(new RegExp(`${at('').replace(/[.]/g, '\\.')}$`));

    await page.goto(at('/withdraw'));
    await check('the withdrawal confirmation page');
    await page.locator('form[action$="/withdraw"] button').click();
    await expect(page).toHaveURL(new RegExp(`${at('').replace(/[.]/g, '\\.')}$`));
    await page.goto(at('/withdraw'));
    await check('the withdrawal page, asked already');
    await page.goto(at('/return'));
    await check('the return page, too late to change');
    await page.goto(at('/rate'));
    await check('the rating page, not yet');

    const done = await sendDossier(request, false);
    for (const body of [
      { action: 'accept' },
      { action: 'start_processing' },
      { action: 'complete', result_documents: ['Giấy xác nhận'] },
      { action: 'return_at_counter' },
    ])
      await act(request, done.dossier_code, body);
    await page.goto(`/track/${done.tracking_token}/rate`);
    await check('the rating form');
    await pick(page, 'contacts', '2');
    await page.locator('form[action$="/rate"] button[type="submit"]').click();
    await expect(page.getByRole('alert')).toBeVisible();
    await check('the rating form with answers missing');
    for (const [name, value] of [['offices', '2'], ['attitude', '2'], ['ease', 'satisfied'], ['overall', 'satisfied']])
      await pick(page, name, value);
    await page.locator('form[action$="/rate"] button[type="submit"]').click();
    await expect(page.locator('form[action$="/rate"]')).toHaveCount(0);
    await check('the stored rating');
  });
}
