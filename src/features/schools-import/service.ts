// Importing the schools register (the GIAS establishment extract) and keeping it current by
// importing it again. A file is streamed, read a batch of rows at a time, and each batch written
// in one transaction, so a school is written whole or not at all. A school is found by its URN:
// created when new, changed when the register changed it, left alone when not (so the same file
// twice changes nothing), closed when the register closes it and never deleted; a new name keeps
// the old one with the date it was seen. Each run is recorded with its counts and refused rows.
import type { Readable } from 'node:stream';
import type { Database } from '../../db/database.ts';
import { compareSchool, GIAS_COLUMNS, mapGiasRow, readGiasHeader, type GiasHeader, type GiasRefusal, type GiasSchool, type HeldSchool } from '../../domain/schools/gias.ts';
import type { Clock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { CsvFileError, readCsv, type CsvEncoding, type TextDecodingStream } from '../../lib/csv.ts';
import * as repository from './repository.ts';

/** Rows written per transaction. */
export const SCHOOLS_BATCH_SIZE = 500;
/** Refused rows kept on the run record; the count is always the whole. */
export const REFUSALS_KEPT = 1000;

/** A file the import cannot read: nothing in it was written. */
export class SchoolsImportFileError extends Error {}

export interface SchoolsImportCounts {
  created: number;
  updated: number;
  /** Of the updated, those whose name changed. */
  renamed: number;
  closed: number;
  unchanged: number;
  refused: number;
}

export interface SchoolsImportResult {
  runId: string;
  fileName: string;
  encoding: CsvEncoding;
  bom: boolean;
  counts: SchoolsImportCounts;
  refusals: GiasRefusal[];
  /** Optional columns the file lacks: those details of every school were left as they were. */
  missingColumns: string[];
}

interface PendingRow {
  line: number;
  school: GiasSchool;
}

export class SchoolsImportService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Imports an extract from a byte stream. `ranBy` says who or what ran it, for the run record.
   * Throws SchoolsImportFileError for a file that is not CSV or lacks a column every row needs;
   * a row that is wrong is refused and listed, and the rest are imported.
   */
  async importSchools(source: Readable | AsyncIterable<Buffer>, options: { fileName: string; ranBy: string; batchSize?: number }): Promise<SchoolsImportResult> {
    const runId = uuidv7();
    const batchSize = options.batchSize ?? SCHOOLS_BATCH_SIZE;
    await repository.insertRun(this.db, { id: runId, fileName: options.fileName, ranBy: options.ranBy, startedAt: this.clock.now(), status: 'running' });
    const counts: SchoolsImportCounts = { created: 0, updated: 0, renamed: 0, closed: 0, unchanged: 0, refused: 0 };
    const refusals: GiasRefusal[] = [];
    const refuse = (refused: GiasRefusal[]) => {
      counts.refused += 1;
      refusals.push(...refused);
    };
    let header: GiasHeader | undefined;
    let decoding: TextDecodingStream | undefined;
    const firstLineOfUrn = new Map<number, number>();
    let batch: PendingRow[] = [];
    try {
      for await (const item of readCsv(source, (headings, decoder) => {
        decoding = decoder;
        header = readGiasHeader(headings);
        if (header.positions.urn === undefined) throw new SchoolsImportFileError(`it has no ${GIAS_COLUMNS.urn} column: is it the GIAS establishment extract?`);
        if (header.missingRequired.length > 0) throw new SchoolsImportFileError(`it lacks the column${header.missingRequired.length > 1 ? 's' : ''} ${header.missingRequired.join(', ')}`);
      })) {
        if ('error' in item) {
          refuse([{ line: item.line, field: 'row', value: '', why: `cannot be read as CSV: ${item.error}` }]);
          continue;
        }
        const row = mapGiasRow(header!, item.cells, item.line);
        if (!row.ok) {
          refuse(row.refusals);
          continue;
        }
        const first = firstLineOfUrn.get(row.school.urn);
        if (first !== undefined) {
          refuse([{ line: item.line, field: GIAS_COLUMNS.urn, value: String(row.school.urn), why: `appears again (first on line ${first}); the first is imported` }]);
          continue;
        }
        firstLineOfUrn.set(row.school.urn, item.line);
        batch.push({ line: item.line, school: row.school });
        if (batch.length >= batchSize) {
          await this.writeBatch(batch, runId, counts);
          batch = [];
        }
      }
      await this.writeBatch(batch, runId, counts);
    } catch (error) {
      const failure = error instanceof CsvFileError || error instanceof SchoolsImportFileError ? `Cannot import ${options.fileName}: ${error.message}` : `Stopped: ${(error as Error).message}`;
      await repository.updateRun(this.db, runId, { status: 'failed', finishedAt: this.clock.now(), failure, ...counts, refusals: refusals.slice(0, REFUSALS_KEPT) });
      if (error instanceof CsvFileError || error instanceof SchoolsImportFileError) throw new SchoolsImportFileError(failure);
      throw error;
    }
    // The encoding is known for certain only once the whole file has been read.
    const encoding: CsvEncoding = decoding?.encoding ?? 'UTF-8';
    const bom = decoding?.bom ?? false;
    await repository.updateRun(this.db, runId, { status: 'finished', finishedAt: this.clock.now(), encoding, ...counts, refusals: refusals.slice(0, REFUSALS_KEPT) });
    return { runId, fileName: options.fileName, encoding, bom, counts, refusals, missingColumns: header?.missingOptional ?? [] };
  }

  /** The latest runs, newest first. */
  async listRuns(limit = 20) {
    return repository.listRuns(this.db, limit);
  }

  /** A school's changes of name, oldest first. */
  async nameChanges(urn: number) {
    return repository.nameChangesOf(this.db, urn);
  }

  private async writeBatch(batch: PendingRow[], runId: string, counts: SchoolsImportCounts): Promise<void> {
    if (batch.length === 0) return;
    const seenOn = this.clock.today();
    const written = await this.db.transaction(async (tx) => {
      const counts = { created: 0, updated: 0, renamed: 0, closed: 0, unchanged: 0 };
      const held = new Map((await repository.schoolsByUrn(tx, batch.map((row) => row.school.urn))).map((row) => [row.urn, row]));
      const created: (repository.HeldSchoolRow & { importRunId: string })[] = [];
      const renamed: repository.NameChangeRow[] = [];
      for (const { school: row } of batch) {
        const existing = held.get(row.urn);
        if (!existing) {
          created.push({ ...fresh(row), id: uuidv7(), importRunId: runId });
          continue;
        }
        const change = compareSchool(existing, row);
        if (change.kind === 'unchanged') {
          counts.unchanged += 1;
          continue;
        }
        await repository.updateSchool(tx, existing.id, { ...heldDetails(change.next), importRunId: runId });
        if (change.kind === 'closed') counts.closed += 1;
        else counts.updated += 1;
        if (change.renamedFrom !== undefined) {
          counts.renamed += 1;
          renamed.push({ id: uuidv7(), schoolId: existing.id, fromName: change.renamedFrom, toName: change.next.name, seenOn, importRunId: runId });
        }
      }
      await repository.insertSchools(tx, created);
      await repository.insertNameChanges(tx, renamed);
      counts.created = created.length;
      return counts;
    });
    // Counted once the batch is committed, so a failed batch counts nothing.
    for (const key of Object.keys(written) as (keyof typeof written)[]) counts[key] += written[key];
  }
}

/** The details of a school, without the row id a held school carries. */
function heldDetails(school: HeldSchool): HeldSchool {
  const { urn, ukprn, name, type, phase, status, laCode, street, locality, address3, town, county, postcode, openDate, closeDate } = school;
  return { urn, ukprn, name, type, phase, status, laCode, street, locality, address3, town, county, postcode, openDate, closeDate };
}

/** A new school: the details the file lacks are not known. */
function fresh(row: GiasSchool): HeldSchool {
  return {
    ukprn: null,
    street: null,
    locality: null,
    address3: null,
    town: null,
    county: null,
    postcode: null,
    openDate: null,
    closeDate: null,
    ...row,
  };
}
