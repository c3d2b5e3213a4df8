import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, signInAs } from './support/sign-in.ts';

test.describe('the SEN2 return', () => {
  test('a manager checks the return for a census date, follows a failure of the DfE checks to the child’s record, and downloads the XML; a date that is not a date is refused', async ({ page }) => {
    test.slow();
    const team = await signInAs(page, DEMO_MANAGER);
    const sen2 = await team.navigation.sen2Return();
    await expect(sen2.heading()).toHaveText('SEN2 return');

    const refused = await sen2.check({ day: '31', month: '2', year: '2026' });
    await expect(refused.errorSummary()).toContainText('The census date must be a real date');
    await expect(refused.errorLink()).toHaveAttribute('href', '#censusDate-day');

    const today = new Date();
    const checked = await refused.check(datePartsOf(today));
    await expect(checked.figures()).toContainText('Children in the return');
    const children = Number((await checked.figures().locator('.govuk-summary-list__row').first().locator('dd').innerText()).replace(/,/g, ''));
    expect(children).toBeGreaterThan(0);
    // The demo's children have no ethnicity recorded: the council's records do not hold it yet.
    await expect(checked.ruleHeadings().first()).toBeVisible();
    const failure = checked.failures('SEN2-P04').first();
    const childName = (await failure.getByRole('link').innerText()).trim();
    await checked.screenshot('sen2-return', { fullPage: false });

    const record = await checked.openFailure('SEN2-P04');
    await expect(record.heading()).toContainText(childName.split(' ').at(-1)!);
    await page.goBack();

    const download = await checked.download();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(download.suggestedFilename()).toBe(`SEN2_999_${iso}.xml`);
    const xml = await readFile(await download.path(), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain(`<ReferenceDate>${iso}</ReferenceDate>`);
    // Every child in the figures is in the file, those with failures included.
    expect(xml.match(/<Person>/g)?.length).toBe(children);
    expect(xml.trimEnd().endsWith('</Message>')).toBe(true);
  });
});
