import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, signInAs } from './support/sign-in.ts';

test.describe('waits for an officer', () => {
  test('a manager opens the report from the caseloads page, asks another period and N, sees the children and downloads them as CSV; a period that starts after it ends is refused', async ({ page }) => {
    const team = await signInAs(page, DEMO_MANAGER);
    const waits = await (await team.caseloads()).waitsForAnOfficer();
    await expect(waits.heading()).toHaveText('Waits for an officer');
    await expect(waits.text('more than 5 working days', { exact: false }).first()).toBeVisible();
    await expect(waits.rows().first()).toBeVisible();

    const today = new Date();
    const twoYearsAgo = new Date(today.getFullYear() - 2, today.getMonth(), 1);
    const asked = await waits.ask({ from: datePartsOf(twoYearsAgo), to: datePartsOf(today), days: '0' });
    const address = new URL(page.url());
    expect(address.searchParams.get('days')).toBe('0');
    expect(address.searchParams.get('from-year')).toBe(String(twoYearsAgo.getFullYear()));
    await expect(asked.waitsTable()).toBeVisible();
    await expect(asked.figures()).toContainText('Children who waited');
    const firstChild = (await asked.rows().first().locator('td').first().getByRole('link').innerText()).trim();
    expect(firstChild).not.toBe('');
    await asked.screenshot('caseload-waits', { fullPage: true });

    const download = await asked.downloadCsv();
    expect(download.suggestedFilename()).toMatch(/^unallocated-waits-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-over-0-working-days\.csv$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Child,Case reference,Waiting from,Waiting to,Still waiting,Working days waited,Calendar days waited,Went to');
    expect(lines.slice(1).some((line) => line.startsWith(firstChild.includes(',') ? `"${firstChild}` : `${firstChild},`))).toBe(true);

    const refused = await asked.ask({ from: datePartsOf(today), to: datePartsOf(twoYearsAgo) });
    await expect(refused.errorSummary()).toContainText('The start of the period must be the same as or before its end');
    await expect(refused.errorLink()).toHaveAttribute('href', '#from-day');
    await expect(refused.waitsTable()).toHaveCount(0);
  });
});
