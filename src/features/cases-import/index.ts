// Importing cases from a council's old system: CSV files in a folder and a mapping file.
export { CASES_BATCH_SIZE, CaseImportFileError, CaseImportPaused, CasesImportService, REFUSALS_KEPT, type CaseImportCounts, type CaseImportInput, type CaseImportResult, type ImportMode } from './service.ts';
export { folderSource, readMappingFile } from './files.ts';
