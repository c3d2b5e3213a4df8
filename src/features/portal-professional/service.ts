import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { ForbiddenError } from '../../lib/errors.ts';
import type { AdviceService, PortalAdviceRequest } from '../advice/index.ts';
import { recordAccess, recordListAccess } from '../audit/index.ts';
import type { PortalActor } from '../auth/index.ts';
import type { UploadedFile } from '../documents/index.ts';
import { requireSignedIn } from '../portal-auth/index.ts';

/**
 * An advice giver's portal (an educational psychologist, a health or social care professional):
 * the requests for advice addressed to their account and still awaited, each with its child's
 * name, date of birth and school, what is asked and its due date; nothing else of the child. A
 * request received, declined, withdrawn or on a closed case is gone from here, and so is the
 * child. Every page that shows a child goes to the access log.
 */
export class PortalProfessionalService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly advice: AdviceService;

  constructor(db: Database, clock: Clock, parts: { advice: AdviceService }) {
    this.db = db;
    this.clock = clock;
    this.advice = parts.advice;
  }

  /** The advice giver's awaited requests, soonest due first (the children listed go to the log of lists shown). */
  async requests(actor: PortalActor): Promise<PortalAdviceRequest[]> {
    requireAdviceGiver(actor);
    const requests = await this.advice.awaitedFromPortalAccount(actor);
    if (requests.length > 0) await recordListAccess(this.db, this.clock, actor, 'portal:advice-requests', [...new Set(requests.map((entry) => entry.childId))]);
    return requests;
  }

  /** One awaited request addressed to them, with its child (a view of the child, logged); any other is unknown. */
  async request(actor: PortalActor, requestId: string): Promise<PortalAdviceRequest> {
    requireAdviceGiver(actor);
    const [request] = await this.advice.awaitedFromPortalAccount(actor, requestId);
    await recordAccess(this.db, this.clock, actor, request!.childId, 'portal:advice-request');
    return request!;
  }

  /** Sends their advice (written, a document, or both): the request is then received and closed to them. */
  async sendAdvice(actor: PortalActor, requestId: string, input: { adviceText: string; file: UploadedFile | undefined; version?: number | undefined }): Promise<{ requestId: string; receivedOn: string }> {
    requireAdviceGiver(actor);
    return this.advice.receiveFromPortal(actor, requestId, input);
  }
}

function requireAdviceGiver(actor: PortalActor): void {
  requireSignedIn(actor);
  if (actor.portalKind !== 'professional') throw new ForbiddenError('These pages are for advice givers');
}
