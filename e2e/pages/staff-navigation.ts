import type { Locator, Page } from '@playwright/test';
import { AccountPage } from './account.ts';
import { AuditLogPage } from './audit-log.ts';
import { DashboardPage } from './dashboard.ts';
import { FiguresPage } from './figures.ts';
import { ImportCasesPage } from './import-cases.ts';
import { LateAdvicePage } from './late-advice.ts';
import { LettersPage } from './letters.ts';
import { MyCasesPage } from './my-cases.ts';
import { NewRequestPage } from './new-request.ts';
import { OutboxPage } from './outbox.ts';
import { PanelsPage } from './panels.ts';
import { PhaseTransfersPage } from './phase-transfers.ts';
import { SearchPage } from './search.ts';
import { Sen2ReturnPage } from './sen2-return.ts';
import { SignedOutPage } from './signed-out.ts';
import { TeamPage } from './team.ts';
import { UsersPage } from './users.ts';

/**
 * The service navigation on every page a signed-in member of staff sees: a part of those pages,
 * not a page. Each link leads to a page object, checked with axe on arrival.
 */
export class StaffNavigation {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  private bar(): Locator {
    return this.page.locator('.govuk-service-navigation');
  }

  link(name: string): Locator {
    // Exact: "Team" must not also find "Teams".
    return this.bar().getByRole('link', { name, exact: true });
  }

  signOutButton(): Locator {
    return this.bar().getByRole('button', { name: 'Sign out' });
  }

  async myCases(): Promise<MyCasesPage> {
    await this.link('My cases').click();
    return MyCasesPage.arrive(this.page);
  }

  /** For the SEND team and administrators. */
  async outbox(): Promise<OutboxPage> {
    await this.link('Outbox').click();
    return OutboxPage.arrive(this.page);
  }

  /** The links this member of staff is offered, in order. */
  async links(): Promise<string[]> {
    return (await this.bar().locator('.govuk-service-navigation__list').getByRole('link').allTextContents()).map((text) => text.trim());
  }

  /** Only for managers and administrators: the DfE's SEN2 return. */
  async sen2Return(): Promise<Sen2ReturnPage> {
    await this.link('SEN2 return').click();
    return Sen2ReturnPage.arrive(this.page);
  }

  /** Only for managers and administrators. */
  async team(): Promise<TeamPage> {
    await this.link('Team').click();
    return TeamPage.arrive(this.page);
  }

  /** For managers, administrators and the improvement board. */
  async dashboard(): Promise<DashboardPage> {
    await this.link('Dashboard').click();
    return DashboardPage.arrive(this.page);
  }

  /** Only for administrators. */
  async users(): Promise<UsersPage> {
    await this.link('Users').click();
    return UsersPage.arrive(this.page);
  }

  /** Only for administrators. */
  async auditLog(): Promise<AuditLogPage> {
    await this.link('Audit log').click();
    return AuditLogPage.arrive(this.page);
  }

  /** Only for administrators. */
  async letters(): Promise<LettersPage> {
    await this.link('Letters').click();
    return LettersPage.arrive(this.page);
  }

  /** Only for administrators. */
  async importCases(): Promise<ImportCasesPage> {
    await this.link('Import cases').click();
    return ImportCasesPage.arrive(this.page);
  }

  /** Only for the improvement board. */
  async figures(): Promise<FiguresPage> {
    await this.link('Figures').click();
    return FiguresPage.arrive(this.page);
  }

  /** For case officers (their cases) and managers (the service). */
  async lateAdvice(): Promise<LateAdvicePage> {
    await this.link('Late advice').click();
    return LateAdvicePage.arrive(this.page);
  }

  async findAChild(): Promise<SearchPage> {
    await this.link('Find a child').click();
    return SearchPage.arrive(this.page);
  }

  async panels(): Promise<PanelsPage> {
    await this.link('Panels').click();
    return PanelsPage.arrive(this.page);
  }

  async phaseTransfers(): Promise<PhaseTransfersPage> {
    await this.link('Phase transfers').click();
    return PhaseTransfersPage.arrive(this.page);
  }

  async newRequest(): Promise<NewRequestPage> {
    await this.link('New request').click();
    return NewRequestPage.arrive(this.page);
  }

  async yourAccount(): Promise<AccountPage> {
    await this.link('Your account').click();
    return AccountPage.arrive(this.page);
  }

  async signOut(): Promise<SignedOutPage> {
    await this.signOutButton().click();
    return SignedOutPage.arrive(this.page);
  }
}
