import { expect, type Locator, type Page } from '@playwright/test';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A file as the browser's file chooser gives it. */
export interface ImportFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The case files of an upload, by the form's fields: mapping, children, people, requests, assessments, plans, reviews. */
export type ImportFiles = Partial<Record<'mapping' | 'children' | 'officers' | 'people' | 'requests' | 'assessments' | 'plans' | 'reviews', ImportFile>>;

const LABELS: Record<keyof ImportFiles, string> = {
  mapping: 'Mapping file',
  children: 'Children (children.csv)',
  officers: 'officers.csv',
  people: 'people.csv',
  requests: 'requests.csv',
  assessments: 'assessments.csv',
  plans: 'plans.csv',
  reviews: 'reviews.csv',
};

/** "Import cases", for administrators: the upload form and the import runs, newest first. */
export class ImportCasesPage extends ServicePage {
  static readonly path = '/admin/imports';
  static readonly address = '/admin/imports';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<ImportCasesPage> {
    return new ImportCasesPage(page).goto(ImportCasesPage.path);
  }

  runsTable(): Locator {
    return this.page.getByRole('table', { name: 'Import runs' });
  }

  async chooseFiles(files: ImportFiles): Promise<void> {
    for (const [field, file] of Object.entries(files) as [keyof ImportFiles, ImportFile][]) {
      await this.page.getByLabel(LABELS[field], { exact: true }).setInputFiles(file);
    }
  }

  async choose(mode: 'dry run' | 'import'): Promise<void> {
    await this.page.getByLabel(mode === 'dry run' ? 'Check the files only (a dry run)' : 'Import the files').check();
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Upload the files' }).click();
  }

  /** Uploads the files, on to the run's page. */
  async upload(): Promise<ImportRunPage> {
    await this.submit();
    return ImportRunPage.arrive(this.page);
  }

  /** Sends what the service refuses: the form comes back with an error summary. */
  async uploadRefused(): Promise<ImportCasesPage> {
    await this.submit();
    return ImportCasesPage.arrive(this.page);
  }

  async openRun(startedText: RegExp | string): Promise<ImportRunPage> {
    await this.runsTable().getByRole('link', { name: startedText }).first().click();
    return ImportRunPage.arrive(this.page);
  }
}

/** One import run: its state, a progress bar while it runs, then what it did and the refused rows. */
export class ImportRunPage extends ServicePage {
  static readonly address = '/admin/imports/[0-9a-f-]{36}';

  readonly navigation = new StaffNavigation(this.page);

  state(): Locator {
    return this.page.locator('#run-state');
  }

  count(which: 'created' | 'updated' | 'unchanged' | 'refused'): Locator {
    return this.page.locator(`#count-${which}`);
  }

  refusedRows(): Locator {
    return this.page.getByRole('table', { name: 'Refused rows' }).locator('tbody tr');
  }

  refusalsDownload(): Locator {
    return this.page.getByRole('link', { name: 'Download the refused rows (CSV)' });
  }

  /**
   * Waits for the run to finish: the page follows the progress by itself and shows the result
   * once it is done (a person without JavaScript uses the Refresh link). Checked again with axe then.
   */
  async waitUntilFinished(): Promise<ImportRunPage> {
    await expect(this.state()).toHaveText(/Finished|Failed/, { timeout: 60_000 });
    await this.page.waitForLoadState('load');
    await expect(this.state()).toHaveText('Finished');
    await this.checkAccessibility();
    return this;
  }

  /** "Apply these files": the dry run's files imported, on to the new run's page. */
  async applyTheseFiles(): Promise<ImportRunPage> {
    await this.page.getByRole('button', { name: 'Apply these files' }).click();
    return ImportRunPage.arrive(this.page);
  }

  async backToImports(): Promise<ImportCasesPage> {
    await this.page.getByRole('link', { name: 'Back to import cases' }).click();
    return ImportCasesPage.arrive(this.page);
  }
}
