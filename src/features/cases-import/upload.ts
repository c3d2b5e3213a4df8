// Importing cases from the administrators' page: the files are streamed to a folder of the run's
// own under the storage area (upload-form.ts), checked here, and the run recorded as queued with
// its job in one transaction. The job runner then imports the folder (job.ts), a batch at a time,
// its progress on the run's record; the page shows it, then the counts and the refused rows.
import { open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../db/database.ts';
import { checkMapping } from '../../domain/imports/mapping.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import type { Clock } from '../../lib/clock.ts';
import { recordAudit } from '../audit/index.ts';
import { requireRole, type Actor } from '../auth/index.ts';
import { enqueueJob } from '../jobs/index.ts';
import { MAX_FILE_BYTES } from './files.ts';
import * as repository from './repository.ts';

/** The job that imports an uploaded run's folder. */
export const CASES_IMPORT_JOB = 'cases-import.run';
/** The largest file the form takes, unless configured smaller: the most the import reads (MAX_FILE_BYTES, 256 MB). */
export const DEFAULT_IMPORT_UPLOAD_MAX_BYTES = MAX_FILE_BYTES;
/** A mapping file is a page of JSON: anything larger is not one. */
const MAX_MAPPING_BYTES = 1024 * 1024;
/**
 * Days an uploaded folder is kept once no run of it is queued or running, for a dry run to be
 * applied: the files are a council's children's records, not to be kept longer than needed.
 * An import of them that finishes removes them at once.
 */
export const UPLOAD_KEPT_DAYS = 14;
/** A folder no run names (an upload that never reached the queue) is removed after a day. */
const UNQUEUED_UPLOAD_KEPT_HOURS = 24;
/** The daily job that deletes the uploaded folders no longer needed. */
export const IMPORT_UPLOADS_SWEEP_JOB = 'cases-import.sweep-uploads';
/** Tries of an import's job: each stops at most at its lease, and the next goes on from its checkpoint. */
export const CASES_IMPORT_JOB_ATTEMPTS = 20;

export type UploadKind = 'csv' | 'xml' | 'json';

/** The form's file fields, each kept in the run's folder under our layout's name. */
export const UPLOAD_FILES: readonly { field: string; stored: string; kind: UploadKind; label: string; required?: boolean }[] = [
  { field: 'mapping', stored: 'mapping.json', kind: 'json', label: 'mapping file', required: true },
  { field: 'children', stored: 'children.csv', kind: 'csv', label: 'children.csv file', required: true },
  { field: 'officers', stored: 'officers.csv', kind: 'csv', label: 'officers.csv file' },
  { field: 'people', stored: 'people.csv', kind: 'csv', label: 'people.csv file' },
  { field: 'requests', stored: 'requests.csv', kind: 'csv', label: 'requests.csv file' },
  { field: 'assessments', stored: 'assessments.csv', kind: 'csv', label: 'assessments.csv file' },
  { field: 'plans', stored: 'plans.csv', kind: 'csv', label: 'plans.csv file' },
  { field: 'reviews', stored: 'reviews.csv', kind: 'csv', label: 'reviews.csv file' },
  { field: 'sen2', stored: 'sen2.xml', kind: 'xml', label: 'SEN2 file' },
];

/** One file of an upload as it was stored. */
export interface StoredFile {
  field: string;
  stored: string;
  /** The name it had on the administrator's computer. */
  originalName: string;
  bytes: number;
  /** Cut at the size limit: refused. */
  truncated: boolean;
}

/** An upload's folder and what was stored in it. */
export interface StoredUpload {
  folder: string;
  files: StoredFile[];
}

export type RunState = 'queued' | 'running' | 'finished' | 'failed';

export interface RunProgress {
  state: RunState;
  done: number;
  total: number | null;
}

/** Bytes said as a person says them: 2 GB, 20 MB. */
export function sizeInWords(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Math.round((bytes / 1024 ** 3) * 10) / 10} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round((bytes / 1024 ** 2) * 10) / 10} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/** The first bytes of a file, to tell what it is without reading it whole. */
async function headOf(path: string, length = 65_536): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Why a file is not of its kind, judged by its first bytes, or undefined when it looks right. */
export function notOfKind(kind: UploadKind, head: Buffer): string | undefined {
  const text = head.subarray(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0);
  // A spreadsheet, a PDF, an image or any other binary file holds NUL bytes; text never does.
  if (text.includes(0)) return kind === 'csv' ? 'must be a CSV file (save the spreadsheet as CSV)' : kind === 'xml' ? 'must be an XML file' : 'must be JSON';
  const start = text.toString('latin1').trimStart();
  if (kind === 'xml' && !start.startsWith('<')) return 'must be an XML file';
  if (kind === 'csv') {
    const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
    if (!firstLine.includes(',') && !firstLine.includes(';')) return 'must be a CSV file with a row of column names first';
  }
  return undefined;
}

export interface ImportUploadsOptions {
  /** The storage area's folder for uploads: each run's files in a folder of its own. */
  storage: string;
  maxFileBytes: number;
}

export class ImportUploadsService {
  private readonly db: Database;
  private readonly clock: Clock;
  readonly storage: string;
  readonly maxFileBytes: number;

  constructor(db: Database, clock: Clock, options: ImportUploadsOptions) {
    this.db = db;
    this.clock = clock;
    this.storage = options.storage;
    this.maxFileBytes = options.maxFileBytes;
  }

  /** A new upload's folder (its name only; the folder is made as the first file arrives). */
  newFolder(actor: Actor): { folder: string; directory: string } {
    requireRole(actor, 'admin');
    const folder = uuidv7();
    return { folder, directory: this.directoryOf(folder) };
  }

  directoryOf(folder: string): string {
    if (!/^[0-9a-f-]{36}$/.test(folder)) throw new ForbiddenError('That is not an upload’s folder');
    return join(this.storage, folder);
  }

  /** An upload given up (refused, or the form could not be read): its files are deleted. */
  async discard(upload: Pick<StoredUpload, 'folder'>): Promise<void> {
    await rm(this.directoryOf(upload.folder), { recursive: true, force: true });
  }

  /**
   * Checks an upload and queues its import: the run's record (queued) and its job in one
   * transaction. Refused, the upload's files are deleted and each problem names its field.
   */
  async queue(actor: Actor, upload: StoredUpload, modeGiven: string | undefined): Promise<string> {
    requireRole(actor, 'admin');
    const problems: FieldProblem[] = [];
    const mode = modeGiven === 'dry-run' || modeGiven === 'apply' ? modeGiven : undefined;
    let sourceSystem = '';
    for (const spec of UPLOAD_FILES) {
      const file = upload.files.find((entry) => entry.field === spec.field);
      if (!file || file.bytes === 0) {
        if (spec.required) problems.push({ field: spec.field, message: file ? `The selected ${spec.label} is empty` : `Select the ${spec.label}` });
        continue;
      }
      const limit = spec.kind === 'json' ? MAX_MAPPING_BYTES : this.maxFileBytes;
      if (file.truncated || file.bytes > limit) {
        problems.push({ field: spec.field, message: `The ${spec.label} must be smaller than ${sizeInWords(limit)}` });
        continue;
      }
      const path = join(this.directoryOf(upload.folder), spec.stored);
      const wrong = notOfKind(spec.kind, await headOf(path));
      if (wrong) {
        problems.push({ field: spec.field, message: `The ${spec.label} ${wrong}` });
        continue;
      }
      if (spec.kind === 'json') {
        let mapping: unknown;
        try {
          mapping = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
        } catch {
          problems.push({ field: spec.field, message: 'The mapping file must be JSON: it cannot be read as JSON' });
          continue;
        }
        const checked = checkMapping(mapping);
        if (!checked.ok) problems.push({ field: spec.field, message: `The mapping file cannot be used: ${checked.problems.join('; ')}` });
        else sourceSystem = checked.mapping.sourceSystem;
      }
    }
    if (!mode) problems.push({ field: 'mode', message: 'Select whether to check the files only or to import them' });
    if (problems.length > 0) {
      await this.discard(upload);
      throw new ValidationError(problems);
    }
    const children = upload.files.find((file) => file.field === 'children')!;
    const mapping = upload.files.find((file) => file.field === 'mapping')!;
    const runId = uuidv7();
    await this.db.transaction(async (tx) => {
      await repository.insertRun(tx, {
        id: runId,
        authorityId: actor.authorityId,
        sourceSystem,
        mode: mode!,
        source: `Uploaded: ${children.originalName}`.slice(0, 200),
        mappingName: mapping.originalName.slice(0, 200),
        ranBy: actor.name ?? actor.id,
        startedAt: this.clock.now(),
        status: 'queued',
        folder: upload.folder,
      });
      await enqueueJob(tx, this.clock, { authorityId: actor.authorityId, kind: CASES_IMPORT_JOB, payload: { runId }, maxAttempts: CASES_IMPORT_JOB_ATTEMPTS });
      await recordAudit(tx, this.clock, actor, {
        action: 'import.queued',
        entityType: 'import_run',
        entityId: runId,
        details: { mode, files: upload.files.filter((file) => file.bytes > 0).map((file) => ({ field: file.field, bytes: file.bytes })) },
      });
    });
    return runId;
  }

  /** A dry run's files imported for real: a new run, of the same stored folder, queued. */
  async applyDryRun(actor: Actor, dryRunId: string): Promise<string> {
    const dryRun = await this.run(actor, dryRunId);
    if (dryRun.mode !== 'dry-run' || dryRun.status !== 'finished' || !dryRun.folder) throw new ValidationError([{ field: 'apply', message: 'Only a finished dry run of uploaded files can be applied' }]);
    if (dryRun.filesRemovedAt) throw new ValidationError([{ field: 'apply', message: 'The files of this dry run have been deleted: upload them again' }]);
    const runId = uuidv7();
    await this.db.transaction(async (tx) => {
      await repository.insertRun(tx, {
        id: runId,
        authorityId: actor.authorityId,
        sourceSystem: dryRun.sourceSystem,
        mode: 'apply',
        source: dryRun.source,
        mappingName: dryRun.mappingName,
        ranBy: actor.name ?? actor.id,
        startedAt: this.clock.now(),
        status: 'queued',
        folder: dryRun.folder,
        childrenTotal: dryRun.childrenTotal,
      });
      await enqueueJob(tx, this.clock, { authorityId: actor.authorityId, kind: CASES_IMPORT_JOB, payload: { runId }, maxAttempts: CASES_IMPORT_JOB_ATTEMPTS });
      await recordAudit(tx, this.clock, actor, { action: 'import.queued', entityType: 'import_run', entityId: runId, details: { mode: 'apply', dryRunId } });
    });
    return runId;
  }

  /**
   * Deletes an uploaded folder's files if no run of it is queued or running, and records it on
   * every run of it: called when an import of the folder has finished.
   */
  async removeFilesOf(folder: string): Promise<boolean> {
    const runs = await repository.runsOfFolder(this.db, folder);
    if (runs.some((run) => run.status === 'queued' || run.status === 'running')) return false;
    await rm(this.directoryOf(folder), { recursive: true, force: true });
    await repository.markFilesRemoved(this.db, folder, this.clock.now());
    return true;
  }

  /**
   * The storage area swept, for every council: each folder whose runs have all ended, the last
   * more than UPLOAD_KEPT_DAYS ago, is deleted, and so is a folder no run names that is more than a
   * day old (an upload refused part way, or cut off). A folder with a run queued or running stays.
   */
  async sweep(): Promise<{ removed: string[] }> {
    const now = this.clock.now().getTime();
    const removed: string[] = [];
    let entries: string[];
    try {
      entries = await readdir(this.storage);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { removed };
      throw error;
    }
    for (const folder of entries) {
      if (!/^[0-9a-f-]{36}$/.test(folder)) continue;
      const runs = await repository.runsOfFolder(this.db, folder);
      if (runs.some((run) => run.status === 'queued' || run.status === 'running')) continue;
      let due: boolean;
      if (runs.length === 0) {
        const made = (await stat(this.directoryOf(folder))).mtimeMs;
        due = now - made > UNQUEUED_UPLOAD_KEPT_HOURS * 3_600_000;
      } else {
        const lastMoved = Math.max(...runs.map((run) => (run.finishedAt ?? run.startedAt).getTime()));
        due = now - lastMoved > UPLOAD_KEPT_DAYS * 86_400_000;
      }
      if (!due) continue;
      await rm(this.directoryOf(folder), { recursive: true, force: true });
      if (runs.length > 0) await repository.markFilesRemoved(this.db, folder, this.clock.now());
      removed.push(folder);
    }
    return { removed };
  }

  /** The sweep's job: the sweep, then the next queued for a day later. */
  async runSweepJob(job: { authorityId: string }): Promise<void> {
    await this.sweep();
    await enqueueJob(this.db, this.clock, { authorityId: job.authorityId, kind: IMPORT_UPLOADS_SWEEP_JOB, payload: {}, runAfter: new Date(this.clock.now().getTime() + 86_400_000) });
  }

  /** Queues the sweep to run now unless it is queued or running already (at start). */
  async ensureSweepScheduled(): Promise<boolean> {
    if (await repository.jobQueued(this.db, IMPORT_UPLOADS_SWEEP_JOB)) return false;
    const authorityId = await repository.firstAuthorityId(this.db);
    if (!authorityId) return false;
    await enqueueJob(this.db, this.clock, { authorityId, kind: IMPORT_UPLOADS_SWEEP_JOB, payload: {} });
    return true;
  }

  /** The council's import runs, newest first. */
  async runs(actor: Actor, limit = 50): Promise<repository.ImportRunRow[]> {
    requireRole(actor, 'admin');
    return repository.listRuns(this.db, actor.authorityId, limit);
  }

  /** One run of the council's. */
  async run(actor: Actor, runId: string): Promise<repository.ImportRunRow> {
    requireRole(actor, 'admin');
    const found = /^[0-9a-f-]{36}$/i.test(runId) ? await repository.findRun(this.db, actor.authorityId, runId) : undefined;
    if (!found) throw new NotFoundError('There is no such import run');
    return found;
  }

  /** A run's refused rows, to download: they hold the old system's values (names, dates of birth), so the download is audited. */
  async refusalsToDownload(actor: Actor, runId: string): Promise<repository.ImportRunRow> {
    const found = await this.run(actor, runId);
    await recordAudit(this.db, this.clock, actor, { action: 'import.refusals-downloaded', entityType: 'import_run', entityId: found.id, details: { rows: (found.refusals as unknown[]).length } });
    return found;
  }

  /** Where a run has got to: its state and the rows of children.csv taken of all. */
  async progress(actor: Actor, runId: string): Promise<RunProgress> {
    const found = await this.run(actor, runId);
    return { state: found.status as RunState, done: found.childrenDone, total: found.childrenTotal };
  }
}

/**
 * Where uploaded runs' files are kept: `${DATA_DIR}/imports`, beside the documents' files; for an
 * in-memory database (tests, the journeys), a folder of this process's under the system's temporary one.
 */
export function importUploadsFolder(dataDir: string): string {
  return dataDir.startsWith('memory://') ? join(tmpdir(), `casework-imports-${process.pid}`) : join(dataDir, 'imports');
}
