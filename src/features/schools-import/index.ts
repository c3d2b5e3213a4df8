export { REFUSALS_KEPT, SCHOOLS_BATCH_SIZE, SchoolsImportFileError, SchoolsImportService, type SchoolsImportCounts, type SchoolsImportResult } from './service.ts';
