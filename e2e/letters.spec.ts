import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, DEMO_OFFICER, signInAs } from './support/sign-in.ts';

const run = promisify(execFile);

test.describe('letters from templates', () => {
  test('an administrator changes a letter’s wording: a field it does not have and markup are refused, then it is previewed against a case and saved', async ({ page }) => {
    const users = await signInAs(page, DEMO_ADMIN);
    const letters = await users.navigation.letters();
    await expect(letters.heading()).toHaveText('Letters');
    await expect(letters.row('Request for views')).toContainText('Standard wording');

    let template = await letters.openLetterType('Request for views');
    await expect(template.body()).toHaveValue(/^Dear \{\{recipientName\}\},/);
    const standard = await template.body().inputValue();

    await template.enterBody(`Dear {{childNme}},\n\n${standard}`);
    template = await template.save();
    await expect(template.errorSummary()).toContainText('The template uses {{childNme}}, which is not a field of this letter. Did you mean {{childName}}?');
    await expect(template.errorLink()).toHaveAttribute('href', '#body');
    await template.screenshot('letter-template-refused', { fullPage: false });

    await template.enterBody(`We are writing to you with <b>care</b>.\n\n${standard}`);
    template = await template.preview();
    await expect(template.errorSummary()).toContainText('The template must be plain text, without HTML: remove “<b>”.');
    await expect(template.previewLetter()).toHaveCount(0);

    await template.enterBody(standard.replace('Please tell us:', 'It helps us most when you tell us:'));
    await template.chooseCase('Łucja Nowak');
    template = await template.preview();
    await expect(template.errorSummary()).toHaveCount(0);
    await expect(template.previewLetter()).toContainText('Dear Agnieszka Nowak,');
    await expect(template.previewLetter()).toContainText('as Łucja Nowak’s parent');
    await expect(template.previewLetter()).toContainText('It helps us most when you tell us:');
    await expect(template.previewLetter().getByRole('heading', { name: 'What we would like to know' })).toBeVisible();
    await template.screenshot('letter-preview', { fullPage: true });

    template = await template.save();
    await expect(template.savedBanner()).toContainText('Version 1 saved.');
    await expect(template.versions()).toHaveCount(1);
    await expect(template.versions().first()).toContainText('(in use)');
    await expect(template.body()).toHaveValue(/It helps us most when you tell us:/);
    const back = await template.backToLetters();
    await expect(back.row('Request for views')).toContainText('Version 1, saved');
  });

  test('an officer finds the letter on the child’s record, reads it, and downloads its tagged PDF', async ({ page }) => {
    const home = await signInAs(page, DEMO_OFFICER);
    const search = await home.navigation.findAChild();
    const results = await search.searchFor('Łucja Nowak');
    const record = await results.openChild('Łucja Nowak');
    await expect(record.letters()).toHaveCount(1);
    await expect(record.letters()).toContainText('Request for views, to Agnieszka Nowak by post');
    await record.screenshot('record-with-letter', { fullPage: true });

    let letter = await record.openLetter(/^We would like your views about Łucja Nowak/);
    await expect(letter.heading()).toContainText('We would like your views about Łucja Nowak');
    await expect(letter.letterText()).toContainText('Dear Agnieszka Nowak,');
    await expect(letter.letterText()).toContainText('as Łucja Nowak’s parent');
    // The job runner makes the PDF moments after the service starts.
    for (let tries = 0; tries < 10 && (await letter.pdfLink().count()) === 0; tries += 1) {
      await page.waitForTimeout(1_000);
      letter = await letter.reload();
    }
    await letter.screenshot('sent-letter', { fullPage: true });
    const download = await letter.downloadPdf();
    expect(download.suggestedFilename()).toMatch(/^999-EHC-\d{4}-\d{5} Request for views \d{4}-\d{2}-\d{2}\.pdf$/);
    const path = await download.path();
    const info = await run('pdfinfo', [path]);
    expect(info.stdout).toMatch(/^Tagged:\s+yes$/m);
    const text = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('Łucja Nowak');
  });
});
