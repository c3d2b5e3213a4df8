// The page's rendering of a full plan, checked by axe as every page is: the partial rendered here,
// as a page includes it, inside the service's stylesheet, and served to the browser as a page.
import { expect, test } from '@playwright/test';
import { FULL_PLAN } from '../src/features/plans/rendering/fixtures.ts';
import { documentHtml } from '../src/features/plans/rendering/html.ts';
import { expectNoAccessibilityViolations } from './support/accessibility.ts';

const page = (body: string) => `<!DOCTYPE html>
<html lang="en" class="govuk-template govuk-template--rebranded">
<head><meta charset="utf-8"><title>${FULL_PLAN.title}</title><link rel="stylesheet" href="/public/stylesheets/application.css"></head>
<body class="govuk-template__body govuk-frontend-supported">
<div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">${body}</main></div>
</body>
</html>`;

test('a full plan’s page rendering has no accessibility violations, and its sections and provision can be linked to', async ({ page: browser }) => {
  await browser.route('**/plan-rendering', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: page(documentHtml(FULL_PLAN)) }));
  await browser.goto('/plan-rendering');
  await expect(browser.getByRole('heading', { level: 1 })).toHaveText(FULL_PLAN.title);
  await expect(browser.getByRole('heading', { level: 2 })).toHaveText(FULL_PLAN.sections.map((section) => section.heading));
  await expect(browser.getByRole('table', { name: 'Special educational provision' }).getByRole('row')).toHaveCount(41);
  await expect(browser.locator('#provision-40')).toContainText('Resources for the programmes above');
  await expect(browser.getByRole('cell', { name: 'Agnieszka Wójcik and Imran Qureshi (عمران قریشی)' }).or(browser.getByText('Agnieszka Wójcik and Imran Qureshi (عمران قریشی)'))).toBeVisible();
  await expectNoAccessibilityViolations(browser);
});
