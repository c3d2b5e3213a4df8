import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { NewRequestPage } from './pages/new-request.ts';
import { datePartsOf } from './pages/service-page.ts';
import { aPdf } from '../src/test/files.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

test.describe('documents on a case', () => {
  test('a file whose name says PDF but is not one is refused; a real PDF is added, listed on the record and downloaded as it was', async ({ page }) => {
    await signInAs(page, DEMO_OFFICER);
    const request = await NewRequestPage.open(page);
    await request.enterChild({ firstName: 'Noor', lastName: 'Documents', dateOfBirth: { day: '9', month: '2', year: '2015' }, sex: 'Female' });
    await request.enterRequest({ receivedOn: datePartsOf(new Date()), source: 'Parent or young person' });
    let record = await request.recordRequest();
    await expect(record.text('No documents have been added to this case.')).toBeVisible();

    let form = await record.addDocument();
    await form.enterTitle('Educational psychologist’s advice');
    await form.chooseFile({ name: 'advice.pdf', mimeType: 'application/pdf', buffer: Buffer.from('This is a letter, not a PDF') });
    form = await form.addDocumentRefused();
    await expect(form.errorSummary()).toContainText('The selected file is not a real PDF');
    await expect(form.errorLink()).toHaveAttribute('href', '#file');
    await expect(form.title()).toHaveValue('Educational psychologist’s advice');
    await form.screenshot('add-document-refused', { fullPage: true });

    // A minimal valid one-page PDF, made here rather than kept as a file.
    const pdf = aPdf('Educational psychologist advice');
    await form.chooseFile({ name: 'EP advice.pdf', mimeType: 'application/pdf', buffer: pdf });
    record = await form.addDocument();
    await expect(record.savedBanner()).toContainText('Document added.');
    await expect(record.documents()).toHaveCount(1);
    await expect(record.documents()).toContainText('EP advice.pdf, PDF');
    await record.screenshot('record-with-document', { fullPage: true });

    const download = await record.download('Educational psychologist’s advice');
    expect(download.suggestedFilename()).toBe('EP advice.pdf');
    const saved = await readFile(await download.path());
    expect(saved.equals(pdf)).toBe(true);
  });
});
