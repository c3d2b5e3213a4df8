// Changes to a maintained EHC plan: amendments (SEND Regs 2014 reg. 22), ceasing (CFA 2014 s.45;
// regs 29-31) and re-assessment (regs 24-27), each with its notices, clocks and case events.
export { planChangesRoutes } from './routes.ts';
export { CEASE_PLAN_JOB, PlanChangesService, type ChangeResult, type ChangeView, type PlanChangesOverview } from './service.ts';
export { planChangesPaths } from './paths.ts';
