import type { Download, Locator, Page } from '@playwright/test';
import { ChildRecordPage } from './child-record.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "SEN2 return": the census date, the return's figures, the validation report by rule, and the XML. */
export class Sen2ReturnPage extends ServicePage {
  static readonly path = '/returns/sen2';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<Sen2ReturnPage> {
    return new Sen2ReturnPage(page).goto(Sen2ReturnPage.path);
  }

  /** Checks the return for a census date, through the GET form (a bookmarkable address). */
  async check(censusDate: DateParts): Promise<Sen2ReturnPage> {
    await this.fillDate('censusDate', censusDate);
    await this.page.getByRole('button', { name: 'Check the return' }).click();
    return Sen2ReturnPage.arrive(this.page);
  }

  figures(): Locator {
    return this.page.locator('.govuk-summary-list');
  }

  /** The failures of one rule, by its id (SEN2-P04). */
  failures(rule: string): Locator {
    return this.page.getByRole('region', { name: `Failures of ${rule}` }).locator('tbody .govuk-table__row');
  }

  /** The rules that failed, as their headings say them. */
  ruleHeadings(): Locator {
    return this.page.locator('h3[id^="rule-"]');
  }

  /** One child's failure of a rule, by the child's name. */
  failureOf(rule: string, childName: string): Locator {
    return this.failures(rule).filter({ has: this.page.getByRole('link', { name: childName, exact: true }) });
  }

  /** What the report says when the return passes every check. */
  passes(): Locator {
    return this.page.getByText('The return passes every check the service makes.');
  }

  /** Follows a child's failure of a rule to the child's record. */
  async openFailure(rule: string, childName: string): Promise<ChildRecordPage> {
    await this.failureOf(rule, childName).getByRole('link', { name: childName, exact: true }).click();
    return ChildRecordPage.arrive(this.page);
  }

  async download(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('link', { name: 'Download the SEN2 return (XML)' }).click();
    return download;
  }
}
