// The world the hostile-input tests fuzz: the demo council's data (every kind of record the
// features make, through their services) and a browser signed in for each staff role.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { queryRows } from '../db/database.ts';
import { DEMO_ACCOUNTS, ensureDemoAccounts } from '../features/demo/index.ts';
import { createTestApp, type TestApp } from './app.ts';
import { anOfficer } from './factories/index.ts';
import fc from 'fast-check';
import { fillRoute, formsOn, FUZZ_RUNS, hostileFile, hostileText, injectForm, linksOn, multipartBody, paramsOf, routeOf, type FuzzLedger, type HostileFile } from './fuzz.ts';
import type { CookieJar} from './http.ts';
import { csrfTokenIn, getPage, signIn } from './http.ts';

export interface StaffBrowser {
  role: string;
  jar: CookieJar;
  csrf: string;
}

export interface FuzzWorld {
  testApp: TestApp;
  staff: StaffBrowser[];
}

/** The demo council seeded (a few children drawn, every showcase), its staff signed in, the service lead too. */
export async function aFuzzWorld(): Promise<FuzzWorld> {
  // The real clock: cookies expire by it, and the demo's dates are drawn back from today.
  const testApp = await createTestApp();
  await ensureDemoAccounts(testApp.services, testApp.authorityId);
  const started = Date.now();
  await testApp.services.demo.seedDemo(testApp.authorityId, { children: 0 });
  if (process.env.FUZZ_TIMING) console.log(`seeded in ${Date.now() - started} ms`);
  const lead = await anOfficer(testApp, { role: 'service_lead' });
  const accounts = [...DEMO_ACCOUNTS.map((account) => ({ role: account.role, email: account.email, password: account.password })), { role: 'service_lead', email: lead.user.email, password: lead.password }];
  const staff: StaffBrowser[] = [];
  for (const account of accounts) {
    const jar = await signIn(testApp.app, account.email, account.password);
    const home = await getPage(testApp.app, jar, '/account/password');
    staff.push({ role: account.role, jar, csrf: csrfTokenIn(home.body) });
  }
  return { testApp, staff };
}

export interface FoundForm {
  /** The page it is on, and whose browser read it. */
  page: string;
  browser: { jar: CookieJar; csrf: string };
  action: string;
  fields: string[];
  files: string[];
  multipart: boolean;
}

/**
 * Reads the service as each browser can, following its links from `start` (a page per route
 * pattern, at most `limit` pages): the POST forms found, by the route they post to, and a real
 * value for each route parameter seen in an address.
 */
export async function crawl(
  app: FastifyInstance,
  browsers: readonly { jar: CookieJar; csrf: string }[],
  start: readonly string[],
  patterns: { get: readonly string[]; post: readonly string[] },
  limit = 400,
): Promise<{ forms: Map<string, FoundForm>; params: Record<string, string>; pages: number }> {
  const forms = new Map<string, FoundForm>();
  const params: Record<string, string> = {};
  const read = new Set<string>();
  let pages = 0;
  const remember = (pattern: string, url: string) => {
    for (const [name, value] of Object.entries(paramsOf(pattern, url))) params[name] ??= value;
  };
  for (const browser of browsers) {
    const queue = [...start];
    const tried = new Set<string>();
    while (queue.length > 0 && pages < limit) {
      const url = queue.shift()!;
      const pattern = routeOf(patterns.get, url);
      if (!pattern || read.has(pattern) || tried.has(pattern)) continue;
      tried.add(pattern);
      pages += 1;
      const response = await getPage(app, browser.jar, url);
      const location = response.headers.location;
      if (typeof location === 'string' && location.startsWith('/') && !location.startsWith('/sign-in')) {
        tried.delete(pattern);
        queue.unshift(location);
        continue;
      }
      if (response.statusCode !== 200 || !String(response.headers['content-type']).startsWith('text/html')) continue;
      read.add(pattern);
      remember(pattern, url);
      for (const form of formsOn(response.body, url)) {
        const target = routeOf(patterns.post, form.action);
        if (!target) continue;
        remember(target, form.action);
        if (!forms.has(target)) forms.set(target, { page: url, browser, ...form });
      }
      for (const link of linksOn(response.body)) if (!link.startsWith('/api/') && !link.startsWith('/public/')) queue.push(link);
    }
  }
  return { forms, params, pages };
}

/** Records written in part: a child without a case, a case without its request (by id, to compare before and after). */
export async function halfWritten(world: FuzzWorld): Promise<{ orphans: string[]; unrequested: string[] }> {
  const db = world.testApp.database.db;
  const orphans = await queryRows<{ id: string }>(
    db,
    sql`/* cross-authority: every council's children */ SELECT ch.id FROM child ch WHERE NOT EXISTS (SELECT 1 FROM ehc_case c WHERE c.child_id = ch.id) ORDER BY ch.id`,
  );
  const unrequested = await queryRows<{ id: string }>(
    db,
    sql`/* cross-authority: every council's cases */ SELECT c.id FROM ehc_case c WHERE NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.type IN ('request.received', 'transfer-in.recorded')) ORDER BY c.id`,
  );
  return { orphans: orphans.map((row) => row.id), unrequested: unrequested.map((row) => row.id) };
}

/** Fields to send a form no page read showed: words the service's forms use. */
const GUESSED_FIELDS = ['name', 'reason', 'reasons', 'version', 'outcome', 'on-day', 'on-month', 'on-year', 'email', 'code'];

/**
 * Sends each route hostile input: FUZZ_RUNS times through its form (the fields its page shows, a
 * hostile file in a file field), or by its address with guessed fields when no page read showed
 * it, then once more with every parameter of its address hostile. Returns the routes reached by
 * address alone.
 */
export async function fuzzPostRoutes(
  app: FastifyInstance,
  ledger: FuzzLedger,
  routes: readonly string[],
  found: { forms: Map<string, FoundForm>; params: Record<string, string> },
  browsers: readonly { jar: CookieJar; csrf: string }[],
): Promise<string[]> {
  const pathValues = fc.sample(hostileText, { numRuns: routes.length * 4, seed: 24 });
  const byAddressOnly: string[] = [];
  for (const route of routes) {
    const form = found.forms.get(route);
    ledger.reached(`POST ${route}`, form ? 'form' : 'address');
    if (!form) byAddressOnly.push(route);
    const action = form?.action ?? fillRoute(route, found.params, () => '0190c3a0-0000-7000-8000-000000000009');
    // Whose browser sends it: the one that read its form, or the first its address does not turn away.
    let browser = form?.browser;
    if (!browser) {
      for (const candidate of browsers) {
        const probe = await ledger.send(`POST ${route}`, () => injectForm(app, candidate.jar.header(), action, {}, candidate.csrf), () => 'no fields');
        browser = candidate;
        if (probe.statusCode !== 403 && probe.statusCode !== 401) break;
      }
    }
    const sender = browser!;
    const fields = form ? form.fields.filter((name) => !form.files.includes(name)) : GUESSED_FIELDS;
    const sendOnce = async (url: string, values: readonly string[], file: HostileFile | undefined) => {
      const body = Object.fromEntries(fields.map((name, index) => [name, values[index] ?? '']));
      const described = () => `${url} ${JSON.stringify(body).slice(0, 300)}${file ? ` file ${JSON.stringify(file.filename)} ${file.type} ${file.content.length} bytes` : ''}`;
      await ledger.send(
        `POST ${route}`,
        () => {
          if (!form?.multipart) return injectForm(app, sender.jar.header(), url, body, sender.csrf);
          const { payload, contentType } = multipartBody({ _csrf: sender.csrf, ...body }, file && form.files[0] ? { field: form.files[0], ...file } : undefined);
          return app.inject({ method: 'POST', url, headers: { 'content-type': contentType, cookie: sender.jar.header() }, payload });
        },
        described,
      );
    };
    await fc.assert(
      fc.asyncProperty(fc.array(hostileText, { minLength: fields.length, maxLength: fields.length }), fc.option(hostileFile, { nil: undefined }), async (values, file) => sendOnce(action, values, file)),
      { numRuns: FUZZ_RUNS },
    );
    // And once with every parameter of its address hostile too.
    if (route.includes(':')) await sendOnce(fillRoute(route, {}, () => pathValues.pop() ?? ''), fc.sample(hostileText, { numRuns: fields.length, seed: route.length }), undefined);
  }
  return byAddressOnly;
}
