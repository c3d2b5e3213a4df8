// The job that imports an uploaded run's folder (upload.ts queues it). It counts the children
// first, for the progress bar, then runs the import on the run's record, which keeps a checkpoint
// with each committed batch. A try stopped part way (the process ended, an error, or the try's
// time up) is taken up again from that checkpoint: nothing written is written twice.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Database } from '../../db/database.ts';
import { CASE_FILES, checkMapping, fileNameOf } from '../../domain/imports/mapping.ts';
import type { Clock } from '../../lib/clock.ts';
import { CsvFileError, readCsv } from '../../lib/csv.ts';
import { systemActor } from '../auth/index.ts';
import { enqueueJob, type ClaimedJob, type JobContext } from '../jobs/index.ts';
import { readMappingFile } from './files.ts';
import * as repository from './repository.ts';
import { CaseImportFileError, CaseImportPaused, type CasesImportService } from './service.ts';
import { CASES_IMPORT_JOB, CASES_IMPORT_JOB_ATTEMPTS, UPLOAD_FILES, type ImportUploadsService } from './upload.ts';

export interface CasesImportJobDependencies {
  db: Database;
  clock: Clock;
  imports: CasesImportService;
  uploads: ImportUploadsService;
  /** Children a batch (tests: a small one, to stop a run between batches). */
  batchSize?: number;
  /** Told the rows taken after each batch: for tests, to stop a run part way. */
  onProgress?: (runId: string, childRows: number) => void | Promise<void>;
}

/** The stored folder's files as the mapping names them: its children.csv may be called pupils.csv. */
function storedSource(directory: string, mapping: unknown): (name: string) => Promise<Readable | undefined> {
  const checked = checkMapping(mapping);
  const byName = new Map<string, string>();
  if (checked.ok) for (const file of CASE_FILES) byName.set(fileNameOf(checked.mapping, file).toLowerCase(), `${file}.csv`);
  for (const spec of UPLOAD_FILES) if (!byName.has(spec.stored)) byName.set(spec.stored, spec.stored);
  return async (name) => {
    const stored = byName.get(name.toLowerCase());
    if (!stored) return undefined;
    const path = join(directory, stored);
    return existsSync(path) ? createReadStream(path) : undefined;
  };
}

/** The data rows of a CSV stream, read through (never held). */
async function countRows(stream: Readable): Promise<number> {
  let rows = 0;
  for await (const _item of readCsv(stream, () => undefined, { delimiter: 'detect' })) rows += 1;
  return rows;
}

/** The handler of CASES_IMPORT_JOB. */
export async function runCasesImportJob(deps: CasesImportJobDependencies, job: ClaimedJob, context: JobContext): Promise<void> {
  const runId = typeof job.payload['runId'] === 'string' ? job.payload['runId'] : '';
  const run = /^[0-9a-f-]{36}$/i.test(runId) ? await repository.findRun(deps.db, job.authorityId, runId) : undefined;
  // Nothing to do: no such run, one finished already, or one of the command line's.
  if (!run || run.status === 'finished' || !run.folder) return;
  const fail = async (failure: string) => {
    await repository.updateRun(deps.db, job.authorityId, runId, { status: 'failed', finishedAt: deps.clock.now(), failure });
  };
  const directory = deps.uploads.directoryOf(run.folder);
  let mapping: unknown;
  try {
    mapping = readMappingFile(join(directory, 'mapping.json')).mapping;
  } catch (error) {
    await fail(`Cannot import: ${(error as Error).message.replace(directory, 'the upload')}`);
    return;
  }
  const open = storedSource(directory, mapping);
  if (run.childrenTotal === null) {
    const checked = checkMapping(mapping);
    const children = checked.ok ? await open(fileNameOf(checked.mapping, 'children')) : undefined;
    if (children) {
      try {
        const total = await countRows(children);
        await repository.updateRun(deps.db, job.authorityId, runId, { childrenTotal: total });
      } catch (error) {
        // A file that cannot be read as CSV: the import says so, in its own words, below.
        if (!(error instanceof CsvFileError)) throw error;
      }
    }
  }
  try {
    await deps.imports.importCases(systemActor(job.authorityId, CASES_IMPORT_JOB), {
      mapping,
      mappingName: run.mappingName,
      source: run.source,
      open,
      mode: run.mode === 'apply' ? 'apply' : 'dry-run',
      ranBy: run.ranBy,
      runId,
      signal: context.signal,
      ...(deps.batchSize ? { batchSize: deps.batchSize } : {}),
      ...(deps.onProgress ? { onProgress: (rows: number) => deps.onProgress!(runId, rows) } : {}),
    });
  } catch (error) {
    if (error instanceof CaseImportPaused) {
      // The try's time is up: the rest in a new job, from the checkpoint, at once.
      await enqueueJob(deps.db, deps.clock, { authorityId: job.authorityId, kind: CASES_IMPORT_JOB, payload: { runId }, maxAttempts: CASES_IMPORT_JOB_ATTEMPTS });
      return;
    }
    if (error instanceof CaseImportFileError) {
      // Input that cannot be read: trying again cannot help. The run says why.
      const current = await repository.findRun(deps.db, job.authorityId, runId);
      if (current?.status !== 'failed') await fail(error.message.replace(directory, 'the upload'));
      return;
    }
    // Anything else (the database gone, say): the next try goes on from the last committed batch.
    throw error;
  }
  // Imported: the files have done their work, and are children's records; they are not kept.
  if (run.mode === 'apply') await deps.uploads.removeFilesOf(run.folder);
}
