import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { NewRequestPage } from './pages/new-request.ts';
import { datePartsOf } from './pages/service-page.ts';
import { DEMO_OFFICER, signInAs } from './support/sign-in.ts';

/** A minimal valid one-page PDF, made here rather than kept as a file. */
function aPdf(): Buffer {
  const stream = 'BT /F1 24 Tf 72 720 Td (Educational psychologist advice) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

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

    const pdf = aPdf();
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
