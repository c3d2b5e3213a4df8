import { expect, test } from '@playwright/test';
import { CaseOfficerPage } from './pages/case-officer.ts';
import { DEMO_MANAGER, signInAs } from './support/sign-in.ts';

test.describe('allocating cases from the unallocated queue', () => {
  test('a manager is told to choose the cases and the officer, then gives two cases to an officer at once and finds the new officer and the case’s holders', async ({ page }) => {
    const team = await signInAs(page, DEMO_MANAGER);
    const queue = await team.wholeQueue();
    const form = await queue.allocateCases();
    await expect(form.heading()).toHaveText('Allocate cases');
    const waiting = await form.caseBoxes().count();
    expect(waiting).toBeGreaterThanOrEqual(2);

    const refused = await form.allocateRefused();
    await expect(refused.errorSummary()).toContainText('Select the cases to allocate');
    await expect(refused.errorSummary()).toContainText('Select the officer to allocate the cases to');
    await expect(refused.caseBoxes()).toHaveCount(waiting);

    const first = await refused.tick(0);
    const second = await refused.tick(1);
    await refused.chooseOfficer('Priya Sharma');
    const allocated = await refused.allocate();
    await expect(allocated.successBanner()).toContainText('2 cases allocated to Priya Sharma.');
    await expect(allocated.caseBoxes()).toHaveCount(waiting - 2);
    await expect(allocated.page.locator(`input[value="${first.caseId}"]`)).toHaveCount(0);
    await allocated.screenshot('allocated', { fullPage: true });

    for (const moved of [first, second]) {
      const officer = await CaseOfficerPage.open(page, moved.caseId);
      await expect(officer.namedOfficer()).toHaveText('Priya Sharma holds the case.');
      await expect(officer.holders().locator('tbody tr').first()).toContainText('Allocated from the queue, by Tom Whitfield');
      await expect(officer.holders()).toContainText('Waiting in the unallocated queue');
    }
  });
});
