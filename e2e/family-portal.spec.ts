import { expect, test } from '@playwright/test';
import { OutboxPage } from './pages/outbox.ts';
import { PortalSignInLinkPage, PortalSignInPage } from './pages/portal.ts';
import { aPdf } from '../src/test/files.ts';
import { FamilyCasePage } from './pages/portal-family.ts';
import { SearchPage } from './pages/search.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';
import { expectWorksByKeyboard } from './support/keyboard.ts';

const PARENT = 'parent@send-demo.example';

test.describe('the family portal', () => {
  test('a parent signs in with a link, reads what happens next, reads it in Urdu, comments on a section of the draft plan, sends her views and a document; the officer sees all three', async ({ page, browser }) => {
    // Two people in two browsers and many pages: longer than the default minute
    // when the demo's job runner is still busy after start.
    test.slow();
    await signInAs(page, DEMO_OFFICER);

    // Sana Farooq asks for a link to sign in, in a browser of her own.
    const parentContext = await browser.newContext();
    const parent = await parentContext.newPage();
    const check = await (await PortalSignInPage.open(parent)).askForLink(PARENT);
    await expect(check.heading()).toHaveText('Check your e-mail');

    // The e-mail, as the outbox holds it (the officer's view of it stands in for her inbox).
    const outbox = await OutboxPage.open(page);
    const message = await outbox.openMessage(/^Your link to sign in/);
    const link = /\/portal\/sign-in\/link\/[A-Za-z0-9_-]+/.exec((await message.words().textContent()) ?? '')?.[0];
    expect(link, 'the e-mail carries a sign-in link').toBeDefined();

    const home = await (await PortalSignInLinkPage.open(parent, link!)).continueToSignIn();
    let casePage = await FamilyCasePage.from(home, 'Yasmin');
    await expect(casePage.heading()).toHaveText('Yasmin’s SEND case');
    await expect(casePage.nextSteps()).toContainText('You can comment on the draft plan and tell us which school you want.');
    await expect(casePage.nextSteps()).toContainText('You have until');
    await expect(casePage.nextSteps()).toContainText('The law says this must happen by');
    await expect(casePage.officer()).toContainText(`Your case officer is ${DEMO_OFFICER.name}.`);
    await expectWorksByKeyboard(parent);

    // In Urdu: right to left, with lang and dir set, and still no accessibility failures (checked on arrival).
    casePage = await casePage.switchTo('اردو');
    await expect(parent.locator('html')).toHaveAttribute('lang', 'ur');
    await expect(parent.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(casePage.heading()).toHaveText('Yasmin کا SEND کیس');
    await expectWorksByKeyboard(parent);
    casePage = await casePage.switchTo('English');
    await expect(parent.locator('html')).toHaveAttribute('dir', 'ltr');

    const plan = await casePage.readDraftPlan();
    await expect(plan.commentWindow()).toContainText('You can comment on each part of the draft plan until');
    const comment = await plan.commentOnDraft();
    const words = `Please say who the trained teaching assistant is (${Date.now()}).`;
    const sent = await comment.send(/^Part F:/, words);
    await expect(sent.banner()).toContainText('We have your comment');

    // Her views for part A of the plan, in her and Yasmin's own words (the demo holds one earlier sending).
    casePage = await sent.backToTheCase();
    const viewsForm = await casePage.sendViews();
    await expectWorksByKeyboard(parent);
    const hope = `Yasmin says she wants to look after horses (${Date.now()}).`;
    casePage = await viewsForm.send({ 'What does Yasmin hope for in the future?': hope, 'How does Yasmin like to be helped?': 'Pictures that show each step.' });
    await expect(casePage.banner()).toContainText('We have your views');
    await expect(casePage.viewsSent().first()).toContainText(hope);
    await expect(casePage.viewsSent()).toHaveCount(2);

    // A document: refused with the reason when the file is not what its name says, then sent.
    let documents = await casePage.sendDocument();
    await expectWorksByKeyboard(parent);
    documents = await documents.send('Letter from the doctor', { name: 'doctor.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Not really a PDF') });
    await expect(documents.errorSummary()).toContainText('The file must be a PDF, a Word document, a JPEG or a PNG');
    const title = `Letter from the doctor ${Date.now()}`;
    documents = await documents.send(title, { name: 'doctor.pdf', mimeType: 'application/pdf', buffer: aPdf('From the doctor') });
    await expect(documents.banner()).toContainText('We have your document');
    await expect(documents.sent().first()).toContainText(title);
    await parentContext.close();

    // The officer finds the comment with the family's response to the draft.
    const record = await (await (await SearchPage.open(page)).searchFor('Yasmin Farooq')).openChild('Yasmin Farooq');
    const responses = await record.draftPlanResponses();
    await expect(responses.commentsOn('Section F: special educational provision')).toContainText(words);
    await expect(responses.commentsOn('Section F: special educational provision')).toContainText('sent through the family portal by Sana Farooq');

    // Her views and her document, on Yasmin's record.
    const again = await (await (await SearchPage.open(page)).searchFor('Yasmin Farooq')).openChild('Yasmin Farooq');
    await expect(again.familyViews().first()).toContainText(hope);
    await expect(again.familyViews().first()).toContainText('Sent by Sana Farooq');
    await expect(again.documents().filter({ hasText: title })).toContainText('sent by Sana Farooq through the portal on');
  });
});
