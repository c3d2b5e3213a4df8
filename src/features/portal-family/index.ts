// The family portal: parents, carers and young people see each linked child's case in plain words
// (the stage, what happens next and the day the law sets for it, the officer, the plan and the
// letters) and comment on a draft plan within its 15 days, ask a question or complain. A young
// person (over compulsory school age) decides whether their family sees their case.
export { portalFamilyPaths } from './paths.ts';
export { portalFamilyRoutes } from './routes.ts';
export { FAMILY_LETTER_TYPES, PortalFamilyService, type FamilyCaseView } from './service.ts';
