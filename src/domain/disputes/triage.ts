// What a tribunal would see against the council on a case in dispute, read from the case's own
// record: the plan late with no exception (SEND Regs 2014 reg. 13(2)), advice late (reg. 8(1)),
// provision in section F too vague to enforce (SEND Code of Practice 2015, 9.69), a school the
// family asked for not named with no reason on file (CFA 2014 s.39(4)), and decisions made after
// their time limits. Each finding is something the council cannot explain away at a hearing, so a
// manager can weigh settling early. Nothing here reads a clock: the day is given.
import type { IsoDate } from '../calendar/dates.ts';
import { checkPlan } from '../plans/check.ts';
import type { PlanContent } from '../plans/content.ts';

export type ConcernCode = 'twenty-weeks' | 'advice-late' | 'f-vague' | 'placement-without-reasons' | 'decision-late';

export interface Concern {
  readonly code: ConcernCode;
  readonly message: string;
}

export interface CaseDeadlineFact {
  readonly deadlineId: string;
  readonly title: string;
  readonly dueOn: string;
  readonly metOn: string | null;
}

export interface DisputeFacts {
  readonly deadlines: readonly CaseDeadlineFact[];
  /** An exception to the time limits was recorded (regs 5(4), 10(4), 13(3)). */
  readonly exceptionRecorded: boolean;
  readonly lateAdvice: readonly { organisation: string; dueOn: string; receivedOn: string | null }[];
  /** The latest issued plan, when there is one. */
  readonly plan?: PlanContent | undefined;
  /** The schools the family asked for (their URNs), and the consultations' answers. */
  readonly preferences: readonly { schoolId: string | null; urn: number; name: string }[];
  readonly consultations: readonly { schoolId: string; response: string | null; reasons: string | null }[];
}

/** The council's decisions whose lateness a tribunal would see. */
export const DECISION_DEADLINES = ['decision-to-assess', 'no-plan-decision', 'reassessment-decision', 'review-decision', 'amended-plan'] as const;

const late = (deadline: CaseDeadlineFact, today: IsoDate) => (deadline.metOn === null ? deadline.dueOn < today : deadline.metOn > deadline.dueOn);
const when = (deadline: CaseDeadlineFact) => (deadline.metOn === null ? `due ${deadline.dueOn}, still not done` : `due ${deadline.dueOn}, done ${deadline.metOn}`);

export function disputeConcerns(facts: DisputeFacts, today: IsoDate): Concern[] {
  const concerns: Concern[] = [];
  const finalPlan = facts.deadlines.find((deadline) => deadline.deadlineId === 'final-plan');
  if (finalPlan && late(finalPlan, today) && !facts.exceptionRecorded) {
    concerns.push({ code: 'twenty-weeks', message: `The final plan missed the 20 weeks (${when(finalPlan)}) with no exception recorded` });
  }
  for (const advice of facts.lateAdvice) {
    concerns.push({ code: 'advice-late', message: `Advice from ${advice.organisation} was late (due ${advice.dueOn}, ${advice.receivedOn ? `received ${advice.receivedOn}` : 'still not received'})` });
  }
  if (facts.plan) {
    const vague = checkPlan(facts.plan, 'final').filter((finding) => finding.code === 'f-vague');
    for (const finding of vague) concerns.push({ code: 'f-vague', message: finding.message });
  }
  const named = facts.plan?.i?.kind === 'school' ? facts.plan.i.urn : undefined;
  for (const preference of facts.preferences) {
    if (preference.urn === named) continue;
    const answered = facts.consultations.some((consultation) => consultation.schoolId === preference.schoolId && consultation.response === 'cannot-meet-needs' && (consultation.reasons ?? '').trim() !== '');
    if (!answered) concerns.push({ code: 'placement-without-reasons', message: `The family asked for ${preference.name}; it is not named, and no reason for refusing it is recorded` });
  }
  for (const id of DECISION_DEADLINES) {
    const deadline = facts.deadlines.find((candidate) => candidate.deadlineId === id);
    if (deadline && late(deadline, today) && !(facts.exceptionRecorded && id === 'no-plan-decision')) {
      concerns.push({ code: 'decision-late', message: `${deadline.title}: made late (${when(deadline)})` });
    }
  }
  return concerns;
}
