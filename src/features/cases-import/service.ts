// Importing cases from a council's old system: CSV files in a folder and a mapping file. The
// files of a child's parts (people, requests, assessments, plans, reviews) are read first and kept
// by child; then children.csv is streamed and its children taken a batch at a time. Each child is
// checked whole against the files and the database (officers, schools, UPNs), then, in an apply,
// each batch is written in one transaction, so a child is written whole or not at all. A dry run
// does all of this but the writing. Each record keeps its source system, its old id and the run
// (import_record); the same import again finds every record unchanged and writes nothing.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Database, Executor } from '../../db/database.ts';
import { parseFileDate, type IsoDate } from '../../domain/calendar/index.ts';
import { searchNamesOf, surnameKeyOf } from '../../domain/children/search-keys.ts';
import { deadlinesOfClosedCase, type CaseDeadline } from '../../domain/events/index.ts';
import {
  assembleChild,
  importedInvitationDay,
  importedNeedDescription,
  parseRow,
  type ChildParts,
  type ChildRow,
  type ImportedCase,
  type ImportedChild,
  type ImportRefusal,
  type OfficerRow,
  type PersonRow,
  type RowsOf,
} from '../../domain/imports/cases.ts';
import { CASE_FILES, checkMapping, fileNameOf, headingOf, readHeader, type CaseFile, type CaseMapping, type FileHeader } from '../../domain/imports/mapping.ts';
import { planOfficers, type OfficerAction } from '../../domain/imports/officers.ts';
import { importedPlanChange, type ImportedPlanChange } from '../../domain/imports/plans.ts';
import { isSen2Line, mergeSen2, nameKey, SEN2_DEFAULT_FILE, SEN2_ELEMENT_OF, sen2ChildId, withSen2ChildId } from '../../domain/imports/sen2.ts';
import { emptyPlanContent, planContentSchema, PLAN_SCHEMA_VERSION, type PlanContent } from '../../domain/plans/content.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { Clock } from '../../lib/clock.ts';
import { CsvFileError, readCsv, type CsvDelimiter, type CsvEncoding } from '../../lib/csv.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudits } from '../audit/index.ts';
import { requireRole, type Actor } from '../auth/index.ts';
import { changeHolder, rewriteCaseState } from '../cases/index.ts';
import { findAuthorityCode } from '../reference/index.ts';
import * as repository from './repository.ts';
import { loadSen2, Sen2SourceError, type Sen2Entry, type Sen2Source } from './sen2-source.ts';

/** Children written per transaction. */
export const CASES_BATCH_SIZE = 500;
/**
 * Rows of children's parts (people, requests, assessments, plans, reviews) held while children.csv
 * is read: five times a large council's whole service. More is the wrong export, stopped before any
 * child is written rather than left to exhaust the memory.
 */
export const MAX_PART_ROWS = 500_000;
/** Refused rows kept on the run record; the count is always the whole. */
export const REFUSALS_KEPT = 1000;

/** Input the import cannot read at all (no such folder, a mapping file that is not JSON, a file that is not CSV): nothing was written. */
export class CaseImportFileError extends Error {}

/** The run was asked to stop (input.signal) and did, after its last committed batch: it resumes from there when run again. */
export class CaseImportPaused extends Error {
  override readonly name = 'CaseImportPaused';
}

export type ImportMode = 'dry-run' | 'apply';

export interface CaseImportCounts {
  /** Children, each with all their rows: written new, brought up to date, found as they were, or refused. */
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  /** Rows read in each file, and rows refused (a refused child's good rows are not counted here); for the SEN2 return, its Persons. */
  rows: Partial<Record<CaseFile | 'sen2', { read: number; refused: number }>>;
  /** officers.csv, when the folder has one: its officers given a new staff account, matched to the council's account with their e-mail, brought up to date, found as they were, or refused. */
  officers?: { created: number; matched: number; updated: number; unchanged: number; refused: number };
  /** The SEN2 return, when the folder has one: its Persons matched to a child of the CSV files, and those imported as children of their own. */
  sen2?: { file: string; matched: number; filled: number; own: number; skipped: number };
}

export interface CaseImportFile {
  file: CaseFile;
  name: string;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

export interface CaseImportResult {
  runId: string;
  mode: ImportMode;
  sourceSystem: string;
  counts: CaseImportCounts;
  refusals: ImportRefusal[];
  /** The files read, each with how it was read. */
  files: CaseImportFile[];
  /** The files of the layout the folder does not have (every one but children.csv may be left out). */
  absent: string[];
}

export interface CaseImportInput {
  /** The mapping file's content, as parsed JSON, and its name. */
  mapping: unknown;
  mappingName: string;
  /** The folder's name, for the run record. */
  source: string;
  /** The file of that name in the folder, or undefined when there is none. */
  open: (name: string) => Promise<Readable | undefined>;
  mode: ImportMode;
  ranBy: string;
  batchSize?: number;
  /** MAX_PART_ROWS unless given (tests). */
  maxPartRows?: number;
  /**
   * A run already recorded (queued by the upload page) rather than a new one. Run again after it
   * stopped part way, it takes up from its last committed batch (its checkpoint): what was written
   * is not read again, and its counts go on from where they stood.
   */
  runId?: string;
  /** Looked at after each batch: once aborted, the run stops there (CaseImportPaused), to be run again. */
  signal?: AbortSignal;
  /**
   * Told the rows of children.csv taken so far, each time a batch is committed (an apply) or
   * checked (a dry run), and the SEN2 return's own children taken after them.
   */
  onProgress?: (childRows: number, sen2Own: number) => void | Promise<void>;
}

/** What a run stopped part way had done: the rows of children.csv taken, and the counts and refused rows then. */
interface Checkpoint {
  childRows: number;
  /** The SEN2 return's own children taken, in the return's order, once children.csv is all taken. */
  sen2Own?: number;
  counts: Record<string, unknown>;
  refusals: unknown[];
}

interface Held {
  targetId: string;
  digest: string;
}

/** A plan imported before whose row changed: what its versions become, and the versions held. */
interface PlanUpdate {
  planId: string;
  change: Exclude<ImportedPlanChange, { kind: 'refused' }>;
  versions: repository.PlanVersionHeld[];
}

/** A digest of what the source says, lines left out: the same values, wherever they sit in the file, give the same digest. */
function digestOf(value: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(value))
    .digest('hex');
}

function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => key !== 'line').map(([key, entry]) => [key, withoutLines(entry)]));
}

const recordDigest = (value: unknown) => digestOf(withoutLines(value));

/** What of a plan an import writes: once written, an import never changes it (issued versions are frozen). */
const planDigest = (found: ImportedCase) => recordDigest(found.plan);
const caseDigest = (found: ImportedCase) => recordDigest({ receivedOn: found.receivedOn, source: found.source, officerEmail: found.officerEmail });
const eventDigest = (event: ImportedCase['events'][number]) => recordDigest({ type: event.type, occurredOn: event.occurredOn, payload: event.payload });

export class CasesImportService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Imports (or with mode 'dry-run', only checks) a folder of case files for the actor's council.
   * Throws CaseImportFileError for input it cannot read at all; a wrong row refuses its child, who
   * is listed with every wrong row, and the rest are imported.
   */
  async importCases(actor: Actor, input: CaseImportInput): Promise<CaseImportResult> {
    requireRole(actor, 'admin');
    const checked = checkMapping(input.mapping);
    if (!checked.ok) throw new CaseImportFileError(`The mapping file ${input.mappingName} cannot be used: ${checked.problems.join('; ')}`);
    const mapping = checked.mapping;
    let runId = uuidv7();
    let resume: Checkpoint | undefined;
    if (input.runId) {
      const held = await repository.findRun(this.db, actor.authorityId, input.runId);
      if (!held) throw new CaseImportFileError('There is no such import run');
      runId = held.id;
      resume = held.checkpoint ?? undefined;
      await repository.updateRun(this.db, actor.authorityId, runId, { status: 'running', failure: null, sourceSystem: mapping.sourceSystem });
    } else {
      await repository.insertRun(this.db, {
        id: runId,
        authorityId: actor.authorityId,
        sourceSystem: mapping.sourceSystem,
        mode: input.mode,
        source: input.source,
        mappingName: input.mappingName,
        ranBy: input.ranBy,
        startedAt: this.clock.now(),
        status: 'running',
      });
    }
    const run = new ImportRun(this.db, this.clock, actor, mapping, runId, input, resume);
    try {
      await run.readOfficers();
      await run.readParts();
      await run.readSen2();
      await run.writeOfficers();
      await run.readChildren();
    } catch (error) {
      if (error instanceof CaseImportPaused) {
        await repository.updateRun(this.db, actor.authorityId, runId, { status: 'queued' });
        throw error;
      }
      const readable = error instanceof CsvFileError || error instanceof CaseImportFileError || error instanceof Sen2SourceError;
      const failure = readable ? `Cannot import ${input.source}: ${error.message}` : `Stopped: ${(error as Error).message}`;
      await repository.updateRun(this.db, actor.authorityId, runId, { status: 'failed', finishedAt: this.clock.now(), failure, counts: run.countsRecord(), refusals: run.refusals.slice(0, REFUSALS_KEPT) });
      if (readable) throw new CaseImportFileError(failure);
      throw error;
    }
    await repository.updateRun(this.db, actor.authorityId, runId, {
      status: 'finished',
      finishedAt: this.clock.now(),
      counts: run.countsRecord(),
      refusals: run.refusals.slice(0, REFUSALS_KEPT),
      childrenDone: run.childRows,
      checkpoint: null,
    });
    return { runId, mode: input.mode, sourceSystem: mapping.sourceSystem, counts: run.counts, refusals: run.refusals, files: run.files, absent: run.absent };
  }

  /** The council's import runs, newest first. */
  async listRuns(actor: Actor, limit = 20): Promise<repository.ImportRunRow[]> {
    requireRole(actor, 'admin');
    return repository.listRuns(this.db, actor.authorityId, limit);
  }

  /** One run and the records it created or last changed (kind: officer, child, person, case, event, plan, plan-version, review). */
  async runRecords(actor: Actor, runId: string, kind?: string): Promise<{ run: repository.ImportRunRow; records: repository.ImportRecordRow[] } | undefined> {
    requireRole(actor, 'admin');
    if (!/^[0-9a-f-]{36}$/i.test(runId)) return undefined;
    const run = await repository.findRun(this.db, actor.authorityId, runId);
    if (!run) return undefined;
    return { run, records: await repository.recordsOfRun(this.db, actor.authorityId, runId, kind) };
  }
}

interface PendingChild {
  row: ChildRow;
  /** The child's rows with what the SEN2 return filled in; the CSV's rows alone when absent. */
  parts?: ChildParts;
  /** The child of the SEN2 return it took values from, and what it took. */
  sen2?: { key: string; filled: string[] };
}

/** One run's state: the parts read so far, the refusals, the counts. */
class ImportRun {
  readonly refusals: ImportRefusal[] = [];
  readonly counts: CaseImportCounts = { created: 0, updated: 0, unchanged: 0, refused: 0, rows: {} };
  readonly files: CaseImportFile[] = [];
  readonly absent: string[] = [];
  /** Rows of children.csv taken so far. */
  childRows = 0;
  /** The SEN2 return's own children taken so far (checked, refused or written). */
  private sen2OwnDone = 0;
  /** A resumed run's counts and refused rows put back as its checkpoint saved them. */
  private restored = false;
  private readonly parts = new Map<string, ChildParts>();
  private partRows = 0;
  private readonly requestChild = new Map<string, string>();
  /** Children with a refused row in one of their parts' files: refused whole. */
  private readonly tainted = new Set<string>();
  private readonly childrenSeen = new Map<string, number>();
  /** The line each request's and review's old id was first seen on. */
  private readonly idsSeen = new Map<string, number>();
  private readonly upnsSeen = new Map<string, number>();
  private readonly schools = new Map<number, string | null>();
  /** People written in this run, by old id: a person linked to two children is one person. */
  private readonly peopleWritten = new Map<string, string>();
  private officers = new Map<string, string>();
  /** Officers by the old system's id: their e-mail (in officers.csv, or imported before), or 'refused' when their row is refused. */
  private readonly officerIds = new Map<string, { email: string } | 'refused'>();
  /** E-mails officers.csv gives an account (a new one, or an account's new e-mail) until written: known to the cases naming them. */
  private readonly officersToCreate = new Set<string>();
  /** What an apply writes of officers.csv, once every file has been read. */
  private officerWrites:
    | {
        staff: Parameters<typeof repository.insertStaff>[1];
        updates: Extract<OfficerAction, { action: 'update' }>[];
        records: Parameters<typeof repository.upsertRecords>[1];
        audits: Parameters<typeof recordAudits>[3][number][];
      }
    | undefined;
  private laCode = '000';
  private readonly fileNames: Record<CaseFile, string>;
  private sen2: Sen2Source | undefined;
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly actor: Actor;
  private readonly mapping: CaseMapping;
  private readonly runId: string;
  private readonly input: CaseImportInput;
  private readonly today: IsoDate;
  private readonly resume: Checkpoint | undefined;

  constructor(db: Database, clock: Clock, actor: Actor, mapping: CaseMapping, runId: string, input: CaseImportInput, resume?: Checkpoint) {
    this.db = db;
    this.resume = resume;
    this.clock = clock;
    this.actor = actor;
    this.mapping = mapping;
    this.runId = runId;
    this.input = input;
    this.today = clock.today() as IsoDate;
    this.fileNames = Object.fromEntries(CASE_FILES.map((file) => [file, fileNameOf(mapping, file)])) as Record<CaseFile, string>;
  }

  countsRecord(): Record<string, unknown> {
    return { ...this.counts };
  }

  private rowsOf(file: CaseFile | 'sen2') {
    return (this.counts.rows[file] ??= { read: 0, refused: 0 });
  }

  /** Each row of one file, read and checked; a file that cannot be read as CSV, or lacks a column every row needs, stops the run. */
  private async *rows<F extends CaseFile>(file: F): AsyncGenerator<{ line: number; cells: string[]; header: FileHeader; parsed: ReturnType<typeof parseRow<F>> } | undefined> {
    const name = this.fileNames[file];
    const stream = await this.input.open(name);
    if (!stream) {
      if (file === 'children') throw new CaseImportFileError(`there is no ${name} in the folder`);
      this.absent.push(name);
      return;
    }
    let header: FileHeader | undefined;
    const counts = this.rowsOf(file);
    try {
      for await (const item of readCsv(
        stream,
        (headings, decoding, delimiter) => {
          header = readHeader(this.mapping, file, headings);
          if (header.missingRequired.length > 0) throw new CaseImportFileError(`${name} lacks the column${header.missingRequired.length > 1 ? 's' : ''} ${header.missingRequired.join(', ')}`);
          this.files.push({ file, name, encoding: decoding.encoding, delimiter });
          // The encoding is known for certain only at the end: the entry is read again then.
          this.decodings.set(file, decoding);
        },
        { delimiter: 'detect' },
      )) {
        counts.read += 1;
        if ('error' in item) {
          counts.refused += 1;
          this.refusals.push({ file: name, line: item.line, field: 'row', value: '', why: `cannot be read as CSV: ${item.error}` });
          yield undefined;
          continue;
        }
        yield { line: item.line, cells: item.cells, header: header!, parsed: parseRow(file, name, this.mapping, header!, item.cells, item.line, this.today) };
      }
    } catch (error) {
      if (error instanceof CsvFileError) throw new CaseImportFileError(`${name}: ${error.message}`);
      throw error;
    }
    const entry = this.files.find((found) => found.file === file);
    const decoding = this.decodings.get(file);
    if (entry && decoding) entry.encoding = decoding.encoding;
  }

  private readonly decodings = new Map<CaseFile, { encoding: CsvEncoding }>();

  private cell(header: FileHeader, cells: readonly string[], column: string): string {
    const position = header.positions[column];
    return position === undefined ? '' : (cells[position] ?? '').trim();
  }

  private partsOf(childId: string): ChildParts {
    let found = this.parts.get(childId);
    if (!found) {
      found = { people: [], requests: [], assessments: [], plans: [], reviews: [] };
      this.parts.set(childId, found);
    }
    return found;
  }

  /**
   * officers.csv, when the folder has one: each officer matched to a staff account by old id (an
   * earlier import's) or e-mail (the council's), or given a new one, a case officer's without a
   * password; in an apply, written in one transaction before any child. The officers imported
   * before are known by their old id whether or not the file is there.
   */
  async readOfficers(): Promise<void> {
    const { authorityId } = this.actor;
    const source = this.mapping.sourceSystem;
    this.officers = await repository.officersByEmail(this.db, authorityId);
    const heldRecords = await repository.recordsOfKind(this.db, authorityId, source, 'officer');
    const emailOf = new Map([...this.officers].map(([email, id]) => [id, email]));
    for (const record of heldRecords) {
      const email = emailOf.get(record.targetId);
      if (email) this.officerIds.set(record.sourceId, { email });
    }
    const rows: OfficerRow[] = [];
    for await (const item of this.rows('officers')) {
      if (!item) continue;
      if (!item.parsed.ok) {
        this.rowsOf('officers').refused += 1;
        this.refusals.push(...item.parsed.refusals);
        if (item.parsed.key) this.officerIds.set(item.parsed.key, 'refused');
        continue;
      }
      rows.push(item.parsed.row);
    }
    if (!this.files.some((file) => file.file === 'officers')) return;
    const counts = { created: 0, matched: 0, updated: 0, unchanged: 0, refused: this.rowsOf('officers').refused };
    const context = {
      authorityId,
      accountsByEmail: await repository.staffByEmail(this.db, [...new Set(rows.map((row) => row.email))]),
      held: byId(heldRecords),
      teamsByName: await repository.teamsByName(this.db, authorityId),
    };
    const planned = planOfficers(rows, context, recordDigest, this.fileNames.officers, this.mapping);
    this.refusals.push(...planned.refusals);
    this.rowsOf('officers').refused += new Set(planned.refusals.map((refusal) => refusal.line)).size;
    counts.refused = this.rowsOf('officers').refused;
    for (const officerId of planned.refused) this.officerIds.set(officerId, 'refused');
    const now = this.clock.now();
    const staff: Parameters<typeof repository.insertStaff>[1] = [];
    const records: Parameters<typeof repository.upsertRecords>[1] = [];
    const audits: Parameters<typeof recordAudits>[3][number][] = [];
    for (const action of planned.actions) {
      this.officerIds.set(action.row.officerId, { email: action.row.email });
      counts[action.action === 'create' ? 'created' : action.action === 'match' ? 'matched' : action.action === 'update' ? 'updated' : 'unchanged'] += 1;
      if (action.action === 'unchanged') continue;
      const details = { importRunId: this.runId, sourceSystem: source, officerId: action.row.officerId };
      if (action.action === 'create') {
        const id = uuidv7();
        this.officersToCreate.add(action.row.email);
        staff.push({ id, authorityId, email: action.row.email, name: action.row.name, role: 'case_officer', authProvider: 'password', oidcSubject: null, passwordHash: null, teamId: action.teamId, startedOn: this.today, createdAt: now });
        records.push(this.record('officer', action.row.officerId, id, action.digest));
        audits.push({ action: 'staff.created', entityType: 'staff_user', entityId: id, details: { role: 'case_officer', ...details } });
      } else if (action.action === 'match') {
        records.push(this.record('officer', action.row.officerId, action.accountId, action.digest));
        audits.push({ action: 'staff.import-matched', entityType: 'staff_user', entityId: action.accountId, details });
      } else {
        this.officersToCreate.add(action.row.email);
        records.push(this.record('officer', action.row.officerId, action.accountId, action.digest));
        audits.push({ action: 'staff.import-updated', entityType: 'staff_user', entityId: action.accountId, details: { ...details, ...(action.teamId ? { teamId: action.teamId } : {}) } });
      }
    }
    this.counts.officers = counts;
    if (records.length > 0) this.officerWrites = { staff, updates: planned.actions.filter((action) => action.action === 'update'), records, audits };
  }

  /** The officers' accounts and records, in an apply: written in one transaction once every file has been read, before any child. */
  async writeOfficers(): Promise<void> {
    const writes = this.officerWrites;
    if (this.input.mode === 'dry-run' || !writes) return;
    const { authorityId } = this.actor;
    await this.db.transaction(async (tx) => {
      await repository.insertStaff(tx, writes.staff);
      for (const update of writes.updates) await repository.updateStaff(tx, authorityId, update.accountId, { name: update.row.name, email: update.row.email, ...(update.teamId ? { teamId: update.teamId } : {}) });
      await repository.upsertRecords(tx, writes.records);
      await recordAudits(tx, this.clock, this.actor, writes.audits);
    });
    this.officers = await repository.officersByEmail(this.db, authorityId);
    this.officersToCreate.clear();
  }

  /** The files of children's parts, kept by child. A wrong row marks its child to be refused whole. */
  async readParts(): Promise<void> {
    this.laCode = (await findAuthorityCode(this.db, this.actor.authorityId)) ?? '000';
    for (const file of CASE_FILES) {
      if (file === 'children' || file === 'officers') continue;
      for await (const item of this.rows(file)) {
        if (!item) continue;
        const byChild = file === 'people' || file === 'requests';
        const requestId = this.cell(item.header, item.cells, 'request_id');
        const childId = byChild ? this.cell(item.header, item.cells, 'child_id') : this.requestChild.get(requestId);
        // A request's or a review's old id is one record's, whichever child it is under: a second is refused with its child.
        const ownId = file === 'requests' ? requestId : file === 'reviews' ? this.cell(item.header, item.cells, 'review_id') : '';
        const firstLine = ownId ? this.idsSeen.get(`${file}/${ownId}`) : undefined;
        if (firstLine !== undefined) {
          this.rowsOf(file).refused += 1;
          this.refusals.push({ file: this.fileNames[file], line: item.line, field: headingOf(this.mapping, file, file === 'requests' ? 'request_id' : 'review_id'), value: ownId, why: `appears again (first on line ${firstLine})` });
          if (childId) this.tainted.add(childId);
          continue;
        }
        if (ownId) this.idsSeen.set(`${file}/${ownId}`, item.line);
        if (file === 'requests' && childId && requestId) this.requestChild.set(requestId, childId);
        if (!item.parsed.ok) {
          this.rowsOf(file).refused += 1;
          this.refusals.push(...item.parsed.refusals);
          if (childId) this.tainted.add(childId);
          continue;
        }
        if (childId === undefined || childId === '') {
          this.rowsOf(file).refused += 1;
          this.refusals.push({ file: this.fileNames[file], line: item.line, field: headingOf(this.mapping, file, 'request_id'), value: requestId, why: `is not a request in ${this.fileNames.requests}` });
          continue;
        }
        this.partRows += 1;
        const maxPartRows = this.input.maxPartRows ?? MAX_PART_ROWS;
        if (this.partRows > maxPartRows) {
          throw new CaseImportFileError(
            `the files of children's people, requests, assessments, plans and reviews hold more than ${maxPartRows.toLocaleString('en-GB')} rows (${this.fileNames[file]} line ${item.line}), more than a council's whole service: check they are the right export`,
          );
        }
        const parts = this.partsOf(childId);
        (parts[file as Exclude<CaseFile, 'children' | 'officers'>] as RowsOf[typeof file][]).push(item.parsed.row);
      }
    }
  }

  /**
   * Last year's SEN2 return, when the folder has one (sen2.xml, or the mapping's files.sen2): each
   * Person read, mapped onto the CSV layout's rows and checked, and kept to be matched as the
   * children of children.csv come. Nothing is written until the whole return has been read.
   */
  async readSen2(): Promise<void> {
    const name = this.mapping.files.sen2 ?? SEN2_DEFAULT_FILE;
    this.sen2 = await loadSen2(this.input.open, name, this.today);
    // A return the mapping names must be there; sen2.xml is read when it is.
    if (!this.sen2 && this.mapping.files.sen2) throw new CaseImportFileError(`there is no ${name} in the folder (the mapping file's files.sen2)`);
    if (!this.sen2) return;
    this.counts.rows.sen2 = { read: this.sen2.read, refused: this.sen2.refused };
    this.counts.sen2 = { file: name, matched: 0, filled: 0, own: 0, skipped: this.sen2.skipped };
    this.refusals.push(...this.sen2.again);
  }

  /** Where a refusal of a row is reported: its CSV file, or the SEN2 return for a row taken from it (its line negated). */
  private at(file: CaseFile, line: number, column: string): { file: string; line: number; field: string } {
    if (isSen2Line(line)) return { file: this.sen2?.name ?? SEN2_DEFAULT_FILE, line: -line, field: column === 'row' ? 'Person' : (SEN2_ELEMENT_OF[column] ?? column) };
    return { file: this.fileNames[file], line, field: column === 'row' ? 'row' : headingOf(this.mapping, file, column) };
  }

  private kindOf(name: string): CaseFile | 'sen2' {
    return this.sen2 && name === this.sen2.name ? 'sen2' : fileOfName(this.fileNames, name);
  }

  /** A Person of the return found wrong: refused, with what was wrong in it. */
  private refuseSen2(entry: Sen2Entry & { ok: false }): void {
    this.rowsOf('sen2').refused += 1;
    this.refusals.push(...entry.refusals);
  }

  /**
   * The child of the SEN2 return a child of children.csv is, by UPN or by names and date of birth:
   * merged in, the CSV's values standing; a child whose Person is wrong is refused whole. Undefined
   * when the child is refused.
   */
  private withSen2(row: ChildRow): PendingChild | undefined {
    const entry = this.sen2?.index.take({ upn: row.upn, name: nameKey(row) });
    if (!entry) return { row };
    this.counts.sen2!.matched += 1;
    if (!entry.ok) {
      this.refuseSen2(entry);
      this.refusals.push({ file: this.fileNames.children, line: row.line, field: 'row', value: row.childId, why: `the child is refused whole: their Person in ${this.sen2!.name} (line ${entry.line}) is wrong` });
      this.counts.refused += 1;
      return undefined;
    }
    const merged = mergeSen2({ child: row, parts: this.parts.get(row.childId) ?? { people: [], requests: [], assessments: [], plans: [], reviews: [] } }, entry.child);
    if (merged.filled.length === 0) return { row };
    this.counts.sen2!.filled += 1;
    if (merged.child.upn && !row.upn) {
      const first = this.upnsSeen.get(merged.child.upn);
      if (first !== undefined) {
        this.refusals.push({ file: this.sen2!.name, line: entry.line, field: 'UPN', value: merged.child.upn, why: `is the UPN of the child on line ${first} of ${this.fileNames.children}, but the Person matched the child on line ${row.line} by name and date of birth` });
        this.rowsOf('sen2').refused += 1;
        this.refuseWhole(row.childId, row.line);
        return undefined;
      }
      this.upnsSeen.set(merged.child.upn, row.line);
    }
    return { row: merged.child, parts: merged.parts, sen2: { key: entry.child.child.childId, filled: merged.filled } };
  }

  /** A row of children.csv refused before it could be read whole: the child of the return it names is theirs all the same, never imported apart. */
  private dropSen2Of(header: FileHeader, cells: readonly string[]): void {
    if (!this.sen2) return;
    const upn = this.cell(header, cells, 'upn').toUpperCase() || null;
    const dateOfBirth = parseFileDate(this.cell(header, cells, 'date_of_birth'));
    const forename = this.cell(header, cells, 'forename');
    const surname = this.cell(header, cells, 'surname');
    const entry = this.sen2.index.take({ upn, name: dateOfBirth && forename && surname ? nameKey({ forename, surname, dateOfBirth }) : null });
    if (entry) this.counts.sen2!.matched += 1;
  }

  /** The children of the return no child of children.csv is: imported as children of their own, by the same rules. */
  private async readSen2Own(batchSize: number): Promise<void> {
    if (!this.sen2) return;
    // Resumed: the children of the return taken before the stop were counted in the checkpoint's
    // counts, and those written are not written again; the return's order is the same each time.
    if (this.resume && !this.restored) this.restore(this.resume);
    const done = this.resume?.sen2Own ?? 0;
    let batch: PendingChild[] = [];
    for (const entry of this.sen2.index.untaken()) {
      this.sen2OwnDone += 1;
      if (this.sen2OwnDone <= done) continue;
      if (!entry.ok) {
        this.refuseSen2(entry);
        this.counts.refused += 1;
        continue;
      }
      const { child, parts } = entry.child;
      const upnFirst = child.upn ? this.upnsSeen.get(child.upn) : undefined;
      if (child.upn && upnFirst !== undefined) {
        this.rowsOf('sen2').refused += 1;
        this.refusals.push({ file: this.sen2.name, line: entry.line, field: 'UPN', value: child.upn, why: `is the UPN of the child on line ${upnFirst} of ${this.fileNames.children}: is it the same child twice?` });
        this.counts.refused += 1;
        continue;
      }
      this.counts.sen2!.own += 1;
      batch.push({ row: child, parts, sen2: { key: child.childId, filled: ['child', ...parts.requests.map((request) => request.requestId)] } });
      if (batch.length >= batchSize) {
        await this.keepNameKeys(batch);
        await this.takeBatch(batch);
        batch = [];
        if (this.input.signal?.aborted) throw new CaseImportPaused('The import stopped after a batch, to be resumed');
      }
    }
    await this.keepNameKeys(batch);
    await this.takeBatch(batch);
  }

  /**
   * Children of the return with a UPN that an earlier import took without one, keyed then by their
   * names and date of birth: still those children, their rows moved under that key, so they are
   * brought up to date (the UPN filled in) rather than imported a second time.
   */
  private async keepNameKeys(batch: PendingChild[]): Promise<void> {
    const byName = new Map<string, number>();
    batch.forEach((pending, index) => {
      if (pending.row.upn && pending.row.childId === sen2ChildId(pending.row)) byName.set(sen2ChildId({ ...pending.row, upn: null }), index);
    });
    if (byName.size === 0) return;
    const ids = [...byName].flatMap(([nameId, index]) => [nameId, batch[index]!.row.childId]);
    const held = new Set((await repository.findRecords(this.db, this.actor.authorityId, this.mapping.sourceSystem, 'child', ids)).map((record) => record.sourceId));
    for (const [nameId, index] of byName) {
      const pending = batch[index]!;
      if (held.has(pending.row.childId) || !held.has(nameId)) continue;
      const moved = withSen2ChildId(pending.row, pending.parts!, nameId);
      batch[index] = { row: moved.child, parts: moved.parts, sen2: { key: nameId, filled: ['child', ...moved.parts.requests.map((request) => request.requestId)] } };
    }
  }

  /**
   * children.csv, streamed, its children checked and written a batch at a time. Resuming, the rows
   * up to the checkpoint are only screened again (so a later row still finds the child or UPN it
   * repeats), and at the checkpoint the counts and refused rows become those saved with it. Then
   * the SEN2 return's own children.
   */
  async readChildren(): Promise<void> {
    const batchSize = this.input.batchSize ?? CASES_BATCH_SIZE;
    const resumeAt = this.resume?.childRows ?? 0;
    let batch: PendingChild[] = [];
    for await (const item of this.rows('children')) {
      this.childRows += 1;
      const pending = item ? this.screenChild(item) : undefined;
      if (this.childRows <= resumeAt) {
        if (this.childRows === resumeAt) this.restore(this.resume!);
        continue;
      }
      if (pending) batch.push(pending);
      if (batch.length >= batchSize) {
        await this.takeBatch(batch);
        batch = [];
        if (this.input.signal?.aborted) throw new CaseImportPaused('The import stopped after a batch, to be resumed');
      }
    }
    await this.takeBatch(batch);
    await this.readSen2Own(batchSize);
    // Rows whose child children.csv does not hold: nothing to attach them to.
    for (const [childId, parts] of this.parts) {
      if (this.childrenSeen.has(childId)) continue;
      for (const file of ['people', 'requests', 'assessments', 'plans', 'reviews'] as const) {
        for (const row of parts[file]) {
          this.rowsOf(file).refused += 1;
          this.refusals.push({ file: this.fileNames[file], line: row.line, field: headingOf(this.mapping, file, file === 'people' || file === 'requests' ? 'child_id' : 'request_id'), value: file === 'people' || file === 'requests' ? childId : (row as { requestId: string }).requestId, why: `has no child in ${this.fileNames.children}` });
        }
      }
    }
    // The report in the order of the layout (children first), each file by line.
    const order = (name: string) => (this.kindOf(name) === 'sen2' ? REPORT_ORDER.length : REPORT_ORDER.indexOf(fileOfName(this.fileNames, name)));
    this.refusals.sort((a, b) => (a.file === b.file ? a.line - b.line : order(a.file) - order(b.file)));
  }

  /** A row of children.csv checked on its own and against the rows before it: the child to take, or undefined when refused. */
  private screenChild(item: { line: number; cells: string[]; header: FileHeader; parsed: ReturnType<typeof parseRow<'children'>> }): PendingChild | undefined {
    const childId = this.cell(item.header, item.cells, 'child_id');
    const first = childId ? this.childrenSeen.get(childId) : undefined;
    if (first !== undefined) {
      this.rowsOf('children').refused += 1;
      this.refusals.push({ file: this.fileNames.children, line: item.line, field: headingOf(this.mapping, 'children', 'child_id'), value: childId, why: `appears again (first on line ${first}); the first is imported` });
      return undefined;
    }
    if (childId) this.childrenSeen.set(childId, item.line);
    if (!item.parsed.ok) {
      this.rowsOf('children').refused += 1;
      this.refusals.push(...item.parsed.refusals);
      this.refuseWhole(childId, item.line);
      this.dropSen2Of(item.header, item.cells);
      return undefined;
    }
    const upn = item.parsed.row.upn;
    const upnFirst = upn ? this.upnsSeen.get(upn) : undefined;
    if (upn && upnFirst !== undefined) {
      this.rowsOf('children').refused += 1;
      this.refusals.push({ file: this.fileNames.children, line: item.line, field: headingOf(this.mapping, 'children', 'upn'), value: upn, why: `is the UPN of the child on line ${upnFirst}: is it the same child twice?` });
      this.refuseWhole(childId, item.line);
      this.dropSen2Of(item.header, item.cells);
      return undefined;
    }
    if (upn) this.upnsSeen.set(upn, item.line);
    return this.withSen2(item.parsed.row);
  }

  /** The counts and refused rows as a checkpoint saved them. */
  private restore(checkpoint: Checkpoint): void {
    this.restored = true;
    const counts = structuredClone(checkpoint.counts) as unknown as CaseImportCounts;
    this.counts.created = counts.created;
    this.counts.updated = counts.updated;
    this.counts.unchanged = counts.unchanged;
    this.counts.refused = counts.refused;
    this.counts.rows = counts.rows;
    if (counts.sen2) this.counts.sen2 = counts.sen2;
    if (counts.officers) this.counts.officers = counts.officers;
    this.refusals.length = 0;
    this.refusals.push(...(checkpoint.refusals as ImportRefusal[]));
  }

  /** Where a run stopped after this batch would resume, its counts taken as they will be once the batch commits. */
  private checkpoint(created: number, updated: number) {
    const counts = { ...this.counts, created: this.counts.created + created, updated: this.counts.updated + updated };
    return { childrenDone: this.childRows, checkpoint: { childRows: this.childRows, sen2Own: this.sen2OwnDone, counts: counts as unknown as Record<string, unknown>, refusals: this.refusals.slice(0, REFUSALS_KEPT) } };
  }

  /** A child refused: counted, and said once on their row of children.csv when they have rows elsewhere. */
  private refuseWhole(childId: string, line: number): void {
    this.counts.refused += 1;
    const parts = this.parts.get(childId);
    const others = parts ? parts.people.length + parts.requests.length + parts.assessments.length + parts.plans.length + parts.reviews.length : 0;
    if (others > 0) this.refusals.push({ file: this.fileNames.children, line, field: 'row', value: childId, why: `the child is refused whole, with their ${others} row${others === 1 ? '' : 's'} in the other files` });
  }

  /** The URNs a batch names, looked up in the register once each per run. */
  private async loadSchools(urns: number[]): Promise<void> {
    const unknown = [...new Set(urns)].filter((urn) => !this.schools.has(urn));
    const found = await repository.schoolIdsByUrn(this.db, unknown);
    for (const urn of unknown) this.schools.set(urn, found.get(urn) ?? null);
  }

  private async takeBatch(batch: PendingChild[]): Promise<void> {
    if (batch.length === 0) return;
    await this.checkBatch(batch);
    await this.input.onProgress?.(this.childRows, this.sen2OwnDone);
  }

  private async checkBatch(batch: PendingChild[]): Promise<void> {
    const { authorityId } = this.actor;
    const source = this.mapping.sourceSystem;
    const partsOf = (pending: PendingChild) => pending.parts ?? this.parts.get(pending.row.childId) ?? { people: [], requests: [], assessments: [], plans: [], reviews: [] };
    await this.loadSchools(batch.flatMap((pending) => [pending.row.schoolUrn ?? [], ...partsOf(pending).plans.map((plan) => plan.placementUrn ?? [])].flat()));
    const heldChildren = byId(await repository.findRecords(this.db, authorityId, source, 'child', batch.map(({ row }) => row.childId)));
    const requestIds = batch.flatMap((pending) => partsOf(pending).requests.map((request) => request.requestId));
    const heldPlans = byId(await repository.findRecords(this.db, authorityId, source, 'plan', requestIds));
    const upnHolders = await repository.childrenByUpn(this.db, authorityId, batch.flatMap(({ row }) => (row.upn ? [row.upn] : [])));
    const lookups = {
      officerKnown: (email: string) => this.officers.has(email) || this.officersToCreate.has(email),
      schoolKnown: (urn: number) => !!this.schools.get(urn),
      officerById: (officerId: string) => this.officerIds.get(officerId),
    };

    const creates: ImportedChild[] = [];
    let updates: { record: ImportedChild; held: Held; digest: string; planChanges: Map<string, PlanUpdate>; line: number; parts: ChildParts }[] = [];
    const digests = new Map<string, string>();
    const fileNames = { ...this.fileNames, ...(this.sen2 ? { sen2: this.sen2.name } : {}) };
    const fromSen2 = new Map<string, { key: string; filled: string[] }>();
    for (const pending of batch) {
      const { row } = pending;
      const childLine = row.line;
      if (this.tainted.has(row.childId)) {
        this.refuseWhole(row.childId, childLine);
        continue;
      }
      const assembled = assembleChild(row, partsOf(pending), this.mapping, fileNames, lookups, this.today);
      if (!assembled.ok) {
        for (const refusal of assembled.refusals) this.rowsOf(this.kindOf(refusal.file)).refused += 1;
        this.refusals.push(...assembled.refusals);
        this.refuseWhole(row.childId, childLine);
        continue;
      }
      const held = heldChildren.get(row.childId);
      if (row.upn) {
        const holder = upnHolders.get(row.upn);
        if (holder && holder !== held?.targetId) {
          this.rowsOf(isSen2Line(childLine) ? 'sen2' : 'children').refused += 1;
          this.refusals.push({ ...this.at('children', childLine, 'upn'), value: row.upn, why: 'is held by another child already in the service: is it the same child?' });
          this.refuseWhole(row.childId, childLine);
          continue;
        }
      }
      const digest = recordDigest(assembled.record);
      if (pending.sen2) fromSen2.set(row.childId, pending.sen2);
      if (!held) {
        creates.push(assembled.record);
        digests.set(row.childId, digest);
        continue;
      }
      if (held.digest === digest) {
        this.counts.unchanged += 1;
        continue;
      }
      updates.push({ record: assembled.record, held, digest, planChanges: new Map(), line: childLine, parts: partsOf(pending) });
    }
    updates = await this.planChanges(updates, heldPlans);
    updates = await this.oneOpenCase(updates);
    if (this.input.mode === 'dry-run' || creates.length + updates.length === 0) {
      await repository.updateRun(this.db, authorityId, this.runId, this.checkpoint(creates.length, updates.length));
      this.counts.created += creates.length;
      this.counts.updated += updates.length;
      return;
    }
    await this.db.transaction(async (tx) => {
      const records: Parameters<typeof repository.upsertRecords>[1] = [];
      const rows = repository.emptyRows();
      const people = byId(await repository.findRecords(tx, authorityId, source, 'person', [...new Set([...creates, ...updates.map((update) => update.record)].flatMap((record) => record.people.map((person) => person.personId)))]));
      for (const [personId, targetId] of this.peopleWritten) people.set(personId, { targetId, digest: '' });
      const numbers = await this.caseNumbers(tx, creates.flatMap((record) => record.cases));
      for (const record of creates) {
        const childId = uuidv7();
        rows.children.push(this.childRow(childId, record.child));
        records.push(this.record('child', record.child.childId, childId, digests.get(record.child.childId)!));
        for (const person of record.people) this.addPerson(rows, records, people, childId, person);
        for (const found of record.cases) this.addCase(rows, records, childId, record.child, found, numbers.next(found.receivedOn));
      }
      await repository.insertRows(tx, rows);
      for (const update of updates) await this.update(tx, update.record, update.held, update.digest, people, records, update.planChanges);
      await repository.upsertRecords(tx, records);
      const childIds = new Map(records.filter((entry) => entry.kind === 'child').map((entry) => [entry.sourceId, entry.targetId]));
      await this.traceSen2(tx, fromSen2, childIds);
      await recordAudits(tx, this.clock, this.actor, [
        ...creates.map((record) => ({ action: 'child.imported', entityType: 'child', entityId: childIds.get(record.child.childId)!, details: { importRunId: this.runId, sourceSystem: source } })),
        ...updates.map((update) => ({ action: 'child.import-updated', entityType: 'child', entityId: update.held.targetId, details: { importRunId: this.runId, sourceSystem: source } })),
      ]);
      // The checkpoint commits with the batch: a run stopped after this resumes after it.
      await repository.updateRun(tx, authorityId, this.runId, this.checkpoint(creates.length, updates.length));
    });
    // Counted once the batch is committed, so a failed batch counts nothing.
    this.counts.created += creates.length;
    this.counts.updated += updates.length;
  }

  /**
   * The plans of the children to update whose rows changed, each a new version as the plan's pages
   * make one (their versions read in one query): a change that cannot be taken refuses the child,
   * who is taken out of the updates.
   */
  private async planChanges<T extends { record: ImportedChild; planChanges: Map<string, PlanUpdate>; line: number; parts: ChildParts }>(updates: T[], heldPlans: Map<string, Held>): Promise<T[]> {
    const changed = (found: ImportedCase) => {
      const heldPlan = heldPlans.get(found.requestId);
      return heldPlan && found.plan && heldPlan.digest !== planDigest(found) ? heldPlan : undefined;
    };
    const planIds = updates.flatMap((update) => update.record.cases.flatMap((found) => changed(found)?.targetId ?? []));
    if (planIds.length === 0) return updates;
    const heldVersions = await repository.planVersionsOf(this.db, this.actor.authorityId, planIds);
    return updates.filter((update) => {
      let refused = false;
      for (const found of update.record.cases) {
        const heldPlan = changed(found);
        if (!heldPlan || !found.plan) continue;
        const held = heldVersions.get(heldPlan.targetId) ?? [];
        const versions = held.map((version) => ({ number: version.number, status: version.status, content: planContentSchema.safeParse(version.content) }));
        const change = versions.every((version) => version.content.success)
          ? importedPlanChange(
              versions.map((version) => ({ ...version, content: version.content.data! })),
              found.plan.issuedOn !== null,
              this.planSections(found),
            )
          : ({ kind: 'refused', why: 'is of a plan whose versions cannot be read as the plan’s sections: record the change in the service' } as const);
        if (change.kind === 'refused') {
          const line = update.parts.plans.find((plan) => plan.requestId === found.requestId)?.line ?? update.line;
          this.rowsOf(isSen2Line(line) ? 'sen2' : 'plans').refused += 1;
          this.refusals.push({ ...this.at('plans', line, 'row'), value: found.requestId, why: change.why });
          refused = true;
          continue;
        }
        update.planChanges.set(found.requestId, { planId: heldPlan.targetId, change, versions: held });
      }
      if (refused) this.refuseWhole(update.record.child.childId, update.line);
      return !refused;
    });
  }

  /**
   * A child holds one open case at a time. A child imported before whose files now open a case
   * under an old id not imported before, while a case of theirs in the service stays open, is
   * refused, naming the request: the files give the case another id, or close the one held.
   */
  private async oneOpenCase<T extends { record: ImportedChild; held: Held; line: number; parts: ChildParts }>(updates: T[]): Promise<T[]> {
    if (updates.length === 0) return updates;
    const { authorityId } = this.actor;
    const heldCases = byId(await repository.findRecords(this.db, authorityId, this.mapping.sourceSystem, 'case', updates.flatMap((update) => update.record.cases.map((found) => found.requestId))));
    const open = await repository.openCasesOf(this.db, authorityId, updates.map((update) => update.held.targetId));
    return updates.filter((update) => {
      const opening = update.record.cases.find((found) => found.closedOn === null && !heldCases.has(found.requestId));
      if (!opening) return true;
      const closing = new Set(update.record.cases.filter((found) => found.closedOn !== null).flatMap((found) => heldCases.get(found.requestId)?.targetId ?? []));
      const stillOpen = (open.get(update.held.targetId) ?? []).filter((found) => !closing.has(found.id));
      if (stillOpen.length === 0) return true;
      const line = update.parts.requests.find((request) => request.requestId === opening.requestId)?.line ?? update.line;
      this.rowsOf(isSen2Line(line) ? 'sen2' : 'requests').refused += 1;
      this.refusals.push({ ...this.at('requests', line, 'request_id'), value: opening.requestId, why: `opens a second case for the child, whose case ${stillOpen[0]!.reference} is open in the service: a child has one open case at a time` });
      this.refuseWhole(update.record.child.childId, update.line);
      return false;
    });
  }

  private record(kind: string, sourceId: string, targetId: string, digest: string, sourceSystem = this.mapping.sourceSystem) {
    return { authorityId: this.actor.authorityId, sourceSystem, kind, sourceId, targetId, digest, firstRunId: this.runId, lastRunId: this.runId };
  }

  /**
   * What each child written took from the SEN2 return, kept under the source system "sen2": the
   * child (by the return's key: sen2:UPN, or a digest of names and date of birth) and each case it
   * filled or gave (by that key and the case's old id), the digest naming what was taken.
   */
  private async traceSen2(tx: Executor, fromSen2: Map<string, { key: string; filled: string[] }>, childIds: Map<string, string>): Promise<void> {
    const written = [...fromSen2].filter(([childId]) => childIds.has(childId));
    if (written.length === 0) return;
    const requestOf = (what: string) => (what.startsWith('sen2:') ? what : what.split('/')[0]!);
    const requestIds = written.flatMap(([, taken]) => taken.filled.filter((what) => what.includes('/') || what.startsWith('sen2:')).map(requestOf));
    const cases = byId(await repository.findRecords(tx, this.actor.authorityId, this.mapping.sourceSystem, 'case', [...new Set(requestIds)]));
    const traces: Parameters<typeof repository.upsertRecords>[1] = [];
    for (const [childId, taken] of written) {
      traces.push(this.record('child', taken.key, childIds.get(childId)!, digestOf(taken.filled), 'sen2'));
      const byCase = new Map<string, string[]>();
      for (const what of taken.filled) if (what.includes('/') || what.startsWith('sen2:')) byCase.set(requestOf(what), [...(byCase.get(requestOf(what)) ?? []), what]);
      for (const [requestId, what] of byCase) {
        const heldCase = cases.get(requestId);
        if (heldCase) traces.push(this.record('case', `${taken.key}/${requestId}`, heldCase.targetId, digestOf(what), 'sen2'));
      }
    }
    await repository.upsertRecords(tx, traces);
  }

  private childRow(id: string, row: ChildRow) {
    return {
      id,
      authorityId: this.actor.authorityId,
      forename: row.forename,
      surname: row.surname,
      preferredName: row.preferredName,
      dateOfBirth: row.dateOfBirth,
      sex: row.sex,
      upn: row.upn,
      postcode: row.postcode,
      schoolId: row.schoolUrn === null ? null : (this.schools.get(row.schoolUrn) ?? null),
      searchNames: searchNamesOf(row),
      surnameKey: surnameKeyOf(row.surname),
      createdAt: this.clock.now(),
    };
  }

  private personRow(id: string, row: PersonRow) {
    return { id, authorityId: this.actor.authorityId, forename: row.forename, surname: row.surname, email: row.email, phone: row.phone, address: row.address, postcode: row.postcode, createdAt: this.clock.now() };
  }

  private linkRow(childId: string, personId: string, row: PersonRow) {
    return { authorityId: this.actor.authorityId, childId, personId, relationship: row.relationship, parentalResponsibility: row.parentalResponsibility, mainContact: row.mainContact };
  }

  /** A person new to the service, or one an earlier child (or import) brought: linked, never made twice. */
  private addPerson(rows: repository.NewRows, records: Parameters<typeof repository.upsertRecords>[1], people: Map<string, Held>, childId: string, person: PersonRow): void {
    const held = people.get(person.personId);
    const personId = held?.targetId ?? uuidv7();
    if (!held) {
      rows.people.push(this.personRow(personId, person));
      people.set(person.personId, { targetId: personId, digest: '' });
      this.peopleWritten.set(person.personId, personId);
      records.push(this.record('person', person.personId, personId, recordDigest({ ...person, childId: undefined })));
    }
    rows.links.push(this.linkRow(childId, personId, person));
  }

  /** A case new to the service: the case, its holder, its request, events, plan, reviews and deadlines. */
  private addCase(rows: repository.NewRows, records: Parameters<typeof repository.upsertRecords>[1], childId: string, child: ChildRow, found: ImportedCase, reference: string): void {
    const { authorityId } = this.actor;
    const now = this.clock.now();
    const caseId = uuidv7();
    const officerId = found.officerEmail ? (this.officers.get(found.officerEmail) ?? null) : null;
    const deadlines = found.closedOn ? deadlinesOfClosedCase(found.deadlines) : found.deadlines;
    const next = nextDeadline(deadlines);
    rows.cases.push({
      id: caseId,
      authorityId,
      childId,
      reference,
      stage: found.stage,
      officerId,
      unallocatedSince: found.closedOn || officerId ? null : this.today,
      openedOn: found.receivedOn,
      closedOn: found.closedOn,
      nextDeadlineOn: next?.due ?? null,
      nextDeadlineTitle: next?.title ?? null,
      createdAt: now,
    });
    rows.holders.push({
      id: uuidv7(),
      authorityId,
      caseId,
      officerId,
      heldFrom: startOfDay(found.receivedOn),
      heldTo: found.closedOn ? startOfDay(found.closedOn) : null,
      change: 'carried-over',
      reason: `Imported from ${this.mapping.sourceSystem}`,
      eventId: null,
      recordedBy: this.actor.id,
      recordedAt: now,
    });
    records.push(this.record('case', found.requestId, caseId, caseDigest(found)));
    const requestId = uuidv7();
    rows.requests.push({ id: requestId, authorityId, caseId, childId, receivedOn: found.receivedOn, source: found.source, createdAt: now });
    const reviewIds = new Map(found.reviews.map((review) => [review.reviewId, uuidv7()]));
    const planId = found.plan ? uuidv7() : null;
    const versionIds = [uuidv7(), uuidv7()];
    const eventIds = new Map<string, string>();
    for (const event of found.events) {
      const id = uuidv7();
      eventIds.set(event.key, id);
      rows.events.push(this.eventRow(id, caseId, event, { requestId, planId, versionIds, reviewIds }));
      records.push(this.record('event', `${found.requestId}/${event.key}`, id, eventDigest(event)));
    }
    if (found.plan && planId) this.addPlan(rows, records, { caseId, childId, planId, versionIds }, found, eventIds);
    for (const review of found.reviews) {
      const id = reviewIds.get(review.reviewId)!;
      rows.reviews.push(this.reviewRow(id, caseId, childId, child, review));
      records.push(this.record('review', review.reviewId, id, recordDigest(review)));
    }
    rows.deadlines.push(...deadlines.map((deadline) => deadlineRow(authorityId, caseId, deadline)));
  }

  /**
   * A plan as the files give it, with its versions: the draft issued, and the final issued or,
   * for a draft not yet final, the version after it being written, as the plan's pages do. Each
   * issued version names the event that issued it.
   */
  private addPlan(rows: repository.NewRows, records: Parameters<typeof repository.upsertRecords>[1], ids: { caseId: string; childId: string; planId: string; versionIds: string[] }, found: ImportedCase, eventIds: ReadonlyMap<string, string>): void {
    const plan = found.plan;
    if (!plan) return;
    const { authorityId } = this.actor;
    const now = this.clock.now();
    const { caseId, childId, planId, versionIds } = ids;
    rows.plans.push({ id: planId, authorityId, caseId, childId, type: 'ehc', createdBy: this.actor.id, createdAt: now });
    const content = this.planContent(found);
    const issued = (number: number, status: 'draft' | 'final', issuedOn: IsoDate, eventKey: string) => ({
      id: versionIds[number - 1]!,
      authorityId,
      planId,
      number,
      status,
      schemaVersion: PLAN_SCHEMA_VERSION,
      content,
      updatedBy: this.actor.id,
      updatedAt: now,
      issuedOn,
      issuedAt: now,
      issuedBy: this.actor.id,
      eventId: eventIds.get(eventKey)!,
    });
    rows.versions.push(issued(1, 'draft', plan.draftIssuedOn, 'draft.issued'));
    if (plan.issuedOn) rows.versions.push(issued(2, 'final', plan.issuedOn, 'plan.issued'));
    else rows.versions.push({ id: versionIds[1]!, authorityId, planId, number: 2, status: 'working', schemaVersion: PLAN_SCHEMA_VERSION, content, updatedBy: this.actor.id, updatedAt: now });
    records.push(this.record('plan', found.requestId, planId, planDigest(found)));
  }

  private reviewRow(id: string, caseId: string, childId: string, child: ChildRow, review: ImportedCase['reviews'][number]) {
    const now = this.clock.now();
    return {
      id,
      authorityId: this.actor.authorityId,
      caseId,
      childId,
      status: review.decision ? 'decided' : 'held',
      meetingOn: review.meetingOn,
      meetingPlace: `Not recorded in ${this.mapping.sourceSystem}`,
      schoolId: child.schoolUrn === null ? null : (this.schools.get(child.schoolUrn) ?? null),
      headTeacherHolds: false,
      invitedOn: importedInvitationDay(review.meetingOn),
      heldOn: review.meetingOn,
      decision: review.decision,
      decidedOn: review.decidedOn,
      createdBy: this.actor.id,
      createdAt: now,
      updatedAt: now,
    };
  }

  private eventRow(id: string, caseId: string, event: ImportedCase['events'][number], ids: { requestId: string | null; planId: string | null; versionIds: string[]; reviewIds: Map<string, string> }) {
    const payload: Record<string, unknown> = { ...event.payload, importRunId: this.runId };
    if (event.type === 'request.received' && ids.requestId) payload['requestId'] = ids.requestId;
    if (event.type === 'draft.issued' && ids.planId) Object.assign(payload, { planId: ids.planId, versionId: ids.versionIds[0], versionNumber: 1 });
    if (event.type === 'plan.issued' && ids.planId) Object.assign(payload, { planId: ids.planId, versionId: ids.versionIds[1], versionNumber: 2 });
    if (event.type === 'review.held' || event.type === 'review.decided') {
      const reviewId = ids.reviewIds.get(event.key.slice(event.key.indexOf(':') + 1));
      if (reviewId) payload['reviewId'] = reviewId;
    }
    return {
      id,
      authorityId: this.actor.authorityId,
      caseId,
      type: event.type,
      occurredOn: event.occurredOn,
      recordedAt: this.clock.now(),
      actorKind: this.actor.kind,
      actorId: this.actor.id,
      correctsEventId: null,
      reason: null,
      payload,
    };
  }

  private planContent(found: ImportedCase): PlanContent {
    return { ...emptyPlanContent(), ...this.planSections(found) };
  }

  /** What the files give of a plan: section B's needs and section I's placement. */
  private planSections(found: ImportedCase): Pick<PlanContent, 'b' | 'i'> {
    return {
      b: (found.plan?.needs ?? []).map((need, index) => ({ id: `need-${index + 1}`, type: need.type, primary: need.primary, description: importedNeedDescription(need.type, this.mapping.sourceSystem) })),
      i: found.plan?.placementUrn ? { kind: 'school', urn: found.plan.placementUrn } : null,
    };
  }

  /** Case references for the new cases, numbered in each year of their requests as the service numbers them. */
  private async caseNumbers(tx: Executor, cases: readonly ImportedCase[]): Promise<{ next: (receivedOn: IsoDate) => string }> {
    const perYear = new Map<number, number>();
    for (const found of cases) perYear.set(Number(found.receivedOn.slice(0, 4)), (perYear.get(Number(found.receivedOn.slice(0, 4))) ?? 0) + 1);
    const nextNumber = new Map<number, number>();
    for (const [year, count] of [...perYear].sort((a, b) => a[0] - b[0])) {
      const last = await repository.takeCaseNumbers(tx, this.actor.authorityId, year, count);
      nextNumber.set(year, last - count + 1);
    }
    return {
      next: (receivedOn) => {
        const year = Number(receivedOn.slice(0, 4));
        const number = nextNumber.get(year)!;
        nextNumber.set(year, number + 1);
        return `${this.laCode}-EHC-${year}-${String(number).padStart(5, '0')}`;
      },
    };
  }

  /**
   * A child imported before whose rows changed: their details and people brought up to date, new
   * cases, events and reviews added, an event whose date changed corrected as an officer would
   * (the old one withdrawn by a correction, the new date recorded), then each case's stage and
   * deadlines worked out again from its whole history.
   */
  private async update(
    tx: Executor,
    record: ImportedChild,
    held: Held,
    digest: string,
    people: Map<string, Held>,
    records: Parameters<typeof repository.upsertRecords>[1],
    planChanges: ReadonlyMap<string, PlanUpdate>,
  ): Promise<void> {
    const { authorityId } = this.actor;
    const source = this.mapping.sourceSystem;
    const childId = held.targetId;
    const { id: _id, createdAt: _createdAt, authorityId: _authority, ...details } = this.childRow(childId, record.child);
    await repository.updateChild(tx, authorityId, childId, details);
    records.push({ ...this.record('child', record.child.childId, childId, digest), firstRunId: this.runId });
    const rows = repository.emptyRows();
    for (const person of record.people) {
      const heldPerson = people.get(person.personId);
      if (!heldPerson) {
        this.addPerson(rows, records, people, childId, person);
        continue;
      }
      const personDigest = recordDigest({ ...person, childId: undefined });
      if (heldPerson.digest !== '' && heldPerson.digest !== personDigest) {
        const { id: _personId, createdAt: _personCreated, authorityId: _personAuthority, ...personDetails } = this.personRow(heldPerson.targetId, person);
        await repository.updatePerson(tx, authorityId, heldPerson.targetId, personDetails);
        records.push(this.record('person', person.personId, heldPerson.targetId, personDigest));
        // A sibling later in the batch finds the person as now written.
        people.set(person.personId, { targetId: heldPerson.targetId, digest: personDigest });
      }
      await repository.linkPerson(tx, this.linkRow(childId, heldPerson.targetId, person));
    }
    const heldCases = byId(await repository.findRecords(tx, authorityId, source, 'case', record.cases.map((found) => found.requestId)));
    const newCases = record.cases.filter((found) => !heldCases.has(found.requestId));
    const numbers = await this.caseNumbers(tx, newCases);
    for (const found of newCases) this.addCase(rows, records, childId, record.child, found, numbers.next(found.receivedOn));
    await repository.insertRows(tx, rows);

    const kept = record.cases.filter((found) => heldCases.has(found.requestId));
    if (kept.length === 0) return;
    const heldEvents = byId(await repository.findRecordsUnder(tx, authorityId, source, 'event', kept.map((found) => found.requestId)));
    const heldPlanRecords = byId(await repository.findRecords(tx, authorityId, source, 'plan', kept.flatMap((found) => (found.plan ? [found.requestId] : []))));
    const heldReviews = byId(await repository.findRecords(tx, authorityId, source, 'review', kept.flatMap((found) => found.reviews.map((review) => review.reviewId))));
    const officers = await repository.caseOfficers(tx, authorityId, kept.map((found) => heldCases.get(found.requestId)!.targetId));
    for (const found of kept) {
      const heldCase = heldCases.get(found.requestId)!;
      const caseId = heldCase.targetId;
      const digestNow = caseDigest(found);
      if (heldCase.digest !== digestNow) {
        await repository.updateRequest(tx, authorityId, caseId, { receivedOn: found.receivedOn, source: found.source });
        const officerId = found.officerEmail ? (this.officers.get(found.officerEmail) ?? null) : null;
        const current = officers.get(caseId);
        if (current && !current.closedOn && current.officerId !== officerId) {
          await repository.updateCaseOfficer(tx, authorityId, caseId, officerId, officerId ? null : this.today);
          await changeHolder(tx, this.clock, this.actor, { caseId, officerId, change: officerId ? (current.officerId ? 'reallocated' : 'allocated') : 'unallocated', reason: `Changed in ${source}` });
        }
        records.push(this.record('case', found.requestId, caseId, digestNow));
      }
      const reviewIds = new Map<string, string>();
      for (const review of found.reviews) {
        const heldReview = heldReviews.get(review.reviewId);
        const reviewDigest = recordDigest(review);
        if (!heldReview) {
          const id = uuidv7();
          const row = this.reviewRow(id, caseId, childId, record.child, review);
          const newRows = repository.emptyRows();
          newRows.reviews.push(row);
          await repository.insertRows(tx, newRows);
          reviewIds.set(review.reviewId, id);
          records.push(this.record('review', review.reviewId, id, reviewDigest));
          continue;
        }
        reviewIds.set(review.reviewId, heldReview.targetId);
        if (heldReview.digest !== reviewDigest) {
          const { id: _reviewId, createdAt: _reviewCreated, createdBy: _reviewBy, authorityId: _reviewAuthority, ...changes } = this.reviewRow(heldReview.targetId, caseId, childId, record.child, review);
          await repository.updateReview(tx, authorityId, heldReview.targetId, changes);
          records.push(this.record('review', review.reviewId, heldReview.targetId, reviewDigest));
        }
      }
      let changed = false;
      const events = repository.emptyRows();
      // A plan the files give now for a case imported before without one: written with the events that issued it.
      const newPlan = found.plan && !heldPlanRecords.has(found.requestId) ? { planId: uuidv7(), versionIds: [uuidv7(), uuidv7()] } : undefined;
      const newEventIds = new Map<string, string>();
      for (const event of found.events) {
        const key = `${found.requestId}/${event.key}`;
        const heldEvent = heldEvents.get(key);
        const digestOfEvent = eventDigest(event);
        if (heldEvent?.digest === digestOfEvent) continue;
        changed = true;
        const id = uuidv7();
        newEventIds.set(event.key, id);
        const row = this.eventRow(id, caseId, event, { requestId: null, planId: newPlan?.planId ?? null, versionIds: newPlan?.versionIds ?? [], reviewIds });
        if (heldEvent) {
          // Corrected as an officer corrects a step: the old event withdrawn, the new one recorded in its place.
          events.events.push({
            ...this.eventRow(uuidv7(), caseId, { key: '', type: 'step.corrected', occurredOn: this.today, payload: { change: 'redate', correctedType: event.type, newDate: event.occurredOn, reason: `Changed in ${source}` } }, { requestId: null, planId: null, versionIds: [], reviewIds }),
            correctsEventId: heldEvent.targetId,
          });
          row.payload = { ...row.payload, replaces: heldEvent.targetId };
        }
        events.events.push(row);
        records.push(this.record('event', key, id, digestOfEvent));
      }
      const planUpdate = planChanges.get(found.requestId);
      const working = planUpdate?.versions.find((version) => version.status === 'working');
      const issued = planUpdate?.change.kind === 'final' ? events.events.find((event) => event.type === 'plan.issued' && event.correctsEventId === null) : undefined;
      // The final plan issued from the version being written: the event names it, as issuing it on the plan's pages does.
      if (issued && working) issued.payload = { ...(issued.payload as Record<string, unknown>), planId: planUpdate!.planId, versionId: working.id, versionNumber: working.number };
      if (newPlan && newEventIds.has('draft.issued') && (!found.plan!.issuedOn || newEventIds.has('plan.issued'))) {
        this.addPlan(events, records, { caseId, childId, ...newPlan }, found, newEventIds);
      }
      await repository.insertRows(tx, events);
      if (planUpdate) await this.updatePlan(tx, found, planUpdate, issued?.id ?? null, records);
      if (changed) await rewriteCaseState(tx, authorityId, caseId);
    }
  }

  /**
   * A plan imported before whose row changed, written as the plan's pages write a version: the
   * draft's working version saved again, or issued as the final plan (with the plan.issued event
   * just recorded), or a new version issued as amended on the day of the import, the versions
   * before it kept as they were. Traced to this run: the plan's record, and the version's.
   */
  private async updatePlan(tx: Executor, found: ImportedCase, update: PlanUpdate, issuedEventId: string | null, records: Parameters<typeof repository.upsertRecords>[1]): Promise<void> {
    const { authorityId } = this.actor;
    const now = this.clock.now();
    const { change } = update;
    const working = update.versions.find((version) => version.status === 'working');
    let versionId: string | undefined;
    if ((change.kind === 'working' || change.kind === 'final') && working) {
      if (!(await repository.saveWorkingVersion(tx, authorityId, working, change.content, this.actor.id, now))) throw new Error(`The plan of ${found.requestId} was saved by someone else meanwhile`);
      if (change.kind === 'final' && found.plan?.issuedOn) {
        await repository.freezeVersion(tx, authorityId, working.id, { status: 'final', issuedOn: found.plan.issuedOn, issuedAt: now, issuedBy: this.actor.id, eventId: issuedEventId });
      }
      versionId = working.id;
    } else if (change.kind === 'amended') {
      versionId = uuidv7();
      const rows = repository.emptyRows();
      rows.versions.push({
        id: versionId,
        authorityId,
        planId: update.planId,
        number: change.number,
        status: 'amended',
        schemaVersion: PLAN_SCHEMA_VERSION,
        content: change.content,
        updatedBy: this.actor.id,
        updatedAt: now,
        issuedOn: this.today,
        issuedAt: now,
        issuedBy: this.actor.id,
      });
      await repository.insertRows(tx, rows);
    }
    records.push(this.record('plan', found.requestId, update.planId, planDigest(found)));
    if (versionId && change.kind !== 'none') {
      const number = change.number;
      records.push(this.record('plan-version', `${found.requestId}/${number}`, versionId, recordDigest(found.plan)));
      await recordAudits(tx, this.clock, this.actor, [
        { action: 'plan.import-updated', entityType: 'plan', entityId: update.planId, details: { importRunId: this.runId, sourceSystem: this.mapping.sourceSystem, versionNumber: number, change: change.kind } },
      ]);
    }
  }
}

const REPORT_ORDER: readonly CaseFile[] = ['officers', 'children', 'people', 'requests', 'assessments', 'plans', 'reviews'];

function byId(rows: readonly repository.ImportRecordRow[]): Map<string, Held> {
  return new Map(rows.map((row) => [row.sourceId, { targetId: row.targetId, digest: row.digest }]));
}

function fileOfName(names: Record<CaseFile, string>, name: string): CaseFile {
  return CASE_FILES.find((file) => names[file] === name) ?? 'children';
}

function nextDeadline(deadlines: readonly CaseDeadline[]): CaseDeadline | undefined {
  return deadlines.filter((deadline) => !deadline.met && deadline.duty === 'authority').sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))[0];
}

function deadlineRow(authorityId: string, caseId: string, deadline: CaseDeadline) {
  return { authorityId, caseId, deadlineId: deadline.id, title: deadline.title, dueOn: deadline.due, basis: deadline.basis, metOn: deadline.met ?? null, duty: deadline.duty };
}

/** Midnight UTC of a day: when a spell carried over from the old system is taken to begin. */
function startOfDay(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}
