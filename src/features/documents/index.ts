// Documents attached to a case: uploads checked by their content and scanned, bytes in a file
// store (never the database), downloads only to those who may see the case, logged.
export { documentsRoutes } from './routes.ts';
export { DocumentsService, type DocumentDownload, type DocumentView, type KeptFile, type UploadCaller, type UploadedFile } from './service.ts';
export { documentsPaths } from './paths.ts';
export { LocalFileStore, MemoryFileStore, type FileStore, type StoredFile } from './file-store.ts';
export { notScanning, type MalwareScanner, type ScanResult, type ScanVerdict } from './malware-scanner.ts';
export { ACCEPT_ATTRIBUTE, ACCEPTED_TYPES, acceptAttribute, attachmentDisposition, MAX_DOCUMENT_BYTES, type AcceptedMediaType } from './content.ts';
export { sendAttachment } from './download.ts';
export { NOT_MULTIPART, TOO_LARGE } from './api-schemas.ts';
export { multipartForms } from './multipart.ts';
