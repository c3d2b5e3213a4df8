import { expect, test } from '@playwright/test';
import { NewRequestPage } from './pages/new-request.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

test.describe('statutory deadlines in the officer’s and manager’s day', () => {
  test('a manager sees the team’s breached and coming deadlines and filters them', async ({ page }) => {
    const home = await signInAs(page, DEMO_MANAGER);
    const team = await home.allDeadlines();
    await expect(team.heading()).toHaveText('Team deadlines');
    await expect(team.caption()).toContainText('Overdue');
    await team.screenshot('team-deadlines', { fullPage: false });
    const filtered = await team.filter({ officer: DEMO_OFFICER.name });
    const officers = await filtered.officers();
    expect(officers.length).toBeGreaterThan(0);
    expect(new Set(officers.map((text) => text.trim()))).toEqual(new Set([DEMO_OFFICER.name]));
  });

  test('a team manager decides to assess a new request, and an exception is recorded', async ({ page }) => {
    await signInAs(page, DEMO_MANAGER);
    const today = datePartsOf(new Date());
    const form = await NewRequestPage.open(page);
    await form.enterChild({ firstName: 'Stepwise', lastName: 'Journey', dateOfBirth: { day: '2', month: '2', year: '2019' }, sex: 'Male' });
    await form.enterRequest({ receivedOn: today, source: 'Parent or young person' });
    const record = await form.recordRequest();
    await expect(record.heading()).toHaveText('Stepwise Journey');

    const stepForm = await record.recordStep();
    const refusedStep = await stepForm.recordStepRefused();
    await expect(refusedStep.errorSummary()).toContainText('Choose a step');
    const decide = await (await (await refusedStep.backToRecord()).decisions()).decideWhetherToAssess();
    await decide.chooseOutcome('Assess');
    await decide.enterDecidedOn(today);
    await decide.enterReasons('The evidence shows needs the school cannot meet.');
    const afterStep = await (await decide.decide()).backToRecord();
    await expect(afterStep.caseSummary()).toContainText('Needs assessment');
    await expect(afterStep.text('Met on time')).toBeVisible();

    const exceptionForm = await afterStep.recordException();
    await exceptionForm.chooseReason('Exceptional personal circumstances');
    await exceptionForm.enterEvidence('Hospital admission; letter from the consultant on file.');
    await exceptionForm.enterStartsOn(today);
    const afterException = await exceptionForm.recordException();
    await expect(afterException.text('Hospital admission; letter from the consultant on file.')).toBeVisible();
    await expect(afterException.text('Exception to the time limits recorded')).toBeVisible();
    await afterException.screenshot('record-with-exception', { fullPage: true });
  });
});
