import { expect, test } from '@playwright/test';
import { NotFoundPage } from './pages/errors.ts';
import { StartPage } from './pages/start.ts';

test.describe('the service shell', () => {
  test('the start page names the service and the council, without GOV.UK branding', async ({ page }) => {
    const start = await StartPage.open(page);
    await expect(start.heading()).toHaveText('Special educational needs casework');
    await expect(start.councilHeader()).toContainText('Demo City Council');
    await expect(start.footer()).toContainText('Demo City Council');
    await expect(start.footer()).not.toContainText(/crown copyright/i);
    const fontFamily = await start.bodyFontFamily();
    expect(fontFamily).not.toContain('GDS Transport');
    await start.screenshot('start', { fullPage: true });
  });

  test('the accessibility statement is reachable from the footer', async ({ page }) => {
    const start = await StartPage.open(page);
    const statement = await start.openAccessibilityStatement();
    await expect(statement.heading()).toContainText('Accessibility statement');
  });

  test('an unknown address shows the page-not-found page', async ({ page }) => {
    const notFound = await NotFoundPage.open(page);
    expect(notFound.response?.status()).toBe(404);
    await expect(notFound.heading()).toHaveText('Page not found');
  });

  test('pages work without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // axe runs inside the page, so it cannot run here; the same page is checked with JavaScript above.
    const start = await StartPage.openWithoutJavaScript(page);
    expect(start.response?.status()).toBe(200);
    await expect(start.heading()).toBeVisible();
    await context.close();
  });
});
