import { expect, test, type Browser, type Page } from '@playwright/test';
import { AgendaPage } from './pages/agenda.ts';
import type { ChildRecordPage } from './pages/child-record.ts';
import { DecisionsPage } from './pages/decisions.ts';
import { NewRequestPage } from './pages/new-request.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const today = datePartsOf(new Date());
const inTwoWeeks = datePartsOf(new Date(Date.now() + 14 * 86_400_000));

/** A new request for a new child, received today, as the account signed in records it. */
async function aNewRequest(page: Page, firstName: string, lastName: string): Promise<ChildRecordPage> {
  const form = await NewRequestPage.open(page);
  await form.enterChild({ firstName, lastName, dateOfBirth: { day: '9', month: '3', year: '2017' }, sex: 'Male' });
  await form.enterRequest({ receivedOn: today, source: 'Parent or young person' });
  return form.recordRequest();
}

/** The team manager, in a browser of their own. */
async function asTheManager<T>(browser: Browser, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAs(page, DEMO_MANAGER);
    return await work(page);
  } finally {
    await context.close();
  }
}

test.describe('the decisions of an EHC needs assessment', () => {
  test('a request’s views are asked for, it goes to a panel that recommends, and a team manager decides to assess', async ({ page, browser }) => {
    // A long journey of two people over a dozen pages, each checked with axe.
    test.slow();
    await signInAs(page, DEMO_OFFICER);
    let record = await aNewRequest(page, 'Tobias', 'Panel-Journey');
    const person = await record.addParentOrCarer();
    await person.enter({ firstName: 'Mira', lastName: 'Panel-Journey', relationship: 'Mother', parentalResponsibility: true, mainContact: true, address: '12 Canal Street, Demo City', postcode: 'DC1 2AB' });
    record = await person.save();

    // The family's views asked for: the form's error path first.
    let decisions = await record.decisions();
    await expect(decisions.heading()).toHaveText('Decisions');
    await expect(decisions.decideWhetherToAssessButton()).toHaveCount(0);
    const askRefused = await (await decisions.askForViews()).askRefused();
    await expect(askRefused.errorSummary()).toContainText('Select whose views to ask for');
    await askRefused.choose('The parent or carer');
    await askRefused.enterRespondBy(inTwoWeeks);
    decisions = await askRefused.ask();
    await expect(decisions.savedBanner()).toContainText('Views asked for.');
    const recordViews = await decisions.recordViews();
    await recordViews.choose('The school or setting');
    await recordViews.enterReceivedOn(today);
    await recordViews.enterSummary('The SENCo says Tobias needs adult support for most of the day.');
    decisions = await recordViews.record();
    const caseId = decisions.caseId();

    // A panel meeting today, the case on its agenda, and its recommendation.
    const panels = await decisions.navigation.panels();
    const newPanel = await panels.arrangePanel();
    const refusedPanel = await newPanel.arrangeRefused();
    await expect(refusedPanel.errorSummary()).toContainText('Enter the panel’s name');
    const title = `Journey panel ${Date.now()}`;
    await refusedPanel.enterHeldOn(today);
    await refusedPanel.enterTitle(title);
    let agenda = await refusedPanel.arrange();
    await expect(agenda.savedBanner()).toContainText('Panel arranged.');
    const panelId = agenda.panelId();

    decisions = await DecisionsPage.open(page, caseId);
    const bring = await decisions.bringToPanel();
    const bringRefused = await bring.bringRefused();
    await expect(bringRefused.errorSummary()).toContainText('Choose the panel to bring the case to');
    await bringRefused.choose(title);
    decisions = await bringRefused.bring();
    await expect(decisions.section('Panels')).toContainText(title);

    agenda = await AgendaPage.open(page, panelId);
    await agenda.recommend('Tobias Panel-Journey', 'Defer (bring back to a later panel)');
    agenda = await agenda.recordRecommendation('Tobias Panel-Journey');
    await expect(agenda.errorSummary()).toContainText('Say what the panel is waiting for before it recommends');
    await agenda.recommend('Tobias Panel-Journey', 'Assess', 'Health and education agree the evidence of need is clear.');
    agenda = await agenda.recordRecommendation('Tobias Panel-Journey');
    await expect(agenda.entry('Tobias Panel-Journey')).toContainText('Assess');
    await agenda.screenshot('panel-agenda', { fullPage: true });

    // The team manager decides, with reasons; the form's error path first.
    await asTheManager(browser, async (managerPage) => {
      let managerDecisions = await DecisionsPage.open(managerPage, caseId);
      await expect(managerDecisions.section('Decision whether to assess')).toContainText('recommended: Assess');
      const decide = await managerDecisions.decideWhetherToAssess();
      await decide.screenshot('decide-whether-to-assess', { fullPage: true });
      const refused = await decide.decideRefused();
      await expect(refused.errorSummary()).toContainText('Select the decision');
      await expect(refused.errorSummary()).toContainText('Give the reasons for the decision');
      await refused.chooseOutcome('Assess');
      await refused.enterDecidedOn(today);
      await refused.enterReasons('The school’s evidence and the panel agree: Tobias has needs the school cannot meet from its own resources.');
      managerDecisions = await refused.decide();
      await expect(managerDecisions.savedBanner()).toContainText('Decision recorded.');
      await expect(managerDecisions.section('Decision whether to assess')).toContainText('Tobias has needs the school cannot meet');
      await expect(managerDecisions.section('Decision whether to assess')).toContainText(DEMO_MANAGER.name);
      await expect(managerDecisions.section('Decision whether to assess')).toContainText(title);
      // The notice went to Tobias's mother, as a letter kept on the case.
      await expect(managerDecisions.section('Decision whether to assess').getByRole('link', { name: /^The letter of / })).toBeVisible();
      await expect(managerDecisions.sen2()).toContainText('Y (yes)');
      await managerDecisions.screenshot('decision-page', { fullPage: true });
    });
  });

  test('a team manager decides not to assess: the case closes with the right of appeal and its limits', async ({ page }) => {
    await signInAs(page, DEMO_MANAGER);
    const record = await aNewRequest(page, 'Elif', 'Refusal-Journey');
    let decisions = await record.decisions();
    const decide = await decisions.decideWhetherToAssess();
    await decide.chooseOutcome('Do not assess');
    await decide.enterDecidedOn(today);
    await decide.enterReasons('The school’s SEN support plan started this term and is showing progress.');
    decisions = await decide.decide();
    const section = decisions.section('Decision whether to assess');
    await expect(section).toContainText('Do not assess');
    await expect(section).toContainText('Right of appeal');
    await expect(section).toContainText('a mediation adviser to be contacted first');
    await expect(decisions.sen2()).toContainText('N (no)');
    await expect(decisions.text('Closed on', { exact: false })).toBeVisible();
    await decisions.screenshot('decision-refused', { fullPage: true });
  });

  test('an officer records that a request was withdrawn: who and why; the case closes', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const record = await aNewRequest(page, 'Rhys', 'Withdrawal-Journey');
    const decisions = await record.decisions();
    const withdrawal = await decisions.recordWithdrawal();
    const refused = await withdrawal.withdrawRefused();
    await expect(refused.errorSummary()).toContainText('Select who withdrew the request');
    await expect(refused.errorSummary()).toContainText('Say why the request was withdrawn');
    await refused.chooseWhoWithdrew('The parent or carer');
    await refused.enterWithdrawnOn(today);
    await refused.enterReason('The family are moving to another council’s area.');
    const after = await refused.withdraw();
    await expect(after.savedBanner()).toContainText('Withdrawal recorded. The case is closed.');
    await expect(after.section('Request withdrawn')).toContainText('The family are moving to another council’s area.');
    await expect(after.sen2()).toContainText('W (withdrawn)');
  });

  test('after the assessment, a team manager decides not to issue a plan (week 16 is the statutory limit for it)', async ({ page }) => {
    await signInAs(page, DEMO_MANAGER);
    const record = await aNewRequest(page, 'Noor', 'No-Plan-Journey');
    let decisions = await record.decisions();
    let decide = await decisions.decideWhetherToAssess();
    await decide.chooseOutcome('Assess');
    await decide.enterDecidedOn(today);
    await decide.enterReasons('Needs the school cannot meet from its own resources.');
    decisions = await decide.decide();
    await expect(decisions.section('Decision after the assessment')).toContainText('week 16, a statutory limit');
    await expect(decisions.section('Decision after the assessment')).toContainText('week 16 is the council’s target, not the law');
    decide = await decisions.decideAfterAssessment();
    await decide.chooseOutcome('Do not issue an EHC plan');
    await decide.enterDecidedOn(today);
    await decide.enterReasons('The assessment shows the school can meet Noor’s needs with the advice given.');
    decisions = await decide.decide();
    await expect(decisions.section('Decision after the assessment')).toContainText('Do not issue an EHC plan');
    await expect(decisions.sen2()).toContainText('N (no)');
  });
});
