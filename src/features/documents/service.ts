import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../db/database.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { DOCUMENT_TYPES, documentTypeName } from '../../lib/document-types.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, systemActor, type Actor, type PortalActor } from '../auth/index.ts';
import { isSendTeam } from '../outbox/index.ts';
import { requireCaseAccess } from '../children/index.ts';
import { ACCEPTED_LIST, ACCEPTED_TYPES, MAX_DOCUMENT_BYTES, type AcceptedMediaType, nameContradictsContent, safeFilename, sniffMediaType, extensionOf } from './content.ts';
import type { FileStore, StoredFile } from './file-store.ts';
import type { MalwareScanner, ScanResult } from './malware-scanner.ts';
import * as documentsRepository from './repository.ts';
import type { DocumentRow } from './repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /[\p{Cc}\p{Cf}]/u;
const CONTROL_ALL = /[\p{Cc}\p{Cf}]/gu;

/** A file as it arrived: the name it was given and its bytes (`truncated` when it was over the limit). */
export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
  truncated: boolean;
}

/**
 * What a feature adding a document within its own work brings: its problems with the rest of its
 * form, its work in the document's transaction, and the types it takes when fewer than all
 * (a review report: PDF or Word only), with how to name them to the person.
 */
export interface UploadCaller<T> {
  problems?: readonly FieldProblem[];
  within?: (tx: Executor, document: DocumentView) => Promise<T>;
  only?: { types: readonly AcceptedMediaType[]; list: string };
}

/** A document as pages and the API show it. */
export interface DocumentView {
  id: string;
  caseId: string;
  title: string;
  filename: string;
  mediaType: string;
  /** How people name the type: PDF, Word document (DOCX). */
  typeName: string;
  sizeBytes: number;
  sha256: string;
  scan: { verdict: 'clean' | 'not-scanned'; engine: string };
  uploadedBy: string;
  /** Who sent it through the portal (the school or organisation, and the person); null for the council's own. */
  sentBy: string | null;
  uploadedAt: string;
  /** The day it was added, in England. */
  uploadedOn: string;
}

/** The bytes of a document and what to send them as. */
export interface DocumentDownload {
  document: DocumentView;
  file: StoredFile;
}

/**
 * A file another feature keeps a record of (evidence of an improvement action), checked and
 * scanned as a case's documents are, its bytes in the file store under `storageKey`.
 */
export interface KeptFile {
  storageKey: string;
  /** The name it came with, made safe and ending with the extension of what its content is. */
  filename: string;
  mediaType: AcceptedMediaType;
  sizeBytes: number;
  sha256: string;
  scan: { verdict: 'clean' | 'not-scanned'; engine: string };
  /** Removes the bytes again: the caller's record of them could not be written. */
  discard(): Promise<void>;
}

/**
 * Documents attached to a case. The bytes go to the file store, never the database; each upload
 * is checked by its content (PDF, DOCX, JPEG or PNG, at most 20 MB), passes the malware scan, and
 * is kept only when all of that holds. Reading one is a view of the child's record: the case's
 * access policy decides who may, and each download goes to the access log.
 */
export class DocumentsService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly store: FileStore;
  private readonly scanner: MalwareScanner;

  constructor(db: Database, clock: Clock, parts: { store: FileStore; scanner: MalwareScanner }) {
    this.db = db;
    this.clock = clock;
    this.store = parts.store;
    this.scanner = parts.scanner;
  }

  /**
   * Adds a document to a case. Refused, with nothing kept, when the title or file is missing, the
   * file is empty or over 20 MB, its content is not an accepted type, its name says another type
   * than its content, or the scanner finds malware.
   */
  async upload(actor: Actor, caseId: string, input: { title: string; file: UploadedFile | undefined }): Promise<DocumentView> {
    return (await this.uploadWithin(actor, caseId, input)).document;
  }

  /**
   * Adds a document as `upload` does, and in the same transaction as its row does the caller's own
   * work with it (another feature attaching the document to its record): the caller's problems with
   * the rest of its form are refused together with the file's, and if the caller's work throws,
   * nothing is kept, neither the row nor the bytes.
   */
  async uploadWithin<T = undefined>(
    actor: Actor,
    caseId: string,
    input: { title: string; file: UploadedFile | undefined },
    caller: UploadCaller<T> = {},
  ): Promise<{ document: DocumentView; result: T }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    // Whether the case may be reached is settled first: a restricted child's case is refused as
    // unknown whatever was sent.
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, caseId, 'document-upload');
    return this.keepUpload(actor, caseId, childId, input, caller);
  }

  /**
   * Adds a document sent through the portal (an advice giver's advice), as `uploadWithin` does and
   * with the same checks of the file. The portal's own service has decided the person may add it
   * to this case (a request for advice addressed to them and still awaited), which staff roles
   * cannot decide for someone who holds none. `sentBy` names who sent it (the school and the
   * person), kept with the document so officers see where it came from.
   */
  async uploadFromPortal<T = undefined>(
    actor: PortalActor,
    reached: { caseId: string; childId: string },
    input: { title: string; file: UploadedFile | undefined; sentBy?: string | undefined },
    caller: UploadCaller<T> = {},
  ): Promise<{ document: DocumentView; result: T }> {
    if (actor.kind !== 'portal' || actor.secondFactor === 'pending') throw new ForbiddenError('This is only for people signed in to the portal');
    return this.keepUpload(actor, reached.caseId, reached.childId, input, caller);
  }

  private async keepUpload<T>(
    actor: Actor,
    caseId: string,
    childId: string,
    input: { title: string; file: UploadedFile | undefined; sentBy?: string | undefined },
    caller: UploadCaller<T>,
  ): Promise<{ document: DocumentView; result: T }> {
    const problems: FieldProblem[] = [...(caller.problems ?? [])];
    const title = input.title.trim().replace(/\s+/g, ' ');
    if (!title) problems.push({ field: 'title', message: 'Enter what the document is' });
    else if (title.length > 200) problems.push({ field: 'title', message: 'What the document is must be 200 characters or fewer' });
    else if (CONTROL.test(title)) problems.push({ field: 'title', message: 'What the document is contains a character that is not allowed' });
    const { file, mediaType, sha256, scan } = await this.screen(actor, input.file, { problems, only: caller.only }, { entityType: 'ehc_case', entityId: caseId });

    const id = uuidv7();
    const storageKey = `${actor.authorityId}/${id}`;
    const row: DocumentRow = {
      id,
      authorityId: actor.authorityId,
      caseId,
      title,
      filename: safeFilename(file.filename, mediaType),
      mediaType,
      sizeBytes: file.bytes.length,
      sha256,
      storageKey,
      scanVerdict: scan.verdict,
      scanEngine: scan.engine.slice(0, 200),
      uploadedBy: uploaderOf(actor),
      uploadedAt: this.clock.now(),
      kind: 'upload',
      addressWithheld: false,
      sentBy: input.sentBy ? input.sentBy.replace(CONTROL_ALL, ' ').replace(/\s+/g, ' ').trim().slice(0, 300) || null : null,
    };
    // The bytes first, then the row that points at them; if the row cannot be written, the bytes
    // go too, so a refused or failed upload leaves nothing behind.
    await this.store.put(storageKey, file.bytes);
    const view = documentView(row);
    try {
      const result = await this.db.transaction(async (tx) => {
        await documentsRepository.insertDocument(tx, row);
        await recordAudit(tx, this.clock, actor, {
          action: 'document.uploaded',
          entityType: 'document',
          entityId: id,
          details: { caseId, childId, mediaType, sizeBytes: row.sizeBytes, sha256, scanVerdict: scan.verdict },
        });
        return caller.within ? caller.within(tx, view) : (undefined as T);
      });
      return { document: view, result };
    } catch (error) {
      await this.store.delete(storageKey);
      throw error;
    }
  }

  /**
   * Checks a file as an upload to a case is checked (present, not empty, at most 20 MB, its content
   * one of the types taken, its name not saying another, and the malware scan) and keeps its bytes
   * in the file store, for another feature that keeps its own record of it (evidence of an
   * improvement action) and has decided the actor may add it. The caller's problems with the rest
   * of its form are refused together with the file's; a file with malware is refused and the
   * refusal is on the audit log against `refusedOn`, by the file's hash only. The caller writes its
   * record in its own transaction and, if that fails, discards the bytes.
   */
  async keepFile(
    actor: Actor,
    input: { file: UploadedFile | undefined; problems?: readonly FieldProblem[]; only?: UploadCaller<unknown>['only']; folder: string },
    refusedOn: { entityType: string; entityId: string },
  ): Promise<KeptFile> {
    const problems = [...(input.problems ?? [])];
    const { file, mediaType, sha256, scan } = await this.screen(actor, input.file, { problems, only: input.only }, refusedOn);
    const storageKey = `${actor.authorityId}/${input.folder}/${uuidv7()}`;
    await this.store.put(storageKey, file.bytes);
    return {
      storageKey,
      filename: safeFilename(file.filename, mediaType),
      mediaType,
      sizeBytes: file.bytes.length,
      sha256,
      scan: { verdict: scan.verdict === 'clean' ? 'clean' : 'not-scanned', engine: scan.engine.slice(0, 200) },
      discard: () => this.store.delete(storageKey),
    };
  }

  /** The bytes a feature kept with `keepFile`, once it has decided the actor may read them. */
  async openFile(storageKey: string): Promise<StoredFile> {
    const file = await this.store.get(storageKey);
    if (!file) throw new Error(`The file ${storageKey} is missing from the file store`);
    return file;
  }

  /**
   * The file's problems with the caller's, refused together; then the malware scan, a refusal of
   * which is on the audit log against `refusedOn`. Answers the file as it passed.
   */
  private async screen(
    actor: Actor,
    given: UploadedFile | undefined,
    caller: { problems: FieldProblem[]; only?: UploadCaller<unknown>['only'] },
    refusedOn: { entityType: string; entityId: string },
  ): Promise<{ file: UploadedFile; mediaType: AcceptedMediaType; sha256: string; scan: ScanResult }> {
    const problems = caller.problems;
    const fileProblem = await this.fileProblem(given, caller.only);
    if (fileProblem.message) problems.push({ field: 'file', message: fileProblem.message });
    if (problems.length > 0) throw new ValidationError(problems);
    const file = given!;
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const scan = await this.scanner.scan(file.bytes);
    if (scan.verdict === 'infected') {
      // Refused and not kept; the refusal itself is on the audit log, by the file's hash only.
      await recordAudit(this.db, this.clock, actor, { action: 'document.refused-infected', entityType: refusedOn.entityType, entityId: refusedOn.entityId, details: { sha256, engine: scan.engine } });
      throw new ValidationError([{ field: 'file', message: 'The selected file contains a virus' }]);
    }
    return { file, mediaType: fileProblem.mediaType!, sha256, scan };
  }

  /** What is wrong with the file, if anything, or the accepted type its content is. */
  private async fileProblem(file: UploadedFile | undefined, only?: UploadCaller<unknown>['only']): Promise<{ message?: string; mediaType?: AcceptedMediaType }> {
    if (!file || (file.bytes.length === 0 && !file.filename)) return { message: 'Select a file' };
    if (file.truncated || file.bytes.length > MAX_DOCUMENT_BYTES) return { message: 'The selected file must be smaller than 20 MB' };
    if (file.bytes.length === 0) return { message: 'The selected file is empty' };
    const types: readonly AcceptedMediaType[] = only?.types ?? (Object.keys(ACCEPTED_TYPES) as AcceptedMediaType[]);
    const list = only?.list ?? ACCEPTED_LIST;
    const sniffed = await sniffMediaType(file.bytes);
    const mediaType = sniffed && types.includes(sniffed) ? sniffed : undefined;
    if (!mediaType) {
      const claimed = types.map((type) => DOCUMENT_TYPES[type]).find((type) => (type.extensions as readonly string[]).includes(extensionOf(file.filename)));
      return { message: claimed ? `The selected file is not a real ${claimed.name}: its content is not ${list}` : `The selected file must be ${list}` };
    }
    if (nameContradictsContent(file.filename, mediaType)) {
      return { message: `The selected file’s name ends .${extensionOf(file.filename)} but its content is a ${DOCUMENT_TYPES[mediaType].name}: check it is the right file` };
    }
    return { mediaType };
  }

  /**
   * Keeps a file the service made itself (a letter's PDF) as a document on a case: it passes the
   * same malware scan as an upload, its verdict recorded as the scanner gave it, and the bytes go to
   * the file store before the row. `link` runs in the row's transaction (to point the letter at the
   * document, say); if it or the row fails, nothing is kept, bytes included. Answers the document's id.
   */
  async keepGenerated(
    authorityId: string,
    file: { caseId: string; title: string; filename: string; mediaType: keyof typeof ACCEPTED_TYPES; bytes: Uint8Array; kind: 'letter'; addressWithheld: boolean; createdBy: string },
    link: (tx: Executor, documentId: string) => Promise<void>,
  ): Promise<string> {
    if ((await sniffMediaType(file.bytes)) !== file.mediaType) throw new Error(`A generated ${file.mediaType} file is not one`);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const actor = systemActor(authorityId, file.kind);
    const scan = await this.scanner.scan(file.bytes);
    if (scan.verdict === 'infected') {
      await recordAudit(this.db, this.clock, actor, { action: 'document.refused-infected', entityType: 'ehc_case', entityId: file.caseId, details: { sha256, engine: scan.engine, kind: file.kind } });
      throw new Error('The malware scanner refused a file the service made');
    }
    const id = uuidv7();
    const storageKey = `${authorityId}/${id}`;
    const row: DocumentRow = {
      id,
      authorityId,
      caseId: file.caseId,
      title: file.title.slice(0, 200),
      filename: safeFilename(file.filename, file.mediaType),
      mediaType: file.mediaType,
      sizeBytes: file.bytes.length,
      sha256,
      storageKey,
      scanVerdict: scan.verdict,
      scanEngine: scan.engine.slice(0, 200),
      uploadedBy: file.createdBy,
      uploadedAt: this.clock.now(),
      kind: file.kind,
      addressWithheld: file.addressWithheld,
      sentBy: null,
    };
    await this.store.put(storageKey, file.bytes);
    try {
      await this.db.transaction(async (tx) => {
        await documentsRepository.insertDocument(tx, row);
        await link(tx, id);
        await recordAudit(tx, this.clock, actor, {
          action: 'document.generated',
          entityType: 'document',
          entityId: id,
          details: { caseId: file.caseId, kind: file.kind, mediaType: file.mediaType, sizeBytes: row.sizeBytes, sha256, scanVerdict: scan.verdict },
        });
      });
    } catch (error) {
      await this.store.delete(storageKey);
      throw error;
    }
    return id;
  }

  /**
   * A document's bytes, to those who may see its case's child (anyone else is told it does not
   * exist); the download goes to the access log.
   */
  async download(actor: Actor, documentId: string, view = 'document'): Promise<DocumentDownload> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(documentId)) throw new NotFoundError('No such document');
    const row = await documentsRepository.findDocument(this.db, actor.authorityId, documentId);
    if (!row) throw new NotFoundError('No such document');
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, row.caseId, `${view}:${row.id}`).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError('No such document') : error;
    });
    // A letter to a family whose address must not be disclosed shows that address: the SEND team's only.
    if (row.addressWithheld && !isSendTeam(actor)) {
      await recordAccess(this.db, this.clock, actor, childId, `refused:${view}:${row.id}`);
      throw new ForbiddenError('This document shows an address that must not be disclosed: only the SEND team (case officers, team managers and service leads) can open it.');
    }
    const file = await this.store.get(row.storageKey);
    if (!file) throw new Error(`The file of document ${row.id} is missing from the file store`);
    try {
      await recordAccess(this.db, this.clock, actor, childId, `${view}:${row.id}`);
    } catch (error) {
      file.stream.destroy();
      throw error;
    }
    return { document: documentView(row), file };
  }
}

function documentView(row: DocumentRow): DocumentView {
  return {
    id: row.id,
    caseId: row.caseId,
    title: row.title,
    filename: row.filename,
    mediaType: row.mediaType,
    typeName: documentTypeName(row.mediaType),
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    scan: { verdict: row.scanVerdict === 'clean' ? 'clean' : 'not-scanned', engine: row.scanEngine },
    uploadedBy: row.uploadedBy,
    sentBy: row.sentBy,
    uploadedAt: row.uploadedAt.toISOString(),
    uploadedOn: londonDateOf(row.uploadedAt),
  };
}

/** Who added a file: the person, and the API token they used if any. */
function uploaderOf(actor: Actor): string {
  return actor.tokenId ? `${actor.id}/token:${actor.tokenId}` : actor.id;
}
