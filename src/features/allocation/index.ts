// Allocation: cases in the unallocated queue given to a named officer, one or many at once, and a
// case moved from one officer to another with a reason; each change a spell in the case's holders,
// an event, an audit entry and a letter telling the family (SEND Code of Practice 2015, 9.23).
export { allocationRoutes } from './routes.ts';
export { ALLOCATION_ROLES, AllocationService, MAX_CASES_AT_ONCE, type AllocationResult, type CaseMoved, type CaseOfficerView } from './service.ts';
export { allocationPaths } from './paths.ts';
