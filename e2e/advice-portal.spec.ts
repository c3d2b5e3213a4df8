import { expect, test } from '@playwright/test';
import { totpCodeAt } from '../src/lib/totp.ts';
import { aPdf } from '../src/test/files.ts';
import { OutboxPage } from './pages/outbox.ts';
import { PortalSignInLinkPage, PortalSignInPage } from './pages/portal.ts';
import { SearchPage } from './pages/search.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';
import { expectWorksByKeyboard } from './support/keyboard.ts';

// The demo's educational psychologist and the demo-only authenticator secret (src/features/demo).
const ADVICE_GIVER = 'ep@send-demo.example';
const DEMO_TOTP_SECRET = 'DEMOONLYDEMOONLYDEMOONLYDEMOONLY';

test.describe('the advice givers’ portal', () => {
  test('an educational psychologist signs in with a link and a code, sends their advice, and the officer sees it; the request is then closed to them', async ({ page, browser }) => {
    // Two people in two browsers and many pages: longer than the default minute
    // when the demo's job runner is still busy after start.
    test.slow();
    // The psychologist asks for a sign-in link, in a browser of their own.
    const giverContext = await browser.newContext();
    const giver = await giverContext.newPage();
    const signIn = await PortalSignInPage.open(giver);
    await signIn.askForLink(ADVICE_GIVER);

    // The e-mail, as the outbox holds it (outside production the outbox shows the link).
    await signInAs(page, DEMO_OFFICER);
    const message = await (await OutboxPage.open(page)).openMessage(/^Your link to sign in/);
    await expect(message.summary()).toContainText(ADVICE_GIVER);
    const link = /\/portal\/sign-in\/link\/[A-Za-z0-9_-]+/.exec((await message.words().textContent()) ?? '')?.[0];
    expect(link, 'the e-mail carries a sign-in link').toBeDefined();

    const opened = await PortalSignInLinkPage.open(giver, link!);
    const secondFactor = await opened.continueToSecondFactor();
    const home = await secondFactor.enterCode(await totpCodeAt(DEMO_TOTP_SECRET, new Date()));
    let requests = await home.requestsForAdvice();
    await expect(requests.heading()).toHaveText('Your requests for advice');
    await expect(requests.rows()).toHaveCount(1);
    await expect(requests.rows().first()).toContainText('Psychological advice');

    let request = await requests.openFirstRequest();
    const childName = ((await request.heading().textContent()) ?? '').trim();
    expect(childName).not.toBe('');
    await expect(request.details()).toContainText('Date of birth');
    await expect(request.details()).toContainText('Due');
    await expectWorksByKeyboard(giver);

    // Nothing written and no file: a clear message, nothing sent.
    request = await request.sendRefused();
    await expect(request.errorSummary()).toContainText('Write your advice, or choose a file with your advice, or both');
    // A file that is not what it says: refused.
    await request.write('Works best with short, visual instructions.');
    await request.chooseFile({ name: 'advice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('This is not a PDF') });
    request = await request.sendRefused();
    await expect(request.errorSummary()).toContainText('The selected file is not a real PDF');

    await request.write('Works best with short, visual instructions.\nNeeds a quiet place to work for part of each day.');
    await request.chooseFile({ name: 'Psychological advice.pdf', mimeType: 'application/pdf', buffer: aPdf('Psychological advice') });
    requests = await request.send();
    await expect(requests.banner()).toContainText('Your advice was sent to the council');
    await expect(requests.page.locator('#advice-requests')).toHaveText('You have no open requests for advice.');
    await giverContext.close();

    // The officer (a manager here, who sees every case) finds it where advice received is shown.
    const managerContext = await browser.newContext();
    const managerPage = await managerContext.newPage();
    await signInAs(managerPage, DEMO_MANAGER);
    const search = await (await SearchPage.open(managerPage)).searchFor(childName);
    const record = await search.openChild(childName);
    const advice = await record.adviceForAssessment();
    const card = advice.request('Psychological advice', 'Demo City Educational Psychology Service').filter({ hasText: 'Dr Priya Shah' });
    await expect(card).toContainText('Needs a quiet place to work for part of each day.');
    await expect(card.getByRole('link', { name: 'Psychological advice from Demo City Educational Psychology Service' })).toBeVisible();
    await managerContext.close();
  });
});
