import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('defaults to the embedded database on localhost port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', databaseUrl: undefined });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads PORT, HOST, DATA_DIR and DATABASE_URL', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/srv/casework', DATABASE_URL: 'postgres://u:p@db/casework' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: '/srv/casework', databaseUrl: 'postgres://u:p@db/casework' });
  });

  it('builds the portal’s e-mailed links on PUBLIC_URL, by default on the address it listens at', () => {
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://send.council.gov.uk/' }).publicUrl).toBe('https://send.council.gov.uk');
    expect(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/PUBLIC_URL/);
  });

  it('fails fast, naming the setting, on a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('fails fast in production without a session secret, and never seeds demo data there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required in production/);
    const live = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://send.council.example' };
    expect(() => loadConfig({ ...live, BENCH_ROUTES: 'true' })).toThrow(/BENCH_ROUTES is refused in production/);
    expect(loadConfig({ NODE_ENV: 'test', BENCH_ROUTES: 'true' }).benchRoutes).toBe(true);
    const config = loadConfig({ ...live, SEED_DEMO_DATA: 'true' });
    expect(config.seedDemoData).toBe(false);
  });

  it('needs in production the HTTPS address the portal’s sign-in links start with', () => {
    const live = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig(live)).toThrow(/PUBLIC_URL is required in production/);
    expect(() => loadConfig({ ...live, PUBLIC_URL: 'http://send.council.example' })).toThrow(/PUBLIC_URL must start with https:\/\/ in production/);
    expect(loadConfig({ ...live, PUBLIC_URL: 'https://send.council.example/' }).publicUrl).toBe('https://send.council.example');
    expect(loadConfig({ NODE_ENV: 'development', PORT: '3000' }).publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('lets the demo’s accounts go without a second factor only on the embedded database outside production', () => {
    expect(loadConfig({}).secondFactorExemptionAllowed).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).secondFactorExemptionAllowed).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://casework@db/casework' }).secondFactorExemptionAllowed).toBe(false);
    const live = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://send.council.example' };
    expect(loadConfig(live).secondFactorExemptionAllowed).toBe(false);
    expect(loadConfig({ ...live, DATABASE_URL: 'postgres://casework@db/casework' }).secondFactorExemptionAllowed).toBe(false);
  });

  it('takes the tables’ owner only beside the service’s own database URL', () => {
    expect(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://owner@db/casework' })).toThrow(/DATABASE_OWNER_URL needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://casework@db/casework', DATABASE_OWNER_URL: 'mysql://owner@db' })).toThrow(/DATABASE_OWNER_URL must be a postgres/);
    const config = loadConfig({ DATABASE_URL: 'postgres://casework@db/casework', DATABASE_OWNER_URL: 'postgres://owner@db/casework' });
    expect(config.databaseOwnerUrl).toBe('postgres://owner@db/casework');
  });

  it('takes a replica for reports beside the database URL, and host lists with a target libpq knows', () => {
    const primaries = 'postgres://casework@db1,db2/casework?target_session_attrs=read-write';
    const replicas = 'postgres://casework@db2,db1/casework?target_session_attrs=prefer-standby';
    expect(loadConfig({ DATABASE_URL: primaries, DATABASE_READ_URL: replicas })).toMatchObject({ databaseUrl: primaries, databaseReadUrl: replicas });
    expect(loadConfig({ DATABASE_URL: primaries }).databaseReadUrl).toBeUndefined();
    expect(() => loadConfig({ DATABASE_READ_URL: replicas })).toThrow(/DATABASE_READ_URL needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://casework@db1,db2/casework?target_session_attrs=master' })).toThrow(/DATABASE_URL target_session_attrs=master is not one of/);
    expect(() => loadConfig({ DATABASE_URL: primaries, DATABASE_READ_URL: 'postgres://casework@db1,/casework' })).toThrow(/DATABASE_READ_URL names an empty host/);
  });
});

describe('config with empty variables', () => {
  it('treats an empty variable as not set', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });

  it('sends through GOV.UK Notify only with an API key and both templates, at the address given', () => {
    expect(loadConfig({}).notify).toBeUndefined();
    const key = 'casework-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
    const templates = { NOTIFY_EMAIL_TEMPLATE_ID: '0c5f3c4e-7a4b-4a39-9d7f-6f0a2b1c3d4e', NOTIFY_LETTER_TEMPLATE_ID: '1d6a4d5f-8b5c-4b4a-8e80-7a1b3c2d4e5f' };
    expect(loadConfig({ NOTIFY_API_KEY: key, ...templates }).notify).toEqual({ apiKey: key, baseUrl: 'https://api.notifications.service.gov.uk', emailTemplateId: templates.NOTIFY_EMAIL_TEMPLATE_ID, letterTemplateId: templates.NOTIFY_LETTER_TEMPLATE_ID });
    expect(loadConfig({ NOTIFY_API_KEY: key, NOTIFY_BASE_URL: 'http://127.0.0.1:4010/', ...templates }).notify?.baseUrl).toBe('http://127.0.0.1:4010');
    expect(() => loadConfig({ NOTIFY_API_KEY: key })).toThrow(/NOTIFY_EMAIL_TEMPLATE_ID is needed with NOTIFY_API_KEY/);
    expect(() => loadConfig({ NOTIFY_API_KEY: 'not-a-key', ...templates })).toThrow(/NOTIFY_API_KEY must be a GOV.UK Notify API key/);
  });
});

describe('config: staff sign-in through the council’s identity provider (OIDC_*)', () => {
  const oidc = { OIDC_ISSUER: 'https://login.microsoftonline.com/0b7c6f0e-6d4a-4c1e-9a38-2f1d4b7e5c11/v2.0', OIDC_CLIENT_ID: 'casework', OIDC_CLIENT_SECRET: 'a secret' };

  it('is off unless configured, and takes its redirect address from PUBLIC_URL', () => {
    expect(loadConfig({}).staffOidc).toBeUndefined();
    expect(loadConfig({ ...oidc, PUBLIC_URL: 'https://send.council.example/' }).staffOidc).toEqual({
      issuer: oidc.OIDC_ISSUER,
      clientId: 'casework',
      clientSecret: 'a secret',
      redirectUri: 'https://send.council.example/sign-in/oidc/callback',
    });
  });

  it('names each missing setting when only some are given', () => {
    expect(() => loadConfig({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID is needed with OIDC_ISSUER.*OIDC_CLIENT_SECRET is needed with OIDC_ISSUER/);
    expect(() => loadConfig({ OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' })).toThrow(/OIDC_ISSUER is needed with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: 'not a url' })).toThrow(/OIDC_ISSUER/);
  });

  it('takes a plain-http issuer only on this machine and never in production', () => {
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4010' }).staffOidc?.issuer).toBe('http://127.0.0.1:4010');
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://localhost:4010/tenant' }).staffOidc?.issuer).toBe('http://localhost:4010/tenant');
    expect(() => loadConfig({ ...oidc, OIDC_ISSUER: 'http://idp.council.example' })).toThrow(/OIDC_ISSUER must start with https:\/\//);
    const live = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://send.council.example' };
    expect(() => loadConfig({ ...live, ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4010' })).toThrow(/OIDC_ISSUER must start with https:\/\/ in production/);
    expect(loadConfig({ ...live, ...oidc }).staffOidc?.redirectUri).toBe('https://send.council.example/sign-in/oidc/callback');
  });
});
