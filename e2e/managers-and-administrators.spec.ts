import { expect, test } from '@playwright/test';
import { datePartsOf } from './pages/service-page.ts';
import { TeamPage } from './pages/team.ts';
import { DEMO_ADMIN, DEMO_BOARD, DEMO_MANAGER, DEMO_OFFICER, signInAs, signInSettingUpApp } from './support/sign-in.ts';

test.describe('managers and administrators on day one', () => {
  test('a manager starts on the team’s deadlines and the unallocated queue, and reaches each in full', async ({ page }) => {
    const team = await signInAs(page, DEMO_MANAGER);
    await expect(team.heading()).toHaveText('Your team');
    expect(await team.navigation.links()).toEqual(['Team', 'Dashboard', 'Improvement plan', 'Late advice', 'Find a child', 'Panels', 'Reviews', 'Contacts', 'Appeals', 'Phase transfers', 'New request', 'SEN2 return', 'Outbox', 'Your account']);
    await expect(team.figures()).toHaveCount(3);
    await expect(team.deadlinesTable()).toContainText('Due');
    await expect(team.queueTable().locator('tbody tr').first()).not.toContainText('No case is waiting');
    await team.screenshot('team', { fullPage: true });

    const queue = await team.wholeQueue();
    await expect(queue.heading()).toHaveText('Unallocated cases');
    expect(await queue.rows().count()).toBeGreaterThan(0);
    const since = (await queue.waitingSince()).map((text) => Date.parse(text));
    expect(since).toEqual([...since].sort((a, b) => a - b));

    const deadlines = await (await queue.navigation.team()).allDeadlines();
    await expect(deadlines.heading()).toHaveText('Team deadlines');
    const figures = await (await deadlines.navigation.team()).serviceFigures();
    await expect(figures.stagesTable()).toContainText('All open cases');
  });

  test('an administrator adds a user, changes their role, deactivates, reactivates, sets a new password and revokes an API token', async ({ page, browser }) => {
    // The newcomer's first sign-in sets up an authenticator app too.
    test.slow();
    const users = await signInAs(page, DEMO_ADMIN);
    await expect(users.heading()).toHaveText('Users');
    expect(await users.navigation.links()).toEqual(['Users', 'Teams', 'Audit log', 'Letters', 'Import cases', 'Team', 'Dashboard', 'Improvement plan', 'Find a child', 'Panels', 'Contacts', 'Appeals', 'SEN2 return', 'Outbox', 'Your account']);
    await expect(users.row('Sam Whitaker')).toContainText('Deactivated');
    await users.screenshot('users', { fullPage: true });

    const form = await users.addUser();
    const refused = await form.addUserRefused({ name: '', email: 'not an address' });
    await expect(refused.errorSummary()).toContainText('Enter the person’s name');
    await expect(refused.errorSummary()).toContainText('Enter an e-mail address in the correct format');
    await expect(refused.errorSummary()).toContainText('Select the person’s role');

    const email = `newcomer-${Date.now()}@send-demo.example`;
    const created = await refused.addUser({ name: 'Journey Newcomer', email, role: 'Case officer' });
    await expect(created.panel()).toContainText('Account created');
    expect((await created.password()).length).toBeGreaterThanOrEqual(12);
    await created.screenshot('user-created', { fullPage: true });

    const account = await created.goToAccount();
    await expect(account.heading()).toHaveText('Journey Newcomer');
    const promoted = await (await account.changeRole()).changeTo('Team manager');
    await expect(promoted.savedBanner()).toContainText('Role changed');
    await expect(promoted.details()).toContainText('Team manager');

    const deactivated = await (await promoted.deactivate()).confirm();
    await expect(deactivated.savedBanner()).toContainText('Account deactivated');
    await expect(deactivated.details()).toContainText('Deactivated');
    const reactivated = await deactivated.reactivate();
    await expect(reactivated.savedBanner()).toContainText('Account reactivated');

    const reset = await (await reactivated.setNewPassword()).confirm();
    await expect(reset.panel()).toContainText('New password set');
    const password = await reset.password();
    // The newcomer signs in on a computer of their own, and starts on the team's page.
    const theirs = await browser.newContext();
    const { home: theirHome } = await signInSettingUpApp(await theirs.newPage(), { email, password, name: 'Journey Newcomer', home: TeamPage });
    await expect(theirHome.heading()).toHaveText('Your team');
    await theirs.close();

    // An officer who holds cases cannot be deactivated until they are handed on.
    const officer = await (await reset.navigation.users()).openUser(DEMO_OFFICER.name);
    const holding = await (await officer.deactivate()).confirmRefused();
    await expect(holding.errorSummary()).toContainText('Hand them on to another officer before deactivating the account');

    const scripted = await (await holding.navigation.users()).openUser('Daniel Osei');
    const revoked = await (await scripted.revokeToken('School census export')).confirm();
    await expect(revoked.savedBanner()).toContainText('API token revoked');
    await expect(revoked.tokens()).toContainText('Revoked');
  });

  test('an administrator reads what a member of staff did and who viewed or changed a child’s record', async ({ page }) => {
    const users = await signInAs(page, DEMO_ADMIN);
    const auditLog = await users.navigation.auditLog();
    await expect(auditLog.heading()).toHaveText('Audit log');
    const unchosen = await auditLog.showWithoutChoosing();
    await expect(unchosen.errorSummary()).toContainText('Choose a member of staff');

    const trail = await unchosen.showWhatTheyDid(`${DEMO_OFFICER.name} (${DEMO_OFFICER.email})`);
    await expect(trail.heading()).toHaveText(`What ${DEMO_OFFICER.name} did`);
    await expect(trail.rows().first()).toBeVisible();
    const notADate = await trail.between({ from: { day: '31', month: '2', year: '2026' } });
    await expect(notADate.errorSummary()).toContainText('The ‘from’ date must be a real date');
    const today = datePartsOf(new Date());
    const todays = await notADate.between({ from: today, to: today });
    await expect(todays.text('Viewed the record').first()).toBeVisible();
    await todays.screenshot('staff-trail', { fullPage: false });

    // A child whose record the officer viewed today (newest first, the trail also holds letters and
    // allocations the demo made without a view).
    const childTrail = await todays.childTrail({ action: 'Viewed the record' });
    await expect(childTrail.heading()).toContainText('Who viewed or changed the record of');
    await expect(childTrail.text('Viewed the record').first()).toBeVisible();
    const back = await childTrail.staffTrail(DEMO_OFFICER.name);
    await expect(back.heading()).toHaveText(`What ${DEMO_OFFICER.name} did`);

    // From a child's record: the administrator's own view is the newest entry.
    const search = await back.navigation.findAChild();
    const results = await search.searchFor('smith');
    const record = await results.openChild(await results.page.locator('tbody a').first().innerText());
    const recordTrail = await record.auditTrail();
    await expect(recordTrail.rows().first()).toContainText(DEMO_ADMIN.name);
    await expect(recordTrail.rows().first()).toContainText('Viewed the record');
    await recordTrail.screenshot('child-trail', { fullPage: false });
  });

  test('an improvement board member starts on the service’s figures, with no child named', async ({ page }) => {
    const figures = await signInAs(page, DEMO_BOARD);
    await expect(figures.heading()).toHaveText('The service’s figures');
    expect(await figures.navigation.links()).toEqual(['Figures', 'Dashboard', 'Improvement plan', 'Your account']);
    await expect(figures.stagesTable()).toContainText('All open cases');
  });
});
