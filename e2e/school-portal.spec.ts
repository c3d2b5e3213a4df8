import { expect, test } from '@playwright/test';
import { totpCodeAt } from '../src/lib/totp.ts';
import { aPdf } from '../src/test/files.ts';
import { OutboxPage } from './pages/outbox.ts';
import { PortalSignInLinkPage, PortalSignInPage } from './pages/portal.ts';
import { PortalSecondFactorPage } from './pages/portal-school.ts';
import { SearchPage } from './pages/search.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';
import { expectWorksByKeyboard } from './support/keyboard.ts';

/** The demo school's administrator, and the demo-only secret of her authenticator app (README). */
const HELEN = { email: 'senco@send-demo.example', name: 'Helen Price', secret: 'DEMOONLYDEMOONLYDEMOONLYDEMOONLY' };

test.describe('the school and college portal', () => {
  test('a SENCo signs in with a link and a code, adds a member of staff, sees her pupils and reviews, and answers a consultation; the officer sees the answer', async ({ page, browser }) => {
    // Two people in two browsers and many pages: longer than the default minute
    // when the demo's job runner is still busy after start.
    test.slow();
    test.setTimeout(120_000);
    // Helen asks for a link; it waits in the outbox, where the officer can read it.
    const helenContext = await browser.newContext();
    const helen = await helenContext.newPage();
    await (await PortalSignInPage.open(helen)).askForLink(HELEN.email);

    await signInAs(page, DEMO_OFFICER);
    const outbox = await OutboxPage.open(page);
    await outbox.rows().filter({ hasText: HELEN.email }).filter({ hasText: 'Your link to sign in' }).first().getByRole('link').first().click();
    const words = (await page.locator('.app-message-body').textContent()) ?? '';
    const link = /\/portal\/sign-in\/link\/[A-Za-z0-9_-]+/.exec(words)?.[0];
    expect(link, 'the e-mail carries a sign-in link').toBeDefined();

    // Helen, in her own browser: the link, then the code from her authenticator app.
    const opened = await PortalSignInLinkPage.open(helen, link!);
    await helen.getByRole('button', { name: 'Continue to sign in' }).click();
    const secondFactor = await PortalSecondFactorPage.arrive(helen);
    const landing = await secondFactor.enterCode(await totpCodeAt(HELEN.secret, new Date()));
    expect(opened.response?.status()).toBe(200);
    const school = await landing.schoolPages();

    // She adds a member of staff; a form with nothing in it is refused first.
    const staff = await school.manageStaff();
    let adding = await staff.addStaff();
    adding = await adding.addRefused();
    await expect(adding.errorSummary()).toContainText('Enter the person’s full name');
    const teacher = `tom.baker.${Date.now()}@school.example`;
    const added = await adding.add('Tom Baker', teacher);
    await expect(added.banner()).toContainText('We have sent them an invitation');
    await expect(added.rows().filter({ hasText: teacher })).toContainText('Member of staff');

    // Her pupils and their reviews, as the council shares them.
    const pupils = await added.pupils();
    await expect(pupils.rows().filter({ hasText: 'Noah Bennett' })).toContainText('Draft');
    const noah = await pupils.open('Noah Bennett');
    await expect(noah.details()).toContainText('Named officer');
    await expect(noah.details()).not.toContainText('Mill Lane');
    const reviews = await noah.reviews();
    await expect(reviews.rows().filter({ hasText: 'Ellie Clarke' })).toContainText('the review report is due');
    let ellie = await (await reviews.open('Ellie Clarke')).sendRefused();
    await expect(ellie.errorSummary()).toContainText('Enter the review report');
    // She attaches the report itself: a file named .pdf that is not a PDF is refused, then the real one.
    await ellie.writeReport('Ellie has met two of her four outcomes. The meeting recommends more time with the speech and language therapist.');
    await ellie.chooseFile({ name: 'Ellie review.pdf', mimeType: 'application/pdf', buffer: Buffer.from('This is a letter, not a PDF') });
    ellie = await ellie.send();
    await expect(ellie.errorSummary()).toContainText('The selected file is not a real PDF');
    await ellie.chooseFile({ name: 'Ellie Clarke annual review.pdf', mimeType: 'application/pdf', buffer: aPdf('Annual review report: Ellie Clarke') });
    ellie = await ellie.send();
    await expect(ellie.banner()).toContainText('The review report has been sent to the council');
    await expect(ellie.reportDocument()).toContainText('Ellie Clarke annual review.pdf');

    // She answers the consultation about Noah: a refusal without reasons is refused first.
    const consultations = await ellie.consultations();
    let consultation = await consultations.open('Noah Bennett');
    await expectWorksByKeyboard(helen);
    consultation = await consultation.answer('Our school cannot meet the child’s needs');
    await expect(consultation.errorSummary()).toContainText('Enter your reasons');
    consultation = await consultation.answer('Our school can meet the child’s needs');
    await expect(consultation.banner()).toContainText('Your answer has been sent to the council');
    await expect(consultation.answerShown()).toContainText('Can meet the child’s needs');
    await helenContext.close();

    // The officer sees the school's answer on the case.
    const search = await (await SearchPage.open(page)).searchFor('Noah Bennett');
    const record = await search.openChild('Noah Bennett');
    const onCase = await record.draftPlanResponses();
    await expect(onCase.consultations().filter({ hasText: 'Can meet the child’s needs' })).toHaveCount(1);

    // And Ellie's review report, with its document, sent by the school.
    const ellieRecord = await (await SearchPage.open(page)).searchFor('Ellie Clarke').then((found) => found.openChild('Ellie Clarke'));
    await expect(ellieRecord.documents().filter({ hasText: 'Annual review report from' })).toContainText(`(${HELEN.name}) through the portal`);
    const ellieReviews = await ellieRecord.annualReviews();
    await expect(ellieReviews.reviews().first()).toContainText('Ellie Clarke annual review.pdf');
    await expect(ellieReviews.reviews().first()).toContainText('through the school portal');
  });
});
