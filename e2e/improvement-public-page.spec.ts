import { expect, test } from '@playwright/test';
import { ImprovementPlanPage } from './pages/improvement-plan.ts';
import { PublicPageFormPage } from './pages/improvement-public-page.ts';
import { StartPage } from './pages/start.ts';
import { DEMO_MANAGER, signInAs } from './support/sign-in.ts';

test.describe('the improvement plan’s public page', () => {
  test('a manager publishes two measures, one with a sentence for families; the page opens without signing in, naming no one', async ({ page, browser }) => {
    test.slow();
    const team = await signInAs(page, DEMO_MANAGER);
    await ImprovementPlanPage.fromNavigation(team.navigation);
    const first = await PublicPageFormPage.fromPlan(page);

    // Taken down: the start page links no improvement plan.
    await first.publish(false);
    const form = await first.save();
    await expect(form.banner()).toContainText('The public page was saved.');
    const beforeContext = await browser.newContext();
    const before = await StartPage.open(await beforeContext.newPage());
    await expect(before.improvementPlanLinks()).toHaveCount(0);
    await beforeContext.close();

    // Published with no measure: refused.
    await form.publish(true);
    await form.showOnly([]);
    const none = await form.save();
    await expect(none.errorLink('Select at least one measure for the page, or choose not to publish it')).toBeVisible();

    await none.publish(true);
    await none.showOnly(['Cases without a named officer', 'Annual reviews overdue']);
    await none.explain('Annual reviews overdue', 'How many EHC plans are past the day their annual review was due.');
    const saved = await none.save();
    await expect(saved.banner()).toContainText('The public page was saved.');
    await saved.screenshot('improvement-public-page-form', { fullPage: true });
    const address = await saved.address();
    expect(address).toMatch(/^\/our-improvement-plan\/\d{3}$/);

    // Someone with no session at all, in a browser of their own, from the service's start page.
    const visitorContext = await browser.newContext();
    const start = await StartPage.open(await visitorContext.newPage());
    await expect(start.improvementPlanLinks()).toHaveCount(1);
    const visitor = await start.openImprovementPlan();
    expect(new URL(visitor.page.url()).pathname).toBe(address);
    await expect(visitor.heading()).toHaveText('Our improvement plan for SEND');
    await expect(visitor.measureHeadings()).toHaveText(['Cases without a named officer', 'Annual reviews overdue']);
    await expect(visitor.text('How many EHC plans are past the day their annual review was due.')).toBeVisible();
    await expect(visitor.months('Annual reviews overdue')).toBeVisible();
    await expect(visitor.text('Timeliness of EHC plans')).toBeVisible();
    await expect(visitor.page.getByText(DEMO_MANAGER.name)).toHaveCount(0);
    await expect(visitor.serviceNavigation()).toHaveCount(0);
    await expect(visitor.footer().getByRole('link', { name: 'Accessibility statement' })).toBeVisible();
    await visitor.screenshot('improvement-public-page', { fullPage: true });
    await visitorContext.close();
  });
});
