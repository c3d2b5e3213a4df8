import { expect, test } from '@playwright/test';
import { CaseOfficerPage } from './pages/case-officer.ts';
import { DEMO_MANAGER, signInAs } from './support/sign-in.ts';

test.describe('allocating cases from the unallocated queue', () => {
  test('a manager is told to choose the cases and the officer, and to give a reason for taking an officer over the cap, then gives two cases to an officer at once and finds the new officer and the case’s holders', async ({ page }) => {
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
    // Amira Khan holds far more than a full-time officer's cap: the reason for going over it is asked for, nothing allocated.
    await refused.chooseOfficer('Amira Khan');
    const overCap = await refused.allocateRefused();
    await expect(overCap.errorSummary()).toContainText('Amira Khan would be at');
    await expect(overCap.errorSummary()).toContainText('over the cap: give the reason for going over it, or choose another officer');
    await expect(overCap.caseBoxes()).toHaveCount(waiting);

    await overCap.chooseOfficer('Priya Sharma');
    await overCap.giveReason('Priya knows both schools; the team is covering a vacant post');
    const allocated = await overCap.allocate();
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
