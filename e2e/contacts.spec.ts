import { expect, test } from '@playwright/test';
import { ContactsRegisterPage } from './pages/contacts.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const today = () => datePartsOf(new Date());
const inDays = (days: number) => datePartsOf(new Date(Date.now() + days * 86_400_000));

test.describe('contacts, complaints and information requests', () => {
  test('an officer logs a complaint, answers it at stage 1, escalates it to stage 2, answers it with an action to put it right, records the action done and closes it', async ({ page }) => {
    // Many pages, each checked with axe: a budget for that work, not a latency target.
    test.setTimeout(180_000);
    const home = await signInAs(page, DEMO_OFFICER);
    let register = await ContactsRegisterPage.fromNavigation(home.navigation);
    // The demo's complaint at stage 2 and its overdue enquiry are on the officer's register.
    await expect(register.rows().filter({ hasText: 'Complaint, stage 2' })).toHaveCount(1);
    await register.screenshot('contacts-register', { fullPage: true });

    // A complaint without its theme is refused, saying so.
    let form = await register.logAContact();
    form = await form.logExpectingErrors({ kind: 'Complaint' });
    await expect(form.errorSummary()).toContainText('Select what the complaint is about');
    let complaint = await form.log({ kind: 'Complaint', source: 'Parent, carer or young person', fromName: 'Mrs Nowak', channel: 'Email', receivedOn: today(), summary: 'Nobody told us the assessment was agreed.', theme: 'Communication' });
    await expect(complaint.savedBanner()).toContainText('The contact was logged');
    await expect(complaint.clock()).toContainText('Response due');
    const reference = await complaint.reference();
    expect(reference).toMatch(/^CT-\d{4}-\d{6}$/);

    // Stage 1, then stage 2 with its own deadline.
    complaint = await complaint.recordResponse(today(), 'We apologised and explained the decision.', 'Not upheld');
    await expect(complaint.savedBanner()).toContainText('The response was recorded.');
    complaint = await complaint.escalateToStage2(today());
    await expect(complaint.savedBanner()).toContainText('escalated to stage 2');
    await expect(complaint.clock()).toContainText('Response due');
    complaint = await complaint.recordResponse(today(), 'Upheld: the letter should have gone the same week.', 'Upheld');
    complaint = await complaint.addAction('Send the decision letter again with a named contact', 'Amira Khan', inDays(7));
    await expect(complaint.savedBanner()).toContainText('The remedy was recorded.');
    await expect(complaint.text('Every action must be done before the complaint is closed.')).toBeVisible();
    await complaint.screenshot('contacts-complaint-stage-2-action', { fullPage: true });
    complaint = await complaint.actionDone(today());
    await expect(complaint.savedBanner()).toContainText('The action was recorded as done.');
    complaint = await complaint.close(today());
    await expect(complaint.savedBanner()).toContainText('The complaint was closed.');
    await expect(complaint.stages()).toContainText('Stage 2');
    await expect(complaint.stages()).toContainText('Upheld');
    await complaint.screenshot('contacts-complaint-closed', { fullPage: true });

    register = await complaint.backToContacts();
    register = await register.filter({ kind: 'Complaint', status: 'Closed', owner: 'Mine' });
    await expect(register.row(reference)).toContainText('Closed');
  });

  test('an officer answers a freedom of information request, and a manager’s report counts it and links to it', async ({ page }) => {
    test.setTimeout(180_000);
    const home = await signInAs(page, DEMO_OFFICER);
    let register = await ContactsRegisterPage.fromNavigation(home.navigation);
    let request = await (await register.logAContact()).log({ kind: 'Freedom of information request', source: 'Someone else', fromName: 'Local newspaper', channel: 'Email', receivedOn: today(), summary: 'How many tribunal appeals did the council defend last year?' });
    await expect(request.text('Freedom of Information Act 2000 s.10(1)')).toBeVisible();
    const reference = await request.reference();
    // A response cannot be dated before the request came.
    const before = datePartsOf(new Date(Date.now() - 40 * 86_400_000));
    request = await request.recordResponse(before, 'Too early');
    await expect(request.errorSummary()).toContainText('cannot be dated before the contact was received');
    request = await request.recordResponse(today(), 'Sent the figures for 2025.');
    await expect(request.savedBanner()).toContainText('The response was recorded.');
    await expect(request.closed()).toBeVisible();
    await request.screenshot('contacts-foi-answered', { fullPage: true });
    register = await request.backToContacts();
    register = await register.filter({ overdue: true });
    await expect(register.rows().first()).toContainText('Overdue by');

    await register.navigation.signOut();
    const manager = await signInAs(page, DEMO_MANAGER);
    register = await ContactsRegisterPage.fromNavigation(manager.navigation);
    const report = await register.report();
    await report.screenshot('contacts-report', { fullPage: true });
    const now = new Date();
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    // The FOI column's "answered within the deadline": its list holds as many as it says.
    const figures = await report.page.locator('table').first().locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: month }) }).getByRole('link').all();
    const within = report.page.locator(`a[href*="kind=foi"][href*="month=${month}"][href*="answered=on-time"]`);
    expect(figures.length).toBeGreaterThan(0);
    const counted = Number.parseInt(await within.innerText(), 10);
    const listed = await report.follow(within);
    await expect(listed.rows()).toHaveCount(counted);
    await expect(listed.row(reference)).toBeVisible();
  });
});
