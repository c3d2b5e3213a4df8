import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { testConfig } from './config.ts';
import { queryRows, type DatabaseHandle } from './db/database.ts';
import { createTestDatabase } from './test/database.ts';

let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ config: testConfig({ councilName: 'Exampleshire County Council' }), database });
  // A route that fails, to see what a 500 shows.
  app.get('/test-failure', { config: { public: true } }, async () => {
    throw new Error('secret internal detail: password=hunter2');
  });
  app.get('/api/v1/test-failure', { config: { public: true } }, async () => {
    throw new Error('secret internal detail: password=hunter2');
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('start page', () => {
  it('says what the service is and for which council, under the council’s own branding', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('Exampleshire County Council');
    expect(response.body).toContain('Special educational needs casework');
    expect(response.body).toContain('govuk-generic-header');
  });

  it('uses no crown, no "Crown copyright" and no GDS Transport: a council service is not on GOV.UK', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.body).not.toMatch(/crown/i);
    expect(response.body).not.toMatch(/GDS Transport/i);
    const stylesheet = await app.inject({ method: 'GET', url: '/public/stylesheets/application.css' });
    expect(stylesheet.statusCode).toBe(200);
    expect(stylesheet.body).not.toContain('GDS Transport');
  });

  it('sends a content security policy with a script nonce and no unsafe-inline', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(response.body).toContain(`<script nonce="${nonce}">`);
    for (const directive of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "script-src-attr 'none'"]) {
      expect(policy).toContain(directive);
    }
    expect(policy).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    const again = String((await app.inject({ method: 'GET', url: '/' })).headers['content-security-policy']);
    expect(/'nonce-([^']+)'/.exec(again)?.[1]).not.toBe(nonce);
  });

  it('sends helmet\'s other security headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('errors', () => {
  it('answers an unknown page with a 404 page', async () => {
    const response = await app.inject({ method: 'GET', url: '/no-such-page' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
  });

  it('answers an unknown API address with 404 problem+json', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('shows a 500 page that leaks nothing but a reference', async () => {
    const response = await app.inject({ method: 'GET', url: '/test-failure' });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Sorry, there is a problem with the service');
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('secret internal detail');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers an API failure with 500 problem+json that leaks nothing', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-failure' });
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).not.toContain('hunter2');
    expect(response.json()).toMatchObject({ status: 500, title: 'Internal server error' });
  });
});

describe('the log of a failed query', () => {
  it('holds no child’s name, date of birth or postcode: not the statement’s parameters, nor the values in the database’s own message', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = await buildApp({ config: testConfig(), database, logger: { level: 'error', stream } });
    try {
      // A date no calendar has reaches the database: its refusal quotes the value back.
      logged.get('/api/v1/test-query-failure', { config: { public: true } }, async () =>
        queryRows(database.db, sql`SELECT ${'Zoë Secret-Name'}::text AS name, ${'B1 1AA'}::text AS postcode, ${'2016-02-30'}::date AS born`),
      );
      await logged.ready();
      const response = await logged.inject({ method: 'GET', url: '/api/v1/test-query-failure' });
      expect(response.statusCode).toBe(500);
      const log = lines.join('');
      expect(log).toContain('request failed');
      expect(log).toContain('22008');
      expect(log).not.toMatch(/Zoë|Secret-Name|B1 1AA|2016-02-30/);
    } finally {
      await logged.close();
    }
  });
});

describe('the request log', () => {
  it('keeps no sign-in link’s token and no search’s query string, at the level it runs at in production', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = await buildApp({ config: testConfig(), database, logger: { level: 'info', stream } });
    try {
      await logged.ready();
      await logged.inject({ method: 'GET', url: '/portal/sign-in/link/Zm9yLXRoZS1sb2ctdGVzdC1vbmx5LXRva2Vu' });
      await logged.inject({ method: 'GET', url: '/search?q=Amelia%20Secret-Name' });
      const log = lines.join('');
      expect(log).toContain('incoming request');
      expect(log).toContain('/portal/sign-in/link/:token');
      expect(log).toContain('/search?[query withheld]');
      expect(log).not.toMatch(/Zm9yLXRoZS1sb2ctdGVzdC1vbmx5LXRva2Vu|Amelia|Secret-Name/);
    } finally {
      await logged.close();
    }
  });
});

describe('headers', () => {
  it('send a Permissions-Policy that switches off every browser feature the service does not use', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.headers['permissions-policy']).toContain('camera=()');
    expect(response.headers['permissions-policy']).toContain('geolocation=()');
  });

  it('keep API answers out of every cache', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/cases' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('send HSTS in production only', async () => {
    expect((await app.inject({ method: 'GET', url: '/' })).headers['strict-transport-security']).toBeUndefined();
    const production = await buildApp({ config: { ...testConfig(), environment: 'production', sessionSecret: 'x'.repeat(32) }, database });
    try {
      const response = await production.inject({ method: 'GET', url: '/' });
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await production.close();
    }
  });
});

describe('health', () => {
  it('GET /healthz says the process is up', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz says the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ready: true, database: 'ok' });
  });
});

describe('readiness without a database', () => {
  it('GET /readyz answers 503 once the database is gone', async () => {
    const own = await createTestDatabase();
    const isolated = await buildApp({ config: testConfig(), database: own });
    await own.close();
    const response = await isolated.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ ready: false, database: 'unavailable' });
    await isolated.close();
  });
});

describe('benchmark reference pages', () => {
  it('are absent unless BENCH_ROUTES is set', async () => {
    const response = await app.inject({ method: 'GET', url: '/bench/ceiling' });
    expect(response.statusCode).toBe(404);
  });

  it('render the My cases template from 50 constant rows with no database and no sign-in', async () => {
    const own = await createTestDatabase();
    const benched = await buildApp({ config: testConfig({ benchRoutes: true }), database: own });
    await own.close();
    const ceiling = await benched.inject({ method: 'GET', url: '/bench/ceiling' });
    expect(ceiling.statusCode).toBe(200);
    expect(ceiling.body.match(/<tr class="govuk-table__row">/g)).toHaveLength(51);
    expect(ceiling.body).toContain('Overdue by 3 days');
    expect((await benched.inject({ method: 'GET', url: '/bench/bare' })).json()).toEqual({ ok: true });
    await benched.close();
  });
});
