// Test builders on the real engine: each makes its data through the services (or, where no
// service writes it yet, the schema) on the test's own database, with defaults a test overrides
// only where it cares, and values of its own on every call, so no test leans on another's rows.
export { anAppealOnRecord } from './appeals.ts';
export { anAuthority, type TestAuthority } from './authorities.ts';
export { aCase, type CaseOptions, type TestCase } from './cases.ts';
export { aChild, aUpn, type NewChildDetails } from './children.ts';
export { aConsultation } from './consultations.ts';
export { councilDetailsSet } from './council-details.ts';
export { aCouncilWithBoard, type TestCouncil } from './councils.ts';
export { aDecisionMaker, anApiToken, anOfficer, TEST_PASSWORD, type OfficerOverrides, type TestOfficer } from './officers.ts';
export { aPerson, type PersonOverrides } from './people.ts';
export { aPlan, aSoundPlanContent, type PlanOptions, type TestPlan } from './plans.ts';
export { aSchool } from './schools.ts';
export { aStaffTeam } from './staff-teams.ts';
export { aTeam, type TestTeam } from './teams.ts';
export { aMaintainedPlan, type MaintainedPlanOptions } from './plan-changes.ts';
