// The advice givers' portal: the requests for advice addressed to them while awaited, with their
// due dates, and sending the advice (written or as a document), which closes the request to them.
export { portalProfessionalPaths } from './paths.ts';
export { portalProfessionalRoutes } from './routes.ts';
export { PortalProfessionalService } from './service.ts';
