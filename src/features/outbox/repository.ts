import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.ts';
import { outboxMessage, person } from '../../db/schema/index.ts';
import { messageStateSql, type MessageState } from './states.ts';

export type NewMessageRow = typeof outboxMessage.$inferInsert;

export async function insertMessages(executor: Executor, rows: readonly NewMessageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(outboxMessage).values([...rows]);
}

export interface PersonContactRow {
  forename: string;
  surname: string;
  email: string | null;
  address: string | null;
  postcode: string | null;
  doNotDiscloseAddress: boolean;
}

export async function findPersonContact(executor: Executor, authorityId: string, personId: string): Promise<PersonContactRow | undefined> {
  const [row] = await executor
    .select({ forename: person.forename, surname: person.surname, email: person.email, address: person.address, postcode: person.postcode, doNotDiscloseAddress: person.doNotDiscloseAddress })
    .from(person)
    .where(and(eq(person.authorityId, authorityId), eq(person.id, personId)));
  return row;
}

export interface DeliveryRow {
  id: string;
  channel: 'letter' | 'email';
  recipientName: string;
  recipientAddress: string;
  subject: string;
  bodyText: string;
  status: string;
}

export async function findForDelivery(executor: Executor, authorityId: string, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await executor
    .select({
      id: outboxMessage.id,
      channel: outboxMessage.channel,
      recipientName: outboxMessage.recipientName,
      recipientAddress: outboxMessage.recipientAddress,
      subject: outboxMessage.subject,
      bodyText: outboxMessage.bodyText,
      status: outboxMessage.status,
    })
    .from(outboxMessage)
    .where(and(eq(outboxMessage.authorityId, authorityId), eq(outboxMessage.id, id)));
  return row as DeliveryRow | undefined;
}

/** Records how a queued message was delivered; false when it was not queued any more. */
export async function markDelivered(
  executor: Executor,
  authorityId: string,
  id: string,
  delivery: { status: 'sent' | 'held'; deliveredBy: string; providerReference: string | null; deliveredAt: Date },
): Promise<boolean> {
  const rows = await executor
    .update(outboxMessage)
    .set(delivery)
    .where(and(eq(outboxMessage.authorityId, authorityId), eq(outboxMessage.id, id), eq(outboxMessage.status, 'queued')))
    .returning({ id: outboxMessage.id });
  return rows.length === 1;
}


export interface MessageRow {
  id: string;
  channel: 'letter' | 'email';
  recipientName: string;
  recipientAddress: string;
  addressWithheld: boolean;
  subject: string;
  bodyText: string;
  state: MessageState;
  deliveredBy: string | null;
  createdAt: string;
  deliveredAt: string | null;
  jobId: string;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  lastError: string | null;
  caseId: string | null;
  childId: string | null;
}

const STATE = sql.raw(messageStateSql('m', 'j'));

/**
 * Who may see a message about a restricted child: the officer who holds the child's open case and
 * managers, as for the child's record ($seeRestricted: the actor is a manager).
 */
const visibleTo = (actorId: string, seesRestricted: boolean) => sql`(
  m."child_id" IS NULL OR ${seesRestricted}::boolean
  OR NOT EXISTS (SELECT 1 FROM "child" ch WHERE ch."authority_id" = m."authority_id" AND ch."id" = m."child_id" AND ch."sensitive")
  OR EXISTS (SELECT 1 FROM "ehc_case" oc WHERE oc."authority_id" = m."authority_id" AND oc."child_id" = m."child_id" AND oc."closed_on" IS NULL AND oc."officer_id" = ${actorId}::uuid))`;

const MESSAGE_COLUMNS = sql.raw(`m."id", m."channel", m."recipient_name" AS "recipientName", m."recipient_address" AS "recipientAddress",
       m."address_withheld" AS "addressWithheld", m."subject", m."body_text" AS "bodyText", m."delivered_by" AS "deliveredBy",
       m."created_at" AS "createdAt", m."delivered_at" AS "deliveredAt", m."case_id" AS "caseId", m."child_id" AS "childId",
       j."id" AS "jobId", j."attempts", j."max_attempts" AS "maxAttempts", j."run_after" AS "runAfter", j."last_error" AS "lastError"`);

export async function listMessages(
  executor: Executor,
  authorityId: string,
  viewer: { actorId: string; seesRestricted: boolean },
  state: MessageState | undefined,
  limit: number,
): Promise<MessageRow[]> {
  return queryRows<MessageRow>(
    executor,
    sql`SELECT ${MESSAGE_COLUMNS}, ${STATE} AS "state"
          FROM "outbox_message" m
          JOIN "job" j ON j."authority_id" = m."authority_id" AND j."id" = m."job_id"
         WHERE m."authority_id" = ${authorityId} AND ${visibleTo(viewer.actorId, viewer.seesRestricted)}
           AND (${state ?? null}::text IS NULL OR ${STATE} = ${state ?? null}::text)
         ORDER BY m."created_at" DESC, m."id" DESC
         LIMIT ${limit}`,
  );
}

export async function countMessagesByState(executor: Executor, authorityId: string, viewer: { actorId: string; seesRestricted: boolean }): Promise<Partial<Record<MessageState, number>>> {
  const rows = await queryRows<{ state: MessageState; count: number }>(
    executor,
    sql`SELECT ${STATE} AS "state", count(*)::int AS "count"
          FROM "outbox_message" m
          JOIN "job" j ON j."authority_id" = m."authority_id" AND j."id" = m."job_id"
         WHERE m."authority_id" = ${authorityId} AND ${visibleTo(viewer.actorId, viewer.seesRestricted)}
         GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.state, row.count]));
}

export async function findMessage(executor: Executor, authorityId: string, viewer: { actorId: string; seesRestricted: boolean }, id: string): Promise<MessageRow | undefined> {
  const rows = await queryRows<MessageRow>(
    executor,
    sql`SELECT ${MESSAGE_COLUMNS}, ${STATE} AS "state"
          FROM "outbox_message" m
          JOIN "job" j ON j."authority_id" = m."authority_id" AND j."id" = m."job_id"
         WHERE m."authority_id" = ${authorityId} AND m."id" = ${id}::uuid AND ${visibleTo(viewer.actorId, viewer.seesRestricted)}`,
  );
  return rows[0];
}
