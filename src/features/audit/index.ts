export { accessEntry, recordAccess, recordAudit, type AuditEntry } from './audit.ts';
export { listAccessFor, listAuditEvents, listAuditEventsFor, type AccessRow } from './repository.ts';
