import type { Page } from '@playwright/test';
import { AccessLogPage, UnusualAccessPage } from './access-log.ts';
import { StaffTrailPage } from './audit-trails.ts';
import { LogRetentionPage } from './log-retention.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** "Audit log": where an administrator chooses whose trail to read. */
export class AuditLogPage extends ServicePage {
  static readonly path = '/audit';

  /** Asked without anyone chosen, the page comes back at its form's address. */
  static readonly address = '/audit(/staff)?';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<AuditLogPage> {
    return new AuditLogPage(page).goto(AuditLogPage.path);
  }

  private async choose(label: string | undefined): Promise<void> {
    const select = this.page.getByLabel('Member of staff');
    if (label === undefined) await select.selectOption({ index: 0 });
    else await select.selectOption({ label });
    await this.page.getByRole('button', { name: 'Show what they did' }).click();
  }

  /** Chooses a member of staff by the option's text (name, e-mail address). */
  async showWhatTheyDid(label: string): Promise<StaffTrailPage> {
    await this.choose(label);
    return StaffTrailPage.arrive(this.page);
  }

  /** Asks without choosing anyone: the page comes back with an error summary. */
  async showWithoutChoosing(): Promise<AuditLogPage> {
    await this.choose(undefined);
    return AuditLogPage.arrive(this.page);
  }

  /** How long the council keeps the logs. */
  async howLongTheLogsAreKept(): Promise<LogRetentionPage> {
    await this.page.getByRole('link', { name: 'See or change how long your council keeps the logs' }).click();
    return LogRetentionPage.arrive(this.page);
  }

  async accessLog(): Promise<AccessLogPage> {
    await this.page.getByRole('link', { name: 'Access log', exact: true }).click();
    return AccessLogPage.arrive(this.page);
  }

  async unusualAccess(): Promise<UnusualAccessPage> {
    await this.page.getByRole('link', { name: 'Report of unusual access' }).click();
    return UnusualAccessPage.arrive(this.page);
  }
}
