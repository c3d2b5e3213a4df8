import { expect, test } from '@playwright/test';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

test.describe('the EHC plan', () => {
  test('an officer writes the draft, the check finds vague provision, they put it right, issue the draft, then the final plan once the 15 days are over, compare the two, and download the final plan as a PDF and a Word document', async ({ page }) => {
    // Many pages, each checked with axe: a budget for that work, not a latency target.
    test.setTimeout(240_000);
    const home = await signInAs(page, DEMO_OFFICER);
    const search = await home.navigation.findAChild();
    const results = await search.searchFor('Kofi Mensah-Draft');
    const record = await results.openChild('Kofi Mensah-Draft');
    let plan = await record.ehcPlan();
    await expect(plan.heading()).toHaveText('Education, health and care plan for Kofi Mensah-Draft');
    await expect(plan.status()).toContainText('Being written, not yet issued: version 1');

    // Writing the draft: an outcome for the second need.
    let section = await plan.changeSection('E');
    section = await section.addItem();
    await section.fill('The outcome', 'Settles into afternoon lessons within five minutes, without adult help.');
    await section.tick('B2:');
    await section.fill('By when should it be achieved?', 'End of Year 4 (July 2028)');
    plan = await section.save();
    await expect(plan.savedBanner()).toContainText('The item was saved.');
    await expect(plan.section('E')).toContainText('Settles into afternoon lessons');

    // The check reads section F as a tribunal would: F2 is vague and unquantified.
    let check = await plan.checkThePlan();
    await expect(check.findings()).toContainText(['Provision F2 uses vague words that a tribunal may not enforce: “access to”, “regular”, “as required”']);
    await check.screenshot('plan-check', { fullPage: true });
    plan = await check.followFinding(/^Provision F2 uses vague words/);
    expect(page.url()).toMatch(/#item-f-demo-2$/);

    // Put right: what, how often, for how long.
    section = await plan.changeSection('F');
    section = await section.changeItem('F2');
    await section.fill('What the provision is', 'Twenty minutes in the nurture room after lunch with a named teaching assistant, to settle before the afternoon.');
    await section.fill('How often', 'Every school day');
    await section.fill('For how long', '20 minutes, for the school year');
    plan = await section.save();
    check = await plan.checkThePlan();
    await expect(check.text('The check found nothing to put right.')).toBeVisible();
    plan = await check.backToPlan();

    // The draft, issued on the day it went to the family, twenty days ago.
    let issue = await plan.issueDraft();
    await issue.enterIssuedOn(datePartsOf(new Date(Date.now() - 20 * 86_400_000)));
    plan = await issue.issue();
    await expect(plan.savedBanner()).toContainText('The draft plan was issued');
    await expect(plan.versions()).toHaveCount(2);

    // A final plan names a school or type of setting: without one it cannot be issued.
    issue = await plan.issueFinal();
    issue = await issue.issueRefused();
    await expect(issue.errorSummary()).toContainText('A final plan cannot be issued without sections B, F and I');
    plan = await issue.backToPlan();
    section = await plan.changeSection('I');
    await section.tick('A type of school or other setting');
    await section.fill('The type of school or other setting', 'Mainstream primary school with a speech and language resource base');
    plan = await section.save();

    issue = await plan.issueFinal();
    plan = await issue.issue();
    await expect(plan.savedBanner()).toContainText('The final plan was issued');
    await expect(plan.status()).toContainText('Final, version 2');
    await plan.screenshot('plan-final', { fullPage: true });
    expect(await plan.download('PDF')).toMatch(/^EHC plan .* version 2\.pdf$/);
    expect(await plan.download('Word document')).toMatch(/^EHC plan .* version 2\.docx$/);

    const compare = await plan.compareVersions();
    await expect(compare.difference()).toContainText('Section I: Placement');
    await expect(compare.difference()).toContainText('Mainstream primary school with a speech and language resource base');
    await compare.screenshot('plan-compare', { fullPage: true });
  });
});
