// From the facts of a child's cases to what the DfE's SEN2 return says of the child: the Person,
// each request (one a case) with its assessment, the plan it led to and, for a plan maintained on
// the census date, the ActivePlans module with its placement and needs. Every value comes from the
// case's events that stand and the plan as issued; nothing is typed in for the return, and a value
// the case does not hold is left empty for the validation to name, never made up.
import { dateParts, type IsoDate } from '../calendar/dates.ts';
import { standingEvents, type HistoryEvent } from '../events/order.ts';
import { sen2RequestFacts, type Sen2OutcomeCode } from '../events/sen2.ts';
import type { PlanContent } from '../plans/content.ts';
import { sen2Needs, sen2Placement, sen2PlanFacts, type Sen2Need, type Sen2Placement } from '../plans/sen2-facts.ts';
import { isSenNeedType, reviewOutcomeCode, type ReviewOutcomeCode } from './codes.ts';

/** The census date and the calendar year before it, which the return's flows cover. */
export interface Sen2Period {
  readonly censusDate: IsoDate;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** The return's period for a census date: the calendar year before the census date's year. */
export function sen2Period(censusDate: IsoDate): Sen2Period {
  const year = dateParts(censusDate).year - 1;
  return { censusDate, from: `${year}-01-01` as IsoDate, to: `${year}-12-31` as IsoDate };
}

/**
 * The types of event the return reads: a case's other events (allocations, letters, meetings
 * booked) change nothing in it, so they need not be read. Corrections are read whatever their type.
 */
export const SEN2_EVENT_TYPES = [
  'request.received',
  'assessment.agreed',
  'assessment.refused',
  'request.withdrawn',
  'plan.agreed',
  'plan.refused',
  'draft.issued',
  'plan.issued',
  'exception.recorded',
  'review.held',
  'review.decided',
  'plan.ceased',
  'transfer-in.recorded',
  'transfer-out.plan-sent',
  'mediation.requested',
  'appeal.registered',
] as const;

/**
 * The types whose payload the return reads (a CeaseReason, a review's decision, a primary need, and
 * for a plan received from another council its LA code and the original request's date and source).
 */
export const SEN2_PAYLOAD_TYPES = ['plan.issued', 'review.decided', 'plan.ceased', 'transfer-in.recorded'] as const;

export interface Sen2Event extends HistoryEvent {
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** A case as the return needs it. */
export interface Sen2CaseInput {
  readonly caseId: string;
  readonly reference: string;
  /** The day the case closed; null while open. */
  readonly closedOn: IsoDate | null;
  readonly events: readonly Sen2Event[];
  /** The request's RequestSource as recorded with it; null without a request row (a plan transferred in carries its own in its event). */
  readonly requestSource: number | null;
  /** The content of the first final plan issued: NamedPlan's PlanDetail. */
  readonly firstPlan: PlanContent | null;
  /** The content of the plan in force on the census date (the last final or amended version issued by then). */
  readonly currentPlan: PlanContent | null;
}

export interface Sen2ChildInput {
  readonly childId: string;
  readonly forename: string;
  readonly surname: string;
  readonly dateOfBirth: IsoDate;
  readonly sex: string;
  readonly ethnicity: string | null;
  readonly postcode: string | null;
  readonly upn: string | null;
  readonly uln: string | null;
  /** Why the child has no UPN: a UPNunknown code (UN1 to UN10), or null. */
  readonly upnUnknown: string | null;
  readonly cases: readonly Sen2CaseInput[];
}

export interface Sen2NamedPlan {
  readonly startDate: IsoDate;
  readonly ceaseDate: IsoDate | null;
  readonly ceaseReason: string | null;
  readonly placements: readonly Sen2Placement[];
}

export interface Sen2Assessment {
  readonly outcome: Sen2OutcomeCode;
  readonly outcomeDate: IsoDate | null;
  readonly mediation: 0 | 1 | null;
  readonly tribunal: 0 | 1 | null;
  /** 1 when the plan was issued within 20 weeks of the request, exceptions excluded (regs 13(2), 13(3)); only with a plan. */
  readonly week20: 0 | 1 | null;
  readonly namedPlan: Sen2NamedPlan | null;
}

export interface Sen2ActivePlan {
  /** ActivePlans/TransferLA: the LA code of the council the plan was received from (reg. 15); null otherwise, or not recorded. */
  readonly transferLa: string | null;
  readonly reviewMeeting: IsoDate | null;
  readonly reviewOutcome: ReviewOutcomeCode | null;
  readonly lastReview: IsoDate | null;
  readonly placements: readonly Sen2Placement[];
  readonly needs: readonly Sen2Need[];
  /** The plan came from another council (reg. 15): it has no request here. */
  readonly transferredIn: boolean;
}

export interface Sen2Request {
  readonly caseId: string;
  readonly reference: string;
  readonly receivedDate: IsoDate | null;
  readonly requestSource: number | null;
  readonly requestOutcome: Sen2OutcomeCode;
  readonly requestOutcomeDate: IsoDate | null;
  readonly requestMediation: 0 | 1 | null;
  readonly requestTribunal: 0 | 1 | null;
  readonly assessment: Sen2Assessment | null;
  readonly activePlan: Sen2ActivePlan | null;
}

export interface Sen2Person {
  readonly childId: string;
  readonly surname: string;
  readonly forename: string;
  readonly birthDate: IsoDate;
  readonly sex: string;
  readonly ethnicity: string | null;
  readonly postcode: string | null;
  readonly upn: string | null;
  readonly uln: string | null;
  /** Person/UPNunknown: given only where there is no UPN. */
  readonly upnUnknown: string | null;
  readonly requests: readonly Sen2Request[];
}

const within = (date: IsoDate | null | undefined, period: Sen2Period) => !!date && date >= period.from && date <= period.to;
const last = <T extends Sen2Event>(events: readonly T[], type: string) => events.findLast((event) => event.type === type);
const flag = (events: readonly Sen2Event[], type: string, after: IsoDate | null): 0 | 1 => (after && events.some((event) => event.type === type && event.occurredOn >= after) ? 1 : 0);

/**
 * How the plan ended, from the events: `plan.ceased` with its CeaseReason; a plan sent to another
 * council on a move (CeaseReason 5); or a case closed after a review decided to cease, with the
 * reason that decision recorded. Null while the plan is maintained.
 */
function ending(standing: readonly Sen2Event[], closedOn: IsoDate | null): { date: IsoDate; reason: string | null } | null {
  const ceased = last(standing, 'plan.ceased');
  if (ceased) return { date: ceased.occurredOn, reason: reasonOf(ceased.payload?.reasonCode) };
  const sent = last(standing, 'transfer-out.plan-sent');
  if (sent) return { date: sent.occurredOn, reason: '5' };
  const review = last(standing, 'review.decided');
  const decision = review?.payload?.decision ?? review?.payload?.outcome;
  if (closedOn && review && decision === 'cease') return { date: closedOn, reason: reasonOf(review.payload?.ceaseReason) };
  return null;
}

const reasonOf = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);

/** What the plan received on a move carries from its papers: the other council's LA code and who made the original request. */
function transferFacts(event: Sen2Event | undefined): { laCode: string | null; requestSource: number | null } {
  const laCode = event?.payload?.laCode;
  const source = event?.payload?.requestSource;
  return { laCode: typeof laCode === 'string' && /^\d{3}$/.test(laCode) ? laCode : null, requestSource: typeof source === 'number' ? source : null };
}

function placementsOf(content: PlanContent | null): Sen2Placement[] {
  const placement = content ? sen2Placement(content.i) : null;
  return placement ? [placement] : [];
}

/** SENneed from the plan's section B; a plan the case holds no content for gives the primary need its issue recorded. */
function needsOf(content: PlanContent | null, issued: Sen2Event | undefined): Sen2Need[] {
  if (content) return sen2Needs(content.b);
  const recorded = issued?.payload?.primaryNeed;
  return isSenNeedType(recorded) ? [{ senType: recorded, senTypeRank: 1 }] : [];
}

/** One case's request as the return tells it, or null when the case has no part in this return. */
export function sen2Request(input: Sen2CaseInput, period: Sen2Period): Sen2Request | null {
  // The return is as things stood on the census date: what was recorded as happening later has no part.
  const standing = standingEvents(input.events.filter((event) => event.occurredOn <= period.censusDate));
  if (standing.length === 0) return null;
  const facts = sen2RequestFacts(standing);
  const issued = last(standing, 'plan.issued');
  const transfer = last(standing, 'transfer-in.recorded');
  const transferredIn = !!transfer;
  const received = transferFacts(transfer);
  const ended = issued || transferredIn ? ending(standing, input.closedOn && input.closedOn <= period.censusDate ? input.closedOn : null) : null;
  const active = (!!issued || transferredIn) && (!ended || ended.date > period.censusDate);
  const awaiting = !!facts.receivedDate && (facts.requestOutcome.code === 'A' || facts.assessmentOutcome?.code === 'A');
  const inScope =
    active ||
    awaiting ||
    within(facts.receivedDate, period) ||
    within(facts.requestOutcome.date, period) ||
    within(facts.assessmentOutcome?.date, period) ||
    within(issued?.occurredOn, period) ||
    (!!ended && within(ended.date, period));
  if (!inScope) return null;

  let assessment: Sen2Assessment | null = null;
  if (facts.assessmentOutcome) {
    const planFacts = sen2PlanFacts(standing, input.firstPlan);
    const namedPlan: Sen2NamedPlan | null =
      issued && facts.assessmentOutcome.code === 'Y'
        ? { startDate: issued.occurredOn, ceaseDate: ended?.date ?? null, ceaseReason: ended?.reason ?? null, placements: placementsOf(input.firstPlan) }
        : null;
    const decided = facts.assessmentOutcome.code === 'A' ? null : facts.assessmentOutcome.date;
    assessment = {
      outcome: facts.assessmentOutcome.code,
      outcomeDate: facts.assessmentOutcome.date,
      mediation: decided ? flag(standing, 'mediation.requested', decided) : null,
      tribunal: decided ? flag(standing, 'appeal.registered', decided) : null,
      week20: namedPlan ? planFacts.week20ExcludingExceptions : null,
      namedPlan,
    };
  }

  let activePlan: Sen2ActivePlan | null = null;
  if (active) {
    const decidedReview = last(standing, 'review.decided');
    activePlan = {
      transferLa: received.laCode,
      reviewMeeting: last(standing, 'review.held')?.occurredOn ?? null,
      reviewOutcome: decidedReview ? reviewOutcomeCode(decidedReview.payload?.decision ?? decidedReview.payload?.outcome) : null,
      lastReview: decidedReview?.occurredOn ?? null,
      placements: placementsOf(input.currentPlan),
      needs: needsOf(input.currentPlan, issued),
      transferredIn,
    };
  }

  const refused = facts.requestOutcome.code === 'N' ? facts.requestOutcome.date : null;
  return {
    caseId: input.caseId,
    reference: input.reference,
    receivedDate: facts.receivedDate,
    requestSource: input.requestSource ?? received.requestSource,
    requestOutcome: facts.requestOutcome.code,
    requestOutcomeDate: facts.requestOutcome.date,
    requestMediation: refused ? flag(standing, 'mediation.requested', refused) : null,
    requestTribunal: refused ? flag(standing, 'appeal.registered', refused) : null,
    assessment,
    activePlan,
  };
}

/** A child's Person in the return, or null when none of the child's cases has a part in it. */
export function sen2Person(input: Sen2ChildInput, period: Sen2Period): Sen2Person | null {
  const requests = input.cases.map((entry) => sen2Request(entry, period)).filter((entry): entry is Sen2Request => entry !== null);
  if (requests.length === 0) return null;
  return {
    childId: input.childId,
    surname: input.surname,
    forename: input.forename,
    birthDate: input.dateOfBirth,
    sex: input.sex,
    ethnicity: input.ethnicity,
    postcode: input.postcode,
    upn: input.upn,
    uln: input.uln,
    upnUnknown: input.upn ? null : input.upnUnknown,
    requests,
  };
}
