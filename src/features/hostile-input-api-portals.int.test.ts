// Hostile input to the JSON API and the three portals: every operation the OpenAPI document
// describes, sent hostile bodies, query strings and path parameters; every portal POST route the
// app registers, through the form on its page where a family, a school or an advice giver sees one.
// Each answer is below 500, and a refused request leaves the database as it was (the logs and
// sessions aside). The figures go to test-results/fuzz/api.json and test-results/fuzz/portals.json.
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.ts';
import { DEMO_PORTAL_ADVICE_GIVER, DEMO_PORTAL_PARENT, DEMO_PORTAL_SCHOOL_ADMIN, DEMO_PORTAL_TOTP_SECRET } from './demo/index.ts';
import { systemActor } from './auth/index.ts';
import { totpCodeAt } from './portal-auth/index.ts';
import { FUZZ_RUNS, FuzzLedger, fillRoute, hostileFile, hostileJson, hostileText, multipartBody, registeredRoutes } from '../test/fuzz.ts';
import { aFuzzWorld, crawl, fuzzPostRoutes, halfWritten, type FuzzWorld } from '../test/fuzz-world.ts';
import { CookieJar, csrfTokenIn, getPage, postForm } from '../test/http.ts';
import { latestSignInLink } from '../test/portal.ts';
import { SIGN_IN_STATE } from '../test/db-snapshot.ts';

let world: FuzzWorld;
const ledgers: FuzzLedger[] = [];
afterAll(async () => {
  for (const ledger of ledgers) ledger.write();
  await world?.testApp.close();
});
beforeAll(async () => {
  world = await aFuzzWorld();
}, 300_000);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  required?: string[];
}

/** A value for a schema: its type's hostile values mostly, anything now and then, so the service behind the schema is reached. */
function hostileFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const type = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  const typed: fc.Arbitrary<unknown> =
    schema?.enum && schema.enum.length > 0
      ? fc.oneof(fc.constantFrom(...schema.enum), hostileText)
      : type === 'integer' || type === 'number'
        ? fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 3_000_000_000, 1e20, 2 ** 31))
        : type === 'boolean'
          ? fc.boolean()
          : type === 'array'
            ? fc.array(hostileFor(schema?.items, depth + 1), { maxLength: 3 })
            : type === 'object' && depth < 3
              ? hostileObject(schema!, depth + 1)
              : hostileText;
  return fc.oneof({ arbitrary: typed, weight: 4 }, { arbitrary: hostileJson, weight: 1 });
}

function hostileObject(schema: JsonSchema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {});
  return fc.record(Object.fromEntries(properties.map(([name, property]) => [name, hostileFor(property, depth)])), { requiredKeys: (schema.required ?? []).filter((name) => name in (schema.properties ?? {})) });
}

describe('the JSON API', () => {
  it('answers every operation it documents below 500 whatever the body, query and path, and a refusal writes nothing', async () => {
    const { app, services, database } = world.testApp;
    const ledger = new FuzzLedger(database.db, 'api', SIGN_IN_STATE);
    ledgers.push(ledger);
    const users = await services.staff.listUsers(systemActor(world.testApp.authorityId, 'seed'));
    const tokens: string[] = [];
    for (const role of ['case_officer', 'team_manager', 'admin'] as const) {
      const user = users.find((candidate) => candidate.role === role && candidate.active)!;
      tokens.push((await services.auth.issueApiToken({ kind: 'user', id: user.id, authorityId: user.authorityId, roles: [role] }, user.id, 'fuzz')).token);
    }
    // Real values for the path's parameters, from the records the demo made.
    const params = await realParameters(world);
    const document = app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema?: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })));
    // Every API route the app registers is in the document, so fuzzing the document reaches them all.
    const documented = new Set(operations.map(({ method, path }) => `${method} ${path.replace(/\{([^}]+)\}/g, ':$1')}`));
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const route of registeredRoutes(app, method).filter((candidate) => candidate.startsWith('/api/'))) expect(documented, `${method} ${route}`).toContain(`${method} ${route}`);
    }
    const hostilePath = fc.sample(hostileText, { numRuns: operations.length * 4, seed: 7 });
    for (const { path, method, operation } of operations) {
      const pattern = path.replace(/\{([^}]+)\}/g, ':$1');
      const endpoint = `${method} ${pattern}`;
      ledger.reached(endpoint, 'openapi');
      const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
      const json = operation.requestBody?.content['application/json']?.schema;
      const multipart = operation.requestBody?.content['multipart/form-data']?.schema;
      // The token whose role the operation is for: the first not turned away.
      let token = tokens[0]!;
      if (method !== 'GET') {
        for (const candidate of tokens) {
          token = candidate;
          const probe = await ledger.send(endpoint, () => app.inject({ method: method as 'POST', url: fillRoute(pattern, params, () => 'x'), headers: { authorization: `Bearer ${candidate}`, 'content-type': 'application/json' }, payload: '{}' }));
          if (probe.statusCode !== 403) break;
        }
      }
      const sendOnce = async (url: string, body: unknown, queryValues: Record<string, unknown>, file: Parameters<typeof multipartBody>[1]) => {
        const search = new URLSearchParams(Object.entries(queryValues).map(([name, value]): [string, string] => [name, typeof value === 'string' ? value : String(JSON.stringify(value))])).toString();
        const target = search ? `${url}?${search}` : url;
        await ledger.send(
          endpoint,
          () => {
            const headers: Record<string, string> = { authorization: `Bearer ${token}` };
            if (multipart) {
              const fields = Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]));
              const { payload, contentType } = multipartBody(fields, file);
              return app.inject({ method: method as 'POST', url: target, headers: { ...headers, 'content-type': contentType }, payload });
            }
            if (method === 'GET') return app.inject({ method: 'GET', url: target, headers });
            return app.inject({ method: method as 'POST', url: target, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(body ?? null) });
          },
          () => `${target} ${JSON.stringify(body)?.slice(0, 300)}${file ? ` file ${JSON.stringify(file.filename)} ${file.content.length} bytes` : ''}`,
        );
      };
      const fileField = multipart ? Object.entries(multipart.properties ?? {}).find(([, property]) => (property as { format?: string }).format === 'binary')?.[0] ?? 'file' : undefined;
      await fc.assert(
        fc.asyncProperty(
          json ? fc.oneof({ arbitrary: hostileObject(json), weight: 4 }, { arbitrary: hostileJson, weight: 1 }) : multipart ? hostileObject({ ...multipart, properties: Object.fromEntries(Object.entries(multipart.properties ?? {}).filter(([name]) => name !== fileField)) }) : fc.constant(undefined),
          fc.record(Object.fromEntries(query.map((parameter) => [parameter.name, hostileFor(parameter.schema)])), { requiredKeys: [] }),
          fc.option(hostileFile, { nil: undefined }),
          async (body, queryValues, file) => sendOnce(fillRoute(pattern, params, () => 'x'), body, queryValues, file && fileField ? { field: fileField, ...file } : undefined),
        ),
        { numRuns: FUZZ_RUNS },
      );
      if (pattern.includes(':')) await sendOnce(fillRoute(pattern, {}, () => hostilePath.pop() ?? ''), {}, {}, undefined);
    }
    expect(ledger.figures.size).toBe(operations.length);
    expect(await halfWritten(world)).toEqual(await halfWritten(world));
  }, 300_000);
});

describe('the family, school and professional portals', () => {
  it('answer every portal form below 500 whatever is typed, and a refusal writes nothing', async () => {
    const { app, database } = world.testApp;
    const ledger = new FuzzLedger(database.db, 'portals', SIGN_IN_STATE);
    ledgers.push(ledger);
    const halfWrittenBefore = await halfWritten(world);
    const browsers = [];
    for (const email of [DEMO_PORTAL_PARENT.email, DEMO_PORTAL_SCHOOL_ADMIN.email, DEMO_PORTAL_ADVICE_GIVER.email]) {
      const jar = new CookieJar();
      expect((await postForm(app, jar, '/portal/sign-in', { email }, { csrfFrom: '/portal/sign-in' })).statusCode).toBe(303);
      const link = await latestSignInLink(database.db, email);
      const opened = await getPage(app, jar, link);
      const followed = await postForm(app, jar, link, { _csrf: csrfTokenIn(opened.body) });
      if (followed.headers.location === '/portal/second-factor') {
        const given = await postForm(app, jar, '/portal/second-factor', { code: await totpCodeAt(DEMO_PORTAL_TOTP_SECRET, new Date()) }, { csrfFrom: '/portal/second-factor' });
        expect(given.statusCode, given.body.slice(0, 300)).toBe(303);
      }
      const home = await getPage(app, jar, '/portal');
      browsers.push({ jar, csrf: csrfTokenIn(home.body) });
    }
    const post = registeredRoutes(app, 'POST');
    const portalRoutes = post.filter((route) => route.startsWith('/portal/'));
    const found = await crawl(app, browsers, ['/portal'], { get: registeredRoutes(app, 'GET').filter((route) => route.startsWith('/portal')), post }, 200);
    ledger.changed();
    // Signing out last: it ends the session the forms are sent in; signing in and the second factor
    // are sent by a browser of their own.
    const order = (route: string) => (route === '/portal/sign-out' ? 1 : 0);
    const byAddressOnly = await fuzzPostRoutes(app, ledger, [...portalRoutes].sort((a, b) => order(a) - order(b)), found, browsers);
    expect(portalRoutes.filter((route) => !ledger.figures.has(`POST ${route}`))).toEqual([]);
    // Some forms are on pages the portal's links did not lead to: those are reached by their address.
    expect(byAddressOnly.length).toBeLessThan(portalRoutes.length);
    expect(await halfWritten(world)).toEqual(halfWrittenBefore);
  }, 300_000);
});

/** A real id for each path parameter the API takes, from the demo's records. */
async function realParameters(world: FuzzWorld): Promise<Record<string, string>> {
  const tables: Record<string, string> = {
    childId: 'child',
    caseId: 'ehc_case',
    eventId: 'case_event',
    planId: 'plan',
    changeId: 'plan_change',
    consultationId: 'school_consultation',
    reviewId: 'annual_review',
    panelId: 'decision_panel',
    requestId: 'advice_request',
    appealId: 'appeal',
    orderId: 'appeal_order',
    transferId: 'council_transfer',
    periodId: 'cover_period',
    personId: 'person',
    contactId: 'contact',
    documentId: 'document',
    userId: 'staff_user',
    officerId: 'staff_user',
  };
  const known: Record<string, string> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await queryRows<{ id: string }>(world.testApp.database.db, sql.raw(`/* cross-authority: a record of any council */ SELECT id::text AS id FROM "${table}" ORDER BY id LIMIT 1`));
    if (row) known[name] = row.id;
  }
  return known;
}
