// Mediation (SEND Regs 2014 regs 32-42) and the register of appeals to the First-tier Tribunal
// (CFA 2014 s.51), with the orders tracked until carried out (reg. 44) and the early-resolution
// triage of what a tribunal would see against the council.
export { appealsRoutes } from './routes.ts';
export { AppealsService, type AppealView, type DisputeRow, type MediationView } from './service.ts';
export { appealsPaths } from './paths.ts';
export { liveAppealAgainst } from './repository.ts';
