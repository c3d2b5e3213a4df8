import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { NewRequestPage } from './pages/new-request.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, signInAs } from './support/sign-in.ts';

const CHILD = { firstName: 'Rowan', lastName: 'Census-Journey' };
const CHILD_NAME = `${CHILD.firstName} ${CHILD.lastName}`;

test.describe('the SEN2 return', () => {
  test('a manager records a request for a child whose record lacks what SEN2 needs, finds the child in the validation report with the rules and a link to the record, puts the record right and checks again; downloads the XML; a date that is not a date is refused', async ({ page }) => {
    test.slow();
    const team = await signInAs(page, DEMO_MANAGER);
    const today = new Date();

    // A new request for a child with no UPN, no reason it is not known, and no ethnicity.
    const request = await NewRequestPage.open(page);
    await request.enterChild({ ...CHILD, dateOfBirth: { day: '4', month: '3', year: String(today.getFullYear() - 9) }, sex: 'Male' });
    await request.enterRequest({ receivedOn: datePartsOf(today), source: 'Parent or young person' });
    const recorded = await request.recordRequest();
    await expect(recorded.heading()).toHaveText(CHILD_NAME);
    const childId = recorded.childId();

    const sen2 = await team.navigation.sen2Return();
    await expect(sen2.heading()).toHaveText('SEN2 return');
    const refused = await sen2.check({ day: '31', month: '2', year: '2026' });
    await expect(refused.errorSummary()).toContainText('The census date must be a real date');
    await expect(refused.errorLink()).toHaveAttribute('href', '#censusDate-day');

    const checked = await refused.check(datePartsOf(today));
    await expect(checked.figures()).toContainText('Children in the return');
    const children = Number((await checked.figures().locator('.govuk-summary-list__row').first().locator('dd').innerText()).replace(/,/g, ''));
    expect(children).toBeGreaterThan(0);
    // The child is listed under each rule their record fails, each linking to the record.
    await expect(checked.failureOf('SEN2-P04', CHILD_NAME)).toContainText('The child’s ethnicity is not recorded');
    await expect(checked.failureOf('SEN2-P05', CHILD_NAME)).toContainText('no reason it is unknown (UPNunknown)');
    await expect(checked.failureOf('SEN2-P05', CHILD_NAME).getByRole('link')).toHaveAttribute('href', `/children/${childId}`);
    await checked.screenshot('sen2-return', { fullPage: false });

    const record = await checked.openFailure('SEN2-P05', CHILD_NAME);
    await expect(record.heading()).toHaveText(CHILD_NAME);
    const details = await record.changeDetails();
    // A child at no school in England has never had a UPN (UN2).
    await details.enter({ ethnicity: 'Indian', upnUnknown: 'UN2' });
    await details.save();

    const again = await (await team.navigation.sen2Return()).check(datePartsOf(today));
    await expect(again.figures()).toContainText('Children in the return');
    await expect(again.failureOf('SEN2-P04', CHILD_NAME)).toHaveCount(0);
    await expect(again.failureOf('SEN2-P05', CHILD_NAME)).toHaveCount(0);

    const download = await again.download();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(download.suggestedFilename()).toBe(`SEN2_999_${iso}.xml`);
    const xml = await readFile(await download.path(), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain(`<ReferenceDate>${iso}</ReferenceDate>`);
    // Every child in the figures is in the file, those with failures included.
    expect(xml.match(/<Person>/g)?.length).toBe(children);
    expect(xml).toContain(`<Surname>${CHILD.lastName}</Surname>`);
    expect(xml.trimEnd().endsWith('</Message>')).toBe(true);

    // The demo's return passes every check, its plan received from another council included (with
    // its papers' details): the report says so, and lists no rule. Census yesterday: the children
    // other journeys record today, with no ethnicity yet, have no part in it.
    const yesterday = new Date(today);
    yesterday.setDate(yesterday.getDate() - 1);
    const clean = await (await team.navigation.sen2Return()).check(datePartsOf(yesterday));
    await expect(clean.passes()).toBeVisible();
    await expect(clean.ruleHeadings()).toHaveCount(0);
    await clean.screenshot('sen2-return-passes', { fullPage: false });
  });
});
