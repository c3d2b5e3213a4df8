// The child's record: who the child is, their people, school, case, deadlines and history.
export { childRoutes } from './routes.ts';
export { ChildrenService } from './service.ts';
export { caseReached, itemOfCaseReached, maySeeRestricted, requireCaseAccess, requireCasesAccess, requireChildAccess } from './access.ts';
export { childrenPaths } from './paths.ts';
export { childLink } from './presenters.ts';
export { childNameField, dateField, postcodeField, preferredNameField, sexField } from './schemas.ts';
export { heldChildrenLike, type HeldChild, type SameChildCheck } from './same-child.ts';
export { upnHeldMessage } from './service.ts';
