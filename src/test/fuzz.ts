// Hostile input over the whole service: what a fuzzer sends, the routes it must reach, and a ledger
// of what each endpoint answered. Every answer must be below 500, and a refused request (4xx) must
// leave the database as it found it, the logs aside.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Executor } from '../db/database.ts';
import { nextTransactionId, snapshotDatabase, snapshotDifferences, TABLES_THAT_LOG, type DatabaseSnapshot } from './db-snapshot.ts';

/** Inputs tried per form or endpoint: few in CI, more with FUZZ_RUNS for the figures in docs/security.md. */
export const FUZZ_RUNS = Math.max(1, Number.parseInt(process.env.FUZZ_RUNS ?? '', 10) || 3);

/** Text a person or a fuzzer may send: any characters (NUL, controls, other alphabets), long strings, numbers outside any range, words objects know. */
export const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }),
  fc.constantFrom(
    '',
    ' ',
    '1e20',
    '-1',
    '0',
    '3000000000',
    '99999999999999999999',
    '\u0000',
    'NaN',
    '__proto__',
    'constructor',
    '2026-02-30',
    '0190c3a0-0000-7000-8000-000000000009',
    "'; DROP TABLE child; --",
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '\uFEFF\u202E',
  ),
);

/** Any JSON value, shallow: what an API client may put where a field is expected. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, 1e308, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
);

export interface EndpointFigures {
  tried: number;
  accepted: number;
  refused: number;
  /** Refusals by status class and code, e.g. { "400": 3, "404": 1 }. */
  refusedBy: Record<string, number>;
  errors: number;
  reached?: 'form' | 'address' | 'openapi' | 'service';
}

/** The POST (and PUT, PATCH, DELETE) routes registered in the app, as their patterns. */
export function registeredRoutes(app: FastifyInstance, method: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE'): string[] {
  const printed = app.printRoutes({ commonPrefix: false, method });
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of printed.split('\n')) {
    const marker = line.search(/[├└]── /);
    if (marker < 0) continue;
    const depth = marker / 4;
    const rest = line.slice(marker + 4);
    const methods = / \(([A-Z, ]+)\)$/.exec(rest);
    const segment = methods ? rest.slice(0, methods.index) : rest;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + segment;
    stack.push(path);
    if (methods?.[1]?.split(', ').includes(method)) routes.push(path);
  }
  return routes;
}

/** The route pattern a path matches, e.g. `/children/:childId/edit` for `/children/0190…/edit`. */
export function routeOf(patterns: readonly string[], url: string): string | undefined {
  const path = url.split('?')[0]!;
  const matching = patterns.filter((pattern) => new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path));
  // The most specific: the one with the fewest parameters.
  return matching.sort((a, b) => (a.match(/:/g)?.length ?? 0) - (b.match(/:/g)?.length ?? 0))[0];
}

/** The parameters a path gives a pattern: `{ childId: '0190…' }`. */
export function paramsOf(pattern: string, url: string): Record<string, string> {
  const names = pattern.split('/');
  const values = url.split('?')[0]!.split('/');
  return Object.fromEntries(names.flatMap((name, index) => (name.startsWith(':') ? [[name.slice(1), decodeURIComponent(values[index] ?? '')]] : [])));
}

/** A pattern with its parameters filled in from those known, any other from `fallback`. */
export function fillRoute(pattern: string, known: Record<string, string>, fallback: (name: string) => string): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(known[name] ?? fallback(name)));
}

/** Each POST form on a page: where it is sent, the names of its fields (the CSRF token's aside), and whether it sends files. */
export function formsOn(page: string, url: string): { action: string; fields: string[]; files: string[]; multipart: boolean }[] {
  return [...page.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)]
    .filter(([, attributes]) => /method="post"/i.test(attributes!))
    .map(([, attributes, inner]) => ({
      action: (/action="([^"]*)"/.exec(attributes!)?.[1] ?? url).replaceAll('&amp;', '&') || url,
      fields: [...new Set([...inner!.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"/g)].map(([, name]) => name!.replaceAll('&amp;', '&')))].filter((name) => name !== '_csrf'),
      files: [...inner!.matchAll(/<input\b[^>]*\btype="file"[^>]*>/g)].map(([tag]) => /\bname="([^"]+)"/.exec(tag)?.[1] ?? '').filter(Boolean),
      multipart: /enctype="multipart\/form-data"/i.test(attributes!),
    }));
}

/** The links on a page to the service's own pages. */
export function linksOn(page: string): string[] {
  return [...page.matchAll(/<a\b[^>]*\bhref="(\/[^"#]*)"/g)].map(([, href]) => href!.replaceAll('&amp;', '&'));
}

/**
 * What every fuzzed endpoint answered, and the check around each request: below 500, and for a
 * refusal the database unchanged. The snapshot is taken per request (the one after a refusal is the
 * one before the next request), so a refusal that wrote is caught with the input that did it.
 */
export class FuzzLedger {
  readonly figures = new Map<string, EndpointFigures>();
  /** Milliseconds spent on snapshots and on requests, to keep the test's time in view. */
  readonly timing = { snapshots: 0, requests: 0 };
  private last: { snapshot: DatabaseSnapshot; xid: string } | undefined;
  /** Refusals after which the database was read whole (the others wrote nothing at all). */
  snapshots = 0;
  private readonly db: Executor;
  private readonly name: string;
  private readonly leaveOut: readonly string[];

  constructor(db: Executor, name: string, leaveOut: readonly string[] = []) {
    this.db = db;
    this.name = name;
    this.leaveOut = [...TABLES_THAT_LOG, ...leaveOut];
  }

  /** Sends one hostile request to an endpoint and checks its answer and what it left. */
  async send(endpoint: string, request: () => Promise<LightMyRequestResponse>, described: () => string = () => ''): Promise<LightMyRequestResponse> {
    let started = Date.now();
    const xid = await nextTransactionId(this.db);
    // The snapshot in hand holds while no transaction has written since it was taken.
    if (this.last && this.last.xid !== xid) this.last = undefined;
    const before = this.last?.snapshot ?? (await snapshotDatabase(this.db, this.leaveOut));
    this.timing.snapshots += Date.now() - started;
    started = Date.now();
    const response = await request();
    this.timing.requests += Date.now() - started;
    const entry = this.figures.get(endpoint) ?? { tried: 0, accepted: 0, refused: 0, refusedBy: {}, errors: 0 };
    this.figures.set(endpoint, entry);
    entry.tried += 1;
    const status = response.statusCode;
    if (status >= 500) {
      entry.errors += 1;
      throw new Error(`${endpoint} answered ${status} to ${described()}: ${response.body.slice(0, 400)}`);
    }
    if (status >= 400) {
      entry.refused += 1;
      entry.refusedBy[String(status)] = (entry.refusedBy[String(status)] ?? 0) + 1;
      started = Date.now();
      const after = await nextTransactionId(this.db);
      if (after === xid) {
        // No transaction wrote: the database is as it was, proven without reading it.
        this.last = { snapshot: before, xid };
      } else {
        const snapshot = await snapshotDatabase(this.db, this.leaveOut);
        this.snapshots += 1;
        const changed = snapshotDifferences(before, snapshot);
        if (changed.length > 0) throw new Error(`${endpoint} refused ${described()} with ${status} but changed ${changed.join(', ')}`);
        this.last = { snapshot, xid: await nextTransactionId(this.db) };
      }
      this.timing.snapshots += Date.now() - started;
    } else {
      entry.accepted += 1;
      this.last = undefined;
    }
    return response;
  }

  /** Says how an endpoint was reached: through the form on its page, by its address, or as the API documents it. */
  reached(endpoint: string, how: 'form' | 'address' | 'openapi' | 'service'): void {
    const entry = this.figures.get(endpoint) ?? { tried: 0, accepted: 0, refused: 0, refusedBy: {}, errors: 0 };
    entry.reached = how;
    this.figures.set(endpoint, entry);
  }

  /** Forgets the last snapshot: for a change made outside `send` (a fixture, a sign-in). */
  changed(): void {
    this.last = undefined;
  }

  /** Writes the figures to test-results/fuzz/<name>.json for docs/security.md's table. */
  write(): void {
    const directory = join(process.cwd(), 'test-results', 'fuzz');
    mkdirSync(directory, { recursive: true });
    const endpoints = Object.fromEntries([...this.figures].sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(join(directory, `${this.name}.json`), `${JSON.stringify({ runs: FUZZ_RUNS, snapshotsTaken: this.snapshots, endpoints }, null, 2)}\n`);
  }
}

/** Posts urlencoded fields as the jar's browser would, with a CSRF token given. */
export function injectForm(app: FastifyInstance, cookie: string, url: string, fields: Record<string, string>, csrf: string | undefined) {
  const body = new URLSearchParams(fields);
  if (csrf !== undefined) body.set('_csrf', csrf);
  return app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, payload: body.toString() });
}

/** A multipart/form-data body of fields and one file, with any name, type and bytes. */
export function multipartBody(fields: Record<string, string>, file?: { field: string; filename: string; type: string; content: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = `----fuzz${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name.replaceAll('"', '%22')}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename.replaceAll('"', '%22').replaceAll('\r', '').replaceAll('\n', '')}"\r\nContent-Type: ${file.type.replaceAll('\r', '').replaceAll('\n', '') || 'application/octet-stream'}\r\n\r\n`),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** One size past the documents' 20 MB, made once: a file too big for every upload but the imports'. */
const TOO_BIG = Buffer.alloc(20 * 1024 * 1024 + 1, 0x25);
const PDF_HEAD = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A file as a hostile browser may send one: any name, any declared type, any bytes, empty or too big. */
export const hostileFile: fc.Arbitrary<HostileFile> = fc.record({
  filename: fc.oneof(
    hostileText,
    fc.constantFrom('report.pdf', '../../etc/passwd', 'CON.pdf', `${'x'.repeat(300)}.pdf`, 'a.pdf\u0000.exe', 'évaluation ☃.docx', '.htaccess', 'a.csv'),
  ),
  type: fc.constantFrom('application/pdf', 'image/png', 'text/csv', 'application/octet-stream', 'text/html', 'application/x-msdownload', ''),
  content: fc.oneof(
    fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
    fc.string({ maxLength: 300 }).map((text) => Buffer.from(text)),
    fc.constantFrom(Buffer.alloc(0), PDF_HEAD, Buffer.concat([PDF_HEAD, Buffer.from('<script>')]), Buffer.from('MZ\x90\x00'), TOO_BIG),
  ),
});

export interface HostileFile {
  filename: string;
  type: string;
  content: Buffer;
}
