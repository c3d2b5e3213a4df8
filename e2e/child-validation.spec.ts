import { expect, test } from '@playwright/test';
import { NewRequestPage } from './pages/new-request.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

// Check letters computed by the DfE CBDS rule for the bodies 930123420027 and 930123420038.
const HELD_UPN = 'A930123420027';
const OTHER_UPN = 'C930123420038';

const twoYearsAgo = () => {
  const day = new Date();
  day.setFullYear(day.getFullYear() - 2);
  return datePartsOf(day);
};

test.describe('children validated before a second record is made', () => {
  test('a request recorded late keeps its reason; a second request for the same child asks "Is this the same child?"', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const first = await NewRequestPage.open(page);
    await first.enterChild({ firstName: 'Ottilie', lastName: 'Same-Journey', dateOfBirth: { day: '1', month: '2', year: '2016' }, sex: 'Female', upn: HELD_UPN });
    await first.enterRequest({ receivedOn: twoYearsAgo(), source: 'Parent or young person' });
    const refused = await first.recordRequestRefused();
    await expect(refused.errorSummary()).toContainText('The request was received more than a year ago');
    await refused.enterRequest({ recordedLateBecause: 'Found in the post room during the office move' });
    const held = await refused.recordRequest();
    await expect(held.heading()).toHaveText('Ottilie Same-Journey');
    await expect(held.history()).toContainText('Recorded late, on');
    await expect(held.history()).toContainText('Found in the post room during the office move');

    // The same name and date of birth, typed another way and without the UPN.
    const second = await NewRequestPage.open(page);
    await second.enterChild({ firstName: 'OTTILIE', lastName: 'same journey', dateOfBirth: { day: '1', month: '2', year: '2016' }, sex: 'Female' });
    await second.enterRequest({ receivedOn: datePartsOf(new Date()), source: 'School or other education setting' });
    const question = await second.recordRequestForPossibleMatch();
    await expect(question.heading()).toHaveText('Is this the same child?');
    await expect(question.match('Ottilie Same-Journey')).toContainText(HELD_UPN);
    await question.screenshot('same-child', { fullPage: true });

    // Their case is still open, so the request cannot go on their record: said on the question.
    const stillOpen = await question.useRecordOfRefused('Ottilie Same-Journey');
    await expect(stillOpen.errorSummary()).toContainText('This child already has an open EHC case');

    // Twins do share a birthday: a different child is made.
    const twin = await stillOpen.differentChild();
    await expect(twin.heading()).toHaveText('OTTILIE same journey');
    await expect(twin.savedBanner()).toContainText('Request recorded');
  });

  test('a UPN already held is refused for a new child, and the details can be changed', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const form = await NewRequestPage.open(page);
    await form.enterChild({ firstName: 'Someone', lastName: 'Else-Journey', dateOfBirth: { day: '9', month: '9', year: '2014' }, sex: 'Male', upn: HELD_UPN.toLowerCase() });
    await form.enterRequest({ receivedOn: datePartsOf(new Date()), source: 'Parent or young person' });
    const question = await form.recordRequestForPossibleMatch();
    await expect(question.match('Ottilie Same-Journey')).toContainText('UPN');
    const refused = await question.differentChildRefused();
    await expect(refused.errorSummary()).toContainText('a second record cannot be made with it');

    const back = await refused.changeDetails();
    await expect(back.firstName()).toHaveValue('Someone');
    await expect(back.upn()).toHaveValue(HELD_UPN.toLowerCase());
    await back.enterChild({ upn: OTHER_UPN });
    const made = await back.recordRequest();
    await expect(made.heading()).toHaveText('Someone Else-Journey');
  });

  test('adds, changes and removes a parent or carer, keeping an address not to be disclosed off the page', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const form = await NewRequestPage.open(page);
    await form.enterChild({ firstName: 'Parent', lastName: 'Journey-Child', dateOfBirth: { day: '3', month: '3', year: '2017' }, sex: 'Not known' });
    await form.enterRequest({ receivedOn: datePartsOf(new Date()), source: 'Parent or young person' });
    const record = await form.recordRequest();

    const adding = await record.addParentOrCarer();
    await expect(adding.heading()).toHaveText('Add a parent or carer');
    await adding.enter({ firstName: 'Marta', lastName: 'Journey-Parent', relationship: 'Mother', parentalResponsibility: true, mainContact: true, email: 'marta.example.com', address: '4 Canal Street, Demo City', postcode: 'dc12ab' });
    const refused = await adding.saveRefused();
    await expect(refused.errorSummary()).toContainText('Enter an email address in the correct format');
    await refused.enter({ email: 'marta@example.com' });
    const added = await refused.save();
    await expect(added.savedBanner()).toContainText('Parent or carer added.');
    await expect(added.person('Marta Journey-Parent')).toContainText('4 Canal Street, Demo City, DC1 2AB');

    const changing = await added.changePerson('Marta Journey-Parent');
    await expect(changing.email()).toHaveValue('marta@example.com');
    await changing.enter({ relationship: 'Foster carer', phone: '07700 900982', doNotDiscloseAddress: true });
    const changed = await changing.save();
    await expect(changed.savedBanner()).toContainText('Parent or carer’s details saved.');
    await expect(changed.person('Marta Journey-Parent')).toContainText('foster carer');
    await expect(changed.person('Marta Journey-Parent')).toContainText('Address not to be disclosed');
    await expect(changed.person('Marta Journey-Parent')).not.toContainText('Canal Street');

    // The change form cannot show a withheld address either.
    const withheld = await changed.changePerson('Marta Journey-Parent');
    await expect(withheld.address()).toHaveValue('');
    await expect(withheld.postcode()).toHaveValue('');
    const back = await withheld.save();

    const removing = await back.removePerson('Marta Journey-Parent');
    await expect(removing.heading()).toContainText('Remove Marta Journey-Parent');
    const removed = await removing.confirm();
    await expect(removed.savedBanner()).toContainText('Removed from the child’s record.');
    await expect(removed.person('Marta Journey-Parent')).toHaveCount(0);
    await expect(removed.text('No one is linked to this child yet.')).toBeVisible();
  });
});
