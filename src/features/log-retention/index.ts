// How long the council keeps the service's logs, and the monthly job that makes their coming months
// and drops the expired ones (ADR 0025).
export { logRetentionPaths } from './paths.ts';
export { logRetentionRoutes } from './routes.ts';
export { LOG_MAINTENANCE_JOB, LogRetentionService, type AsOwner, type LogRetentionView, type MaintenanceResult } from './service.ts';
