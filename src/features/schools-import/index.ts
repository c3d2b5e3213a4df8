import { fileURLToPath } from 'node:url';

export { REFUSALS_KEPT, SCHOOLS_BATCH_SIZE, SchoolsImportFileError, SchoolsImportService, type SchoolsImportCounts, type SchoolsImportResult } from './service.ts';

/** A small extract shaped as GIAS publishes it (Windows-1252, its headings): the demo's register is loaded from it. */
export const SCHOOLS_REGISTER_SAMPLE = fileURLToPath(new URL('../../db/reference/gias/edubasealldata-sample-1.csv', import.meta.url));
