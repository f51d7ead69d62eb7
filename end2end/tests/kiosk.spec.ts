// A shared browser at a service centre: one resident after another, a browser nobody closes.
// What the next person can reach of the last one's must be nothing they did not type themselves.
import { expect, test } from '@playwright/test';
import { CODE, fillApplicantPerson, pick, saveAndContinue } from '../support/apply';
import { sendDossier } from '../support/track';

test.use({ viewport: { width: 360, height: 740 } });

test("the next person's new application is not filled in with the last one's typing from history", async ({ page }) => {
  // A: starts, answers who applies and their own details.
  await page.goto(`/apply/${CODE}`);
  await page.locator('form[action$="/start"] button').click();
  await pick(page, 'applicant_kind', 'self');
  await saveAndContinue(page).click();
  await expect(page).toHaveURL(/\/p\/applicant_person$/);
  await fillApplicantPerson(page);
  await saveAndContinue(page).click();
  await expect(page).toHaveURL(/\/p\/child$/);

  // B: a new application in the same browser, then Back three times to A's page of details.
  await page.goto(`/apply/${CODE}`);
  await page.locator('form[action$="/start"]:has(input[name="new"]) button').click();
  await expect(page).toHaveURL(/\/p\/applicant$/);
  for (let i = 0; i < 3; i++) await page.goBack();
  await expect(page).toHaveURL(/\/p\/applicant_person$/);
  // The page is B's application (nothing answered yet): the browser must not fill in A's typing.
  for (const name of ['applicant_name', 'applicant_citizen_id', 'applicant_phone', 'applicant_email', 'applicant_address.street']) {
    await expect(page.locator(`input[name="${name}"]`), name).toHaveValue('');
  }
});

test('"Remove my details from this device" on the receipt leaves the next person nothing of the last one\'s', async ({ page, context, javaScriptEnabled }) => {
  // A: an application in progress (with JavaScript, typing not yet sent is kept in the tab)…
  await page.goto(`/apply/${CODE}`);
  await page.locator('form[action$="/start"] button').click();
  await pick(page, 'applicant_kind', 'self');
  await saveAndContinue(page).click();
  await expect(page).toHaveURL(/\/p\/applicant_person$/);
  // The island keeps typing only once it runs (it hydrates when the page is idle).
  if (javaScriptEnabled) await expect(page.locator('[data-keep-typing="ready"]')).toBeAttached();
  await page.locator('input[name="applicant_name"]').fill('Trần Thị Hoa');
  if (javaScriptEnabled) await expect.poll(() => page.evaluate(() => sessionStorage.length)).toBeGreaterThan(0);
  // …and a dossier sent, whose receipt puts it in this device's list.
  const receipt = await sendDossier(page.request, true);
  await page.goto(`/apply/receipt/${receipt.tracking_token}`);
  await page.goto('/track');
  await expect(page.locator('main')).toContainText(receipt.dossier_code);
  await page.goto(`/apply/receipt/${receipt.tracking_token}`);

  await page.screenshot({ path: test.info().outputPath('receipt.png'), fullPage: true });
  await page.locator('main').getByRole('button', { name: 'Xóa dữ liệu của tôi trên máy này' }).click();
  await page.screenshot({ path: test.info().outputPath('forgotten.png'), fullPage: true });
  await expect(page).toHaveURL(/\/forgotten$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đã xóa dữ liệu của bạn trên máy này');
  expect((await context.cookies()).map((c) => c.name).filter((n) => n.startsWith('dvc_'))).toEqual([]);
  if (javaScriptEnabled) expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

  // B: no application in progress, no list of A's dossiers.
  await page.goto(`/apply/${CODE}`);
  await expect(page.locator('main')).not.toContainText('Bạn đang làm dở một hồ sơ');
  await page.goto('/track');
  await expect(page.locator('main')).not.toContainText(receipt.dossier_code);
  await page.screenshot({ path: test.info().outputPath('after-forget.png'), fullPage: true });
});
