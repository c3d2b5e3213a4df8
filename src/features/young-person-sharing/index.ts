// A young person's choice whether their family sees their case on the portal, recorded by an
// officer as the young person gave it (by phone, at a meeting, in writing): the same choice the
// young person makes on the family portal.
export { youngPersonSharingPaths } from './paths.ts';
export { youngPersonSharingRoutes } from './routes.ts';
export { YoungPersonSharingService } from './service.ts';
