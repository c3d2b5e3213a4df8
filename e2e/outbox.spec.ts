import { expect, test } from '@playwright/test';
import { DeadLettersPage, MessagePage } from './pages/outbox.ts';
import { DEMO_ADMIN, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

test.describe('the outbox', () => {
  test('an officer sees the letters held for printing, and what one says', async ({ page }) => {
    const landing = await signInAs(page, DEMO_OFFICER);
    let outbox = await landing.navigation.outbox();
    await expect(outbox.heading()).toHaveText('Outbox');
    await expect(outbox.text('GOV.UK Notify is not set up', { exact: false })).toBeVisible();
    await expect(outbox.deadLettersLink()).toHaveCount(0);
    // The job runner holds the demo's letters for printing moments after the service starts.
    await expect(async () => {
      outbox = await outbox.reload();
      await expect(outbox.text('Held for printing: not sent', { exact: false }).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const held = await outbox.show('Held for printing: not sent');
    // Letters among the e-mails (the demo's chasers about late advice go by e-mail too).
    await expect(held.rows().filter({ hasText: 'Letter to' }).first()).toBeVisible();
    await held.screenshot('outbox', { fullPage: false });
    // The newest letters are the demo's last casework (named officers, plans): any of them will do.
    const message = await held.openFirstLetter();
    await expect(message.summary()).toContainText('Held for printing: not sent');
    await expect(message.words()).toContainText(/999-EHC-\d{4}-\d{5}/);
  });

  test('an administrator tries a message that could not be sent again, and it is held for printing', async ({ page }) => {
    const landing = await signInAs(page, DEMO_ADMIN);
    const outbox = await landing.navigation.outbox();
    const deadLetters = await outbox.deadLetters();
    await expect(deadLetters.heading()).toHaveText('Messages that could not be sent');
    const row = deadLetters.rows().filter({ hasText: 'Given up in the demo data' }).first();
    await expect(row).toBeVisible();
    await deadLetters.screenshot('dead-letters', { fullPage: false });
    const subject = (await row.getByRole('link').first().textContent())!.trim();
    const href = (await row.getByRole('link').first().getAttribute('href'))!;

    const after = await deadLetters.tryAgain(row);
    await expect(after.banner()).toContainText('will be sent again');
    await expect(after.rows().filter({ hasText: subject })).toHaveCount(0);

    // The message is older than the outbox's latest hundred: it is followed on its own page.
    await expect(async () => {
      const message = await MessagePage.open(page, href);
      await expect(message.summary()).toContainText('Held for printing: not sent', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const empty = await DeadLettersPage.open(page);
    await expect(empty.text('Every message has been sent or is being sent.')).toBeVisible();
  });
});
