import { expect, test } from '@playwright/test';
import type { DateParts } from './pages/service-page.ts';
import { DEMO_MANAGER, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

/** A day a number of days from today, in England, as the date input's three boxes. */
function daysFromToday(days: number): DateParts & { long: string } {
  const date = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(date);
  const part = (type: string) => parts.find((entry) => entry.type === type)!.value;
  const month = String(new Date(`${part('month')} 1, 2000`).getMonth() + 1);
  return { day: part('day'), month, year: part('year'), long: `${part('day')} ${part('month')}` };
}

test.describe('cover while an officer is away', () => {
  test('a manager sets cover (first refused for ending before it starts), and the cover finds the officer’s cases in My cases marked as covered', async ({ page }) => {
    const away = 'Daniel Osei';
    const team = await signInAs(page, DEMO_MANAGER);
    const caseloads = await team.caseloads();
    const form = await caseloads.setCoverForAnOfficer();
    await expect(form.heading()).toHaveText('Set cover for an officer away');

    const start = daysFromToday(0);
    const end = daysFromToday(7);
    await form.fill({ officer: away, cover: DEMO_OFFICER.name, from: end, to: start, reason: 'Annual leave' });
    const refused = await form.setCoverRefused();
    await expect(refused.errorSummary()).toContainText('The last day of cover must be the same as or after the first day');
    await expect(refused.errorLink()).toHaveAttribute('href', '#endsOn-day');
    await expect(refused.reasonInput()).toHaveValue('Annual leave');

    await refused.fill({ officer: away, cover: DEMO_OFFICER.name, from: start, to: end, reason: 'Annual leave' });
    const saved = await refused.setCover();
    await expect(saved.banner()).toContainText('Cover set');
    await expect(saved.officerRow(away)).toContainText(`On leave until ${end.long}`);
    await expect(saved.officerRow(away)).toContainText(`covered by ${DEMO_OFFICER.name}`);
    await saved.navigation.signOut();

    const myCases = await signInAs(page, DEMO_OFFICER);
    await expect(myCases.text(`Covering for ${away} until ${end.long}`).first()).toBeVisible();
    await myCases.screenshot('my-cases-covering', { fullPage: false });
  });
});
