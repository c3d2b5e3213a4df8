// Phase transfers (SEND Regs 2014 reg. 18): each September's cohort found from dates of birth and
// the placements plans name, each child's deadline for the amended plan naming the next placement,
// the schools consulted, and how many are finalised, at risk and late.
export { phaseTransfersRoutes } from './routes.ts';
export { PhaseTransfersService, currentTransferYear, type CohortView, type CohortChild, type FinalisedTransfer } from './service.ts';
export { phaseTransfersPaths } from './paths.ts';
