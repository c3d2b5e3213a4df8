// The EHC plan (SEND Regs 2014 regs 11 to 14): sections A to K as structured content, versions that
// are frozen once issued, the check a tribunal would make, the draft and the final plan issued on
// the case's clock with their notices, and the difference between any two versions.
export { plansRoutes } from './routes.ts';
export { ISSUED_IS_FROZEN, PlansService, StaleRevisionError, STATUS_NAMES, type IssueResult, type PlanSummary, type PlanVersionView, type VersionSummary } from './service.ts';
export { planDocument, sectionHeading, versionStatus } from './presenters.ts';
export { plansPaths, type PlanSaved } from './paths.ts';
export { casesWithPlansIssuedBetween, issuedPlacementsOfCases, type IssuedPlacement } from './repository.ts';
export { ceaseVersion, discardProposedAmendments, issueAmendedVersion, openWorkingCopy, planVersionsState, proposedDifference, receivedPlanProblems, recordReceivedPlan, type MaintainedState, type PlanVersionsState } from './versions.ts';
export { planDocx, planPdf, type DocumentBlock, type DocumentSection, type RenderedDocument } from './rendering/index.ts';
