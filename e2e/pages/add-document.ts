import type { Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A file as the browser's file chooser gives it. */
export interface ChosenFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** "Add a document" to a child's open case: what it is, and the file. */
export class AddDocumentPage extends ServicePage {
  static readonly address = '/children/[^/]+/documents/new';

  static url(childId: string): string {
    return `/children/${encodeURIComponent(childId)}/documents/new`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, childId: string): Promise<AddDocumentPage> {
    return new AddDocumentPage(page).goto(AddDocumentPage.url(childId));
  }

  title(): Locator {
    return this.page.getByLabel('What is the document?');
  }

  fileInput(): Locator {
    return this.page.getByLabel('Upload a file');
  }

  async enterTitle(title: string): Promise<void> {
    await this.title().fill(title);
  }

  async chooseFile(file: ChosenFile): Promise<void> {
    await this.fileInput().setInputFiles(file);
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add the document' }).click();
  }

  /** Adds the document, back to the child's record. */
  async addDocument(): Promise<ChildRecordPage> {
    await this.submit();
    return ChildRecordPage.arrive(this.page);
  }

  /** Sends what the service refuses: the form comes back with an error summary. */
  async addDocumentRefused(): Promise<AddDocumentPage> {
    await this.submit();
    return AddDocumentPage.arrive(this.page);
  }
}
