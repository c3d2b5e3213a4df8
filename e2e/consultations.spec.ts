import { expect, test } from '@playwright/test';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const today = () => datePartsOf(new Date());

/** A secondary school of the demo council in the schools register, not one the demo data consults. */
const FOXGLOVE = { urn: '140285', name: 'Foxglove Academy' };

test.describe('draft to final: the family’s response and the schools consulted', () => {
  test('an officer finds an overdue consultation, records the family’s comment on section F and the school they ask for, consults that school, sends it a reminder and records its answer', async ({ page }) => {
    const home = await signInAs(page, DEMO_OFFICER);

    // The demo officer's case whose draft went out longest ago has a school that has not answered.
    const overdue = await home.consultationsOverdue();
    await expect(overdue.rows().first()).toContainText(/Overdue by \d+ days?/);
    let consultations = await overdue.openFirstCase();
    await expect(consultations.commentsOn('Section F: special educational provision')).toContainText('how often, for how long');
    await expect(consultations.consultations().filter({ hasText: 'Cannot meet the child’s needs' })).toHaveCount(1);

    // The family's comment on section F, in their words.
    let family = await consultations.recordFamilyResponse();
    await family.enter({ kind: 'A comment on the draft plan', receivedOn: today() });
    family = await family.recordRefused();
    await expect(family.errorSummary()).toContainText('Select the section of the plan the comment is about');
    await expect(family.errorSummary()).toContainText('Enter the family’s comment, in their words');
    await family.enter({ kind: 'A comment on the draft plan', section: 'Section F: special educational provision', words: 'Please name the speech and language therapist’s qualification.' });
    consultations = await family.record();
    await expect(consultations.savedBanner()).toContainText('The family’s response is recorded.');
    await expect(consultations.commentsOn('Section F: special educational provision')).toContainText('Please name the speech and language therapist’s qualification.');

    // The school they ask for (CFA 2014 s.38(2)(b)).
    family = await consultations.recordFamilyResponse();
    await family.enter({ kind: 'A school they ask to be named', urn: FOXGLOVE.urn, words: 'Her cousin is there and it has a hearing support base.', receivedOn: today() });
    consultations = await family.record();
    await expect(consultations.preferences()).toContainText(FOXGLOVE.name);
    await expect(consultations.preferences()).toContainText('hearing support base');

    // That school consulted (s.39): an unknown URN refused first.
    let consult = await consultations.consultASchool();
    await consult.enter({ urn: '999999', basis: 'The family asked for this school', contactName: 'Mr Idris Hale, SENCo', contactEmail: 'senco@foxglove.example' });
    consult = await consult.consultRefused();
    await expect(consult.errorSummary()).toContainText('There is no school with URN 999999 in the schools register');
    await consult.enter({ urn: FOXGLOVE.urn });
    consultations = await consult.consult();
    await expect(consultations.savedBanner()).toContainText('School consulted.');
    await expect(consultations.consultation(FOXGLOVE.name)).toContainText('Awaiting');

    // A reminder, confirmed on its own page.
    const chase = await consultations.sendReminder(FOXGLOVE.name);
    await expect(chase.explanation()).toContainText('senco@foxglove.example');
    consultations = await chase.send();
    await expect(consultations.savedBanner()).toContainText('Reminder sent to the school.');
    await expect(consultations.consultation(FOXGLOVE.name)).toContainText('1 reminder');

    // Its answer: reasons are required when it cannot meet the needs; this one can.
    let answer = await consultations.recordAnswer(FOXGLOVE.name);
    await answer.enter({ canMeetNeeds: false, reasons: '' });
    answer = await answer.recordRefused();
    await expect(answer.errorSummary()).toContainText('Enter the school’s reasons');
    await answer.enter({ canMeetNeeds: true, reasons: 'We can meet her needs in our hearing support base.', respondedOn: today() });
    consultations = await answer.record();
    await expect(consultations.savedBanner()).toContainText('The school’s answer is recorded.');
    await expect(consultations.consultation(FOXGLOVE.name)).toContainText('Can meet the child’s needs');
    await expect(consultations.consultation(FOXGLOVE.name)).toContainText('We can meet her needs in our hearing support base.');
  });
});
