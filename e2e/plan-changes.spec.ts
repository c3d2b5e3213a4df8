import { expect, test } from '@playwright/test';
import { PlanChangesPage } from './pages/plan-changes.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const daysAgo = (days: number) => datePartsOf(new Date(Date.now() - days * 86_400_000));

test.describe('changing a maintained plan', () => {
  test('a review ends in a decision to amend: the officer proposes the amendments on a copy of the plan within the 4 weeks and cannot issue them before the 15 days; on a plan whose notice went three weeks ago they record the family’s comments and issue the amended plan, the difference shown', async ({ page }) => {
    // Many pages, each checked with axe: a budget for that work, not a latency target.
    test.setTimeout(240_000);
    const home = await signInAs(page, DEMO_OFFICER);
    let record = await (await (await home.navigation.findAChild()).searchFor('Rosa Lindqvist-Review')).openChild('Rosa Lindqvist-Review');
    let reviews = await record.annualReviews();
    const decide = await reviews.record('Record the decision');
    await decide.enterDecision({ decision: 'Amend the plan', reasons: 'The review showed Rosa needs more speech and language therapy than the plan gives.' });
    reviews = await decide.save();
    await expect(reviews.savedBanner()).toContainText('The decision is recorded and the notice sent.');
    // The amendments start from the review, held to 4 weeks from its meeting (SEND Regs 2014 reg. 22(2); R (L, M, P) v Devon CC [2022]).
    let amendment = await (await reviews.goOn('Propose the amendments')).start();
    await expect(amendment.savedBanner()).toContainText('Change the plan on its own pages');

    // The copy is changed on the plan's own pages.
    let plan = await amendment.changeThePlan();
    let section = await plan.changeSection('F');
    section = await section.changeItem('F1');
    await section.fill('How often', 'Twice a week');
    plan = await section.save();
    let changes = await PlanChangesPage.fromPlan(plan);
    amendment = await changes.openChange('Amendment');
    await expect(amendment.difference()).toContainText('F1: changed');
    amendment = await amendment.submit('Send the amendment notice');
    await expect(amendment.savedBanner()).toContainText('The family have at least 15 days to comment');

    // The amended plan cannot go before the family's 15 days are over (SEND Regs 2014 reg. 22(2)(c)).
    amendment = await amendment.submit('Issue the amended plan');
    await expect(amendment.errorSummary()).toContainText('at least 15 days, SEND Regs 2014 reg. 22(2)');
    await amendment.screenshot('amendment-too-soon', { fullPage: true });

    // The demo's plan whose amendment notice went three weeks ago.
    record = await (await (await amendment.navigation.findAChild()).searchFor('Maya Okafor-Amend')).openChild('Maya Okafor-Amend');
    plan = await record.ehcPlan();
    changes = await PlanChangesPage.fromPlan(plan);
    amendment = await changes.openChange('Amendment');
    amendment = await amendment.recordAnswer('Record what they said', 'Parent or carer', daysAgo(10), 'We agree: twice a week, until the end of Year 5.');
    await expect(amendment.savedBanner()).toContainText('What they said was recorded.');
    amendment = await amendment.submit('Issue the amended plan');
    await expect(amendment.savedBanner()).toContainText('The amended plan was issued as a new version');
    await expect(amendment.status()).toHaveText('Amended plan issued');
    await expect(amendment.difference()).toContainText('What changed from version 2 to version 3');
    await expect(amendment.difference()).toContainText('[added: end of Year 5]');
    await amendment.screenshot('amendment-issued', { fullPage: true });
    plan = await amendment.openVersion(3);
    await expect(plan.status()).toContainText('Amended');
  });

  test('a review ends in a decision to cease: a manager consults the family and the head teacher before deciding to cease the plan; a plan past its time to appeal is ceased by the job, its case closed', async ({ page }) => {
    test.setTimeout(240_000);
    const home = await signInAs(page, DEMO_MANAGER);
    let search = await home.navigation.findAChild();
    let record = await (await search.searchFor('Noor Haddad-Review')).openChild('Noor Haddad-Review');
    let reviews = await record.annualReviews();
    const decide = await reviews.record('Record the decision');
    await decide.enterDecision({ decision: 'Cease to maintain the plan', reasons: 'All the outcomes in section E are met and the school meets her needs from its own SEN support.' });
    reviews = await decide.save();
    let ceasing = await (await reviews.goOn('Go on to cease the plan')).start();

    // Consulted first (SEND Regs 2014 reg. 31(1)): without the head teacher the decision is refused.
    ceasing = await ceasing.recordAnswer('Record the answer', 'Parent or carer', daysAgo(0), 'We think Noor is ready to manage without a plan.');
    await ceasing.choose(/Needs met without an EHC plan/);
    await ceasing.fill('Reasons', 'The outcomes in section E are met and the school meets her needs from its own resources.');
    await ceasing.fill('E-mail address of the school or college named in the plan', 'senco@school.example');
    await ceasing.fill('E-mail address of the health commissioning body', 'send-team@icb.example');
    ceasing = await ceasing.submit('Decide to cease the plan');
    await expect(ceasing.errorSummary()).toContainText('Consult the head teacher before deciding to cease the plan');
    ceasing = await ceasing.recordAnswer('Record the answer', 'Head teacher or principal', daysAgo(0), 'We agree: her needs are met from our SEN support.');
    await ceasing.choose(/Needs met without an EHC plan/);
    await ceasing.fill('Reasons', 'The outcomes in section E are met and the school meets her needs from its own resources.');
    // The school named in the plan and health are told too (SEND Regs 2014 reg. 31(2)).
    await ceasing.fill('E-mail address of the school or college named in the plan', 'senco@school.example');
    await ceasing.fill('E-mail address of the health commissioning body', 'send-team@icb.example');
    ceasing = await ceasing.submit('Decide to cease the plan');
    await expect(ceasing.savedBanner()).toContainText('The plan is kept until the time to appeal has passed');
    await expect(ceasing.text('The plan ceases', { exact: true })).toBeVisible();
    await ceasing.screenshot('cease-decided', { fullPage: true });

    // The demo's plan decided ten weeks ago: the time to appeal has passed, so the job queued with
    // the decision ceased it when the service started, closing its case.
    search = await ceasing.navigation.findAChild();
    record = await (await search.searchFor('Tomasz Wójcik-Cease')).openChild('Tomasz Wójcik-Cease');
    await expect(record.page.getByText(/: EHC plan ceased, closed \d+ \w+ \d{4}/)).toBeVisible();
    await record.screenshot('plan-ceased', { fullPage: true });
  });
});
