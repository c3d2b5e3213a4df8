import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { AccessLogPage } from './pages/access-log.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_ADMIN, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

test.describe('the access log', () => {
  test('an administrator finds who viewed a child and what an officer viewed, reads the report of unusual access, and downloads everything held about a child', async ({ page }) => {
    test.slow();
    const users = await signInAs(page, DEMO_ADMIN);
    const auditLog = await users.navigation.auditLog();
    const accessLog = await auditLog.accessLog();
    await expect(accessLog.heading()).toHaveText('Access log');

    const nobody = await accessLog.findNoOne('Zzyzx Nobody-Here');
    await expect(nobody.errorSummary()).toContainText('No child’s name, UPN or case reference matches ‘Zzyzx Nobody-Here’');
    const found = await nobody.findMany('smith');
    const childViews = await found.choose();
    await expect(childViews.heading()).toContainText('Who viewed');
    await expect(childViews.rows().first()).toBeVisible();

    const back = await AccessLogPage.open(page);
    const officerViews = await back.whatTheyViewed(`${DEMO_OFFICER.name} (${DEMO_OFFICER.email})`);
    await expect(officerViews.heading()).toHaveText(`What ${DEMO_OFFICER.name} viewed`);
    const notADate = await officerViews.between({ from: { day: '31', month: '2', year: '2026' } });
    await expect(notADate.errorSummary()).toContainText('The ‘from’ date must be a real date');
    const today = datePartsOf(new Date());
    const todays = await notADate.between({ from: today, to: today });
    await expect(todays.text('Viewed the record').first()).toBeVisible();
    const viewed = await todays.child();
    await expect(viewed.rows().filter({ hasText: DEMO_OFFICER.name }).first()).toBeVisible();

    // Everything held about the child, as a ZIP the test opens.
    const download = await viewed.downloadEverything();
    expect(download.suggestedFilename()).toMatch(/^subject-access-.+-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await JSZip.loadAsync(await readFile(await download.path()));
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['README.txt', 'index.html', 'record/child.json', 'record/child.csv', 'record/cases.json', 'record/events.csv', 'record/access-log.json']));

    const unusual = await (await AccessLogPage.open(page)).unusualAccess();
    await expect(unusual.text('more than 20 different children within 10 minutes')).toBeVisible();
    const refused = await unusual.ask({ children: '1', minutes: 'ten' });
    await expect(refused.errorSummary()).toContainText('The number of children must be a whole number from 2 to 1000');
    await expect(refused.errorSummary()).toContainText('The number of minutes must be a whole number from 1 to 1440');
    const asked = await refused.ask({ children: '3', minutes: '60' });
    await expect(asked.text('more than 3 different children within 60 minutes')).toBeVisible();
    // The demo's second officer opened a child another team's officer holds.
    await expect(asked.tables().last()).toContainText('A child outside their caseload and team');
    await asked.screenshot('unusual-access', { fullPage: false });
    const fromReport = await asked.firstChild();
    await expect(fromReport.heading()).toContainText('Who viewed');
  });
});
