import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../lib/clock.ts';
import { createTestApp, type TestApp } from './app.ts';
import { anApiToken, anOfficer, type TestOfficer } from './factories/index.ts';

/** An app for API tests: an officer with a token, another officer's token, and a board member's. */
export interface ApiTestbed {
  testApp: TestApp;
  officer: TestOfficer;
  token: string;
  /** An officer of the same authority who holds none of the first officer's cases. */
  outsiderToken: string;
  /** A read-only board member, refused casework. */
  boardToken: string;
}

/** Makes the testbed before the file's tests and closes it after them; its fields are set once they start. */
export function apiTestbed(clock: Clock): ApiTestbed {
  const bed = {} as ApiTestbed;
  beforeAll(async () => {
    bed.testApp = await createTestApp({ clock });
    bed.officer = await anOfficer(bed.testApp);
    bed.token = await anApiToken(bed.testApp, bed.officer);
    bed.outsiderToken = await anApiToken(bed.testApp, await anOfficer(bed.testApp));
    bed.boardToken = await anApiToken(bed.testApp, await anOfficer(bed.testApp, { role: 'board_member' }));
  });
  afterAll(async () => {
    await bed.testApp?.close();
  });
  return bed;
}
