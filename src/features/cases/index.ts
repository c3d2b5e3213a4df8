// The case and its events, shared by every casework feature: open a case, find the open one,
// record an event on it (its stage and deadlines follow from the catalogue of case events), and
// derive its deadlines again.
export {
  caseHistory,
  caseHolders,
  changeHolder,
  changeHolders,
  findOpenCaseOfChild,
  openCase,
  recordCaseEvent,
  recordCaseEvents,
  redateOpening,
  requireCase,
  requireOpenCase,
  rewriteCaseDeadlines,
  rewriteCaseState,
  type CaseHistoryEvent,
  type HolderChange,
  type NewCaseEvent,
} from './service.ts';
export type { CaseHolderRow, CaseRow } from './repository.ts';
