import type { DatabaseHandle } from '../../db/database.ts';

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unavailable';
}

export class HealthService {
  private readonly database: DatabaseHandle;

  constructor(database: DatabaseHandle) {
    this.database = database;
  }

  async readiness(): Promise<Readiness> {
    try {
      await Promise.race([
        this.database.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
      ]);
      return { ready: true, database: 'ok' };
    } catch {
      return { ready: false, database: 'unavailable' };
    }
  }
}
