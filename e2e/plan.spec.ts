import { expect, test } from '@playwright/test';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

/** A secondary school of the demo council in the schools register (the family asks for it). */
const FOXGLOVE = { urn: '140285', name: 'Foxglove Academy' };
const today = () => datePartsOf(new Date());

test.describe('the EHC plan', () => {
  test('an officer writes the draft, the check finds vague provision, they put it right and issue the draft; they record the family’s comments and a school’s answer and name it; a team manager issues the final plan, compares it with the draft, and downloads it as a PDF and a Word document', async ({ page }) => {
    // Many pages, each checked with axe: a budget for that work, not a latency target.
    test.setTimeout(300_000);
    const home = await signInAs(page, DEMO_OFFICER);
    const search = await home.navigation.findAChild();
    const results = await search.searchFor('Kofi Mensah-Draft');
    let record = await results.openChild('Kofi Mensah-Draft');
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
    const issue = await plan.issueDraft();
    await issue.enterIssuedOn(datePartsOf(new Date(Date.now() - 20 * 86_400_000)));
    plan = await issue.issue();
    await expect(plan.savedBanner()).toContainText('The draft plan was issued');
    await expect(plan.versions()).toHaveCount(2);

    // The family's comment on section F and the school they ask for (reg. 13(1); CFA 2014 s.38(2)(b)).
    record = await plan.navigation.findAChild().then((found) => found.searchFor('Kofi Mensah-Draft')).then((found) => found.openChild('Kofi Mensah-Draft'));
    let consultations = await record.draftPlanResponses();
    let family = await consultations.recordFamilyResponse();
    // Received ten days after the draft went, within the family's 15 days.
    const inTime = datePartsOf(new Date(Date.now() - 10 * 86_400_000));
    await family.enter({ kind: 'A comment on the draft plan', section: 'Section F: special educational provision', words: 'Please say who the named teaching assistant is trained by.', receivedOn: inTime });
    consultations = await family.record();
    await expect(consultations.commentsOn('Section F: special educational provision')).toContainText('Please say who the named teaching assistant is trained by.');
    await expect(consultations.commentsOn('Section F: special educational provision')).not.toContainText('Late');
    family = await consultations.recordFamilyResponse();
    await family.enter({ kind: 'A school they ask to be named', urn: FOXGLOVE.urn, words: 'His brother is there.', receivedOn: inTime });
    consultations = await family.record();
    await expect(consultations.preferences()).toContainText(FOXGLOVE.name);

    // That school consulted (s.39), and its answer: it can meet his needs.
    const consult = await consultations.consultASchool();
    await consult.enter({ urn: FOXGLOVE.urn, basis: 'The family asked for this school', contactName: 'Ms Ada Lowe, SENCo', contactEmail: 'senco@foxglove.example' });
    consultations = await consult.consult();
    const answer = await consultations.recordAnswer(FOXGLOVE.name);
    await answer.enter({ canMeetNeeds: true, reasons: 'We can meet his needs with our speech and language resource base.', respondedOn: today() });
    consultations = await answer.record();
    await expect(consultations.consultation(FOXGLOVE.name)).toContainText('Can meet the child’s needs');
    await consultations.screenshot('plan-consultations', { fullPage: true });

    // The school named in section I; the final plan is not the officer's to issue.
    record = await consultations.navigation.findAChild().then((found) => found.searchFor('Kofi Mensah-Draft')).then((found) => found.openChild('Kofi Mensah-Draft'));
    plan = await record.ehcPlan();
    section = await plan.changeSection('I');
    await section.tick('A school or college, by its URN');
    await section.fill('The school’s URN', FOXGLOVE.urn);
    plan = await section.save();
    await expect(plan.section('I')).toContainText(`${FOXGLOVE.name} (URN ${FOXGLOVE.urn})`);
    await expect(plan.whoIssues()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Issue the final plan' })).toHaveCount(0);
    await plan.navigation.signOut();

    // A team manager issues the final plan, with the council's delegated authority.
    const team = await signInAs(page, DEMO_MANAGER);
    record = await team.navigation.findAChild().then((found) => found.searchFor('Kofi Mensah-Draft')).then((found) => found.openChild('Kofi Mensah-Draft'));
    plan = await record.ehcPlan();
    const final = await plan.issueFinal();
    plan = await final.issue();
    await expect(plan.savedBanner()).toContainText('The final plan was issued');
    await expect(plan.status()).toContainText('Final, version 2');
    await expect(plan.sen2()).toContainText(`URN ${FOXGLOVE.urn}, ${FOXGLOVE.name}; placement rank 1`);
    await expect(plan.sen2()).toContainText('SLCN (Speech, language and communication needs), rank 1');
    await plan.screenshot('plan-final', { fullPage: true });
    expect(await plan.download('PDF')).toMatch(/^EHC plan .* version 2\.pdf$/);
    expect(await plan.download('Word document')).toMatch(/^EHC plan .* version 2\.docx$/);

    // The final plan against the draft: the school the family asked for, named in section I.
    const compare = await plan.compareVersions();
    await expect(compare.difference()).toContainText('Section I: Placement');
    await expect(compare.difference()).toContainText(`[added: ${FOXGLOVE.urn}]`);
    await compare.screenshot('plan-compare', { fullPage: true });
  });
});
