import { expect, test } from '@playwright/test';
import { NewRequestPage } from './pages/new-request.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

test.describe('a young person’s choice, recorded by an officer', () => {
  test('the officer records what a young person of 17 said about their family seeing the case on the portal (CFA 2014 s.67 and s.83(2))', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    // A young person of 17, past compulsory school age, whose request arrives today.
    const born = new Date();
    born.setFullYear(born.getFullYear() - 17);
    const form = await NewRequestPage.open(page);
    await form.enterChild({ firstName: 'Kai', lastName: `Turner-${Date.now().toString(36)}`, dateOfBirth: datePartsOf(born), sex: 'Male' });
    await form.enterRequest({ receivedOn: datePartsOf(new Date()), source: 'Parent or young person' });
    let record = await form.recordRequest();
    await expect(record.youngPersonChoice().first()).toContainText('Kai has not said yet');

    let choice = await record.recordYoungPersonChoice('Kai');
    choice = await choice.recordRefused();
    await expect(choice.errorSummary()).toContainText('Select whether Kai’s parents and carers may see the case on the portal');
    const today = datePartsOf(new Date());
    record = await choice.record({ share: true, how: 'By phone', on: [today.day, today.month, today.year] });
    await expect(record.savedBanner()).toContainText('The young person’s choice is recorded');
    await expect(record.youngPersonChoice().first()).toContainText('may see their case on the family portal');
    await expect(record.youngPersonChoice().nth(1)).toContainText(`Told to the council by phone`);
    await expect(record.youngPersonChoice().nth(1)).toContainText('recorded by');
  });
});
