import type { Download, Locator, Page } from '@playwright/test';
import { AddDocumentPage } from './add-document.ts';
import { CaseConsultationsPage } from './case-consultations.ts';
import { CaseReviewsPage } from './case-reviews.ts';
import { CaseTransfersPage, TransferInPage } from './case-transfers.ts';
import { CaseAdvicePage } from './case-advice.ts';
import { ChildTrailPage } from './audit-trails.ts';
import { CorrectEventPage } from './correct-event.ts';
import { DecisionsPage } from './decisions.ts';
import { EditChildPage } from './edit-child.ts';
import { SentLetterPage } from './letters.ts';
import { NewRequestPage } from './new-request.ts';
import { PersonPage } from './person.ts';
import { PlanPage } from './plan.ts';
import { InviteToFamilyPortalPage } from './portal.ts';
import { RecordExceptionPage } from './record-exception.ts';
import { RecordStepPage } from './record-step.ts';
import { RemovePersonPage } from './remove-person.ts';
import { ServicePage } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';
import { YoungPersonChoicePage } from './young-person-choice.ts';

/** A child's record: the open case, its statutory deadlines, the child's details and the history. */
export class ChildRecordPage extends ServicePage {
  static readonly address = '/children/[^/]+';

  static url(childId: string): string {
    return `/children/${encodeURIComponent(childId)}`;
  }

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page, childId: string): Promise<ChildRecordPage> {
    return new ChildRecordPage(page).goto(ChildRecordPage.url(childId));
  }

  /** The summary of the open case: reference, stage, named officer. */
  caseSummary(): Locator {
    return this.page.locator('.govuk-summary-list').first();
  }

  /** The banner that confirms what was just saved. */
  savedBanner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  /** The open case's draft plan: the family's response to it and the schools consulted. */
  async draftPlanResponses(): Promise<CaseConsultationsPage> {
    await this.page.getByRole('link', { name: 'Draft plan: the family’s response and schools consulted' }).click();
    return CaseConsultationsPage.arrive(this.page);
  }

  /** The open case's EHC plan. */
  async ehcPlan(): Promise<PlanPage> {
    await this.page.getByRole('link', { name: 'EHC plan', exact: true }).click();
    return PlanPage.arrive(this.page);
  }

  /** The open case's decisions, panels and views. */
  async decisions(): Promise<DecisionsPage> {
    await this.page.getByRole('link', { name: 'Decisions, panels and views' }).click();
    return DecisionsPage.arrive(this.page);
  }

  async recordStep(): Promise<RecordStepPage> {
    await this.page.getByRole('link', { name: 'Record a step' }).click();
    return RecordStepPage.arrive(this.page);
  }

  async recordException(): Promise<RecordExceptionPage> {
    await this.page.getByRole('link', { name: 'Record an exception to the time limits' }).click();
    return RecordExceptionPage.arrive(this.page);
  }

  /** Only for a child with no open case. */
  async recordRequest(): Promise<NewRequestPage> {
    await this.page.getByRole('link', { name: 'Record a request for an EHC needs assessment' }).click();
    return NewRequestPage.arrive(this.page);
  }

  /** Opens the correction form of a step in the history, by its title as the history reads. */
  async correct(stepTitle: string): Promise<CorrectEventPage> {
    await this.page.getByRole('link', { name: new RegExp(`^Correct “${stepTitle}”`) }).click();
    return CorrectEventPage.arrive(this.page);
  }

  /** The history's entries struck through: steps a correction has withdrawn or re-dated. */
  correctedSteps(): Locator {
    return this.page.locator('.app-history del');
  }

  /** Only for administrators: who viewed or changed this record. */
  async auditTrail(): Promise<ChildTrailPage> {
    await this.page.getByRole('link', { name: 'Who viewed or changed this record' }).click();
    return ChildTrailPage.arrive(this.page);
  }

  async annualReviews(): Promise<CaseReviewsPage> {
    await this.page.getByRole('link', { name: 'Annual reviews' }).click();
    return CaseReviewsPage.arrive(this.page);
  }

  async recordPlanReceived(): Promise<TransferInPage> {
    await this.page.getByRole('link', { name: 'Record a plan received from another council on a move' }).click();
    return TransferInPage.arrive(this.page);
  }

  async movesBetweenCouncils(): Promise<CaseTransfersPage> {
    await this.page.getByRole('link', { name: 'Moves between councils' }).click();
    return CaseTransfersPage.arrive(this.page);
  }

  async adviceForAssessment(): Promise<CaseAdvicePage> {
    await this.page.getByRole('link', { name: 'Advice for the assessment' }).click();
    return CaseAdvicePage.arrive(this.page);
  }

  /** The young person's choice whether their family sees the case on the portal, and who recorded it. */
  youngPersonChoice(): Locator {
    return this.page.locator('#young-person-choice + p, #young-person-choice + p + p');
  }

  async recordYoungPersonChoice(forename: string): Promise<YoungPersonChoicePage> {
    await this.page.getByRole('link', { name: `Record ${forename}’s choice` }).click();
    return YoungPersonChoicePage.arrive(this.page);
  }

  async addDocument(): Promise<AddDocumentPage> {
    await this.page.getByRole('link', { name: 'Add a document' }).click();
    return AddDocumentPage.arrive(this.page);
  }

  /** The views for section A the family sent through the portal, each a card, newest first. */
  familyViews(): Locator {
    return this.page.locator('#family-views ~ .govuk-summary-card');
  }

  /** The case's documents, each a download link under its title. */
  documents(): Locator {
    return this.page.locator('.app-documents li');
  }

  /** Downloads a document by its title, as the browser saves it. */
  async download(title: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.documents().getByRole('link', { name: title, exact: true }).click()]);
    return download;
  }

  /** The letters sent on the case, newest first. */
  letters(): Locator {
    return this.page.locator('.app-letters li');
  }

  /** Opens a letter by its subject. */
  async openLetter(subject: string | RegExp): Promise<SentLetterPage> {
    await this.letters().getByRole('link', { name: subject }).first().click();
    return SentLetterPage.arrive(this.page);
  }

  async changeDetails(): Promise<EditChildPage> {
    await this.page.getByRole('link', { name: /^Change details/ }).click();
    return EditChildPage.arrive(this.page);
  }

  /** The child's id, from the page's address. */
  childId(): string {
    return /\/children\/([^/?]+)/.exec(this.page.url())![1]!;
  }

  /** The People section's entry for one person, by their name. */
  person(name: string): Locator {
    return this.page.locator('.app-people__item').filter({ hasText: name });
  }

  /** The child's history, newest first. */
  history(): Locator {
    return this.page.locator('.app-history');
  }

  async addParentOrCarer(): Promise<PersonPage> {
    await this.page.getByRole('link', { name: /^Add a parent or carer/ }).click();
    return PersonPage.arrive(this.page);
  }

  async inviteToFamilyPortal(): Promise<InviteToFamilyPortalPage> {
    await this.page.getByRole('link', { name: /^Invite to the family portal/ }).click();
    return InviteToFamilyPortalPage.arrive(this.page);
  }

  async changePerson(name: string): Promise<PersonPage> {
    await this.page.getByRole('link', { name: `Change ${name}’s details` }).click();
    return PersonPage.arrive(this.page);
  }

  async removePerson(name: string): Promise<RemovePersonPage> {
    await this.page.getByRole('link', { name: `Remove ${name} from the record` }).click();
    return RemovePersonPage.arrive(this.page);
  }
}
