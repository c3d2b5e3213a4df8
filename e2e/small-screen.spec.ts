import { expect, test, type Page } from '@playwright/test';
import { MyCasesPage } from './pages/my-cases.ts';
import { SearchPage } from './pages/search.ts';
import { DEMO_ADMIN, DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';
import { TeamDeadlinesPage } from './pages/team-deadlines.ts';
import { TeamPage } from './pages/team.ts';
import { UnallocatedPage } from './pages/unallocated.ts';
import { UsersPage } from './pages/users.ts';

// A 320 px screen (WCAG 1.4.10, reflow): the page itself never scrolls sideways; a table wider
// than the screen scrolls inside its own box. Signed in on a wide screen first (on a narrow one the
// navigation folds into its menu), then narrowed.
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
const narrow = (page: Page) => page.setViewportSize({ width: 320, height: 640 });

test.describe('on a 320 px screen', () => {
  test('My cases, a child’s record and search fit the screen', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    await narrow(page);
    const myCases = await MyCasesPage.open(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await myCases.screenshot('my-cases-320', { fullPage: false });
    const record = await myCases.openFirstChild();
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await record.screenshot('child-record-320', { fullPage: true });
    const search = await SearchPage.open(page);
    await search.searchFor('a');
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
  });

  test('the team’s deadlines fit the screen', async ({ page }) => {
    await signInAs(page, DEMO_MANAGER);
    await narrow(page);
    await TeamDeadlinesPage.open(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
  });

  test('a manager’s home and the unallocated queue, and the administrator’s users and audit trail, fit the screen', async ({ page }) => {
    await signInAs(page, DEMO_MANAGER);
    await narrow(page);
    await TeamPage.open(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    const queue = await UnallocatedPage.open(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 720 });
    await queue.navigation.signOut();
    await signInAs(page, DEMO_ADMIN);
    await narrow(page);
    const users = await UsersPage.open(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    const officer = await users.openUser(DEMO_OFFICER.name);
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
    await officer.whatTheyDid();
    expect(await pageWidth(page)).toBeLessThanOrEqual(320);
  });
});
