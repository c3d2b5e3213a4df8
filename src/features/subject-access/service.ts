import type { Archiver } from 'archiver';
import archiver from 'archiver';
import { stringify } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { fullName } from '../../domain/children/names.ts';
import type { Clock } from '../../lib/clock.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import { listAccessFor, recordAccess, recordAudit } from '../audit/index.ts';
import { MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import type { DocumentsService } from '../documents/index.ts';
import { EXPORT_PARTS, findChild, listDocumentIds, readPart } from './repository.ts';

const UUID = z.uuid();

/** A sign-in link's token in a message's words: a live way into the portal, never exported. */
const SIGN_IN_TOKEN = /(\/portal\/sign-in\/link\/)[^\s"'<>)]+/g;

/** A value as a CSV cell or JSON: moments as ISO text, lists and objects as JSON. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.replace(SIGN_IN_TOKEN, '$1[withheld]');
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  return value;
}

function csvOf(rows: readonly Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (columns.length === 0) return '';
  const cell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return stringify([columns, ...rows.map((row) => columns.map((column) => cell(row[column])))], { bom: true });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A file name that is safe in a ZIP on any system: letters, digits, dots, hyphens. */
const safeName = (name: string) => name.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100) || 'file';

export interface ExportedPart {
  name: string;
  title: string;
  rows: number;
}

/** Appends one entry and waits for the archive to take it, so entries are held one at a time. */
function appendEntry(archive: Archiver, source: string | Buffer | Readable, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      archive.off('error', failed);
      archive.off('close', closed);
      resolve();
    };
    const failed = (error: Error) => {
      archive.off('entry', done);
      archive.off('close', closed);
      reject(error);
    };
    // The reader went away (a download cancelled): nothing more is read for it.
    const closed = () => failed(new Error('The export was closed before it was written'));
    archive.once('entry', done);
    archive.once('error', failed);
    archive.once('close', closed);
    archive.append(source, { name });
  });
}

/**
 * A subject access request: everything the service holds about one child, as a ZIP streamed as it
 * is written (a part read, written and let go before the next). Each part of the record as JSON and
 * CSV, the documents' files (letters the service sent among them) as stored, who viewed the record,
 * and a page to read it by. For managers and administrators; another council's child, or no child,
 * is "not found" alike. The export is audited and goes to the access log, and each document in it
 * is logged as the documents log a download.
 */
export class SubjectAccessService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly documents: DocumentsService;

  constructor(db: Database, clock: Clock, deps: { documents: DocumentsService }) {
    this.db = db;
    this.clock = clock;
    this.documents = deps.documents;
  }

  async export(actor: Actor, childId: string): Promise<{ filename: string; stream: Readable }> {
    requireRole(actor, ...MANAGER_ROLES);
    const child = UUID.safeParse(childId).success ? await findChild(this.db, actor.authorityId, childId) : undefined;
    if (!child) throw new NotFoundError('No such child');
    await this.db.transaction(async (tx) => {
      await recordAudit(tx, this.clock, actor, { action: 'child.subject-access-exported', entityType: 'child', entityId: child.id });
      await recordAccess(tx, this.clock, actor, child.id, 'subject-access');
    });
    const archive = archiver('zip', { zlib: { level: 6 } });
    const exportedAt = this.clock.now().toISOString();
    this.fill(archive, actor, child.id, { name: fullName(child), exportedAt }).catch((error: unknown) => {
      archive.abort();
      archive.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return { filename: `subject-access-${safeName(fullName(child)).toLowerCase()}-${exportedAt.slice(0, 10)}.zip`, stream: archive };
  }

  private async fill(archive: Archiver, actor: Actor, childId: string, about: { name: string; exportedAt: string }): Promise<void> {
    const parts: ExportedPart[] = [];
    for (const part of EXPORT_PARTS) {
      const rows = (await readPart(this.db, actor.authorityId, childId, part)).map((row) => plain(row) as Record<string, unknown>);
      await appendEntry(archive, JSON.stringify(rows, null, 2), `record/${part.name}.json`);
      await appendEntry(archive, csvOf(rows), `record/${part.name}.csv`);
      parts.push({ name: part.name, title: part.title, rows: rows.length });
    }
    const views = (await listAccessFor(this.db, actor.authorityId, childId)).map((row) => ({ at: row.accessedAt.toISOString(), actorKind: row.actorKind, actorId: row.actorId, view: row.view }));
    await appendEntry(archive, JSON.stringify(views, null, 2), 'record/access-log.json');
    await appendEntry(archive, csvOf(views), 'record/access-log.csv');
    parts.push({ name: 'access-log', title: 'Who viewed the record, and when', rows: views.length });

    const files: { file: string; title: string }[] = [];
    const withheld: string[] = [];
    for (const [index, entry] of (await listDocumentIds(this.db, actor.authorityId, childId)).entries()) {
      try {
        const download = await this.documents.download(actor, entry.id, 'subject-access');
        const file = `documents/${String(index + 1).padStart(3, '0')}-${safeName(download.document.filename)}`;
        await appendEntry(archive, download.file.stream, file);
        files.push({ file, title: download.document.title });
      } catch (error) {
        if (!(error instanceof ForbiddenError)) throw error;
        withheld.push(entry.filename);
      }
    }
    await appendEntry(archive, readme(about, parts, files, withheld), 'README.txt');
    await appendEntry(archive, indexPage(about, parts, files, withheld), 'index.html');
    await archive.finalize();
  }
}

function readme(about: { name: string; exportedAt: string }, parts: readonly ExportedPart[], files: readonly { file: string }[], withheld: readonly string[]): string {
  return [
    `Everything held about ${about.name}, exported ${about.exportedAt} for a subject access request.`,
    '',
    'Before it is disclosed, check it for other people’s information (UK GDPR Article 15(4); Data Protection Act 2018 Schedule 2 Part 3) and for anything a restricted record keeps from the family.',
    '',
    'record/: each part of the record as JSON and CSV.',
    ...parts.map((part) => `  ${part.name}: ${part.title} (${part.rows})`),
    `documents/: ${files.length} files, as stored (letters the service sent are among them).`,
    ...(withheld.length > 0 ? [`Not included, as they show an address that must not be disclosed (the SEND team can export them): ${withheld.join(', ')}`] : []),
    'index.html: the same, to read in a browser.',
    '',
  ].join('\r\n');
}

function indexPage(about: { name: string; exportedAt: string }, parts: readonly ExportedPart[], files: readonly { file: string; title: string }[], withheld: readonly string[]): string {
  const name = escapeHtml(about.name);
  const rows = parts.map((part) => `<tr><td>${escapeHtml(part.title)}</td><td>${part.rows}</td><td><a href="record/${part.name}.csv">CSV</a> <a href="record/${part.name}.json">JSON</a></td></tr>`).join('\n');
  const documents = files.map((file) => `<li><a href="${escapeHtml(file.file)}">${escapeHtml(file.title)}</a></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Everything held about ${name}</title></head>
<body>
<h1>Everything held about ${name}</h1>
<p>Exported ${escapeHtml(about.exportedAt)} for a subject access request. Check it for other people’s information before it is disclosed.</p>
<h2>The record</h2>
<table><thead><tr><th>Part</th><th>Rows</th><th>Files</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Documents</h2>
${files.length > 0 ? `<ul>${documents}</ul>` : '<p>None.</p>'}
${withheld.length > 0 ? `<p>Not included, as they show an address that must not be disclosed: ${withheld.map(escapeHtml).join(', ')}.</p>` : ''}
</body></html>
`;
}
