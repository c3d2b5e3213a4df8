// Moves between councils with an EHC plan (SEND Regs 2014 reg. 15): a move out, with the day the
// plan is due at the new council and the plan sent (the case then closes as transferred); a plan
// received with a child who moved here, the family told, and the review due.
export { transfersRoutes } from './routes.ts';
export { TransfersService, type TransferView } from './service.ts';
export { transfersPaths } from './paths.ts';
