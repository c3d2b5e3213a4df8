import { expect, test } from '@playwright/test';
import { MyCasesPage } from './pages/my-cases.ts';
import { NewRequestPage } from './pages/new-request.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

// Check letter computed by the DfE CBDS rule for the body 930123420015.
const NEW_UPN = 'J930123420015';

test.describe('an officer’s casework', () => {
  test('sees their cases ordered by the next deadline, across pages', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const myCases = await MyCasesPage.open(page);
    await expect(myCases.heading()).toHaveText('My cases');
    await expect(myCases.rows()).toHaveCount(50);
    await myCases.screenshot('my-cases', { fullPage: false });
    const secondPage = await myCases.nextPage();
    await expect(secondPage.page).toHaveURL(/page=2/);
  });

  test('records a request for a new child, sees it on the worklist, opens the record and sees the event', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const form = await NewRequestPage.open(page);
    await expect(form.heading()).toHaveText('Record a request for an EHC needs assessment');
    await form.enterChild({
      firstName: 'Zuzanna',
      lastName: 'Wiśniewska-Test',
      dateOfBirth: { day: '14', month: '6', year: '2017' },
      sex: 'Female',
      upn: NEW_UPN,
    });
    await form.enterRequest({ receivedOn: datePartsOf(new Date()), source: 'School or other education setting' });

    const record = await form.recordRequest();
    await expect(record.heading()).toHaveText('Zuzanna Wiśniewska-Test');
    await expect(record.caseSummary()).toContainText('Amira Khan');
    await expect(record.text('Request for an EHC needs assessment received')).toBeVisible();
    await expect(record.text('Issue the final EHC plan', { exact: false }).first()).toBeVisible();
    await record.screenshot('child-record', { fullPage: true });

    // On the officer's worklist, in deadline order: a new request's first deadline is 6 weeks away.
    let worklist = await record.navigation.myCases();
    for (let pageNumber = 1; pageNumber < 5 && !(await worklist.childLink('Zuzanna Wiśniewska-Test').isVisible()); pageNumber += 1) {
      worklist = await worklist.nextPage();
    }
    await expect(worklist.childLink('Zuzanna Wiśniewska-Test')).toBeVisible();

    const search = await worklist.navigation.findAChild();
    const byName = await search.searchFor('wisniewska');
    await expect(byName.childLink('Zuzanna Wiśniewska-Test')).toBeVisible();

    const byUpn = await byName.searchFor(NEW_UPN.toLowerCase());
    await expect(byUpn.childLink('Zuzanna Wiśniewska-Test')).toBeVisible();
    await byUpn.screenshot('search', { fullPage: false });
  });

  test('a request with bad input gets an error summary and records nothing', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const form = await NewRequestPage.open(page);
    await form.enterChild({
      firstName: '<script>alert(1)</script>',
      dateOfBirth: { day: '30', month: '2', year: '2016' },
      upn: 'K930123420015',
    });
    const refused = await form.recordRequestRefused();
    const summary = refused.errorSummary();
    await expect(summary).toContainText('Enter the child’s last name');
    await expect(summary).toContainText('The date of birth must be a real date');
    await expect(summary).toContainText('check letter');
    await expect(summary).toContainText('Select who made the request');
    await expect(refused.firstName()).toHaveValue('<script>alert(1)</script>');
    await refused.screenshot('new-request-errors', { fullPage: true });
  });

  test('changes a child’s details: a bad postcode is refused with an error summary, then the change, with an ethnicity, is saved', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const form = await NewRequestPage.open(page);
    await form.enterChild({ firstName: 'Hamza', lastName: 'Edit-Journey', dateOfBirth: { day: '2', month: '9', year: '2015' }, sex: 'Male' });
    await form.enterRequest({ receivedOn: datePartsOf(new Date()), source: 'Parent or young person' });
    const record = await form.recordRequest();

    const edit = await record.changeDetails();
    await expect(edit.heading()).toHaveText('Change a child’s details');
    await expect(edit.firstName()).toHaveValue('Hamza');
    await edit.enter({ preferredName: 'Hami', postcode: 'NOT A POSTCODE' });
    const refused = await edit.saveRefused();
    await expect(refused.errorSummary()).toContainText('Enter a real postcode');
    await expect(refused.preferredName()).toHaveValue('Hami');

    await refused.enter({ postcode: 'b1 1aa', ethnicity: 'Pakistani' });
    const saved = await refused.save();
    await expect(saved.savedBanner()).toContainText('Details saved.');
    await expect(saved.heading()).toHaveText('Hamza (Hami) Edit-Journey');
    await expect(saved.text('B1 1AA')).toBeVisible();
    await expect(saved.text('Pakistani')).toBeVisible();
  });
});
