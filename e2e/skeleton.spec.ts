import { expect, test } from '@playwright/test';
import { ServicePage } from './pages/service-page.ts';

test.describe('the service shell', () => {
  test('the start page names the service and the council, without GOV.UK branding', async ({ page }) => {
    const start = await new ServicePage(page).goto('/');
    await expect(start.heading()).toHaveText('Special educational needs casework');
    await expect(page.locator('.govuk-generic-header')).toContainText('Demo City Council');
    await expect(page.locator('footer')).toContainText('Demo City Council');
    await expect(page.locator('footer')).not.toContainText(/crown copyright/i);
    const fontFamily = await page.evaluate<string>('getComputedStyle(document.body).fontFamily');
    expect(fontFamily).not.toContain('GDS Transport');
    await page.screenshot({ path: 'test-results/screenshots/start.png', fullPage: true });
  });

  test('the accessibility statement is reachable from the footer', async ({ page }) => {
    await new ServicePage(page).goto('/');
    await page.getByRole('link', { name: 'Accessibility statement' }).click();
    const statement = new ServicePage(page);
    await statement.checkAccessibility();
    await expect(statement.heading()).toContainText('Accessibility statement');
  });

  test('an unknown address shows the page-not-found page', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    const notFound = new ServicePage(page);
    await notFound.checkAccessibility();
    await expect(notFound.heading()).toHaveText('Page not found');
  });

  test('pages work without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // axe runs inside the page, so it cannot run here; the same page is checked with JavaScript above.
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await context.close();
  });
});
