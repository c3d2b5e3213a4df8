import type { IsoDate } from '../../domain/calendar/index.ts';
import { addDays } from '../../domain/calendar/index.ts';
import type { PlanContent } from '../../domain/plans/index.ts';
import { DECISION_ROLES, hasRole, type Actor } from '../../features/auth/index.ts';
import type { TestApp } from '../app.ts';
import { aCase, type TestCase } from './cases.ts';
import type { NewChildDetails } from './children.ts';
import { aDecisionMaker } from './officers.ts';
import { aPerson } from './people.ts';

export interface PlanOptions {
  /** The day the request was received; by default 12 weeks ago. */
  receivedOn?: string;
  /** Sections written into the working version (through the service, so they are checked). */
  content?: Partial<PlanContent>;
  /** Issue the draft on this day (after writing `content`), every finding overridden. */
  draftIssuedOn?: string;
  /** A parent with an address on the child's record, so the plan's notices can be sent. */
  withParent?: boolean;
  /** The new child's details, over aChild's (a date of birth and a school, say). */
  child?: Partial<NewChildDetails>;
}

export interface TestPlan extends TestCase {
  planId: string;
}

/** Sections B, E and F of a plan a tribunal would find nothing to criticise in. */
export function aSoundPlanContent(): Partial<PlanContent> {
  return {
    a: { childViews: 'I like trains and drawing.', parentViews: 'We want school to understand him.', interests: 'Trains', aspirations: 'To drive trains' },
    b: [{ id: 'b-1', type: 'SLCN', primary: true, description: 'Finds it hard to follow spoken instructions of more than one step.' }],
    e: [{ id: 'e-1', description: 'Follows a two-step instruction in class without help.', needIds: ['b-1'], achieveBy: 'End of Year 4' }],
    f: [
      {
        id: 'f-1',
        what: 'A speech and language therapy programme on following instructions.',
        needIds: ['b-1'],
        outcomeIds: ['e-1'],
        providerRole: 'Speech and language therapist',
        providerQualification: 'HCPC registered',
        frequency: 'Once a week',
        duration: '45 minutes a session, for the school year',
        groupSize: 'One to one',
        location: 'A quiet room in school',
      },
    ],
  };
}

/**
 * An EHC plan being written on a case whose assessment ended in the decision to make one: the
 * request and decisions through their services, the plan started, its sections saved and (when
 * asked) the draft issued, all as an officer would.
 */
export async function aPlan(testApp: Pick<TestApp, 'services' | 'clock' | 'authorityId'>, actor: Actor, options: PlanOptions = {}): Promise<TestPlan> {
  const today = testApp.clock.today() as IsoDate;
  const receivedOn = (options.receivedOn ?? addDays(today, -84)) as IsoDate;
  const created = await aCase(testApp, actor, { stage: 'assessment', receivedOn, stepDates: { 'assessment.agreed': addDays(receivedOn, 28) }, ...(options.child ? { child: options.child } : {}) });
  if (options.withParent ?? true) await aPerson(testApp, actor, created.childId);
  const decider = hasRole(actor, ...DECISION_ROLES) ? actor : (await aDecisionMaker({ services: testApp.services, authorityId: actor.authorityId })).actor;
  const draftOn = options.draftIssuedOn as IsoDate | undefined;
  const decidedOn = draftOn && draftOn < addDays(receivedOn, 56) ? addDays(receivedOn, 29) : addDays(receivedOn, 56);
  await testApp.services.decisions.decideAfterAssessment(decider, created.caseId, { outcome: 'issue-plan', decidedOn: decidedOn > today ? today : decidedOn, reasons: 'The advice shows needs the school cannot meet from its own resources.' });
  const { result } = await testApp.services.plans.startDraft(actor, created.caseId);
  if (options.content) {
    const view = await testApp.services.plans.versionView(actor, result.planId);
    await testApp.services.plans.saveSections(actor, result.planId, options.content, view.version.revision);
  }
  if (draftOn) {
    const view = await testApp.services.plans.versionView(actor, result.planId);
    const overrides = view.findings.map((finding) => ({ findingId: finding.id, reason: 'Issued for the family’s comments as it stands' }));
    await testApp.services.plans.issueDraft(actor, result.planId, { issuedOn: draftOn, overrides });
  }
  return { ...created, planId: result.planId };
}
