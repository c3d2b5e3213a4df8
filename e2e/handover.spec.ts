import { expect, test } from '@playwright/test';
import { DEMO_MANAGER, signInAs } from './support/sign-in.ts';

test.describe('handing over a leaving officer’s caseload', () => {
  // Sixty cases: the hand-over form (a list of recipients a case) is checked with axe four times.
  test.describe.configure({ timeout: 120_000 });

  test('a manager records a leaving date, is told what is wrong with a date and a case without a recipient, then hands over all 60 cases as suggested and sees the recipients’ caseloads grow', async ({ page }) => {
    const team = await signInAs(page, DEMO_MANAGER);
    // A team manager opens on their own team; the leaving officer may be in another.
    const caseloads = await (await team.caseloads()).filter({ team: 'All teams' });
    const leaverRow = caseloads.officerRow('Hannah Doyle');
    const held = Number.parseInt((await leaverRow.locator('td').nth(1).textContent()) ?? '', 10);
    // The demo's leaving officer holds a whole post's caseload (LEAVER_CASES in the demo data).
    expect(held).toBe(60);

    const handover = await caseloads.handOver('Hannah Doyle');
    await expect(handover.heading()).toHaveText('Hand over a caseload');
    const badDate = await handover.setLeavingDate({ day: '31', month: '2', year: '2030' });
    await expect(badDate.errorSummary()).toContainText('Enter the leaving date as a real date, like 29 1 2027');
    const dated = await badDate.setLeavingDate({ day: '29', month: '1', year: '2030' });
    await expect(dated.successBanner()).toContainText('Leaving date saved.');
    await expect(dated.text('Their last working day is 29 January 2030.')).toBeVisible();

    await expect(dated.recipientChoices()).toHaveCount(held);
    await expect(dated.casesTable()).toContainText('Suggested:');
    const suggested = await dated.clearFirstRecipient();
    const refused = await dated.confirmRefused();
    await expect(refused.errorSummary()).toContainText('Choose the officer to receive case');
    await expect(refused.recipientChoices()).toHaveCount(held);

    // The form keeps every other choice: the first case back to its suggestion, and a reason in
    // case the suggestion takes someone over their cap. Straight from the refused form, so the
    // 60-case page is not loaded (and checked with axe) more often than the journey needs.
    await refused.chooseFirstRecipient(suggested);
    await refused.giveReason('Hannah leaves before the caseload can be balanced');
    const done = await refused.confirm();
    await expect(done.successBanner()).toContainText(`${held === 1 ? '1 case' : `${held} cases`} handed over from Hannah Doyle.`);
    await expect(done.officerRow('Hannah Doyle').locator('td').nth(1)).toHaveText(/^0(\D|$)/);
    await done.screenshot('handed-over', { fullPage: true });
  });
});
