export { accessEntry, recordAccess, recordAudit, recordListAccess, type AuditEntry } from './audit.ts';
export { listAccessFor, listAuditEvents, listAuditEventsFor, listListAccessBy, type AccessRow } from './repository.ts';
