import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ImportFiles } from './pages/import-cases.ts';
import { DEMO_ADMIN, signInAs } from './support/sign-in.ts';

// The import guide's sample from an old case system, with its children given names no one in the
// demo has and its caseworker one of the demo's officers.
const SAMPLE = join(import.meta.dirname, '..', 'src', 'features', 'cases-import', 'fixtures', 'casesys');

function sampleFiles(change: (name: string, text: string) => string = (_name, text) => text): ImportFiles {
  const file = (name: string, mimeType: string) => {
    const text = readFileSync(join(SAMPLE, name), 'utf8')
      .replaceAll('Amelia,Hughes', 'Marisol,Penhaligon')
      .replaceAll('s.khan@demo-council.example', 'officer@send-demo.example');
    return { name, mimeType, buffer: Buffer.from(change(name, text), 'utf8') };
  };
  return {
    mapping: file('mapping.json', 'application/json'),
    children: file('children.csv', 'text/csv'),
    officers: file('officers.csv', 'text/csv'),
    people: file('people.csv', 'text/csv'),
    requests: file('requests.csv', 'text/csv'),
    assessments: file('assessments.csv', 'text/csv'),
    plans: file('plans.csv', 'text/csv'),
    reviews: file('reviews.csv', 'text/csv'),
  };
}

test.describe('importing cases from the old system', () => {
  test('an administrator checks files with a mistake, uploads them put right, imports them and finds an imported child', async ({ page }) => {
    test.slow();
    const landing = await signInAs(page, DEMO_ADMIN);
    let imports = await landing.navigation.importCases();
    await expect(imports.heading()).toHaveText('Import cases');

    // Without children.csv the form says what is missing, beside the field.
    const { children: _children, ...withoutChildren } = sampleFiles();
    await imports.chooseFiles(withoutChildren);
    await imports.choose('dry run');
    imports = await imports.uploadRefused();
    await expect(imports.errorSummary()).toContainText('Select the children.csv file');
    await imports.screenshot('import-cases-refused', { fullPage: true });

    // A date of birth that is no day at all: the dry run refuses that child and lists the row.
    await imports.chooseFiles(sampleFiles((name, text) => (name === 'children.csv' ? text.replace('14/03/2015', '31/02/2015') : text)));
    await imports.choose('dry run');
    let run = await imports.upload();
    run = await run.waitUntilFinished();
    await expect(run.count('refused')).toHaveText('1');
    await expect(run.count('created')).toHaveText('4');
    await expect(run.refusedRows().filter({ hasText: '31/02/2015' })).toHaveCount(1);
    await expect(run.refusalsDownload()).toBeVisible();
    await run.screenshot('import-run-dry-run', { fullPage: true });

    // Put right, checked again, then imported from the dry run's result.
    imports = await run.backToImports();
    await imports.chooseFiles(sampleFiles());
    await imports.choose('dry run');
    run = await imports.upload();
    run = await run.waitUntilFinished();
    await expect(run.count('refused')).toHaveText('0');
    await expect(run.count('created')).toHaveText('5');
    run = await run.applyTheseFiles();
    await expect(run.heading()).toContainText('Import of');
    run = await run.waitUntilFinished();
    await expect(run.count('created')).toHaveText('5');

    imports = await run.backToImports();
    await expect(imports.runsTable().locator('tbody tr').first()).toContainText('Import');
    await imports.screenshot('import-cases', { fullPage: true });
    const search = await imports.navigation.findAChild();
    const results = await search.searchFor('Penhaligon');
    const record = await results.openChild('Marisol Penhaligon');
    await expect(record.heading()).toContainText('Marisol Penhaligon');
  });
});
