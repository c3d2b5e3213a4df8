import type { Download, Locator, Page } from '@playwright/test';
import type { ChosenFile } from './add-document.ts';
import { ServicePage, type DateParts } from './service-page.ts';
import { StaffNavigation } from './staff-navigation.ts';

/** A page of the improvement plan with a form: its fields by label, its button, its errors. */
abstract class PlanFormPage extends ServicePage {
  protected async fillText(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  protected async press(button: string): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
  }
}

/** "Improvement plan": every area with its measures and actions, and what is flagged to the board. */
export class ImprovementPlanPage extends ServicePage {
  static readonly path = '/improvement-plan';

  readonly navigation = new StaffNavigation(this.page);

  static async open(page: Page): Promise<ImprovementPlanPage> {
    return new ImprovementPlanPage(page).goto(ImprovementPlanPage.path);
  }

  /** From the service navigation, for managers and the improvement board. */
  static async fromNavigation(navigation: StaffNavigation): Promise<ImprovementPlanPage> {
    await navigation.link('Improvement plan').click();
    return ImprovementPlanPage.arrive(navigation.page);
  }

  /** An area's heading, its link to the area's page. */
  areaLink(title: string): Locator {
    return this.page.getByRole('heading', { level: 2 }).getByRole('link', { name: new RegExp(`^\\d+\\. ${title}$`) });
  }

  /** The table of an area's actions. */
  actionsOf(areaTitle: string): Locator {
    return this.page.getByRole('table', { name: `Actions: ${areaTitle}` });
  }

  addAreaButton(): Locator {
    return this.page.getByRole('button', { name: 'Add an area' });
  }

  async addArea(): Promise<AreaFormPage> {
    await this.addAreaButton().click();
    return AreaFormPage.arrive(this.page);
  }

  async area(title: string): Promise<AreaPage> {
    await this.areaLink(title).click();
    return AreaPage.arrive(this.page);
  }

  async meetings(): Promise<MeetingsPage> {
    await this.page.getByRole('link', { name: 'Board meetings', exact: true }).click();
    return MeetingsPage.arrive(this.page);
  }

  async changes(): Promise<PlanChangesPage> {
    await this.page.getByRole('link', { name: 'Changes to the plan', exact: true }).click();
    return PlanChangesPage.arrive(this.page);
  }

  async boardPack(): Promise<BoardPackFormPage> {
    await this.page.getByRole('button', { name: 'Produce the board pack' }).click();
    return BoardPackFormPage.arrive(this.page);
  }
}

/** The form asking for the day of the board pack, wherever it is shown. */
abstract class PackDayForm extends PlanFormPage {
  async fill(asAt: DateParts): Promise<void> {
    await this.fillText('Day', asAt.day);
    await this.fillText('Month', asAt.month);
    await this.fillText('Year', asAt.year);
  }

  async produce(): Promise<BoardPackPage> {
    await this.press('Produce the pack');
    return BoardPackPage.arrive(this.page);
  }

  async produceExpectingErrors(): Promise<BoardPackErrorsPage> {
    await this.press('Produce the pack');
    return BoardPackErrorsPage.arrive(this.page);
  }
}

/** Asking for the board pack as at a day (today unless changed). */
export class BoardPackFormPage extends PackDayForm {
  static readonly address = '/improvement-plan/board-pack';
}

/** The form for the pack shown again with what is wrong with the day (at the pack's address). */
export class BoardPackErrorsPage extends PackDayForm {
  static readonly address = '/improvement-plan/board-pack/as-at';
}

/** The board pack as at a day: risks, changes since the last meeting, measures, the plan; and its PDF. */
export class BoardPackPage extends ServicePage {
  static readonly address = '/improvement-plan/board-pack/as-at';

  section(heading: string): Locator {
    return this.page.getByRole('heading', { level: 2, name: heading });
  }

  changes(): Locator {
    return this.page.getByRole('table', { name: 'Changes to the plan' });
  }

  /** A measure's months, drawn as the dashboard draws them. */
  chart(measureTitle: string): Locator {
    return this.page.getByRole('img', { name: new RegExp(`^${measureTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, (month by month|at the end of each month)`) });
  }

  /** The PDF's bytes, fetched as the browser would with its session, with the response's headers. */
  async pdf(): Promise<{ body: Buffer; contentType: string; disposition: string }> {
    const href = await this.page.getByRole('link', { name: /^Download the pack as a PDF/ }).getAttribute('href');
    const response = await this.page.request.get(href!);
    return { body: await response.body(), contentType: response.headers()['content-type'] ?? '', disposition: response.headers()['content-disposition'] ?? '' };
  }

  async drill(measureTitle: string): Promise<BoardPackMeasurePage> {
    await this.page.getByRole('link', { name: `The counts behind the figure of ${measureTitle}` }).click();
    return BoardPackMeasurePage.arrive(this.page);
  }
}

/** The counts behind a measure's figure on the pack's day: numbers only. */
export class BoardPackMeasurePage extends ServicePage {
  static readonly address = '/improvement-plan/board-pack/measures/[^/]+';

  table(caption: string): Locator {
    return this.page.getByRole('table', { name: caption });
  }

  content(): Locator {
    return this.page.locator('main');
  }
}

/** Adding an area to the plan (or changing one). */
export class AreaFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/areas/new';
  async fill(area: { title: string; finding: string }): Promise<void> {
    await this.fillText('Title', area.title);
    await this.fillText('What was found', area.finding);
  }

  async add(): Promise<AreaPage> {
    await this.press('Add the area');
    return AreaPage.arrive(this.page);
  }

  async addExpectingErrors(): Promise<AreaFormPage> {
    await this.press('Add the area');
    return AreaFormPage.arrive(this.page);
  }
}

/** An area of the plan: what was found, its measures with their months, its actions. */
export class AreaPage extends ServicePage {
  static readonly address = '/improvement-plan/areas/(?!new$)[^/]+';
  async addAction(): Promise<ActionFormPage> {
    await this.page.getByRole('button', { name: 'Add an action' }).click();
    return ActionFormPage.arrive(this.page);
  }

  async action(title: string): Promise<ActionPage> {
    await this.page.getByRole('link', { name: title, exact: true }).click();
    return ActionPage.arrive(this.page);
  }

  async change(): Promise<EditAreaPage> {
    await this.page.getByRole('link', { name: 'Change the area' }).click();
    return EditAreaPage.arrive(this.page);
  }

  findingText(): Locator {
    return this.page.getByRole('heading', { name: 'What was found' }).locator('xpath=following-sibling::p[1]');
  }

  async backToThePlan(): Promise<ImprovementPlanPage> {
    await this.page.getByRole('link', { name: 'Back to the plan' }).click();
    return ImprovementPlanPage.arrive(this.page);
  }
}

/** Adding an action to an area. */
export class ActionFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/areas/[^/]+/actions/new';
  async fill(action: { title: string; owner: string }): Promise<void> {
    await this.fillText('Action', action.title);
    await this.page.getByLabel('Owner', { exact: true }).selectOption({ label: action.owner });
  }

  async add(): Promise<ActionPage> {
    await this.press('Add the action');
    return ActionPage.arrive(this.page);
  }
}

/** An action: its owner and status, its measures with their months, milestones, evidence and status history. */
export class ActionPage extends ServicePage {
  static readonly address = '/improvement-plan/actions/[^/]+';
  summary(): Locator {
    return this.page.locator('.govuk-summary-list');
  }

  measuresTable(title: string): Locator {
    return this.page.getByRole('table', { name: `Measures: ${title}` });
  }

  /** A measure's months, drawn as the dashboard draws them. */
  chart(measureTitle: string): Locator {
    return this.page.getByRole('img', { name: new RegExp(`^${measureTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, (month by month|at the end of each month)`) });
  }

  history(): Locator {
    return this.page.getByRole('heading', { name: 'Status history' }).locator('xpath=following-sibling::ol[1]');
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  async bindMeasure(): Promise<MeasureFormPage> {
    await this.page.getByRole('link', { name: 'Bind a measure to the action' }).click();
    return MeasureFormPage.arrive(this.page);
  }

  async updateStatus(): Promise<StatusFormPage> {
    await this.page.getByRole('button', { name: 'Update the status' }).click();
    return StatusFormPage.arrive(this.page);
  }

  async area(title: string): Promise<AreaPage> {
    await this.page.getByRole('link', { name: `Back to ${title}` }).click();
    return AreaPage.arrive(this.page);
  }

  async changeOwner(): Promise<OwnerFormPage> {
    await this.page.getByRole('link', { name: 'Change the owner' }).click();
    return OwnerFormPage.arrive(this.page);
  }

  async addMilestone(): Promise<MilestoneFormPage> {
    await this.page.getByRole('link', { name: 'Add a milestone' }).click();
    return MilestoneFormPage.arrive(this.page);
  }

  milestones(): Locator {
    return this.page.getByRole('table', { name: 'Milestones of the action' });
  }

  async markDone(milestone: string): Promise<ActionPage> {
    await this.milestones().getByRole('button', { name: `Mark as done for ${milestone}` }).click();
    return ActionPage.arrive(this.page);
  }

  async addEvidence(): Promise<EvidenceFormPage> {
    await this.page.getByRole('link', { name: 'Add a link as evidence' }).click();
    return EvidenceFormPage.arrive(this.page);
  }

  async uploadEvidence(): Promise<EvidenceDocumentFormPage> {
    await this.page.getByRole('link', { name: 'Upload a document as evidence' }).click();
    return EvidenceDocumentFormPage.arrive(this.page);
  }

  evidence(title: string): Locator {
    return this.page.getByRole('link', { name: title, exact: true });
  }

  /** The evidence, links and documents, as listed under its heading. */
  evidenceList(): Locator {
    return this.page.getByRole('heading', { name: 'Evidence', exact: true }).locator('xpath=following-sibling::ul[1]');
  }

  /** Downloads a document kept as evidence, by its title. */
  async downloadEvidence(title: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.evidence(title).click()]);
    return download;
  }

  async changeTarget(measureTitle: string): Promise<TargetFormPage> {
    await this.page.getByRole('link', { name: `Change the target of ${measureTitle}` }).click();
    return TargetFormPage.arrive(this.page);
  }
}

export interface MeasureTarget {
  measure: string;
  baseline: string;
  baselineOn: DateParts;
  target: string;
  targetOn: DateParts;
}

/** Binding a measure of the dashboard to an area or an action, with its baseline and target. */
export class MeasureFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/(areas|actions)/[^/]+/measures/new';
  async fill(target: MeasureTarget): Promise<void> {
    await this.page.getByLabel('Measure', { exact: true }).selectOption({ label: target.measure });
    await this.fillText('Baseline', target.baseline);
    await this.fillDate('baselineOn', target.baselineOn);
    await this.fillText('Target', target.target);
    await this.fillDate('targetOn', target.targetOn);
  }

  async bind(): Promise<ActionPage> {
    await this.press('Bind the measure');
    return ActionPage.arrive(this.page);
  }

  async bindExpectingErrors(): Promise<MeasureFormPage> {
    await this.press('Bind the measure');
    return MeasureFormPage.arrive(this.page);
  }
}

/** The action's status, with a note. */
export class StatusFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/actions/[^/]+/status';
  async fill(status: string, note: string): Promise<void> {
    await this.page.getByLabel(status, { exact: true }).check();
    await this.fillText('Note', note);
  }

  async update(): Promise<ActionPage> {
    await this.press('Update the status');
    return ActionPage.arrive(this.page);
  }

  async updateExpectingErrors(): Promise<StatusFormPage> {
    await this.press('Update the status');
    return StatusFormPage.arrive(this.page);
  }
}

/** The improvement board's meetings, the latest first. */
export class MeetingsPage extends ServicePage {
  static readonly address = '/improvement-plan/meetings';
  async recordMeeting(): Promise<MeetingFormPage> {
    await this.page.getByRole('button', { name: 'Record a board meeting' }).click();
    return MeetingFormPage.arrive(this.page);
  }

  rows(): Locator {
    return this.page.getByRole('table', { name: 'The board’s meetings, the latest first' }).locator('tbody tr');
  }

  /** The latest meeting (the first row). */
  async latest(): Promise<MeetingPage> {
    await this.rows().first().getByRole('link').click();
    return MeetingPage.arrive(this.page);
  }
}

/** Recording a board meeting: the plan as it stands is kept with it. */
export class MeetingFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/meetings/new';
  async fill(meeting: { heldOn: DateParts; attendees: string; decisions: string }): Promise<void> {
    await this.fillDate('heldOn', meeting.heldOn);
    await this.fillText('Who attended', meeting.attendees);
    await this.fillText('What the board decided', meeting.decisions);
  }

  async record(): Promise<MeetingPage> {
    await this.press('Record the meeting');
    return MeetingPage.arrive(this.page);
  }

  async recordExpectingErrors(): Promise<MeetingFormPage> {
    await this.press('Record the meeting');
    return MeetingFormPage.arrive(this.page);
  }
}

/** A board meeting, its decisions, the actions arising and the plan as it stood. */
export class MeetingPage extends ServicePage {
  static readonly address = '/improvement-plan/meetings/(?!new$)[^/]+';
  /** The plan as it stood: everything after its heading. */
  snapshot(): Locator {
    return this.page.locator('main');
  }

  actionsOf(areaTitle: string): Locator {
    return this.page.getByRole('table', { name: `Actions: ${areaTitle}` });
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner');
  }

  async correct(): Promise<CorrectMeetingPage> {
    await this.page.getByRole('link', { name: 'Correct the meeting’s record' }).click();
    return CorrectMeetingPage.arrive(this.page);
  }

  async backToMeetings(): Promise<MeetingsPage> {
    await this.page.getByRole('link', { name: 'Back to the board’s meetings' }).click();
    return MeetingsPage.arrive(this.page);
  }
}

/** The plan's change log. */
export class PlanChangesPage extends ServicePage {
  static readonly address = '/improvement-plan/changes';
  table(): Locator {
    return this.page.getByRole('table', { name: 'Every change to the plan, the latest first' });
  }
}

/** Giving an action a new owner, with the reason. */
export class OwnerFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/actions/[^/]+/owner';
  async fill(owner: string, reason: string): Promise<void> {
    await this.page.getByLabel('New owner', { exact: true }).selectOption({ label: owner });
    await this.fillText('Why the owner changes', reason);
  }

  async change(): Promise<ActionPage> {
    await this.press('Change the owner');
    return ActionPage.arrive(this.page);
  }

  async changeExpectingErrors(): Promise<OwnerFormPage> {
    await this.press('Change the owner');
    return OwnerFormPage.arrive(this.page);
  }
}

/** A milestone of an action, with the day it is due. */
export class MilestoneFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/actions/[^/]+/milestones/new';
  async fill(title: string, dueOn: DateParts | undefined): Promise<void> {
    await this.fillText('Milestone', title);
    if (dueOn) await this.fillDate('dueOn', dueOn);
  }

  async add(): Promise<ActionPage> {
    await this.press('Add the milestone');
    return ActionPage.arrive(this.page);
  }

  async addExpectingErrors(): Promise<MilestoneFormPage> {
    await this.press('Add the milestone');
    return MilestoneFormPage.arrive(this.page);
  }
}

/** Evidence of an action: a link with its title. */
export class EvidenceFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/actions/[^/]+/evidence/new';
  async fill(title: string, link: string): Promise<void> {
    await this.fillText('What it is', title);
    await this.fillText('Link', link);
  }

  async add(): Promise<ActionPage> {
    await this.press('Add the evidence');
    return ActionPage.arrive(this.page);
  }

  async addExpectingErrors(): Promise<EvidenceFormPage> {
    await this.press('Add the evidence');
    return EvidenceFormPage.arrive(this.page);
  }
}

/** A document uploaded as evidence of an action: what it is, and the file. */
export class EvidenceDocumentFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/actions/[^/]+/evidence/documents/new';
  async fill(title: string, file: ChosenFile | undefined): Promise<void> {
    await this.fillText('What it is', title);
    await this.page.getByLabel('Upload a file', { exact: true }).setInputFiles(file ? [file] : []);
  }

  async upload(): Promise<ActionPage> {
    await this.press('Upload the document');
    return ActionPage.arrive(this.page);
  }

  async uploadExpectingErrors(): Promise<EvidenceDocumentFormPage> {
    await this.press('Upload the document');
    return EvidenceDocumentFormPage.arrive(this.page);
  }
}

/** A bound measure's baseline and target, changed with the reason. */
export class TargetFormPage extends PlanFormPage {
  static readonly address = '/improvement-plan/measures/[^/]+/target';
  async fill(target: string, reason: string): Promise<void> {
    await this.fillText('Target', target);
    await this.fillText('Why the target changes', reason);
  }

  async change(): Promise<ActionPage> {
    await this.press('Change the target');
    return ActionPage.arrive(this.page);
  }

  async changeExpectingErrors(): Promise<TargetFormPage> {
    await this.press('Change the target');
    return TargetFormPage.arrive(this.page);
  }
}

/** Changing an area: its title, finding or place, with the reason. */
export class EditAreaPage extends PlanFormPage {
  static readonly address = '/improvement-plan/areas/[^/]+/edit';
  async fill(finding: string, reason: string): Promise<void> {
    await this.fillText('What was found', finding);
    await this.fillText('Why the area is changed', reason);
  }

  async save(): Promise<AreaPage> {
    await this.press('Save the area');
    return AreaPage.arrive(this.page);
  }

  async saveExpectingErrors(): Promise<EditAreaPage> {
    await this.press('Save the area');
    return EditAreaPage.arrive(this.page);
  }
}

/** Correcting who attended a meeting and what it decided, with the reason; never the plan as it stood. */
export class CorrectMeetingPage extends PlanFormPage {
  static readonly address = '/improvement-plan/meetings/[^/]+/correct';
  async fill(attendees: string, reason: string): Promise<void> {
    await this.fillText('Who attended', attendees);
    await this.fillText('Why the record is corrected', reason);
  }

  async correct(): Promise<MeetingPage> {
    await this.press('Correct the record');
    return MeetingPage.arrive(this.page);
  }

  async correctExpectingErrors(): Promise<CorrectMeetingPage> {
    await this.press('Correct the record');
    return CorrectMeetingPage.arrive(this.page);
  }
}
