// A subject access request: everything held about a child, as a ZIP streamed as it is written.
export { subjectAccessRoutes } from './routes.ts';
export { SubjectAccessService } from './service.ts';
export { subjectAccessPaths } from './paths.ts';
