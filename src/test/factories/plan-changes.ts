import type { Actor } from '../../features/auth/index.ts';
import type { TestApp } from '../app.ts';
import { aPlan, aSoundPlanContent, type TestPlan } from './plans.ts';
import { aDecisionMaker } from './officers.ts';
import { aSchool } from './schools.ts';

export interface MaintainedPlanOptions {
  /** The day the draft was issued; the final plan follows after the family's 15 days. */
  draftIssuedOn?: string;
  finalIssuedOn?: string;
  /** A parent with an address on the child's record, so the notices can be sent. */
  withParent?: boolean;
}

/** A plan the council maintains: written, its draft and its final plan issued through the plans' service. */
export async function aMaintainedPlan(testApp: Pick<TestApp, 'services' | 'clock' | 'authorityId' | 'database'>, actor: Actor, options: MaintainedPlanOptions = {}): Promise<TestPlan> {
  const school = await aSchool(testApp.database.db);
  const created = await aPlan(testApp, actor, {
    receivedOn: '2026-05-01',
    content: { ...aSoundPlanContent(), i: { kind: 'school', urn: school.urn } },
    draftIssuedOn: options.draftIssuedOn ?? '2026-09-15',
    ...(options.withParent === undefined ? {} : { withParent: options.withParent }),
  });
  // The final plan is issued with the council's delegated authority, by a team manager.
  const manager = await aDecisionMaker(testApp);
  await testApp.services.plans.issueFinal(manager.actor, created.planId, { issuedOn: options.finalIssuedOn ?? '2026-10-05' });
  return created;
}
