import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.ts';
import { portalMessage, portalMessagePreference } from '../../db/schema/index.ts';
import { messageStateSql, type MessageState } from '../outbox/index.ts';

export type PortalMessageRow = typeof portalMessage.$inferSelect;

/** A case event with its child's first names: what a message about it may say. */
export interface MessageEvent {
  id: string;
  caseId: string;
  type: string;
  occurredOn: string;
  payload: Record<string, unknown>;
  childId: string;
  forename: string;
  preferredName: string | null;
}

export async function findEvent(executor: Executor, authorityId: string, caseEventId: string): Promise<MessageEvent | undefined> {
  const [row] = await queryRows<MessageEvent>(
    executor,
    sql`SELECT e."id", e."case_id" AS "caseId", e."type", e."occurred_on"::text AS "occurredOn", e."payload", c."child_id" AS "childId", ch."forename", ch."preferred_name" AS "preferredName"
          FROM "case_event" e
          JOIN "ehc_case" c ON c."authority_id" = e."authority_id" AND c."id" = e."case_id"
          JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
         WHERE e."authority_id" = ${authorityId} AND e."id" = ${caseEventId}`,
  );
  return row;
}

/** Someone a message goes to: an account not disabled, and whether they keep messages only in the portal. */
export interface MessageRecipient {
  accountId: string;
  name: string;
  email: string;
  emailEach: boolean;
}

/** The family accounts linked to a child (parents, carers, the young person), not disabled. */
export async function familyRecipients(executor: Executor, authorityId: string, childId: string): Promise<MessageRecipient[]> {
  return queryRows<MessageRecipient>(
    executor,
    sql`SELECT a."id" AS "accountId", a."name", a."email", coalesce(p."email_each", true) AS "emailEach"
          FROM "portal_family_link" l
          JOIN "portal_account" a ON a."authority_id" = l."authority_id" AND a."id" = l."account_id"
          LEFT JOIN "portal_message_preference" p ON p."authority_id" = a."authority_id" AND p."account_id" = a."id"
         WHERE l."authority_id" = ${authorityId} AND l."child_id" = ${childId} AND l."ended_at" IS NULL AND a."status" <> 'disabled'
         ORDER BY a."id"`,
  );
}

/** The advice giver a request for advice is addressed to, with its due date. */
export async function adviceRecipient(executor: Executor, authorityId: string, adviceRequestId: string): Promise<(MessageRecipient & { requestId: string; dueOn: string }) | undefined> {
  const [row] = await queryRows<MessageRecipient & { requestId: string; dueOn: string }>(
    executor,
    sql`SELECT a."id" AS "accountId", a."name", a."email", coalesce(p."email_each", true) AS "emailEach", r."id" AS "requestId", r."due_on"::text AS "dueOn"
          FROM "advice_request" r
          JOIN "portal_account" a ON a."authority_id" = r."authority_id" AND a."id" = r."portal_account_id"
          LEFT JOIN "portal_message_preference" p ON p."authority_id" = a."authority_id" AND p."account_id" = a."id"
         WHERE r."authority_id" = ${authorityId} AND r."id" = ${adviceRequestId} AND r."status" = 'requested' AND a."status" <> 'disabled'`,
  );
  return row;
}

/** The accounts of the school a review is at (its administrators and staff), not disabled. */
export async function reviewSchoolRecipients(executor: Executor, authorityId: string, reviewId: string): Promise<MessageRecipient[]> {
  return queryRows<MessageRecipient>(
    executor,
    sql`SELECT a."id" AS "accountId", a."name", a."email", coalesce(p."email_each", true) AS "emailEach"
          FROM "annual_review" r
          JOIN "portal_school_link" l ON l."authority_id" = r."authority_id" AND l."school_id" = r."school_id"
          JOIN "portal_account" a ON a."authority_id" = l."authority_id" AND a."id" = l."account_id"
          LEFT JOIN "portal_message_preference" p ON p."authority_id" = a."authority_id" AND p."account_id" = a."id"
         WHERE r."authority_id" = ${authorityId} AND r."id" = ${reviewId} AND a."status" <> 'disabled'
         ORDER BY a."id"`,
  );
}

/** A school consultation with its child's first names and the accounts of the school consulted. */
export async function findConsultation(executor: Executor, authorityId: string, consultationId: string) {
  const [row] = await queryRows<{ id: string; caseId: string; childId: string; forename: string; preferredName: string | null; dueOn: string; status: string }>(
    executor,
    sql`SELECT sc."id", sc."case_id" AS "caseId", c."child_id" AS "childId", ch."forename", ch."preferred_name" AS "preferredName", sc."due_on"::text AS "dueOn", sc."status"
          FROM "school_consultation" sc
          JOIN "ehc_case" c ON c."authority_id" = sc."authority_id" AND c."id" = sc."case_id"
          JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
         WHERE sc."authority_id" = ${authorityId} AND sc."id" = ${consultationId}`,
  );
  return row;
}

export async function consultationSchoolRecipients(executor: Executor, authorityId: string, consultationId: string): Promise<MessageRecipient[]> {
  return queryRows<MessageRecipient>(
    executor,
    sql`SELECT a."id" AS "accountId", a."name", a."email", coalesce(p."email_each", true) AS "emailEach"
          FROM "school_consultation" sc
          JOIN "portal_school_link" l ON l."authority_id" = sc."authority_id" AND l."school_id" = sc."school_id"
          JOIN "portal_account" a ON a."authority_id" = l."authority_id" AND a."id" = l."account_id"
          LEFT JOIN "portal_message_preference" p ON p."authority_id" = a."authority_id" AND p."account_id" = a."id"
         WHERE sc."authority_id" = ${authorityId} AND sc."id" = ${consultationId} AND a."status" <> 'disabled'
         ORDER BY a."id"`,
  );
}

/** Keeps a message, once per event and account: false when it was kept already (a job run again). */
export async function insertMessage(executor: Executor, row: typeof portalMessage.$inferInsert): Promise<boolean> {
  const inserted = await executor.insert(portalMessage).values(row).onConflictDoNothing().returning({ id: portalMessage.id });
  return inserted.length > 0;
}

export async function setOutboxMessage(executor: Executor, authorityId: string, id: string, outboxMessageId: string): Promise<void> {
  await executor.update(portalMessage).set({ outboxMessageId }).where(and(eq(portalMessage.authorityId, authorityId), eq(portalMessage.id, id)));
}

export async function listForAccount(executor: Executor, authorityId: string, accountId: string, limit: number): Promise<PortalMessageRow[]> {
  return executor
    .select()
    .from(portalMessage)
    .where(and(eq(portalMessage.authorityId, authorityId), eq(portalMessage.accountId, accountId)))
    .orderBy(desc(portalMessage.createdAt), desc(portalMessage.id))
    .limit(limit);
}

export async function findForAccount(executor: Executor, authorityId: string, accountId: string, id: string): Promise<PortalMessageRow | undefined> {
  const [row] = await executor
    .select()
    .from(portalMessage)
    .where(and(eq(portalMessage.authorityId, authorityId), eq(portalMessage.accountId, accountId), eq(portalMessage.id, id)))
    .limit(1);
  return row;
}

export async function markRead(executor: Executor, authorityId: string, accountId: string, id: string, at: Date): Promise<void> {
  await executor
    .update(portalMessage)
    .set({ readAt: at })
    .where(and(eq(portalMessage.authorityId, authorityId), eq(portalMessage.accountId, accountId), eq(portalMessage.id, id), sql`${portalMessage.readAt} IS NULL`));
}

export async function findPreference(executor: Executor, authorityId: string, accountId: string): Promise<boolean> {
  const [row] = await executor
    .select({ emailEach: portalMessagePreference.emailEach })
    .from(portalMessagePreference)
    .where(and(eq(portalMessagePreference.authorityId, authorityId), eq(portalMessagePreference.accountId, accountId)))
    .limit(1);
  return row?.emailEach ?? true;
}

export async function savePreference(executor: Executor, authorityId: string, accountId: string, emailEach: boolean, at: Date): Promise<void> {
  await executor
    .insert(portalMessagePreference)
    .values({ authorityId, accountId, emailEach, updatedAt: at })
    .onConflictDoUpdate({ target: [portalMessagePreference.authorityId, portalMessagePreference.accountId], set: { emailEach, updatedAt: at } });
}

/** A child's portal messages for the officer, with whom each went to and its e-mail's delivery state. */
export interface ChildMessageRow {
  id: string;
  subject: string;
  accountName: string;
  createdAt: Date;
  readAt: Date | null;
  legalNotice: boolean;
  outboxMessageId: string | null;
  state: MessageState | null;
  attempts: number | null;
  maxAttempts: number | null;
  runAfter: Date | null;
}

export async function listForChild(executor: Executor, authorityId: string, childId: string): Promise<ChildMessageRow[]> {
  return queryRows<ChildMessageRow>(
    executor,
    sql`SELECT pm."id", pm."subject", a."name" AS "accountName", pm."created_at" AS "createdAt", pm."read_at" AS "readAt", pm."legal_notice" AS "legalNotice",
               pm."outbox_message_id" AS "outboxMessageId", CASE WHEN m."id" IS NULL THEN NULL ELSE ${sql.raw(messageStateSql('m', 'j'))} END AS "state",
               j."attempts", j."max_attempts" AS "maxAttempts", j."run_after" AS "runAfter"
          FROM "portal_message" pm
          JOIN "portal_account" a ON a."authority_id" = pm."authority_id" AND a."id" = pm."account_id"
          LEFT JOIN "outbox_message" m ON m."authority_id" = pm."authority_id" AND m."id" = pm."outbox_message_id"
          LEFT JOIN "job" j ON j."authority_id" = m."authority_id" AND j."id" = m."job_id"
         WHERE pm."authority_id" = ${authorityId} AND pm."child_id" = ${childId}
         ORDER BY pm."created_at" DESC, pm."id" DESC
         LIMIT 200`,
  );
}
