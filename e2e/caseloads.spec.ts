import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, DEMO_MANAGER, signInAs } from './support/sign-in.ts';

test.describe('weighted caseloads', () => {
  test('a manager sees every officer’s weighted load against capacity, filters it, and follows a figure to the cases and a case’s explained weight', async ({ page }) => {
    const team = await signInAs(page, DEMO_MANAGER);
    const caseloads = await team.caseloads();
    await expect(caseloads.heading()).toHaveText('Caseloads');
    await expect(caseloads.chart()).toBeVisible();
    await expect(caseloads.chartTable()).toContainText('%');
    await expect(caseloads.caseloadsTable()).toContainText('All open cases');
    await expect(caseloads.text('The unallocated queue')).toBeVisible();
    await caseloads.screenshot('caseloads', { fullPage: true });

    const assessing = await caseloads.filter({ stage: 'Needs assessment' });
    expect(new URL(page.url()).searchParams.get('stage')).toBe('assessment');
    await expect(assessing.text('Showing cases at')).toContainText('Needs assessment');

    const all = await (await assessing.navigation.team()).caseloads();
    const cases = await all.firstOfficersCases();
    await expect(cases.heading()).toContainText('Open cases held by');
    await expect(cases.weights().first()).toContainText('open case 1.0');

    const record = await cases.openFirstChild();
    await expect(record.caseSummary()).toContainText('Caseload weight');
    await expect(record.caseSummary()).toContainText(/\d+\.\d: open case 1\.0/);
  });

  test('an administrator changes a weight: a negative one is refused with nothing saved, a good one is saved', async ({ page }) => {
    const team = await (await signInAs(page, DEMO_ADMIN)).navigation.team();
    const weights = await (await team.caseloads()).howCasesAreWeighted();
    await expect(weights.heading()).toHaveText('Caseload weights');
    await expect(weights.text('Appeals are not recorded in the service yet', { exact: false })).toBeVisible();

    const refused = await weights.saveWeightsRefused({ 'Assessment in progress': '-1' });
    await expect(refused.errorSummary()).toContainText('The weight for assessment in progress must be 0 or more');
    await expect(refused.errorLink()).toHaveAttribute('href', '#weight-assessment');

    const saved = await refused.saveWeights({ 'Assessment in progress': '2' });
    await expect(saved.savedBanner()).toContainText('Weights saved');
    await expect(saved.weight('Assessment in progress')).toHaveValue('2.0');
    // Put back as found, for the other journeys.
    const restored = await saved.saveWeights({ 'Assessment in progress': '1.0' });
    await expect(restored.weight('Assessment in progress')).toHaveValue('1.0');
  });
});
