import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { recordAudit } from '../audit/index.ts';
import type { PortalActor } from '../auth/index.ts';
import * as repository from './repository.ts';
import type { SchoolLinkRow } from './repository.ts';

/** One council in which the signed-in person works for the school, and who they are there. */
export interface SchoolReach extends SchoolLinkRow {
  /** The person as that council knows them: their own account there, the second factor given in this session. */
  actor: PortalActor;
  /** A council other than the one signed in to. */
  elsewhere: boolean;
}

/**
 * The one way the school's pages read across councils. A school holds pupils of several councils;
 * its SENCo signs in to one council's account, and has an account in each other council too (the
 * same e-mail address, a live link to the same school). Each read is asked of each council
 * separately, as that council's account, so its access log and audit record it there; only the
 * finding of the other accounts is a cross-authority query, and each read in another council is
 * audited there as a cross-authority read.
 */
export class CrossAuthoritySchoolReads {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The councils and schools the person reaches: their own council's links first, then the same schools elsewhere. */
  async reaches(actor: PortalActor): Promise<SchoolReach[]> {
    const own = await repository.ownSchoolLinks(this.db, actor.authorityId, actor.accountId);
    const elsewhere = await repository.sameSchoolAccountsElsewhere(
      this.db,
      actor.email,
      actor.authorityId,
      own.map((link) => link.schoolId),
    );
    const as = (link: SchoolLinkRow): PortalActor => ({ ...actor, id: link.accountId, accountId: link.accountId, authorityId: link.authorityId });
    return [...own.map((link) => ({ ...link, actor: as(link), elsewhere: false })), ...elsewhere.map((link) => ({ ...link, actor: as(link), elsewhere: true }))];
  }

  /** Reads the same thing in every council reached, each as that council's account; another council's read is audited there. */
  async readEach<T>(actor: PortalActor, view: string, read: (reach: SchoolReach) => Promise<T[]>): Promise<{ reach: SchoolReach; rows: T[] }[]> {
    const results: { reach: SchoolReach; rows: T[] }[] = [];
    for (const reach of await this.reaches(actor)) {
      const rows = await read(reach);
      if (reach.elsewhere) await this.audit(actor, reach, view, rows.length);
      results.push({ reach, rows });
    }
    return results;
  }

  /** The first council reached in which the thing is found (an id is one council's), audited there when elsewhere. */
  async findIn<T>(actor: PortalActor, view: string, find: (reach: SchoolReach) => Promise<T | undefined>): Promise<{ reach: SchoolReach; row: T } | undefined> {
    for (const reach of await this.reaches(actor)) {
      const row = await find(reach);
      if (row === undefined) continue;
      if (reach.elsewhere) await this.audit(actor, reach, view, 1);
      return { reach, row };
    }
    return undefined;
  }

  private async audit(actor: PortalActor, reach: SchoolReach, view: string, rows: number): Promise<void> {
    await recordAudit(this.db, this.clock, reach.actor, {
      action: 'portal.cross-authority-read',
      entityType: 'portal_account',
      entityId: reach.accountId,
      details: { view, schoolId: reach.schoolId, rows, signedInAuthorityId: actor.authorityId, signedInAccountId: actor.accountId },
    });
  }
}
