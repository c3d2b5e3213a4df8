// Whatever is typed into every staff form: every POST route the app registers outside the API and
// the portals, reached through the form on its page where a page shows one (read by following the
// links of each staff role's pages through the demo council's data), by its address otherwise. Each
// answer is below 500, and a refused request leaves the database as it was (the logs and sessions
// aside). The figures go to test-results/fuzz/staff-forms.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_STATE } from '../test/db-snapshot.ts';
import { FuzzLedger, registeredRoutes } from '../test/fuzz.ts';
import { aFuzzWorld, crawl, fuzzPostRoutes, halfWritten, type FuzzWorld } from '../test/fuzz-world.ts';


/** Routes that change who the browsers are, sent last so the rest are sent signed in. */
const LAST = /^\/(users|account|teams|sign-in)\b/;

let world: FuzzWorld;
let ledger: FuzzLedger;
afterAll(async () => {
  ledger?.write();
  await world?.testApp.close();
});
beforeAll(async () => {
  world = await aFuzzWorld();
  ledger = new FuzzLedger(world.testApp.database.db, 'staff-forms', SIGN_IN_STATE);
}, 300_000);

describe('whatever is typed into every staff form', () => {
  it('never answers 500, a refusal writes nothing, and every POST route outside the API and the portals is tried', async () => {
    const { app } = world.testApp;
    const post = registeredRoutes(app, 'POST');
    const staffRoutes = post.filter((route) => !route.startsWith('/api/') && !route.startsWith('/portal/'));
    // The demo's own cases that came without a request (a plan transferred in from another council) aside.
    const halfWrittenBefore = await halfWritten(world);
    let started = Date.now();
    const found = await crawl(app, world.staff, ['/'], { get: registeredRoutes(app, 'GET'), post }, 500);
    if (process.env.FUZZ_TIMING) console.log(`crawled ${found.pages} pages in ${Date.now() - started} ms; ${found.forms.size} forms`);
    started = Date.now();
    ledger.changed();
    // Signing out last of all: it ends the session the forms are sent in.
    const order = (route: string) => (route === '/sign-out' ? 2 : LAST.test(route) ? 1 : 0);
    const ordered = [...staffRoutes].sort((a, b) => order(a) - order(b));
    const byAddressOnly = await fuzzPostRoutes(app, ledger, ordered, found, world.staff);
    const tried = new Set(Object.keys(Object.fromEntries(ledger.figures)).map((endpoint) => endpoint.slice('POST '.length)));
    if (process.env.FUZZ_TIMING) console.log(`fuzzed in ${Date.now() - started} ms`, ledger.timing);
    expect(staffRoutes.filter((route) => !tried.has(route))).toEqual([]);
    // Most are reached through the form on their page; the rest (a form on a page of a record the
    // pages read did not lead to) by their address, with the parameters the pages read gave.
    expect(byAddressOnly.length).toBeLessThan(staffRoutes.length / 2);
    expect(await halfWritten(world)).toEqual(halfWrittenBefore);
  }, 300_000);
});
