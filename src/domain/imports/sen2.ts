// Last year's SEN2 return as a second source of an import: each Person read from it becomes the
// rows the CSV files give (a child, their requests, assessment outcomes, plans and reviews), checked
// by the same rules, and is matched to a child of the CSV files by UPN, else by surname, forename
// and date of birth. Where a child is in both, the CSV files win wherever they give a value; the
// return only fills what they lack. Pure: the file is read elsewhere (Sen2XmlReader).
//
// A row taken from the return carries its line in the return negated (line -12 is line 12 of the
// return), so a refusal of it is reported against the return, not against a CSV file.
import { addDays, type IsoDate } from '../calendar/dates.ts';
import { standardPostcode } from '../children/postcode.ts';
import { checkUpn } from '../children/upn.ts';
import type { SenNeedType } from '../plans/content.ts';
import { isSenNeedType } from '../sen2/codes.ts';
import type { Sen2ReadPerson } from '../sen2/read.ts';
import type { Sen2Request } from '../sen2/record.ts';
import type { AssessmentRow, ChildParts, ChildRow, ImportRefusal, PlanRow, RequestRow, ReviewRow } from './cases.ts';

/** The return's file in the import folder, unless the mapping file names another (files.sen2). */
export const SEN2_DEFAULT_FILE = 'sen2.xml';

/** The days the family has at least to comment on a draft plan (reg. 13(1)(b)): the return holds no draft's date. */
const DRAFT_DAYS = 15;

/** The SEN2 element a column of ours is read from, for reporting a row taken from the return. */
export const SEN2_ELEMENT_OF: Readonly<Record<string, string>> = {
  child_id: 'Person',
  forename: 'Forename',
  surname: 'Surname',
  date_of_birth: 'PersonBirthDate',
  sex: 'Sex',
  upn: 'UPN',
  postcode: 'PostCode',
  request_id: 'Requests',
  received_on: 'ReceivedDate',
  source: 'RequestSource',
  decision: 'RequestOutcome',
  decision_on: 'RequestOutcomeDate',
  outcome: 'AssessmentOutcome',
  outcome_on: 'AssessmentOutcomeDate',
  draft_issued_on: 'StartDate',
  issued_on: 'StartDate',
  primary_need: 'SENneed',
  secondary_need: 'SENneed',
  placement_urn: 'URN',
  review_id: 'ReviewMeeting',
  meeting_on: 'ReviewMeeting',
  decided_on: 'LastReview',
};

/** A line of the return, as a row taken from it carries it. */
export const sen2Line = (line: number): number => -Math.abs(line);
/** Whether a row's line is one of the return's. */
export const isSen2Line = (line: number): boolean => line < 0;

/** A child as the return describes them: the rows the CSV files would give, keyed by an id derived from the return. */
export interface Sen2Child {
  /** The Person's line in the return. */
  line: number;
  child: ChildRow;
  parts: ChildParts;
  /** Requests of the Person left out: withdrawn, historical, or a plan the return gives no issue date for. */
  skipped: number;
}

/** A name as compared: case, accents, spaces, hyphens and apostrophes ignored. */
export function normalisedName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The key a child is matched on when the UPN does not match: surname, forename and date of birth, normalised. */
export function nameKey(child: { surname: string; forename: string; dateOfBirth: string }): string {
  return `${normalisedName(child.surname)}|${normalisedName(child.forename)}|${child.dateOfBirth}`;
}

/** A short stable digest (two 32-bit FNV-1a hashes), so a key from names carries no name. */
function shortDigest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** The old id a child of the return is kept under: `sen2:` and the UPN, else a digest of names and date of birth. Stable from one import to the next. */
export function sen2ChildId(child: { upn: string | null; surname: string; forename: string; dateOfBirth: string }): string {
  return child.upn ? `sen2:${child.upn}` : `sen2:${shortDigest(nameKey(child))}`;
}

/**
 * A child of the return, and every row of theirs, under another key: a child imported from an
 * earlier return without a UPN, now given one, is still that child, with the cases imported then,
 * so they keep the key of their names and date of birth.
 */
export function withSen2ChildId(child: ChildRow, parts: ChildParts, childId: string): { child: ChildRow; parts: ChildParts } {
  const from = `${child.childId}/`;
  const moved = (id: string) => (id.startsWith(from) ? `${childId}/${id.slice(from.length)}` : id);
  return {
    child: { ...child, childId },
    parts: {
      people: parts.people.map((row) => ({ ...row, childId })),
      requests: parts.requests.map((row) => ({ ...row, childId, requestId: moved(row.requestId) })),
      assessments: parts.assessments.map((row) => ({ ...row, requestId: moved(row.requestId) })),
      plans: parts.plans.map((row) => ({ ...row, requestId: moved(row.requestId) })),
      reviews: parts.reviews.map((row) => ({ ...row, requestId: moved(row.requestId), reviewId: moved(row.reviewId) })),
    },
  };
}

const REVIEW_DECISIONS = { M: 'maintain', A: 'amend', C: 'cease' } as const;

/**
 * One Person of the return as the rows of the CSV layout, or every reason it cannot be taken: what
 * the file got wrong (by the reader), a UPN with a wrong check letter, a sex, postcode or need that
 * is not a code, a date in the future, a request without its date or source. A request withdrawn or
 * historical, or with a plan the return gives no start date for, is left out and counted.
 */
export function sen2PersonRows(read: Sen2ReadPerson, fileName: string, today: IsoDate): { ok: true; child: Sen2Child } | { ok: false; refusals: ImportRefusal[]; childId: string | null } {
  const refusals: ImportRefusal[] = read.problems.map((problem) => ({ file: fileName, line: problem.line, field: problem.field, value: problem.value, why: problem.why }));
  const person = read.person;
  const refuse = (line: number, field: string, value: string, why: string) => refusals.push({ file: fileName, line, field, value, why });
  const text = (line: number, field: string, value: string, required: boolean): string => {
    const cleaned = value.replace(/\s+/g, ' ').trim();
    if (cleaned === '' && required && !refusals.some((found) => found.field === field)) refuse(line, field, '', 'is empty');
    if (cleaned.length > 200) refuse(line, field, cleaned.slice(0, 40), 'is longer than 200 characters');
    return cleaned;
  };
  const notFuture = (line: number, field: string, date: IsoDate | null) => {
    if (date && date > today) refuse(line, field, date, 'is in the future');
  };
  const lineOf = (request: Sen2Request) => Number(request.caseId.replace(/^line-/, '')) || read.line;

  const forename = text(read.line, 'Forename', person.forename, true);
  const surname = text(read.line, 'Surname', person.surname, true);
  notFuture(read.line, 'PersonBirthDate', person.birthDate || null);
  const sex = person.sex.trim().toUpperCase();
  if (sex !== '' && sex !== 'M' && sex !== 'F' && sex !== 'U') refuse(read.line, 'Sex', person.sex, 'is not one of M, F, U');
  let upn: string | null = null;
  if (person.upn) {
    const checked = checkUpn(person.upn);
    if (checked.valid) upn = checked.upn;
    else refuse(read.line, 'UPN', person.upn, `is not a UPN: ${checked.reason}`);
  }
  let postcode: string | null = null;
  if (person.postcode) {
    postcode = standardPostcode(person.postcode) ?? null;
    if (!postcode) refuse(read.line, 'PostCode', person.postcode, 'is not a UK postcode');
  }
  const childId = person.birthDate && forename && surname ? sen2ChildId({ upn, surname, forename, dateOfBirth: person.birthDate }) : upn ? `sen2:${upn}` : null;
  const line = sen2Line(read.line);
  const child: ChildRow = {
    line,
    childId: childId ?? '',
    forename,
    surname,
    preferredName: null,
    dateOfBirth: person.birthDate,
    sex: sex as ChildRow['sex'],
    upn,
    postcode,
    schoolUrn: null,
  };

  const parts: ChildParts = { people: [], requests: [], assessments: [], plans: [], reviews: [] };
  let skipped = 0;
  for (const request of person.requests) {
    const at = lineOf(request);
    const named = request.assessment?.namedPlan ?? null;
    const active = request.activePlan;
    if (request.requestOutcome === 'W' || request.requestOutcome === 'H' || !request.receivedDate || (active && !named)) {
      // Withdrawn, historical, or an active plan whose issue the return does not date: nothing the layout can hold whole.
      if (!request.receivedDate && request.requestOutcome !== 'W' && request.requestOutcome !== 'H' && !active) refuse(at, 'ReceivedDate', '', 'ReceivedDate is missing from Requests');
      else skipped += 1;
      continue;
    }
    const requestId = `${childId ?? 'sen2'}/${request.receivedDate}`;
    notFuture(at, 'ReceivedDate', request.receivedDate);
    const source = request.requestSource;
    if (source === null) refuse(at, 'RequestSource', '', 'RequestSource is missing from Requests');
    else if (source < 1 || source > 5) refuse(at, 'RequestSource', String(source), 'is not one of 1, 2, 3, 4, 5');
    const decision = request.requestOutcome === 'Y' ? 'assess' : request.requestOutcome === 'N' ? 'refuse' : null;
    const decisionOn = decision ? request.requestOutcomeDate : null;
    if (decision && !decisionOn) refuse(at, 'RequestOutcomeDate', '', 'is empty: a decision needs its date');
    notFuture(at, 'RequestOutcomeDate', decisionOn);
    if (decisionOn && decisionOn < request.receivedDate) refuse(at, 'RequestOutcomeDate', decisionOn, `is before the request was received (${request.receivedDate})`);
    const requestRow: RequestRow = { line: sen2Line(at), requestId, childId: child.childId, receivedOn: request.receivedDate, source: (source ?? 5) as RequestRow['source'], decision, decisionOn, officerId: null, officerEmail: null };
    parts.requests.push(requestRow);

    const assessment = request.assessment;
    if (assessment && (assessment.outcome === 'Y' || assessment.outcome === 'N')) {
      if (!assessment.outcomeDate) refuse(at, 'AssessmentOutcomeDate', '', 'is empty: an outcome needs its date');
      notFuture(at, 'AssessmentOutcomeDate', assessment.outcomeDate);
      if (assessment.outcomeDate) parts.assessments.push({ line: sen2Line(at), requestId, outcome: assessment.outcome === 'Y' ? 'plan' : 'no-plan', outcomeOn: assessment.outcomeDate } satisfies AssessmentRow);
    }
    if (named && named.startDate) {
      notFuture(at, 'StartDate', named.startDate);
      const needs = [...(active?.needs ?? [])].sort((a, b) => a.senTypeRank - b.senTypeRank);
      const primary = needs.find((need) => need.senTypeRank === 1)?.senType ?? null;
      const secondary = needs.find((need) => need.senTypeRank === 2)?.senType ?? null;
      if (!primary && !refusals.some((found) => found.field === 'SENtype' || found.field === 'SENtypeRank')) refuse(at, 'SENneed', '', 'no SENneed of rank 1: a final plan names the primary need');
      if (secondary && secondary === primary) refuse(at, 'SENneed', secondary, 'is the primary need again');
      const placement = active?.placements[0] ?? named.placements[0] ?? null;
      parts.plans.push({
        line: sen2Line(at),
        requestId,
        // The return gives the final plan's date only: the draft is taken as issued the 15 days before, the least the family has on it.
        draftIssuedOn: addDays(named.startDate, -DRAFT_DAYS),
        issuedOn: named.startDate,
        primaryNeed: isSenNeedType(primary) ? (primary as SenNeedType) : null,
        secondaryNeed: isSenNeedType(secondary) ? (secondary as SenNeedType) : null,
        placementUrn: placement?.urn ?? null,
      } satisfies PlanRow);
      if (active?.reviewMeeting) {
        const reviewDecision = active.reviewOutcome ? REVIEW_DECISIONS[active.reviewOutcome] : null;
        const decidedOn = reviewDecision ? active.lastReview : null;
        if (reviewDecision && !decidedOn) refuse(at, 'LastReview', '', 'is empty: a review decision needs its date');
        if (decidedOn && decidedOn < active.reviewMeeting) refuse(at, 'LastReview', decidedOn, `is before the meeting (${active.reviewMeeting})`);
        notFuture(at, 'ReviewMeeting', active.reviewMeeting);
        parts.reviews.push({ line: sen2Line(at), reviewId: `${requestId}/${active.reviewMeeting}`, requestId, meetingOn: active.reviewMeeting, decision: reviewDecision, decidedOn } satisfies ReviewRow);
      }
    }
  }
  if (refusals.length > 0 || !childId) {
    if (!childId && refusals.length === 0) refuse(read.line, 'Person', '', 'has neither a UPN nor names and a date of birth to know the child by');
    return { ok: false, refusals, childId };
  }
  return { ok: true, child: { line: read.line, child, parts, skipped } };
}

/** What a child of the CSV files took from the return, each as "what" (upn, or a request's id and its part). */
export interface Sen2Merge {
  child: ChildRow;
  parts: ChildParts;
  filled: string[];
}

/**
 * A child of the CSV files with what the return adds: the CSV's values stand wherever they are
 * given; the return fills a missing UPN or postcode, and for each of its requests (the CSV's
 * request received the same day, or else a request of its own) a missing decision, assessment
 * outcome, plan, plan's needs and placement, final plan's date, and reviews.
 */
export function mergeSen2(csv: { child: ChildRow; parts: ChildParts }, sen2: Sen2Child): Sen2Merge {
  const filled: string[] = [];
  const child = { ...csv.child };
  if (child.upn === null && sen2.child.upn !== null) {
    child.upn = sen2.child.upn;
    filled.push('upn');
  }
  if (child.postcode === null && sen2.child.postcode !== null) {
    child.postcode = sen2.child.postcode;
    filled.push('postcode');
  }
  const parts: ChildParts = {
    people: csv.parts.people,
    requests: [...csv.parts.requests],
    assessments: [...csv.parts.assessments],
    plans: [...csv.parts.plans],
    reviews: [...csv.parts.reviews],
  };
  for (const theirs of sen2.parts.requests) {
    const assessment = sen2.parts.assessments.find((row) => row.requestId === theirs.requestId);
    const plan = sen2.parts.plans.find((row) => row.requestId === theirs.requestId);
    const reviews = sen2.parts.reviews.filter((row) => row.requestId === theirs.requestId);
    const index = parts.requests.findIndex((row) => row.receivedOn === theirs.receivedOn);
    if (index < 0) {
      parts.requests.push({ ...theirs, childId: child.childId });
      if (assessment) parts.assessments.push(assessment);
      if (plan) parts.plans.push(plan);
      parts.reviews.push(...reviews);
      filled.push(theirs.requestId);
      continue;
    }
    const ours = parts.requests[index]!;
    const id = ours.requestId;
    if (ours.decision === null && theirs.decision !== null) {
      parts.requests[index] = { ...ours, decision: theirs.decision, decisionOn: theirs.decisionOn };
      filled.push(`${id}/decision`);
    }
    if (assessment && !parts.assessments.some((row) => row.requestId === id)) {
      parts.assessments.push({ ...assessment, requestId: id });
      filled.push(`${id}/assessment`);
    }
    if (plan) {
      const planIndex = parts.plans.findIndex((row) => row.requestId === id);
      if (planIndex < 0) {
        parts.plans.push({ ...plan, requestId: id });
        filled.push(`${id}/plan`);
      } else {
        const ourPlan = { ...parts.plans[planIndex]! };
        if (ourPlan.issuedOn === null && plan.issuedOn !== null && plan.issuedOn >= ourPlan.draftIssuedOn) {
          ourPlan.issuedOn = plan.issuedOn;
          filled.push(`${id}/issued_on`);
        }
        if (ourPlan.primaryNeed === null && plan.primaryNeed !== null) {
          ourPlan.primaryNeed = plan.primaryNeed;
          ourPlan.secondaryNeed = ourPlan.secondaryNeed ?? plan.secondaryNeed;
          filled.push(`${id}/needs`);
        }
        if (ourPlan.placementUrn === null && plan.placementUrn !== null) {
          ourPlan.placementUrn = plan.placementUrn;
          filled.push(`${id}/placement_urn`);
        }
        parts.plans[planIndex] = ourPlan;
      }
    }
    if (reviews.length > 0 && !parts.reviews.some((row) => row.requestId === id)) {
      parts.reviews.push(...reviews.map((row) => ({ ...row, requestId: id, reviewId: `${id}/sen2/${row.meetingOn}` })));
      filled.push(`${id}/reviews`);
    }
  }
  return { child, parts, filled };
}

/**
 * The children of the return, found by UPN or by name and date of birth. A child of the CSV files
 * matches by UPN where both give one; otherwise by surname, forename and date of birth, unless both
 * give UPNs and they differ. Each child of the return matches one child of the CSV files at most.
 */
export class Sen2Index<T extends { line: number }> {
  private readonly byUpn = new Map<string, T>();
  private readonly byName = new Map<string, T>();
  private readonly upnOf = new Map<T, string | null>();
  private readonly taken = new Set<T>();
  private readonly all: T[] = [];

  /** Adds a child of the return; the line of the first with the same UPN or name key, when there is one. */
  add(entry: T, keys: { upn: string | null; name: string | null }): number | undefined {
    const named = keys.name ? this.byName.get(keys.name) : undefined;
    const first = (keys.upn ? this.byUpn.get(keys.upn) : undefined) ?? (named && (!keys.upn || !this.upnOf.get(named)) ? named : undefined);
    if (first) return first.line;
    if (keys.upn) this.byUpn.set(keys.upn, entry);
    if (keys.name && !named) this.byName.set(keys.name, entry);
    this.upnOf.set(entry, keys.upn);
    this.all.push(entry);
    return undefined;
  }

  /** The child of the return a child of the CSV files is, taken so no other child matches it. */
  take(keys: { upn: string | null; name: string | null }): T | undefined {
    let found = keys.upn ? this.byUpn.get(keys.upn) : undefined;
    if (!found && keys.name) {
      const candidate = this.byName.get(keys.name);
      const theirUpn = candidate ? this.upnOf.get(candidate) : null;
      if (candidate && (!keys.upn || !theirUpn)) found = candidate;
    }
    if (!found || this.taken.has(found)) return undefined;
    this.taken.add(found);
    return found;
  }

  /** The children of the return no child of the CSV files matched, in the order of the file. */
  untaken(): T[] {
    return this.all.filter((entry) => !this.taken.has(entry));
  }
}
