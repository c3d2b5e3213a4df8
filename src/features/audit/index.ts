export { accessEntry, recordAccess, recordAudit, recordAudits, recordListAccess, type AuditEntry } from './audit.ts';
export { listAccessFor, listAuditEvents, listAuditEventsFor, listListAccessBy, type AccessRow } from './repository.ts';
export { auditRoutes } from './routes.ts';
export { AuditService, TRAIL_PAGE_SIZE } from './service.ts';
export { auditPaths } from './paths.ts';
export { AccessLogService, UNUSUAL_ACCESS_MAX_VIEWS } from './access-service.ts';
