// What the DfE's SEN2 return will say about a case's EHC plan, derived from the case's history
// (the request received, the exceptions recorded, the draft and final plans issued) and the final
// plan's own content (section I's placement, section B's needs). Nothing here is typed in a second
// time, so the return always agrees with the plan that was sent and the history that stands.
//
// The element names follow the person-level return (see the SEN2 guide's NamedPlan, PlanDetail and
// SENneed). The XML of the return is built from these facts elsewhere; this module only decides
// them. The year's DfE specification remains the word on element names and codes.
import type { IsoDate } from '../calendar/dates.ts';
import { finalPlanDeadline } from '../clocks/assessment.ts';
import type { PlanContent, SenNeedType } from './content.ts';

/** An event of the case's history as these facts need it: corrected events no longer count. */
export interface Sen2HistoryEvent {
  readonly type: string;
  readonly occurredOn: IsoDate;
  readonly corrected?: boolean;
}

/** SEN2 SENSetting codes for a placement that is not a school with a URN. */
export const SEN2_SETTING_CODES = {
  OLA: 'Other arrangements made by the local authority',
  OPA: 'Other arrangements made by the parents',
  EHE: 'Elective home education',
  EYP: 'Early years provider with no URN',
  OTH: 'Other',
  NEET: 'Not in education, employment or training',
  NIEC: 'Not in education: ceased',
  NIEO: 'Not in education: other',
} as const;
export type Sen2SettingCode = keyof typeof SEN2_SETTING_CODES;

/**
 * PlanDetail: the placement section I names. A school is given by its URN (from the schools
 * register); a type of setting has no URN, so it is SENSetting OTH with the plan's own words as
 * SENSettingOther.
 */
export interface Sen2Placement {
  /** PlanDetail/URN: the school's unique reference number; null for a type of setting. */
  readonly urn: number | null;
  /** PlanDetail/SENSetting: null when a URN is given. */
  readonly senSetting: Sen2SettingCode | null;
  /** PlanDetail/SENSettingOther: the type of setting in the plan's words, with SENSetting OTH. */
  readonly senSettingOther: string | null;
  /** PlanDetail/PlacementRank: 1, the one placement section I names. */
  readonly placementRank: 1;
}

/** SENneed: a type of need from section B and its rank (1 the primary need, 2 a secondary need). */
export interface Sen2Need {
  /** SENneed/SENtype. */
  readonly senType: SenNeedType;
  /** SENneed/SENtypeRank. */
  readonly senTypeRank: 1 | 2;
}

export interface Sen2PlanFacts {
  /** Requests/ReceivedDate: the request received, which starts the 20 weeks (reg. 13(2)). */
  readonly receivedDate: IsoDate | null;
  /** The draft plan's issue (not itself in the return; shown beside the final plan's). */
  readonly draftIssuedOn: IsoDate | null;
  /** NamedPlan/StartDate: the day the final plan was issued; null until it is. */
  readonly startDate: IsoDate | null;
  /** The last day of the 20 weeks from the request (reg. 13(2)); null without a request. */
  readonly twentyWeeksEnd: IsoDate | null;
  /** Whether an exception to the time limits stands on the case (regs 5(4), 10(4), 13(3)). */
  readonly exceptionRecorded: boolean;
  /**
   * Assessment/Week20: 1 when the final plan was issued within 20 weeks of the request, 0 when
   * later; null until the final plan is issued (or when no request is recorded).
   */
  readonly week20: 1 | 0 | null;
  /**
   * "Within 20 weeks excluding exceptions": 1 when issued within 20 weeks, or later with an
   * exception recorded (the DfE's guide counts such a plan as in time); 0 when late with none.
   * Which of the two the year's specification wants in the Week20 element is for the return.
   */
  readonly week20ExcludingExceptions: 1 | 0 | null;
  /** PlanDetail: section I's placement; null when the plan names none. */
  readonly placement: Sen2Placement | null;
  /** SENneed: each type of need in section B once, the primary need first (rank 1). */
  readonly needs: readonly Sen2Need[];
}

/** The events of one type that stand (corrections withdrawn), earliest first. */
function standing(history: readonly Sen2HistoryEvent[], type: string): Sen2HistoryEvent[] {
  return history.filter((event) => event.type === type && !event.corrected).sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
}

/** PlanDetail from section I: a school by URN, or a type of setting as SENSetting OTH. */
export function sen2Placement(placement: PlanContent['i']): Sen2Placement | null {
  if (!placement) return null;
  if (placement.kind === 'school') return { urn: placement.urn, senSetting: null, senSettingOther: null, placementRank: 1 };
  return { urn: null, senSetting: 'OTH', senSettingOther: placement.settingType, placementRank: 1 };
}

/** SENneed from section B: the primary need's type ranked 1, every other type once, ranked 2. */
export function sen2Needs(needs: PlanContent['b']): Sen2Need[] {
  const primary = needs.find((need) => need.primary);
  const result: Sen2Need[] = primary ? [{ senType: primary.type, senTypeRank: 1 }] : [];
  for (const need of needs) {
    if (!result.some((entry) => entry.senType === need.type)) result.push({ senType: need.type, senTypeRank: 2 });
  }
  return result;
}

/**
 * The SEN2 facts of a case's EHC plan. `finalContent` is the content of the final plan as issued
 * (null before it is): placement and needs come from the plan that was sent, not from a version
 * still being written. Dates come from the history that stands: the first request received, the
 * latest draft and final plan issued.
 */
export function sen2PlanFacts(history: readonly Sen2HistoryEvent[], finalContent: PlanContent | null): Sen2PlanFacts {
  const receivedDate = standing(history, 'request.received')[0]?.occurredOn ?? null;
  const draftIssuedOn = standing(history, 'draft.issued').at(-1)?.occurredOn ?? null;
  const startDate = standing(history, 'plan.issued').at(-1)?.occurredOn ?? null;
  const exceptionRecorded = standing(history, 'exception.recorded').length > 0;
  const twentyWeeksEnd = receivedDate ? finalPlanDeadline(receivedDate).due : null;
  const within = startDate && twentyWeeksEnd ? startDate <= twentyWeeksEnd : null;
  return {
    receivedDate,
    draftIssuedOn,
    startDate,
    twentyWeeksEnd,
    exceptionRecorded,
    week20: within === null ? null : within ? 1 : 0,
    week20ExcludingExceptions: within === null ? null : within || exceptionRecorded ? 1 : 0,
    placement: finalContent ? sen2Placement(finalContent.i) : null,
    needs: finalContent ? sen2Needs(finalContent.b) : [],
  };
}
