// Importing cases from a council's old system: CSV files in a folder and a mapping file, from the
// command line or uploaded by an administrator and imported by the job runner.
import { fileURLToPath } from 'node:url';
export { CASES_BATCH_SIZE, CaseImportFileError, CaseImportPaused, CasesImportService, MAX_PART_ROWS, REFUSALS_KEPT, type CaseImportCounts, type CaseImportInput, type CaseImportResult, type ImportMode } from './service.ts';
export { folderSource, MAX_FILE_BYTES, readMappingFile } from './files.ts';
export { CASES_IMPORT_JOB, DEFAULT_IMPORT_UPLOAD_MAX_BYTES, IMPORT_UPLOADS_SWEEP_JOB, ImportUploadsService, importUploadsFolder, UPLOAD_KEPT_DAYS } from './upload.ts';
export { runCasesImportJob, type CasesImportJobDependencies } from './job.ts';
export { casesImportPaths } from './paths.ts';
export { casesImportRoutes } from './routes.ts';

/** The import guide's sample from an old case system (CaseSys): its CSV files and mapping file. */
export const CASES_IMPORT_SAMPLE = fileURLToPath(new URL('./fixtures/casesys', import.meta.url));
