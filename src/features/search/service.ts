import type { Database } from '../../db/database.ts';
import { fullName } from '../../domain/children/names.ts';
import { interpretSearch } from '../../domain/children/search-keys.ts';
import { stageInfo } from '../../domain/children/stages.ts';
import type { Clock } from '../../lib/clock.ts';
import { recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { maySeeRestricted } from '../children/index.ts';
import * as searchRepository from './repository.ts';

const SEARCH_LIMIT = 50;

export class SearchService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * One search box: a UPN, a date of birth, or names. Sensitive records only for those who hold
   * them. What was searched for and every child shown go to the log of lists shown (`view`).
   */
  async search(actor: Actor, text: string, view = 'search') {
    requireRole(actor, ...CASEWORK_ROLES);
    const query = interpretSearch(text.slice(0, 200));
    let rows: searchRepository.SearchRow[] = [];
    if (query.kind === 'upn') rows = await searchRepository.searchByUpn(this.db, actor.authorityId, query.upn, SEARCH_LIMIT);
    else if (query.kind === 'date-of-birth') rows = await searchRepository.searchByDateOfBirth(this.db, actor.authorityId, query.date, SEARCH_LIMIT);
    else if (query.kind === 'name') rows = await searchRepository.searchByName(this.db, actor.authorityId, query.words, query.text, SEARCH_LIMIT);
    const shown = rows.filter((row) => !row.sensitive || maySeeRestricted(actor, row.officerId));
    await recordListAccess(this.db, this.clock, actor, view, shown.map((row) => row.childId), text.slice(0, 200));
    return {
      query,
      results: shown
        .map((row) => ({
          childId: row.childId,
          forename: row.forename,
          surname: row.surname,
          preferredName: row.preferredName,
          dateOfBirth: row.dateOfBirth,
          upn: row.upn,
          postcode: row.postcode,
          sensitive: row.sensitive,
          caseId: row.caseId,
          reference: row.reference,
          stage: row.stage,
          officerId: row.officerId,
          childName: fullName(row),
          stageName: stageInfo(row.stage)?.name,
        })),
    };
  }
}
