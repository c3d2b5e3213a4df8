import type { Database } from '../../db/database.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { stageInfo } from '../../domain/children/stages.ts';
import { nextDeadlineStatus } from '../../domain/clocks/status.ts';
import type { Clock } from '../../lib/clock.ts';
import { pageNumber } from '../../lib/page-number.ts';
import { recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { CONTACT_KIND_NAMES } from '../../domain/contacts/contacts.ts';
import type { ContactsService } from '../contacts/index.ts';
import * as worklistRepository from './repository.ts';

export const WORKLIST_PAGE_SIZE = 50;

/** The other work an officer owns, beside their cases: contacts, complaints and information requests. */
export interface WorklistDependencies {
  contacts: Pick<ContactsService, 'openContactsOwnedBy'>;
}

export class WorklistService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly dependencies: WorklistDependencies;

  constructor(db: Database, clock: Clock, dependencies: WorklistDependencies) {
    this.db = db;
    this.clock = clock;
    this.dependencies = dependencies;
  }

  /**
   * "My cases": the actor's open cases, next statutory deadline first; on the page, also the
   * contacts, complaints and information requests they own, soonest due first, each with its clock
   * (the rest of their deadlines). The children of both lists go to the log in one entry.
   */
  async worklist(actor: Actor, page = 1, view = 'worklist', options: { withContacts?: boolean } = {}) {
    requireRole(actor, ...CASEWORK_ROLES);
    const asked = pageNumber(page);
    const today = this.clock.today() as IsoDate;
    const contacts = options.withContacts
      ? (await this.dependencies.contacts.openContactsOwnedBy(actor, actor.id)).map((entry) => ({
          ...entry,
          kindName: CONTACT_KIND_NAMES[entry.kind],
          deadline: nextDeadlineStatus('Respond', entry.dueOn, today),
        }))
      : [];
    let { rows, total } = await worklistRepository.listWorklist(this.db, actor.authorityId, actor.id, WORKLIST_PAGE_SIZE, (asked - 1) * WORKLIST_PAGE_SIZE, today);
    // A page past the end (cases closed or handed on since the link was made) shows the last page.
    const lastPage = Math.max(1, Math.ceil(total / WORKLIST_PAGE_SIZE));
    if (rows.length === 0 && total > 0 && asked > lastPage) {
      ({ rows, total } = await worklistRepository.listWorklist(this.db, actor.authorityId, actor.id, WORKLIST_PAGE_SIZE, (lastPage - 1) * WORKLIST_PAGE_SIZE, today));
    }
    // The children on the page go to the log of lists shown, so reading every case leaves a trace.
    const shown = [...rows.map((row) => row.childId), ...contacts.flatMap((entry) => (entry.childId && entry.childName ? [entry.childId] : []))];
    if (shown.length > 0) await recordListAccess(this.db, this.clock, actor, view, [...new Set(shown)]);
    return {
      page: Math.min(asked, lastPage),
      pageCount: lastPage,
      total,
      contacts,
      // Objects written out field by field: on this stack `{ ...row, more }` costs over a
      // microsecond an object, a tenth of this page's time at 50 rows (ADR 0007).
      cases: rows.map((row) => {
        const stage = stageInfo(row.stage);
        return {
          caseId: row.caseId,
          reference: row.reference,
          stage: row.stage,
          childId: row.childId,
          childName: fullName(row),
          dateOfBirth: row.dateOfBirth,
          stageName: stage?.name ?? row.stage,
          nextAction: stage?.nextAction ?? '',
          deadline: nextDeadlineStatus(row.nextDeadlineTitle, row.nextDeadlineOn, today),
          // A colleague's case, seen while covering for them: whose, and the last day of cover.
          covering: row.coveringFor === null ? undefined : { officerName: row.coveringFor, until: row.coveringUntil!, sameYear: row.coveringUntil!.slice(0, 4) === today.slice(0, 4) },
        };
      }),
    };
  }
}
