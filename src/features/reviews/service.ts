import type { Database, Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { addDays, addMonths, addWeeks, dayOfWeek, parseIsoDate, type BankHolidayCalendar, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import {
  appealDeadline,
  mediationAdviceDeadline,
  REVIEW_DECISION_TITLES,
  REVIEW_DECISIONS,
  REVIEWS_DUE_WEEKS,
  reviewDecisionDue,
  reviewDue,
  reviewNoticeStanding,
  reviewReportDue,
  UNDER_FIVE_INTERVAL,
  isUnderFiveInterval,
  type ReviewDecision,
} from '../../domain/clocks/index.ts';
import { refusalOfStep } from '../../domain/events/order.ts';
import type { Clock } from '../../lib/clock.ts';
import { documentTypeName } from '../../lib/document-types.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { longDate } from '../../web/long-date.ts';
import { recordAccess, recordAudit, recordAudits, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { caseHistory, recordCaseEvent, requireOpenCase, type CaseHistoryEvent } from '../cases/index.ts';
import { caseReached, itemOfCaseReached, requireCasesAccess } from '../children/index.ts';
import { sendLetters, type NewLetter } from '../letters/index.ts';
import { queueMessages } from '../outbox/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import { planChangesPaths } from '../plan-changes/index.ts';
import { plansPaths } from '../plans/index.ts';
import { reviewsPaths } from './paths.ts';
import { familyRecipient, listParentContacts } from '../people/index.ts';
import * as repository from './repository.ts';
import type { ReportDocumentRow, ReviewCase, ReviewDueRow, ReviewRow } from './repository.ts';
import { EMAIL_FORMAT_MESSAGE, isEmailAddress } from '../../lib/email-address.ts';

/** A page of a list of reviews due. */
export const REVIEWS_PAGE_SIZE = 50;
/** The most pupils one bulk invitation arranges. */
export const BULK_LIMIT = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL_BUT_LINES = /(?![\n\r])[\p{Cc}\p{Cf}]/u;
const CONTROL = /[\p{Cc}\p{Cf}]/u;
const WORDS_LIMIT = 5000;

export type ReviewStatus = 'arranged' | 'held' | 'reported' | 'decided';

/** The people reg. 20(3) names, besides the family. */
export const INVITEE_ROLES = {
  school: 'The head teacher or principal of the school or college',
  health: 'Someone from health services',
  'social-care': 'Someone from social care',
  other: 'Someone else who gives advice',
} as const;
export type InviteeRole = keyof typeof INVITEE_ROLES;

export interface NewReview {
  meetingOn: string;
  meetingPlace?: string | undefined;
  headTeacherHolds?: boolean | undefined;
  invitees?: { role: string; name: string; email: string }[] | undefined;
  shortNoticeReason?: string | undefined;
}

export interface ReviewDecisionInput {
  decision: string;
  decidedOn: string;
  reasons: string;
  lateReason?: string | undefined;
  version?: number | undefined;
}

export interface BulkInvitation {
  urn: string;
  term: string;
  firstMeetingOn: string;
  perDay: string | number;
  contactName: string;
  contactEmail: string;
}

export interface WriteOptions {
  idempotencyKey?: string | undefined;
}

/** A review, as pages and the API show it. */
export interface ReviewView {
  id: string;
  caseId: string;
  status: ReviewStatus;
  dueOn: string | null;
  meetingOn: string;
  meetingPlace: string;
  school: { urn: number; name: string } | null;
  headTeacherHolds: boolean;
  invitees: { role: string; name: string; email: string }[];
  invitedOn: string;
  /** The last day for invitations and advice: 2 weeks before the meeting (reg. 20(4)). */
  adviceBy: string;
  shortNoticeReason: string | null;
  childViews: string | null;
  familyViews: string | null;
  heldOn: string | null;
  reportDueOn: string | null;
  reportReceivedOn: string | null;
  reportSummary: string | null;
  /** The report itself as a document, when the school attached it on the portal: what it is and who sent it. */
  reportDocument: { id: string; title: string; filename: string; typeName: string; sizeBytes: number; sentBy: string | null } | null;
  decisionDueOn: string | null;
  decision: ReviewDecision | null;
  decisionTitle: string | null;
  decidedOn: string | null;
  decisionReasons: string | null;
  lateReason: string | null;
  decisionLetterId: string | null;
  /** Where the amendment or the ceasing goes on from, after a decision to amend or cease. */
  nextStep: { decision: 'amend' | 'cease'; href: string } | null;
  version: number;
}

/** The case and child a review page shows. */
export interface ReviewCaseView {
  caseId: string;
  reference: string;
  childId: string;
  childName: string;
  dateOfBirth: string;
  open: boolean;
  maintained: boolean;
  school: { urn: number; name: string } | null;
  statutoryDueOn: string | null;
  dueOn: string | null;
  underFive: boolean;
  today: string;
}

/** One plan's next review on a list. */
export interface ReviewDueView {
  caseId: string;
  reference: string;
  childId: string;
  childName: string;
  officerName: string | null;
  school: { urn: number; name: string } | null;
  dueOn: string;
  statutoryDueOn: string;
  underFive: boolean;
  overdue: boolean;
  review: { id: string; status: ReviewStatus; meetingOn: string } | null;
}

const SOMEONE_CHANGED_IT = 'Someone else changed this review while you were working on it: look at it again before saving';

function checkedText(value: string | undefined, field: string, problems: FieldProblem[], messages: { missing?: string; what: string }, limit = WORDS_LIMIT): string {
  const text = (value ?? '').trim();
  if (!text) {
    if (messages.missing) problems.push({ field, message: messages.missing });
  } else if (text.length > limit) problems.push({ field, message: `${messages.what} must be ${limit.toLocaleString('en-GB')} characters or fewer` });
  else if (CONTROL_BUT_LINES.test(text)) problems.push({ field, message: `${messages.what} contains a character that is not allowed` });
  return text;
}

/** Whether the case holds a maintained plan: open, with a final plan issued that still stands. */
function planMaintained(found: Pick<ReviewCase, 'closedOn'>, history: readonly CaseHistoryEvent[]): boolean {
  return !found.closedOn && history.some((event) => event.type === 'plan.issued' && !event.corrected);
}

const NOT_MAINTAINED = 'This child has no maintained EHC plan: only a plan the council maintains is reviewed (CFA 2014 s.44). Record the final plan first';

/** The school terms in England, as a bulk invitation chooses one: autumn (September to December), spring (January to Easter), summer (Easter to July). */
export function termDates(term: string): { value: string; from: IsoDate; to: IsoDate; name: string } | undefined {
  const match = /^(autumn|spring|summer)-(\d{4})$/.exec(term);
  if (!match) return undefined;
  const year = Number(match[2]);
  if (year < 2000 || year > 2100) return undefined;
  const season = match[1] as 'autumn' | 'spring' | 'summer';
  const bounds = { autumn: [`${year}-09-01`, `${year}-12-31`], spring: [`${year}-01-01`, `${year}-04-15`], summer: [`${year}-04-16`, `${year}-07-31`] }[season];
  return { value: term, from: bounds[0] as IsoDate, to: bounds[1] as IsoDate, name: `${season[0]!.toUpperCase()}${season.slice(1)} term ${year}` };
}

/** The terms offered: this one and the next two. */
export function termsFrom(today: IsoDate): { value: string; text: string }[] {
  const year = Number(today.slice(0, 4));
  const candidates = [`spring-${year}`, `summer-${year}`, `autumn-${year}`, `spring-${year + 1}`, `summer-${year + 1}`];
  return candidates
    .map((value) => ({ value, dates: termDates(value)! }))
    .filter((entry) => entry.dates.to >= today)
    .slice(0, 3)
    .map((entry) => ({ value: entry.value, text: entry.dates.name }));
}

/**
 * Annual reviews (CFA 2014 s.44; SEND Regs 2014 regs 18 to 22): the plans due for review, each
 * review's meeting, invitations, views, report and decision with its notice, and a school's
 * pupils invited together.
 */
export class ReviewsService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly dependencies: { calendar: () => Promise<BankHolidayCalendar> };

  constructor(db: Database, clock: Clock, dependencies: { calendar: () => Promise<BankHolidayCalendar> }) {
    this.db = db;
    this.clock = clock;
    this.dependencies = dependencies;
  }

  private today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  /** The active case officers, for a filter. */
  async officers(actor: Actor): Promise<{ id: string; name: string }[]> {
    requireRole(actor, ...MANAGER_ROLES);
    return repository.listOfficers(this.db, actor.authorityId);
  }

  /** The council's interval for under-5s, in months. */
  async underFiveMonths(authorityId: string): Promise<number> {
    return (await repository.readUnderFiveMonths(this.db, authorityId)) ?? UNDER_FIVE_INTERVAL.default;
  }

  /** The council's interval for under-5s, as its settings page shows it (an administrator's or a manager's). */
  async settings(actor: Actor): Promise<{ underFiveMonths: number; min: number; max: number }> {
    requireRole(actor, 'admin', ...MANAGER_ROLES);
    return { underFiveMonths: await this.underFiveMonths(actor.authorityId), min: UNDER_FIVE_INTERVAL.min, max: UNDER_FIVE_INTERVAL.max };
  }

  /** Sets the council's interval for under-5s (an administrator or manager). */
  async setUnderFiveMonths(actor: Actor, months: string | number): Promise<number> {
    requireRole(actor, 'admin', ...MANAGER_ROLES);
    const value = typeof months === 'number' ? months : /^\d{1,2}$/.test(months.trim()) ? Number(months.trim()) : Number.NaN;
    if (!isUnderFiveInterval(value)) {
      throw new ValidationError([{ field: 'underFiveMonths', message: `Enter a whole number of months from ${UNDER_FIVE_INTERVAL.min} to ${UNDER_FIVE_INTERVAL.max} (the Code of Practice, 9.178, suggests every 3 to 6 months)` }]);
    }
    await this.db.transaction(async (tx) => {
      await repository.saveUnderFiveMonths(tx, actor.authorityId, value, actor.id, this.clock.now());
      await recordAudit(tx, this.clock, actor, { action: 'reviews.under-five-interval-set', entityType: 'review_setting', entityId: actor.authorityId, details: { months: value } });
    });
    return value;
  }

  private async window(authorityId: string, dueFrom: IsoDate | null, dueTo: IsoDate) {
    const months = await this.underFiveMonths(authorityId);
    return { dueFrom, dueTo, widest: addMonths(dueTo, 12 - months), months, bornAfter: addMonths(this.today(), -(12 * 6)) };
  }

  private presentDue(row: ReviewDueRow): ReviewDueView {
    return {
      caseId: row.caseId,
      reference: row.reference,
      childId: row.childId,
      childName: fullName(row),
      officerName: row.officerName,
      school: row.schoolUrn !== null && row.schoolName !== null ? { urn: row.schoolUrn, name: row.schoolName } : null,
      dueOn: row.dueOn,
      statutoryDueOn: row.statutoryDueOn,
      underFive: row.underFive,
      overdue: row.dueOn < this.today(),
      review: row.reviewId && row.reviewStatus && row.meetingOn ? { id: row.reviewId, status: row.reviewStatus as ReviewStatus, meetingOn: row.meetingOn } : null,
    };
  }

  /** An officer's own plans due for review in the next 8 weeks, and overdue, the earliest first (a list of children, logged). */
  async myReviewsDue(actor: Actor, pageNumber = 1, view = 'reviews-due') {
    requireRole(actor, ...CASEWORK_ROLES);
    const today = this.today();
    const window = await this.window(actor.authorityId, null, addWeeks(today, REVIEWS_DUE_WEEKS));
    const filters = { officerId: actor.id };
    const counts = await repository.countReviewsDue(this.db, actor.authorityId, window, filters, today);
    const total = counts.overdue + counts.upcoming;
    const pageCount = Math.max(1, Math.ceil(total / REVIEWS_PAGE_SIZE));
    const page = Number.isInteger(pageNumber) && pageNumber >= 1 ? Math.min(pageNumber, pageCount) : 1;
    const rows = await repository.listReviewsDue(this.db, actor.authorityId, window, filters, REVIEWS_PAGE_SIZE, (page - 1) * REVIEWS_PAGE_SIZE);
    if (rows.length > 0) await recordListAccess(this.db, this.clock, actor, view, rows.map((row) => row.childId));
    return { today, horizon: window.dueTo, months: window.months, counts, page, pageCount, reviews: rows.map((row) => this.presentDue(row)) };
  }

  /**
   * The whole service's plans due for review (a manager's): grouped by school, officer or month,
   * filtered by any of them, and a page of the plans themselves, the earliest due first.
   */
  async serviceReviews(actor: Actor, query: { group?: string | undefined; officer?: string | undefined; school?: string | undefined; month?: string | undefined; page?: number | undefined }, view = 'reviews-view') {
    requireRole(actor, ...MANAGER_ROLES);
    const today = this.today();
    const group = query.group === 'officer' || query.group === 'month' ? query.group : 'school';
    const officerId = query.officer && UUID.test(query.officer) ? query.officer : undefined;
    const urn = query.school && /^\d{1,8}$/.test(query.school) ? Number(query.school) : undefined;
    const school = urn !== undefined ? await repository.findSchoolByUrn(this.db, urn) : undefined;
    const month = query.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(query.month) ? query.month : undefined;
    const horizon = addWeeks(today, REVIEWS_DUE_WEEKS);
    // A month asked for: its reviews; otherwise those overdue and due in the next 8 weeks; grouped by month, the next 12 months.
    const dueFrom = month ? (`${month}-01` as IsoDate) : null;
    const dueTo = month ? addDays(addMonths(`${month}-01` as IsoDate, 1), -1) : group === 'month' ? addDays(addMonths(today, 12), -1) : horizon;
    const window = await this.window(actor.authorityId, dueFrom, dueTo);
    const filters = { officerId, schoolId: urn !== undefined ? (school?.id ?? '00000000-0000-0000-0000-000000000000') : undefined };
    const listWindow = month || group !== 'month' ? window : await this.window(actor.authorityId, null, horizon);
    // The groups (with the counts) and the page asked for are read side by side; only a page past
    // the end, known once the counts are in, is read again as the last page.
    const requested = query.page ?? 1;
    const asked = Number.isInteger(requested) && requested >= 1 ? requested : 1;
    const listPage = (page: number) => repository.listReviewsDue(this.db, actor.authorityId, listWindow, filters, REVIEWS_PAGE_SIZE, (page - 1) * REVIEWS_PAGE_SIZE);
    const [groups, askedRows] = await Promise.all([repository.groupReviewsDue(this.db, actor.authorityId, window, filters, today, group, 200), listPage(asked)]);
    // The groups' window is the list's, except for the next 12 months by month: then the list's own count.
    const counts =
      listWindow === window
        ? { overdue: groups[0]?.totalOverdue ?? 0, upcoming: groups[0]?.totalUpcoming ?? 0, underFive: groups[0]?.totalUnderFive ?? 0 }
        : await repository.countReviewsDue(this.db, actor.authorityId, listWindow, filters, today);
    const total = counts.overdue + counts.upcoming;
    const pageCount = Math.max(1, Math.ceil(total / REVIEWS_PAGE_SIZE));
    const page = Math.min(asked, pageCount);
    const rows = page === asked ? askedRows : await listPage(page);
    const stages = group === 'school' ? await repository.countReviewStagesBySchool(this.db, actor.authorityId, groups.flatMap((entry) => (entry.key ? [entry.key] : [])), addMonths(today, -12)) : [];
    if (rows.length > 0) await recordListAccess(this.db, this.clock, actor, view, rows.map((row) => row.childId));
    return {
      today,
      horizon,
      months: window.months,
      filters: { group, officer: officerId, school: urn !== undefined ? String(urn) : undefined, month },
      schoolName: school?.name ?? null,
      counts,
      groups: groups.map(({ totalOverdue: _overdue, totalUpcoming: _upcoming, totalUnderFive: _underFive, ...entry }) => {
        const stage = stages.find((candidate) => candidate.schoolId === entry.key);
        return { ...entry, arranged: stage?.arranged ?? 0, held: stage?.held ?? 0, reported: stage?.reported ?? 0, decided: stage?.decided ?? 0 };
      }),
      page,
      pageCount,
      reviews: rows.map((row) => this.presentDue(row)),
    };
  }

  private async accessCase(actor: Actor, caseId: string, purpose: string): Promise<ReviewCase> {
    return caseReached(this.db, this.clock, actor, caseId, purpose, () => repository.findReviewCase(this.db, actor.authorityId, caseId));
  }

  /**
   * Where a decision to amend or cease goes on to: the amendment of the case's plan, with the
   * meeting's date so the notice is held to 4 weeks from it (R (L, M, P) v Devon CC [2022]), or its
   * ceasing; the case's plan page when the plan was recorded only as a step and has no document yet.
   */
  async nextStepHref(actor: Actor, reviewId: string): Promise<string> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row } = await this.accessReview(actor, reviewId, 'review');
    if (row.decision !== 'amend' && row.decision !== 'cease') throw new NotFoundError('No amendment or ceasing follows this review');
    const planId = await repository.planIdOfCase(this.db, actor.authorityId, row.caseId);
    if (!planId) return plansPaths.casePlan(row.caseId);
    return row.decision === 'amend' ? planChangesPaths.newAmendment(planId, row.heldOn ?? undefined) : planChangesPaths.newCeasing(planId);
  }

  private async accessReview(actor: Actor, reviewId: string, purpose: string): Promise<{ row: ReviewRow; found: ReviewCase }> {
    return itemOfCaseReached(
      reviewId,
      'No such review',
      () => repository.findReview(this.db, actor.authorityId, reviewId),
      (caseId) => this.accessCase(actor, caseId, purpose),
    );
  }

  private async caseView(authorityId: string, found: ReviewCase, history: readonly CaseHistoryEvent[]): Promise<ReviewCaseView> {
    const today = this.today();
    let dueOn: string | null = null;
    let underFive = false;
    if (found.reviewDueOn) {
      const months = await this.underFiveMonths(authorityId);
      const due = reviewDue({ lastReview: addMonths(addDays(found.reviewDueOn as IsoDate, 1), -12), dateOfBirth: found.dateOfBirth as IsoDate, underFiveMonths: months });
      dueOn = due.due;
      underFive = due.underFive;
    }
    return {
      caseId: found.caseId,
      reference: found.reference,
      childId: found.childId,
      childName: fullName(found),
      dateOfBirth: found.dateOfBirth,
      open: !found.closedOn,
      maintained: planMaintained(found, history),
      school: found.schoolUrn !== null && found.schoolName !== null ? { urn: found.schoolUrn, name: found.schoolName } : null,
      statutoryDueOn: found.reviewDueOn,
      dueOn,
      underFive,
      today,
    };
  }

  /** A case's reviews and its next review's due day (a view of the child's record, logged). */
  async caseReviews(actor: Actor, caseId: string, view = 'reviews'): Promise<{ case: ReviewCaseView; reviews: ReviewView[] }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const found = await this.accessCase(actor, caseId, view);
    const [rows, history] = await Promise.all([repository.listCaseReviews(this.db, actor.authorityId, caseId), caseHistory(this.db, actor.authorityId, caseId)]);
    const documents = await repository.findReportDocuments(this.db, actor.authorityId, rows.flatMap((row) => (row.reportDocumentId ? [row.reportDocumentId] : [])));
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return { case: await this.caseView(actor.authorityId, found, history), reviews: rows.map((row) => this.present(row, found, documents)) };
  }

  /** One review with its case (a view of the child's record, logged). */
  async review(actor: Actor, reviewId: string, view = 'review'): Promise<{ case: ReviewCaseView; review: ReviewView }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessReview(actor, reviewId, view);
    const [history, documents] = await Promise.all([
      caseHistory(this.db, actor.authorityId, row.caseId),
      repository.findReportDocuments(this.db, actor.authorityId, row.reportDocumentId ? [row.reportDocumentId] : []),
    ]);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return { case: await this.caseView(actor.authorityId, found, history), review: this.present(row, found, documents) };
  }

  /** The case a form to arrange a review is about (a view of the child's record, logged). */
  async reviewCase(actor: Actor, caseId: string, view = 'review-form'): Promise<ReviewCaseView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const found = await this.accessCase(actor, caseId, view);
    const history = await caseHistory(this.db, actor.authorityId, caseId);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return this.caseView(actor.authorityId, found, history);
  }

  /** The meeting's checks, common to one review and a school's together. */
  private meetingProblems(meetingValue: string, shortNoticeReason: string | undefined, problems: FieldProblem[], field = 'meetingOn'): { meetingOn?: IsoDate; reason: string | null } {
    const today = this.today();
    const meetingOn = parseIsoDate(meetingValue);
    if (!meetingOn) {
      problems.push({ field, message: 'Enter the date of the review meeting as a real date' });
      return { reason: null };
    }
    if (meetingOn < today) {
      problems.push({ field, message: 'The review meeting must be today or later: invitations cannot go for a meeting in the past' });
      return { reason: null };
    }
    if (meetingOn > addMonths(today, 12)) problems.push({ field, message: 'The review meeting must be within the next 12 months' });
    const notice = reviewNoticeStanding(meetingOn, today);
    const reason = checkedText(shortNoticeReason, 'shortNoticeReason', problems, { what: 'The reason' }, 1000);
    if (!notice.possible && !reason) {
      problems.push({
        field,
        message: `Invitations and advice must go at least 2 weeks before the meeting (SEND Regulations 2014 reg. 20(4)): for a meeting on ${longDate(meetingOn)} they had to go by ${longDate(notice.lastDay)}. Choose a later date, or give the reason for the short notice`,
      });
    }
    return { meetingOn, reason: reason || null };
  }

  /**
   * Arranges a plan's review (SEND Regs 2014 reg. 20): the meeting's date and place, whether the
   * head teacher holds it, and the invitations, at least 2 weeks ahead (reg. 20(4)), to the family
   * and to each person invited, in one transaction with the review.scheduled case event.
   */
  async arrange(actor: Actor, caseId: string, input: NewReview, options: WriteOptions = {}): Promise<Written<ReviewView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'review.arrange', target: caseId, input }, async () => {
      const found = await this.accessCase(actor, caseId, 'review-arrange');
      const problems: FieldProblem[] = [];
      const { meetingOn, reason } = this.meetingProblems(input.meetingOn, input.shortNoticeReason, problems);
      const place = checkedText(input.meetingPlace?.replace(/\s+/g, ' ') ?? found.schoolName ?? '', 'meetingPlace', problems, { missing: 'Enter where the meeting is held, usually the child’s school', what: 'The place' }, 300);
      const invitees = this.inviteesOf(input.invitees ?? [], problems);
      const headTeacherHolds = input.headTeacherHolds === true;
      if (headTeacherHolds && !found.schoolId) problems.push({ field: 'headTeacherHolds', message: 'The child has no school on their record: a head teacher can hold the meeting only at the child’s school' });
      if (problems.length > 0) throw new ValidationError(problems);
      const history = await caseHistory(this.db, actor.authorityId, caseId);
      if (!planMaintained(found, history)) throw new ValidationError([{ field: 'meetingOn', message: NOT_MAINTAINED }]);
      const refusal = refusalOfStep(history, { type: 'review.scheduled', occurredOn: meetingOn! });
      if (refusal) throw new ValidationError([{ field: 'meetingOn', message: refusal.message }]);
      return async (tx) => {
        await requireOpenCase(tx, actor, caseId);
        const [view] = await this.arrangeMany(tx, actor, [{ found, meetingOn: meetingOn!, place, headTeacherHolds, invitees, reason, batchId: null }]);
        return view!;
      };
    });
  }

  private inviteesOf(raw: readonly { role: string; name: string; email: string }[], problems: FieldProblem[]) {
    const invitees: { role: string; name: string; email: string }[] = [];
    raw.forEach((entry, index) => {
      const name = (entry.name ?? '').replace(/\s+/g, ' ').trim();
      const email = (entry.email ?? '').trim();
      if (!name && !email) return;
      const role = Object.hasOwn(INVITEE_ROLES, entry.role) ? entry.role : undefined;
      if (!role) problems.push({ field: `invitee${index}Role`, message: `Select who person ${index + 1} invited is` });
      if (!name) problems.push({ field: `invitee${index}Name`, message: `Enter the name of person ${index + 1} invited` });
      else if (name.length > 200 || CONTROL.test(name)) problems.push({ field: `invitee${index}Name`, message: `The name of person ${index + 1} invited must be 200 characters or fewer, without control characters` });
      if (!email) problems.push({ field: `invitee${index}Email`, message: `Enter the e-mail address of person ${index + 1} invited` });
      else if (!isEmailAddress(email)) problems.push({ field: `invitee${index}Email`, message: `Enter the e-mail address of person ${index + 1} invited in the right format, like name@example.org` });
      invitees.push({ role: role ?? 'other', name, email });
    });
    return invitees;
  }

  /** The reviews, their events, invitations and audit, in a fixed number of statements beside each case's event. */
  private async arrangeMany(
    tx: Executor,
    actor: Actor,
    entries: readonly { found: ReviewCase; meetingOn: IsoDate; place: string; headTeacherHolds: boolean; invitees: { role: string; name: string; email: string }[]; reason: string | null; batchId: string | null }[],
  ): Promise<ReviewView[]> {
    const today = this.today();
    const now = this.clock.now();
    const running = await repository.casesWithRunningReview(tx, actor.authorityId, entries.map((entry) => entry.found.caseId));
    const busy = entries.find((entry) => running.has(entry.found.caseId));
    if (busy) throw new ConflictError(`A review of ${fullName(busy.found)}’s plan is already running: record its decision before arranging the next`);
    const rows = entries.map(({ found, meetingOn, place, headTeacherHolds, invitees, reason, batchId }) => ({
      id: uuidv7(),
      authorityId: actor.authorityId,
      caseId: found.caseId,
      childId: found.childId,
      dueOn: found.reviewDueOn,
      status: 'arranged',
      meetingOn,
      meetingPlace: place,
      schoolId: found.schoolId,
      headTeacherHolds,
      invitees,
      invitedOn: today,
      shortNoticeReason: reason,
      batchId,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    }));
    try {
      await repository.insertReviews(tx, rows);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('A review of this plan is already running: record its decision before arranging the next');
      throw error;
    }
    for (const row of rows) {
      await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'review.scheduled', occurredOn: row.meetingOn, payload: { reviewId: row.id } });
    }
    const parents = await listParentContacts(tx, actor.authorityId, entries.map((entry) => entry.found.childId));
    const letters: NewLetter[] = [];
    entries.forEach((entry, index) => {
      const row = rows[index]!;
      const fields = {
        meetingDate: longDate(row.meetingOn),
        meetingPlace: row.meetingPlace,
        heldBy: row.headTeacherHolds && entry.found.schoolName ? `the head teacher of ${entry.found.schoolName}` : 'the council',
        adviceBy: longDate(addWeeks(row.meetingOn, -2)),
      };
      const family = familyRecipient(parents.get(entry.found.childId) ?? []);
      if (family) letters.push({ caseId: row.caseId, type: 'review-invitation', recipient: family, fields });
      for (const invitee of row.invitees) letters.push({ caseId: row.caseId, type: 'review-invitation', recipient: { name: invitee.name, channel: 'email', address: invitee.email }, fields });
    });
    try {
      await sendLetters(tx, this.clock, actor, letters);
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(error.problems.map((problem) => ({ field: 'meetingOn', message: problem.message })));
      throw error;
    }
    await recordAudits(
      tx,
      this.clock,
      actor,
      rows.map((row) => ({
        action: 'review.arranged',
        entityType: 'annual_review',
        entityId: row.id,
        details: { caseId: row.caseId, childId: row.childId, meetingOn: row.meetingOn, headTeacherHolds: row.headTeacherHolds, invited: row.invitees.length, batchId: row.batchId, shortNotice: row.shortNoticeReason !== null },
      })),
    );
    return rows.map((row, index) => this.present({ ...row, childViews: null, familyViews: null, viewsRecordedOn: null, heldOn: null, reportReceivedOn: null, reportSummary: null, reportDocumentId: null, decision: null, decidedOn: null, decisionReasons: null, lateReason: null, decisionLetterId: null, version: 1 }, entries[index]!.found));
  }

  /** Only a review not yet decided changes, and only at the version the person saw. */
  private async lockRunning(tx: Executor, actor: Actor, reviewId: string, version: number | undefined): Promise<ReviewRow> {
    const locked = await repository.lockReview(tx, actor.authorityId, reviewId);
    if (!locked) throw new NotFoundError('No such review');
    if (locked.status === 'decided') throw new ConflictError('This review is already decided: nothing was changed');
    if (version !== undefined && version !== locked.version) throw new ConflictError(SOMEONE_CHANGED_IT);
    return locked;
  }

  /** Records the child's or young person's views and the family's, part of every review (reg. 19). */
  async recordViews(actor: Actor, reviewId: string, input: { childViews?: string; familyViews?: string; version?: number | undefined }): Promise<ReviewView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessReview(actor, reviewId, 'review-views');
    const problems: FieldProblem[] = [];
    const childViews = checkedText(input.childViews, 'childViews', problems, { what: 'The child’s views' });
    const familyViews = checkedText(input.familyViews, 'familyViews', problems, { what: 'The family’s views' });
    if (!childViews && !familyViews) problems.push({ field: 'childViews', message: 'Enter the child’s or young person’s views, the family’s, or both, in their words' });
    if (problems.length > 0) throw new ValidationError(problems);
    return this.db.transaction(async (tx) => {
      const locked = await this.lockRunning(tx, actor, row.id, input.version);
      const updated = await repository.updateReview(tx, actor.authorityId, row.id, locked.version, { childViews: childViews || null, familyViews: familyViews || null, viewsRecordedOn: this.today(), updatedAt: this.clock.now() });
      if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
      await recordAudit(tx, this.clock, actor, { action: 'review.views-recorded', entityType: 'annual_review', entityId: row.id, details: { caseId: row.caseId, childId: found.childId } });
      return this.present(updated, found);
    });
  }

  /** Records the meeting held (reg. 20), on the day it was, not in the future: the review.held case event with it. */
  async recordHeld(actor: Actor, reviewId: string, input: { heldOn: string; version?: number | undefined }): Promise<ReviewView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessReview(actor, reviewId, 'review-held');
    const heldOn = parseIsoDate(input.heldOn);
    if (!heldOn) throw new ValidationError([{ field: 'heldOn', message: 'Enter the date the meeting was held as a real date' }]);
    if (heldOn > this.today()) throw new ValidationError([{ field: 'heldOn', message: 'The date the meeting was held must be today or in the past' }]);
    if (heldOn < row.invitedOn) throw new ValidationError([{ field: 'heldOn', message: `The meeting cannot have been held before it was arranged, on ${longDate(row.invitedOn)}` }]);
    if (row.status !== 'arranged') throw new ConflictError('The meeting is already recorded as held');
    return this.db.transaction(async (tx) => {
      const locked = await this.lockRunning(tx, actor, row.id, input.version);
      if (locked.status !== 'arranged') throw new ConflictError('The meeting is already recorded as held');
      await requireOpenCase(tx, actor, row.caseId);
      const refusal = refusalOfStep(await caseHistory(tx, actor.authorityId, row.caseId), { type: 'review.held', occurredOn: heldOn });
      if (refusal) throw new ValidationError([{ field: 'heldOn', message: refusal.message }]);
      await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'review.held', occurredOn: heldOn, payload: { reviewId: row.id } });
      const updated = await repository.updateReview(tx, actor.authorityId, row.id, locked.version, { status: 'held', heldOn, updatedAt: this.clock.now() });
      if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
      await recordAudit(tx, this.clock, actor, { action: 'review.held', entityType: 'annual_review', entityId: row.id, details: { caseId: row.caseId, childId: found.childId, heldOn } });
      return this.present(updated, found);
    });
  }

  /** Records the review report received (reg. 20(7): within 2 weeks of the meeting; a late one is recorded all the same). */
  async recordReport(actor: Actor, reviewId: string, input: { receivedOn: string; summary?: string; version?: number | undefined }): Promise<ReviewView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessReview(actor, reviewId, 'review-report');
    if (row.status === 'arranged' || !row.heldOn) throw new ValidationError([{ field: 'receivedOn', message: 'Record the review meeting as held before its report' }]);
    const problems: FieldProblem[] = [];
    const receivedOn = parseIsoDate(input.receivedOn);
    if (!receivedOn) problems.push({ field: 'receivedOn', message: 'Enter the date the report was received as a real date' });
    else if (receivedOn > this.today()) problems.push({ field: 'receivedOn', message: 'The date the report was received must be today or in the past' });
    else if (receivedOn < row.heldOn) problems.push({ field: 'receivedOn', message: `The report cannot have been received before the meeting, on ${longDate(row.heldOn)}` });
    const summary = checkedText(input.summary, 'summary', problems, { what: 'The summary' });
    if (problems.length > 0) throw new ValidationError(problems);
    if (row.status !== 'held') throw new ConflictError('The report is already recorded');
    return this.db.transaction(async (tx) => {
      const locked = await this.lockRunning(tx, actor, row.id, input.version);
      if (locked.status !== 'held') throw new ConflictError('The report is already recorded');
      await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'review.reported', occurredOn: receivedOn!, payload: { reviewId: row.id } });
      const updated = await repository.updateReview(tx, actor.authorityId, row.id, locked.version, { status: 'reported', reportReceivedOn: receivedOn!, reportSummary: summary || null, updatedAt: this.clock.now() });
      if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
      await recordAudit(tx, this.clock, actor, {
        action: 'review.reported',
        entityType: 'annual_review',
        entityId: row.id,
        details: { caseId: row.caseId, childId: found.childId, receivedOn, late: receivedOn! > reviewReportDue(row.heldOn as IsoDate) },
      });
      return this.present(updated, found);
    });
  }

  /**
   * Records the decision (reg. 20(10)): keep, amend or cease, within 4 weeks of the meeting (a later
   * one only with its reason), never without a meeting held, with its notice to the family (a
   * decision to amend or cease with the right of appeal), and the review.decided case event that
   * starts the next review's period (CFA 2014 s.44(1)).
   */
  async recordDecision(actor: Actor, reviewId: string, input: ReviewDecisionInput, options: WriteOptions = {}): Promise<Written<ReviewView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'review.decide', target: reviewId, input }, async () => {
      const { row, found } = await this.accessReview(actor, reviewId, 'review-decision');
      if (row.status === 'decided') throw new ConflictError('This review is already decided: nothing was changed');
      if (!row.heldOn) throw new ValidationError([{ field: 'decision', message: 'Record the review meeting as held before the decision: a decision needs a meeting (SEND Regulations 2014 reg. 20(10))' }]);
      const problems: FieldProblem[] = [];
      const decision = (REVIEW_DECISIONS as readonly string[]).includes(input.decision) ? (input.decision as ReviewDecision) : undefined;
      if (!decision) problems.push({ field: 'decision', message: 'Select the decision: keep the plan, amend it or cease it' });
      const decidedOn = parseIsoDate(input.decidedOn);
      const today = this.today();
      if (!decidedOn) problems.push({ field: 'decidedOn', message: 'Enter the date of the decision as a real date' });
      else if (decidedOn > today) problems.push({ field: 'decidedOn', message: 'The date of the decision must be today or in the past' });
      else if (decidedOn < row.heldOn) problems.push({ field: 'decidedOn', message: `The decision cannot come before the meeting, on ${longDate(row.heldOn)}` });
      const reasons = checkedText(input.reasons, 'reasons', problems, { missing: 'Enter the reasons for the decision: the family’s notice gives them', what: 'The reasons' });
      const lateReason = checkedText(input.lateReason, 'lateReason', problems, { what: 'The reason it is late' }, 1000);
      const due = reviewDecisionDue(row.heldOn as IsoDate);
      if (decidedOn && decidedOn <= today && decidedOn > due && !lateReason) {
        problems.push({
          field: 'lateReason',
          message: `The decision is due within 4 weeks of the meeting, by ${longDate(due)} (SEND Regulations 2014 reg. 20(10)): give the reason it is made later`,
        });
      }
      if (problems.length > 0) throw new ValidationError(problems);
      const calendar = decision !== 'maintain' ? await this.dependencies.calendar() : undefined;
      return async (tx) => {
        const locked = await this.lockRunning(tx, actor, row.id, input.version);
        await requireOpenCase(tx, actor, row.caseId);
        const refusal = refusalOfStep(await caseHistory(tx, actor.authorityId, row.caseId), { type: 'review.decided', occurredOn: decidedOn! });
        if (refusal) throw new ValidationError([{ field: 'decidedOn', message: refusal.message }]);
        const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'review.decided', occurredOn: decidedOn!, payload: { reviewId: row.id, decision }, ...(lateReason ? { reason: lateReason } : {}) });
        const fields: Record<string, string> = { meetingDate: longDate(row.heldOn!), decisionDate: longDate(decidedOn!), reasons };
        if (calendar) {
          fields.appealBy = longDate(appealDeadline({ decisionNotice: today }, calendar).due);
          fields.mediationBy = longDate(mediationAdviceDeadline(today).due);
        }
        const parents = await listParentContacts(tx, actor.authorityId, [row.childId]);
        const family = familyRecipient(parents.get(row.childId) ?? []);
        let letterId: string | null = null;
        if (family) {
          try {
            const [sent] = await sendLetters(tx, this.clock, actor, [{ caseId: row.caseId, type: `review-decision-${decision!}`, recipient: family, fields }]);
            letterId = sent?.letterId ?? null;
          } catch (error) {
            if (error instanceof ValidationError) throw new ValidationError(error.problems.map((problem) => ({ field: 'decision', message: problem.message })));
            throw error;
          }
        }
        const updated = await repository.updateReview(tx, actor.authorityId, row.id, locked.version, {
          status: 'decided',
          decision: decision!,
          decidedOn: decidedOn!,
          decisionReasons: reasons,
          lateReason: lateReason || null,
          decisionLetterId: letterId,
          updatedAt: this.clock.now(),
        });
        if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
        await recordAudit(tx, this.clock, actor, {
          action: 'review.decided',
          entityType: 'annual_review',
          entityId: row.id,
          details: { caseId: row.caseId, childId: found.childId, decision, decidedOn, dueOn: due, late: decidedOn! > due, eventId, letterId },
        });
        return this.present(updated, found);
      };
    });
  }

  /** A school's pupils with plans due for review in a term, not yet under review (a list of children, logged). */
  async schoolDue(actor: Actor, urnText: string, term: string | undefined, view = 'reviews-school') {
    requireRole(actor, ...CASEWORK_ROLES);
    const urn = /^\d{1,8}$/.test(urnText) ? Number(urnText) : undefined;
    const school = urn !== undefined ? await repository.findSchoolByUrn(this.db, urn) : undefined;
    if (!school) throw new NotFoundError('No such school');
    const today = this.today();
    const dates = (term ? termDates(term) : undefined) ?? termDates(termsFrom(today)[0]!.value)!;
    const window = await this.window(actor.authorityId, null, dates.to);
    const rows = await repository.listReviewsDue(this.db, actor.authorityId, window, { schoolId: school.id }, BULK_LIMIT + 1, 0);
    const pupils = rows.filter((row) => row.reviewId === null);
    if (rows.length > 0) await recordListAccess(this.db, this.clock, actor, view, rows.map((row) => row.childId));
    return {
      school,
      term: dates,
      today,
      terms: termsFrom(today),
      pupils: pupils.slice(0, BULK_LIMIT).map((row) => this.presentDue(row)),
      running: rows.length - pupils.length,
      more: pupils.length > BULK_LIMIT,
    };
  }

  /**
   * Invites a school's pupils due for review in a term together (SEND Regs 2014 regs 20 and 21):
   * one request to the school, whose head teacher holds each meeting, one invitation to each
   * family, and each review its own, with its own meeting day and clock. The meetings are spread
   * over the school days from the first one, so many a day. All or nothing, in one transaction.
   */
  async inviteSchool(actor: Actor, input: BulkInvitation, options: WriteOptions = {}): Promise<Written<{ batchId: string; reviews: ReviewView[]; schoolMessageId: string }>> {
    requireRole(actor, ...CASEWORK_ROLES);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'review.invite-school', target: input.urn, input }, async () => {
      const problems: FieldProblem[] = [];
      const due = await this.schoolDue(actor, input.urn, input.term, 'reviews-school-invite');
      if (!termDates(input.term)) problems.push({ field: 'term', message: 'Select the term' });
      const { meetingOn: first } = this.meetingProblems(input.firstMeetingOn, undefined, problems, 'firstMeetingOn');
      const perDay = typeof input.perDay === 'number' ? input.perDay : /^\d{1,2}$/.test(String(input.perDay).trim()) ? Number(String(input.perDay).trim()) : Number.NaN;
      if (!Number.isInteger(perDay) || perDay < 1 || perDay > 12) problems.push({ field: 'perDay', message: 'Enter how many meetings a day, from 1 to 12' });
      const contactName = checkedText(input.contactName?.replace(/\s+/g, ' '), 'contactName', problems, { missing: 'Enter the name of the person at the school the request goes to', what: 'The name' }, 200);
      const contactEmail = (input.contactEmail ?? '').trim();
      if (!contactEmail) problems.push({ field: 'contactEmail', message: 'Enter the e-mail address the request to the school goes to' });
      else if (!isEmailAddress(contactEmail)) problems.push({ field: 'contactEmail', message: EMAIL_FORMAT_MESSAGE });
      if (problems.length === 0 && due.pupils.length === 0) problems.push({ field: 'term', message: `No pupil at ${due.school.name} has a plan due for review by the end of the ${due.term.name.toLowerCase()} without one already arranged` });
      if (problems.length > 0) throw new ValidationError(problems);
      const caseIds = due.pupils.map((pupil) => pupil.caseId);
      await requireCasesAccess(this.db, this.clock, actor, caseIds, 'review-arrange');
      const meetings = spreadMeetings(first!, perDay, caseIds.length);
      return async (tx) => {
        const cases = await repository.findReviewCases(tx, actor.authorityId, caseIds);
        const byId = new Map(cases.map((entry) => [entry.caseId, entry]));
        const batchId = uuidv7();
        const entries = caseIds.map((caseId, index) => {
          const found = byId.get(caseId);
          if (!found || found.closedOn || !found.reviewDueOn) throw new ConflictError('A pupil’s case changed while you were working: look at the list again');
          return { found, meetingOn: meetings[index]!, place: due.school.name, headTeacherHolds: true, invitees: [], reason: null, batchId };
        });
        const reviews = await this.arrangeMany(tx, actor, entries);
        const lines = entries.map((entry) => `- ${fullName(entry.found)} (born ${longDate(entry.found.dateOfBirth)}, our reference ${entry.found.reference}): ${longDate(entry.meetingOn)}`);
        const [message] = await queueMessages(tx, this.clock, actor, [
          {
            channel: 'email',
            recipientName: contactName,
            recipientAddress: contactEmail,
            subject: `Annual reviews of EHC plans at ${due.school.name}: ${due.term.name}`,
            bodyText: [
              `Dear ${contactName},`,
              '',
              `The education, health and care (EHC) plans of ${entries.length === 1 ? 'one pupil' : `${entries.length} pupils`} at ${due.school.name} are due for their annual review this term. We ask the head teacher to hold each review meeting at the school (SEND Regulations 2014 regulation 20), on these days:`,
              '',
              ...lines,
              '',
              'For each review, please gather the advice and information about the pupil and send it to everyone invited at least 2 weeks before the meeting, and send us the review report within 2 weeks after it. We have written to each family to invite them.',
              '',
              'Please tell us at once if a day cannot be kept.',
            ].join('\n'),
          },
        ]);
        await recordAudit(tx, this.clock, actor, {
          action: 'review.school-invited',
          entityType: 'school',
          entityId: due.school.id,
          details: { batchId, urn: due.school.urn, term: input.term, reviews: reviews.length, messageId: message!.messageId },
        });
        return { batchId, reviews, schoolMessageId: message!.messageId };
      };
    });
  }

  private present(row: ReviewRow, found: Pick<ReviewCase, 'schoolId' | 'schoolUrn' | 'schoolName' | 'caseId'>, documents?: ReadonlyMap<string, ReportDocumentRow>): ReviewView {
    const decision = row.decision as ReviewDecision | null;
    const document = row.reportDocumentId ? documents?.get(row.reportDocumentId) : undefined;
    return {
      id: row.id,
      caseId: row.caseId,
      status: row.status as ReviewStatus,
      dueOn: row.dueOn,
      meetingOn: row.meetingOn,
      meetingPlace: row.meetingPlace,
      school: row.schoolId && row.schoolId === found.schoolId && found.schoolUrn !== null && found.schoolName !== null ? { urn: found.schoolUrn, name: found.schoolName } : null,
      headTeacherHolds: row.headTeacherHolds,
      invitees: row.invitees,
      invitedOn: row.invitedOn,
      adviceBy: addWeeks(row.meetingOn as IsoDate, -2),
      shortNoticeReason: row.shortNoticeReason,
      childViews: row.childViews,
      familyViews: row.familyViews,
      heldOn: row.heldOn,
      reportDueOn: row.heldOn ? reviewReportDue(row.heldOn as IsoDate) : null,
      reportReceivedOn: row.reportReceivedOn,
      reportSummary: row.reportSummary,
      reportDocument: document
        ? { id: document.id, title: document.title, filename: document.filename, typeName: documentTypeName(document.mediaType), sizeBytes: document.sizeBytes, sentBy: document.sentBy }
        : null,
      decisionDueOn: row.heldOn ? reviewDecisionDue(row.heldOn as IsoDate) : null,
      decision,
      decisionTitle: decision ? REVIEW_DECISION_TITLES[decision] : null,
      decidedOn: row.decidedOn,
      decisionReasons: row.decisionReasons,
      lateReason: row.lateReason,
      decisionLetterId: row.decisionLetterId,
      nextStep: decision === 'amend' || decision === 'cease' ? { decision, href: reviewsPaths.afterDecision(row.id) } : null,
      version: row.version,
    };
  }
}

/** The meeting days: `perDay` on each weekday from the first. */
export function spreadMeetings(first: IsoDate, perDay: number, count: number): IsoDate[] {
  const days: IsoDate[] = [];
  let day = first;
  while (days.length < count) {
    if (dayOfWeek(day) <= 5) for (let slot = 0; slot < perDay && days.length < count; slot += 1) days.push(day);
    day = addDays(day, 1);
  }
  return days;
}
