import { addDays, type IsoDate } from '../../domain/calendar/index.ts';
import { isRecordedLate } from '../../domain/children/request-dates.ts';
import type { CaseStage } from '../../domain/children/stages.ts';
import type { CaseEventType } from '../../domain/events/index.ts';
import { DECISION_ROLES, hasRole, type Actor } from '../../features/auth/index.ts';
import type { TestApp } from '../app.ts';
import { aChild, type NewChildDetails } from './children.ts';
import { aDecisionMaker } from './officers.ts';

/**
 * The decisions on the way to a stage: made through the decisions service, with reasons, by an
 * officer with the authority to make them (the actor, if they have it; otherwise a decision-maker
 * of the same council).
 */
const DECISIONS: Partial<Record<CaseEventType, { outcome: 'assess' | 'do-not-assess'; reasons: string }>> = {
  'assessment.agreed': { outcome: 'assess', reasons: 'The school’s evidence shows needs it cannot meet from its own resources.' },
  'assessment.refused': { outcome: 'do-not-assess', reasons: 'The school’s support plan is meeting the needs: the evidence shows steady progress.' },
};

/**
 * The steps that bring a request to each stage, each with its usual distance in days from the step
 * before: a decision within the 6 weeks, a draft and the final plan within the 20, the annual
 * review within the year.
 */
const STEPS_TO: Record<CaseStage, readonly { type: CaseEventType; daysAfter: number }[]> = {
  request: [],
  assessment: [{ type: 'assessment.agreed', daysAfter: 35 }],
  draft: [
    { type: 'assessment.agreed', daysAfter: 35 },
    { type: 'draft.issued', daysAfter: 70 },
  ],
  plan: [
    { type: 'assessment.agreed', daysAfter: 35 },
    { type: 'draft.issued', daysAfter: 70 },
    { type: 'plan.issued', daysAfter: 21 },
  ],
  review: [
    { type: 'assessment.agreed', daysAfter: 35 },
    { type: 'draft.issued', daysAfter: 70 },
    { type: 'plan.issued', daysAfter: 21 },
    // Arranged for the day it is held: the meeting's date.
    { type: 'review.scheduled', daysAfter: 330 },
    { type: 'review.held', daysAfter: 0 },
  ],
  closed: [{ type: 'assessment.refused', daysAfter: 35 }],
};

export interface CaseOptions {
  /** The stage to bring the case to; a request just received when not given. */
  stage?: CaseStage;
  /** The day the request was received; by default far enough back that every step lies a week in the past. */
  receivedOn?: string;
  /** Why the request is recorded late; one is given for a request received more than a year ago unless told. */
  recordedLateReason?: string;
  /** SEN2 request source, 1 to 5. */
  source?: number;
  /** The new child's details, over aChild's. */
  child?: Partial<NewChildDetails>;
  /** A child already known, instead of a new one. */
  childId?: string;
  /**
   * Whether a new child that shares names and a date of birth with a child held is confirmed as a
   * different child (as tests that name their children mean); true unless told.
   */
  confirmedNewChild?: boolean;
  /** The day of a step on the way to the stage, instead of its usual distance from the one before. */
  stepDates?: Partial<Record<CaseEventType, string>>;
}

export interface TestCase {
  caseId: string;
  childId: string;
  reference: string;
}

/**
 * An EHC case at any stage, recorded as an officer would: the request through the requests service,
 * the decision whether to assess through the decisions service (by a decision-maker, with reasons),
 * then each other step to the stage through the case-progress service, so the events, the
 * deadlines, the officer's count and the audit are the ones the service writes. A case officer
 * holds the case; a request recorded by anyone else waits in the unallocated queue.
 */
export async function aCase(testApp: Pick<TestApp, 'services' | 'clock'>, actor: Actor, options: CaseOptions = {}): Promise<TestCase> {
  const stage = options.stage ?? 'request';
  const steps = STEPS_TO[stage];
  for (const type of Object.keys(options.stepDates ?? {})) {
    if (!steps.some((step) => step.type === type)) throw new Error(`aCase: ${type} is not a step on the way to the ${stage} stage`);
  }
  const today = testApp.clock.today() as IsoDate;
  const receivedOn = options.receivedOn ?? addDays(today, -(steps.reduce((days, step) => days + step.daysAfter, 0) + 7));
  const recordedLateReason = options.recordedLateReason ?? (isRecordedLate(receivedOn as IsoDate, today) ? 'Carried over from the paper file' : undefined);
  const created = await testApp.services.requests.recordRequest(actor, {
    receivedOn,
    source: options.source ?? 1,
    ...(recordedLateReason ? { recordedLateReason } : {}),
    ...(options.childId ? { childId: options.childId } : { child: aChild(options.child), confirmedNewChild: options.confirmedNewChild ?? true }),
  });
  let previous = receivedOn as IsoDate;
  for (const step of steps) {
    const usual = addDays(previous, step.daysAfter);
    // A usual date still to come is brought back to today (or the step before, if that is later).
    const occurredOn = (options.stepDates?.[step.type] as IsoDate | undefined) ?? (usual <= today ? usual : previous > today ? previous : today);
    const decision = DECISIONS[step.type];
    if (decision) {
      const decider = hasRole(actor, ...DECISION_ROLES) ? actor : (await aDecisionMaker({ services: testApp.services, authorityId: actor.authorityId })).actor;
      await testApp.services.decisions.decideWhetherToAssess(decider, created.caseId, { outcome: decision.outcome, decidedOn: occurredOn, reasons: decision.reasons });
    } else {
      await testApp.services.caseProgress.recordStep(actor, created.caseId, step.type, occurredOn);
    }
    previous = occurredOn;
  }
  return created;
}
