// Cases from a council's old system, one row and then one child at a time: what each row of each
// file must hold, and the child it all makes (their details, their people, and for each request a
// case whose history is the catalogue's events, dated as they happened), or every reason it cannot
// be taken. A child is taken whole or refused whole: a child with one wrong row anywhere (a plan
// whose need is unknown, say) is refused with all their rows, so no case is imported half made.
import { addDays, parseFileDate, type IsoDate } from '../calendar/dates.ts';
import { standardPostcode } from '../children/postcode.ts';
import { requestDateProblems } from '../children/request-dates.ts';
import { checkUpn } from '../children/upn.ts';
import { caseDeadlines, type CaseDeadline } from '../events/case-deadlines.ts';
import { eventTitle, type CaseEventType } from '../events/catalogue.ts';
import { firstOutOfOrder, stageOfHistory } from '../events/order.ts';
import type { CaseStage } from '../children/stages.ts';
import { SEN_NEED_TYPES, type SenNeedType } from '../plans/content.ts';
import { codeOf, headingOf, type CaseFile, type CaseMapping, type CodeList, type FileHeader } from './mapping.ts';
import { SEN2_DEFAULT_FILE, SEN2_ELEMENT_OF } from './sen2.ts';

export interface ImportRefusal {
  file: string;
  line: number;
  /** The council's heading of the column, or "row" for the row as a whole. */
  field: string;
  value: string;
  why: string;
}

export interface ChildRow {
  line: number;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: IsoDate;
  sex: 'M' | 'F' | 'U';
  upn: string | null;
  postcode: string | null;
  schoolUrn: number | null;
}

/** An officer of the old system, to hold a staff account here (officers.csv). */
export interface OfficerRow {
  line: number;
  officerId: string;
  name: string;
  /** Lower case. */
  email: string;
  /** The council's team, by name, when the service has one of that name. */
  team: string | null;
}

export interface PersonRow {
  line: number;
  personId: string;
  childId: string;
  forename: string;
  surname: string;
  relationship: string;
  parentalResponsibility: boolean;
  mainContact: boolean;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
}

export interface RequestRow {
  line: number;
  requestId: string;
  childId: string;
  receivedOn: IsoDate;
  source: 1 | 2 | 3 | 4 | 5;
  decision: 'assess' | 'refuse' | null;
  decisionOn: IsoDate | null;
  /** The officer holding the case, by the old system's id (officers.csv) or by e-mail. */
  officerId: string | null;
  officerEmail: string | null;
}

export interface AssessmentRow {
  line: number;
  requestId: string;
  outcome: 'plan' | 'no-plan';
  outcomeOn: IsoDate;
}

export interface PlanRow {
  line: number;
  requestId: string;
  draftIssuedOn: IsoDate;
  issuedOn: IsoDate | null;
  primaryNeed: SenNeedType | null;
  secondaryNeed: SenNeedType | null;
  placementUrn: number | null;
}

export interface ReviewRow {
  line: number;
  reviewId: string;
  requestId: string;
  meetingOn: IsoDate;
  decision: 'maintain' | 'amend' | 'cease' | null;
  decidedOn: IsoDate | null;
}

export interface RowsOf {
  officers: OfficerRow;
  children: ChildRow;
  people: PersonRow;
  requests: RequestRow;
  assessments: AssessmentRow;
  plans: PlanRow;
  reviews: ReviewRow;
}

export type ParsedRow<F extends CaseFile> = { ok: true; row: RowsOf[F] } | { ok: false; refusals: ImportRefusal[]; key?: string };

/** An old system's id: letters, digits and . _ - (up to 100), as written. */
const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads one row of a file: every cell checked, every problem listed. `today` bounds the dates. */
export function parseRow<F extends CaseFile>(file: F, fileName: string, mapping: CaseMapping, header: FileHeader, cells: readonly string[], line: number, today: IsoDate): ParsedRow<F> {
  const refusals: ImportRefusal[] = [];
  const raw = (column: string): string | undefined => {
    const position = header.positions[column];
    return position === undefined ? undefined : (cells[position] ?? '').trim();
  };
  const refuse = (column: string, value: string, why: string) => refusals.push({ file: fileName, line, field: headingOf(mapping, file, column), value, why });
  const text = (column: string, required: boolean, max = 200): string | null => {
    const value = (raw(column) ?? '').replace(/\s+/g, ' ');
    if (value === '') {
      if (required) refuse(column, '', 'is empty');
      return null;
    }
    if (value.length > max) refuse(column, value.slice(0, 40), `is longer than ${max} characters`);
    return value;
  };
  const id = (column: string): string => {
    const value = raw(column) ?? '';
    if (value === '') refuse(column, '', 'is empty');
    else if (!SOURCE_ID.test(value)) refuse(column, value, 'is not an id (letters, digits and . _ -, up to 100)');
    return value;
  };
  const date = (column: string, required: boolean): IsoDate | null => {
    const value = raw(column) ?? '';
    const parsed = parseFileDate(value);
    if (parsed === undefined) refuse(column, value, 'is not a date (dd/mm/yyyy)');
    else if (parsed === null && required) refuse(column, '', 'is empty');
    else if (parsed && parsed > today) refuse(column, value, 'is in the future');
    return parsed ?? null;
  };
  const code = (column: string, list: CodeList, required: boolean): string | null => {
    const value = raw(column) ?? '';
    if (value === '') {
      if (required) refuse(column, '', 'is empty');
      return null;
    }
    const ours = codeOf(mapping, list, value);
    if (ours === undefined) refuse(column, value, `is not a known code: add it to the mapping file's codes.${list}`);
    return ours ?? null;
  };
  const urn = (column: string): number | null => {
    const value = raw(column) ?? '';
    if (value === '') return null;
    if (!/^\d{6}$/.test(value)) {
      refuse(column, value, 'is not a URN (six digits)');
      return null;
    }
    return Number(value);
  };
  const postcode = (column: string): string | null => {
    const value = raw(column) ?? '';
    if (value === '') return null;
    const standard = standardPostcode(value);
    if (!standard) refuse(column, value, 'is not a UK postcode');
    return standard ?? null;
  };

  let row: unknown;
  let key: string | undefined;
  switch (file) {
    case 'officers': {
      const officerId = id('officer_id');
      key = officerId;
      const name = text('name', true);
      const email = text('email', true, 320);
      if (email && !EMAIL.test(email)) refuse('email', email, 'is not an email address');
      row = { line, officerId, name, email: email?.toLowerCase() ?? null, team: text('team', false, 100) };
      break;
    }
    case 'children': {
      const childId = id('child_id');
      key = childId;
      const forename = text('forename', true);
      const surname = text('surname', true);
      const preferredName = text('preferred_name', false);
      const dateOfBirth = date('date_of_birth', true);
      const sex = code('sex', 'sex', true);
      let upn: string | null = null;
      const upnText = raw('upn') ?? '';
      if (upnText !== '') {
        const checked = checkUpn(upnText);
        if (checked.valid) upn = checked.upn;
        else refuse('upn', upnText, `is not a UPN: ${checked.reason}`);
      }
      row = { line, childId, forename, surname, preferredName, dateOfBirth, sex, upn, postcode: postcode('postcode'), schoolUrn: urn('school_urn') };
      break;
    }
    case 'people': {
      const personId = id('person_id');
      const childId = id('child_id');
      key = childId;
      const email = text('email', false);
      if (email && !EMAIL.test(email)) refuse('email', email, 'is not an email address');
      row = {
        line,
        personId,
        childId,
        forename: text('forename', true),
        surname: text('surname', true),
        relationship: code('relationship', 'relationship', true),
        parentalResponsibility: code('parental_responsibility', 'yesNo', false) === 'yes',
        mainContact: code('main_contact', 'yesNo', false) === 'yes',
        email,
        phone: text('phone', false, 40),
        address: text('address', false, 500),
        postcode: postcode('postcode'),
      };
      break;
    }
    case 'requests': {
      const requestId = id('request_id');
      const childId = id('child_id');
      key = childId;
      const receivedOn = date('received_on', true);
      const source = code('source', 'source', true);
      const decision = code('decision', 'requestDecision', false);
      const decisionOn = date('decision_on', false);
      if (decision && !decisionOn && !refusals.some((refusal) => refusal.field === headingOf(mapping, file, 'decision_on'))) refuse('decision_on', '', 'is empty: a decision needs its date');
      if (!decision && decisionOn) refuse('decision', '', 'is empty: a decision date needs its decision');
      if (receivedOn && decisionOn && decisionOn < receivedOn) refuse('decision_on', raw('decision_on') ?? '', `is before the request was received (${receivedOn})`);
      const officerId = (raw('officer_id') ?? '') === '' ? null : id('officer_id');
      const officerEmail = text('officer_email', false);
      if (officerEmail && !EMAIL.test(officerEmail)) refuse('officer_email', officerEmail, 'is not an email address');
      row = { line, requestId, childId, receivedOn, source: source === null ? null : Number(source), decision, decisionOn, officerId, officerEmail: officerEmail?.toLowerCase() ?? null };
      break;
    }
    case 'assessments': {
      const requestId = id('request_id');
      key = requestId;
      row = { line, requestId, outcome: code('outcome', 'assessmentOutcome', true), outcomeOn: date('outcome_on', true) };
      break;
    }
    case 'plans': {
      const requestId = id('request_id');
      key = requestId;
      const draftIssuedOn = date('draft_issued_on', true);
      const issuedOn = date('issued_on', false);
      const primaryNeed = code('primary_need', 'need', false) as SenNeedType | null;
      const secondaryNeed = code('secondary_need', 'need', false) as SenNeedType | null;
      if (issuedOn && !primaryNeed && !refusals.some((refusal) => refusal.field === headingOf(mapping, file, 'primary_need'))) refuse('primary_need', '', 'is empty: a final plan names the primary need');
      if (secondaryNeed && !primaryNeed) refuse('secondary_need', raw('secondary_need') ?? '', 'is given without a primary need');
      if (secondaryNeed && secondaryNeed === primaryNeed) refuse('secondary_need', raw('secondary_need') ?? '', 'is the primary need again');
      row = { line, requestId, draftIssuedOn, issuedOn, primaryNeed, secondaryNeed, placementUrn: urn('placement_urn') };
      break;
    }
    case 'reviews': {
      const reviewId = id('review_id');
      const requestId = id('request_id');
      key = requestId;
      const meetingOn = date('meeting_on', true);
      const decision = code('decision', 'reviewDecision', false);
      const decidedOn = date('decided_on', false);
      if (decision && !decidedOn && !refusals.some((refusal) => refusal.field === headingOf(mapping, file, 'decided_on'))) refuse('decided_on', '', 'is empty: a decision needs its date');
      if (!decision && decidedOn) refuse('decision', '', 'is empty: a decision date needs its decision');
      if (meetingOn && decidedOn && decidedOn < meetingOn) refuse('decided_on', raw('decided_on') ?? '', `is before the meeting (${meetingOn})`);
      row = { line, reviewId, requestId, meetingOn, decision, decidedOn };
      break;
    }
  }
  if (refusals.length > 0) return { ok: false, refusals, ...(key && SOURCE_ID.test(key) ? { key } : {}) };
  return { ok: true, row: row as RowsOf[F] };
}

/** An event of an imported case: its place in the case (stable from one import to the next), type, date and payload. */
export interface ImportedEvent {
  key: string;
  type: CaseEventType;
  occurredOn: IsoDate;
  payload: Record<string, unknown>;
}

export interface ImportedPlan {
  draftIssuedOn: IsoDate;
  issuedOn: IsoDate | null;
  needs: { type: SenNeedType; primary: boolean }[];
  placementUrn: number | null;
}

export interface ImportedCase {
  requestId: string;
  receivedOn: IsoDate;
  source: RequestRow['source'];
  officerEmail: string | null;
  events: ImportedEvent[];
  plan: ImportedPlan | null;
  reviews: ReviewRow[];
  stage: CaseStage;
  closedOn: IsoDate | null;
  /** The deadlines the clocks give this history, as if each event had been recorded on its day. */
  deadlines: CaseDeadline[];
}

/** A child as the files describe them, whole: the unit an import writes or refuses. */
export interface ImportedChild {
  child: ChildRow;
  people: PersonRow[];
  cases: ImportedCase[];
}

/** Every row the files hold for one child, by file. */
export interface ChildParts {
  people: PersonRow[];
  requests: RequestRow[];
  assessments: AssessmentRow[];
  plans: PlanRow[];
  reviews: ReviewRow[];
}

/** What the database knows that a child's rows name: the council's officers and the schools register. */
export interface ImportLookups {
  officerKnown(email: string): boolean;
  schoolKnown(urn: number): boolean;
  /**
   * The officer an old system's id names (in officers.csv, or imported before): their e-mail, or
   * 'refused' when their row in officers.csv is refused; undefined when no officer has that id.
   */
  officerById?(officerId: string): { email: string } | 'refused' | undefined;
}

/** Where each of a case's events came from, so an event out of order is reported on its row. */
interface EventSource {
  file: CaseFile;
  line: number;
  column: string;
  value: string;
}

/**
 * The child the rows make, or every reason they cannot: a request dated before the birth or after
 * the 25th birthday, an officer or school not known, an assessment outcome without a decision to
 * assess, a history whose steps are out of the catalogue's order (a final plan before the family's
 * 15 days on the draft), more than one open case. `fileNames` gives each file's name for the report
 * (and `sen2`, the SEN2 return's, for a row taken from it: its line is the return's, negated).
 */
export function assembleChild(
  child: ChildRow,
  parts: ChildParts,
  mapping: CaseMapping,
  fileNames: Record<CaseFile, string> & { sen2?: string },
  lookups: ImportLookups,
  today: IsoDate,
): { ok: true; record: ImportedChild } | { ok: false; refusals: ImportRefusal[] } {
  const refusals: ImportRefusal[] = [];
  const refuse = (file: CaseFile, line: number, column: string, value: string, why: string) =>
    refusals.push(
      line < 0
        ? { file: fileNames.sen2 ?? SEN2_DEFAULT_FILE, line: -line, field: column === 'row' ? 'Requests' : (SEN2_ELEMENT_OF[column] ?? column), value, why }
        : { file: fileNames[file], line, field: column === 'row' ? 'row' : headingOf(mapping, file, column), value, why },
    );

  if (child.schoolUrn !== null && !lookups.schoolKnown(child.schoolUrn)) refuse('children', child.line, 'school_urn', String(child.schoolUrn), 'is not in the schools register: import the register first');
  once(parts.people, (person) => person.personId, (person, first) => refuse('people', person.line, 'person_id', person.personId, `appears again for this child (first on line ${Math.abs(first.line)})`));

  const cases: ImportedCase[] = [];
  once(parts.requests, (request) => request.requestId, (request, first) => refuse('requests', request.line, 'request_id', request.requestId, `appears again (first on line ${Math.abs(first.line)})`));
  const requests = new Map(parts.requests.map((request) => [request.requestId, request]));
  const byRequest = <T extends { requestId: string; line: number }>(file: CaseFile, rows: T[], what: string): Map<string, T[]> => {
    const grouped = new Map<string, T[]>();
    for (const row of rows) {
      if (!requests.has(row.requestId)) {
        refuse(file, row.line, 'request_id', row.requestId, `is not a request of this child in ${fileNames.requests}`);
        continue;
      }
      grouped.set(row.requestId, [...(grouped.get(row.requestId) ?? []), row]);
    }
    for (const [, group] of grouped) for (const extra of group.slice(1)) if (what !== 'review') refuse(file, extra.line, 'request_id', extra.requestId, `has a second ${what} (first on line ${Math.abs(group[0]!.line)}): a request has one`);
    return grouped;
  };
  const assessments = byRequest('assessments', parts.assessments, 'assessment outcome');
  const plans = byRequest('plans', parts.plans, 'plan');
  const reviews = byRequest('reviews', parts.reviews, 'review');

  for (const request of requests.values()) {
    const problems = requestDateProblems({ receivedOn: request.receivedOn, dateOfBirth: child.dateOfBirth, today });
    if (problems.includes('before-birth')) refuse('requests', request.line, 'received_on', request.receivedOn, `is before the child’s date of birth (${child.dateOfBirth})`);
    if (problems.includes('aged-25-or-over')) refuse('requests', request.line, 'received_on', request.receivedOn, 'is on or after the child’s 25th birthday');
    let officerEmail = request.officerEmail;
    if (request.officerId) {
      const officer = lookups.officerById?.(request.officerId);
      if (officer === undefined) refuse('requests', request.line, 'officer_id', request.officerId, `is not an officer in ${fileNames.officers}: add their row, or name the officer by e-mail`);
      else if (officer === 'refused') refuse('requests', request.line, 'officer_id', request.officerId, `is an officer whose row in ${fileNames.officers} is refused`);
      else if (request.officerEmail && request.officerEmail !== officer.email) refuse('requests', request.line, 'officer_email', request.officerEmail, `is not the e-mail of officer ${request.officerId} in ${fileNames.officers} (${officer.email})`);
      else officerEmail = officer.email;
    } else if (officerEmail && !lookups.officerKnown(officerEmail)) refuse('requests', request.line, 'officer_email', officerEmail, `is not a staff account of the council: create the account first, or add the officer to ${fileNames.officers}`);

    const events: ImportedEvent[] = [];
    const sources = new Map<string, EventSource>();
    const add = (event: ImportedEvent, source: EventSource) => {
      events.push(event);
      sources.set(event.key, source);
    };
    add({ key: 'request.received', type: 'request.received', occurredOn: request.receivedOn, payload: { source: request.source } }, { file: 'requests', line: request.line, column: 'received_on', value: request.receivedOn });
    if (request.decision && request.decisionOn) {
      const type = request.decision === 'assess' ? 'assessment.agreed' : 'assessment.refused';
      add({ key: type, type, occurredOn: request.decisionOn, payload: { outcome: request.decision === 'assess' ? 'agree' : 'refuse' } }, { file: 'requests', line: request.line, column: 'decision_on', value: request.decisionOn });
    }
    const assessment = assessments.get(request.requestId)?.[0];
    if (assessment) {
      const type = assessment.outcome === 'plan' ? 'plan.agreed' : 'plan.refused';
      add({ key: type, type, occurredOn: assessment.outcomeOn, payload: { outcome: assessment.outcome === 'plan' ? 'agree' : 'refuse' } }, { file: 'assessments', line: assessment.line, column: 'outcome_on', value: assessment.outcomeOn });
    }
    const planRow = plans.get(request.requestId)?.[0];
    let plan: ImportedPlan | null = null;
    if (planRow) {
      if (planRow.placementUrn !== null && !lookups.schoolKnown(planRow.placementUrn)) refuse('plans', planRow.line, 'placement_urn', String(planRow.placementUrn), 'is not in the schools register: import the register first');
      const needs = [
        ...(planRow.primaryNeed ? [{ type: planRow.primaryNeed, primary: true }] : []),
        ...(planRow.secondaryNeed ? [{ type: planRow.secondaryNeed, primary: false }] : []),
      ];
      plan = { draftIssuedOn: planRow.draftIssuedOn, issuedOn: planRow.issuedOn, needs, placementUrn: planRow.placementUrn };
      add({ key: 'draft.issued', type: 'draft.issued', occurredOn: planRow.draftIssuedOn, payload: {} }, { file: 'plans', line: planRow.line, column: 'draft_issued_on', value: planRow.draftIssuedOn });
      if (planRow.issuedOn) {
        add(
          { key: 'plan.issued', type: 'plan.issued', occurredOn: planRow.issuedOn, payload: planRow.primaryNeed ? { primaryNeed: planRow.primaryNeed } : {} },
          { file: 'plans', line: planRow.line, column: 'issued_on', value: planRow.issuedOn },
        );
      }
    }
    const reviewRows = [...(reviews.get(request.requestId) ?? [])].sort((a, b) => (a.meetingOn < b.meetingOn ? -1 : a.meetingOn > b.meetingOn ? 1 : 0));
    once(reviewRows, (review) => review.reviewId, (review, first) => refuse('reviews', review.line, 'review_id', review.reviewId, `appears again (first on line ${Math.abs(first.line)})`));
    // One review runs at a time: every review but the last has its decision.
    for (const review of reviewRows.slice(0, -1)) {
      if (!review.decision) refuse('reviews', review.line, 'decision', '', 'is empty, but a later review of the plan follows: each review but the last has its decision');
    }
    for (const review of reviewRows) {
      add({ key: `review.held:${review.reviewId}`, type: 'review.held', occurredOn: review.meetingOn, payload: {} }, { file: 'reviews', line: review.line, column: 'meeting_on', value: review.meetingOn });
      if (review.decision && review.decidedOn) {
        add(
          { key: `review.decided:${review.reviewId}`, type: 'review.decided', occurredOn: review.decidedOn, payload: { decision: review.decision } },
          { file: 'reviews', line: review.line, column: 'decided_on', value: review.decidedOn },
        );
      }
    }
    const broken = firstOutOfOrder(events);
    if (broken) {
      const source = sources.get(broken.event.key)!;
      refuse(source.file, source.line, source.column, source.value, `cannot stand in the case’s history: “${eventTitle(broken.event.type)}” — ${broken.refusal.message}`);
    }
    const { stage, closedOn } = stageOfHistory(events);
    cases.push({
      requestId: request.requestId,
      receivedOn: request.receivedOn,
      source: request.source,
      officerEmail,
      events,
      plan,
      reviews: reviewRows,
      stage,
      closedOn,
      deadlines: caseDeadlines(events),
    });
  }
  const open = cases.filter((found) => found.closedOn === null);
  if (open.length > 1) {
    const [, second] = open;
    const row = requests.get(second!.requestId)!;
    refuse('requests', row.line, 'request_id', row.requestId, `is a second open case for the child (with ${open[0]!.requestId}): a child has one open case; record how the earlier one ended`);
  }
  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, record: { child, people: parts.people, cases: cases.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0)) } };
}

function once<T>(rows: readonly T[], keyOf: (row: T) => string, again: (row: T, first: T) => void): void {
  const seen = new Map<string, T>();
  for (const row of rows) {
    const first = seen.get(keyOf(row));
    if (first) again(row, first);
    else seen.set(keyOf(row), row);
  }
}

/** A record's details without the lines they were read from: what a digest compares from one import to the next. */
export function withoutLines<T extends { line: number }>(row: T): Omit<T, 'line'> {
  const { line: _line, ...rest } = row;
  return rest;
}

/** The words the plan's section B gives an imported need. */
export function importedNeedDescription(type: SenNeedType, sourceSystem: string): string {
  return `${SEN_NEED_TYPES[type]} (imported from ${sourceSystem})`;
}

/** The day invitations to an imported review are taken to have gone: the 2 weeks before its meeting (reg. 20(3)). */
export function importedInvitationDay(meetingOn: IsoDate): IsoDate {
  return addDays(meetingOn, -14);
}
