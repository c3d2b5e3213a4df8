import { expect, test } from '@playwright/test';
import { AppealsRegisterPage, CaseAppealsPage, TriagePage } from './pages/appeals.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const daysFromNow = (days: number) => datePartsOf(new Date(Date.now() + days * 86_400_000));

test.describe('appeals to the tribunal', () => {
  test('an officer registers an appeal against a final plan (refused when dated before the plan), records the tribunal’s order after the hearing and the order carried out; a manager sees the live appeals and what a tribunal would see', async ({ page }) => {
    // Many pages, each checked with axe: a budget for that work, not a latency target.
    test.setTimeout(240_000);
    const home = await signInAs(page, DEMO_OFFICER);
    const record = await (await (await home.navigation.findAChild()).searchFor('Ravi Sharma-Final')).openChild('Ravi Sharma-Final');
    const appeals = await CaseAppealsPage.fromRecord(record);
    let form = await appeals.registerAnAppeal();
    const letter = {
      type: /The plan’s content/,
      decision: /Final EHC plan issued/,
      sections: ['Section F: special educational provision'],
      reference: 'EH999/26/00099',
      responseDueOn: daysFromNow(40),
      hearingOn: daysFromNow(-1),
    };

    // The plan was issued 8 days ago: an appeal cannot be registered before it (CFA 2014 s.51).
    await form.fill({ ...letter, registeredOn: daysFromNow(-20) });
    form = await form.registerRefused();
    await expect(form.errorSummary()).toContainText('The appeal cannot be registered before the decision it is against');
    await form.screenshot('appeal-before-decision', { fullPage: true });

    await form.fill({ ...letter, registeredOn: daysFromNow(-3) });
    let appeal = await form.register();
    await expect(appeal.savedBanner()).toContainText('The appeal was registered');
    await expect(appeal.status()).toHaveText('Registered: response due');
    await expect(appeal.timeLimits()).toContainText('The council’s response to the tribunal');
    await appeal.screenshot('appeal-registered', { fullPage: true });

    // The hearing was yesterday: the tribunal partly upheld the appeal and ordered the plan amended (SEND Regs 2014 reg. 44: 5 weeks).
    appeal = await appeal.recordOutcome(daysFromNow(-1), [{ section: 'Section F: special educational provision', outcome: 'Partly upheld' }], /Amend the needs or provision/);
    await expect(appeal.savedBanner()).toContainText('How the appeal ended was recorded');
    await expect(appeal.status()).toHaveText('Concluded');
    await expect(appeal.timeLimits()).toContainText('Carry out the order');
    appeal = await appeal.recordOrderCarriedOut(daysFromNow(0));
    await expect(appeal.savedBanner()).toContainText('The order was recorded as carried out');
    await expect(appeal.page.getByText(/Carried out \d+ \w+ \d{4}\./)).toBeVisible();
    await appeal.screenshot('appeal-order-carried-out', { fullPage: true });

    // A manager's view: the register of closed appeals, and the live ones with what a tribunal would see.
    await appeal.navigation.signOut();
    await signInAs(page, DEMO_MANAGER);
    const closed = await AppealsRegisterPage.open(page, 'closed');
    await expect(closed.rows().filter({ hasText: 'EH999/26/00099' })).toHaveCount(1);
    const triage = await TriagePage.open(page);
    await expect(triage.row(/Appeal EH999\/26\/00057/)).toContainText('The final plan missed the 20 weeks');
    await expect(triage.row(/Appeal EH999\/26\/00057/)).toContainText('vague words');
    await triage.screenshot('appeals-triage', { fullPage: true });
  });
});
