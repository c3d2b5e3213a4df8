// Contacts, complaints' stages and remedies, and the council's policy: the only SQL of the feature.
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { child, complaintRemedy, complaintStage, contact, contactPolicy, contactReferenceCounter, ehcCase, staffUser } from '../../db/schema/index.ts';

export type ContactRow = typeof contact.$inferSelect;
export type StageRow = typeof complaintStage.$inferSelect;
export type RemedyRow = typeof complaintRemedy.$inferSelect;
export type PolicyRow = typeof contactPolicy.$inferSelect;

/** The next contact number of the year for the council; the row lock serialises two at once. */
export async function takeContactNumber(executor: Executor, authorityId: string, year: number): Promise<number> {
  const [row] = await executor
    .insert(contactReferenceCounter)
    .values({ authorityId, year, lastNumber: 1 })
    .onConflictDoUpdate({ target: [contactReferenceCounter.authorityId, contactReferenceCounter.year], set: { lastNumber: sql`${contactReferenceCounter.lastNumber} + 1` } })
    .returning({ lastNumber: contactReferenceCounter.lastNumber });
  return row!.lastNumber;
}

export async function findPolicy(executor: Executor, authorityId: string): Promise<PolicyRow | undefined> {
  const [row] = await executor.select().from(contactPolicy).where(eq(contactPolicy.authorityId, authorityId));
  return row;
}

export async function savePolicy(executor: Executor, row: typeof contactPolicy.$inferInsert): Promise<void> {
  const { enquiryWorkingDays, memberEnquiryWorkingDays, stage1WorkingDays, stage2WorkingDays, updatedBy, updatedAt } = row;
  await executor
    .insert(contactPolicy)
    .values(row)
    .onConflictDoUpdate({ target: [contactPolicy.authorityId], set: { enquiryWorkingDays, memberEnquiryWorkingDays, stage1WorkingDays, stage2WorkingDays, updatedBy, updatedAt } });
}

/** A child of the council by id, with what access turns on. */
export async function findChild(executor: Executor, authorityId: string, childId: string) {
  const [row] = await executor
    .select({ id: child.id, forename: child.forename, surname: child.surname, sensitive: child.sensitive, openCaseOfficerId: ehcCase.officerId })
    .from(child)
    .leftJoin(ehcCase, and(eq(ehcCase.authorityId, child.authorityId), eq(ehcCase.childId, child.id), isNull(ehcCase.closedOn)))
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  return row;
}

/** The child whose case has this reference (999-EHC-2026-00123), in the council. */
export async function findChildIdByCaseReference(executor: Executor, authorityId: string, reference: string): Promise<string | undefined> {
  const [row] = await executor
    .select({ childId: ehcCase.childId })
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.reference, reference)));
  return row?.childId;
}

/** The council's staff who can own a contact, by name. */
export async function listOwners(executor: Executor, authorityId: string): Promise<{ id: string; name: string }[]> {
  return executor
    .select({ id: staffUser.id, name: staffUser.name })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), isNull(staffUser.deactivatedAt), inArray(staffUser.role, ['case_officer', 'team_manager', 'service_lead'])))
    .orderBy(asc(staffUser.name), asc(staffUser.id));
}

export async function findOwner(executor: Executor, authorityId: string, ownerId: string): Promise<{ id: string; name: string } | undefined> {
  const owners = await executor
    .select({ id: staffUser.id, name: staffUser.name })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, ownerId), isNull(staffUser.deactivatedAt), ne(staffUser.role, 'board_member')));
  return owners[0];
}

export async function insertContact(executor: Executor, row: typeof contact.$inferInsert): Promise<void> {
  await executor.insert(contact).values(row);
}

export async function findContact(executor: Executor, authorityId: string, contactId: string): Promise<ContactRow | undefined> {
  const [row] = await executor.select().from(contact).where(and(eq(contact.authorityId, authorityId), eq(contact.id, contactId)));
  return row;
}

/** The contact, held for the rest of the transaction: one change to it at a time. */
export async function lockContact(executor: Executor, authorityId: string, contactId: string): Promise<ContactRow | undefined> {
  const [row] = await executor.select().from(contact).where(and(eq(contact.authorityId, authorityId), eq(contact.id, contactId))).for('update');
  return row;
}

export async function updateContact(executor: Executor, authorityId: string, contactId: string, change: Partial<typeof contact.$inferInsert>): Promise<void> {
  await executor
    .update(contact)
    .set({ ...change, version: sql`${contact.version} + 1` })
    .where(and(eq(contact.authorityId, authorityId), eq(contact.id, contactId)));
}

export async function listStages(executor: Executor, authorityId: string, contactId: string): Promise<StageRow[]> {
  return executor
    .select()
    .from(complaintStage)
    .where(and(eq(complaintStage.authorityId, authorityId), eq(complaintStage.contactId, contactId)))
    .orderBy(asc(complaintStage.receivedOn), asc(complaintStage.recordedAt));
}

export async function insertStage(executor: Executor, row: typeof complaintStage.$inferInsert): Promise<void> {
  await executor.insert(complaintStage).values(row);
}

export async function updateStage(executor: Executor, authorityId: string, stageId: string, change: Partial<typeof complaintStage.$inferInsert>): Promise<void> {
  await executor.update(complaintStage).set(change).where(and(eq(complaintStage.authorityId, authorityId), eq(complaintStage.id, stageId)));
}

export async function listRemedies(executor: Executor, authorityId: string, contactId: string) {
  return executor
    .select({ remedy: complaintRemedy, ownerName: staffUser.name })
    .from(complaintRemedy)
    .leftJoin(staffUser, and(eq(staffUser.authorityId, complaintRemedy.authorityId), eq(staffUser.id, complaintRemedy.ownerId)))
    .where(and(eq(complaintRemedy.authorityId, authorityId), eq(complaintRemedy.contactId, contactId)))
    .orderBy(asc(complaintRemedy.recordedAt), asc(complaintRemedy.id));
}

export async function insertRemedy(executor: Executor, row: typeof complaintRemedy.$inferInsert): Promise<void> {
  await executor.insert(complaintRemedy).values(row);
}

export async function findRemedy(executor: Executor, authorityId: string, contactId: string, remedyId: string): Promise<RemedyRow | undefined> {
  const [row] = await executor
    .select()
    .from(complaintRemedy)
    .where(and(eq(complaintRemedy.authorityId, authorityId), eq(complaintRemedy.contactId, contactId), eq(complaintRemedy.id, remedyId)));
  return row;
}

export async function markRemedyDone(executor: Executor, authorityId: string, remedyId: string, doneOn: string): Promise<void> {
  await executor.update(complaintRemedy).set({ doneOn }).where(and(eq(complaintRemedy.authorityId, authorityId), eq(complaintRemedy.id, remedyId)));
}

/** What the register and the report's links filter on; each is optional. */
export interface ContactFilter {
  kind?: string;
  status?: 'open' | 'closed';
  ownerId?: string;
  childId?: string;
  /** Open with its response awaited past its due date. */
  overdueOn?: string;
  /** Received in this month: [first day, first day of the next month). */
  receivedFrom?: string;
  receivedBefore?: string;
  theme?: string;
  outcome?: string;
  /** The first response given, and whether within its deadline. */
  answered?: 'any' | 'on-time' | 'late';
}

function conditions(authorityId: string, filter: ContactFilter): SQL {
  const parts: (SQL | undefined)[] = [eq(contact.authorityId, authorityId)];
  if (filter.kind) parts.push(eq(contact.kind, filter.kind));
  if (filter.status) parts.push(eq(contact.status, filter.status));
  if (filter.ownerId) parts.push(eq(contact.ownerId, filter.ownerId));
  if (filter.childId) parts.push(eq(contact.childId, filter.childId));
  if (filter.overdueOn) parts.push(eq(contact.status, 'open'), lt(contact.dueOn, filter.overdueOn));
  if (filter.receivedFrom) parts.push(gte(contact.receivedOn, filter.receivedFrom));
  if (filter.receivedBefore) parts.push(lt(contact.receivedOn, filter.receivedBefore));
  if (filter.theme) parts.push(eq(contact.theme, filter.theme));
  if (filter.outcome) parts.push(eq(contact.outcome, filter.outcome));
  if (filter.answered) parts.push(isNotNull(contact.firstRespondedOn));
  if (filter.answered === 'on-time') parts.push(lte(contact.firstRespondedOn, contact.firstDueOn));
  if (filter.answered === 'late') parts.push(sql`${contact.firstRespondedOn} > ${contact.firstDueOn}`);
  return and(...parts)!;
}

export interface ListedContact {
  id: string;
  reference: string;
  kind: string;
  source: string;
  status: string;
  stage: string | null;
  outcome: string | null;
  theme: string | null;
  fromName: string;
  receivedOn: string;
  dueOn: string | null;
  respondedOn: string | null;
  closedOn: string | null;
  childId: string | null;
  childForename: string | null;
  childSurname: string | null;
  childSensitive: boolean | null;
  childOfficerId: string | null;
  ownerId: string;
  ownerName: string | null;
}

/** A page of the register: open ones soonest due first (none due last), then the latest received. */
export async function listContacts(executor: Executor, authorityId: string, filter: ContactFilter, page: { limit: number; offset: number }): Promise<{ rows: ListedContact[]; total: number }> {
  const where = conditions(authorityId, filter);
  const rows = await executor
    .select({
      id: contact.id,
      reference: contact.reference,
      kind: contact.kind,
      source: contact.source,
      status: contact.status,
      stage: contact.stage,
      outcome: contact.outcome,
      theme: contact.theme,
      fromName: contact.fromName,
      receivedOn: contact.receivedOn,
      dueOn: contact.dueOn,
      respondedOn: contact.respondedOn,
      closedOn: contact.closedOn,
      childId: contact.childId,
      childForename: child.forename,
      childSurname: child.surname,
      childSensitive: child.sensitive,
      childOfficerId: ehcCase.officerId,
      ownerId: contact.ownerId,
      ownerName: staffUser.name,
    })
    .from(contact)
    .leftJoin(child, and(eq(child.authorityId, contact.authorityId), eq(child.id, contact.childId)))
    // A child has at most one open case: the join adds no row.
    .leftJoin(ehcCase, and(eq(ehcCase.authorityId, contact.authorityId), eq(ehcCase.childId, contact.childId), isNull(ehcCase.closedOn)))
    .leftJoin(staffUser, and(eq(staffUser.authorityId, contact.authorityId), eq(staffUser.id, contact.ownerId)))
    .where(where)
    .orderBy(desc(contact.status), sql`${contact.dueOn} ASC NULLS LAST`, desc(contact.receivedOn), desc(contact.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await executor.select({ total: count() }).from(contact).where(where);
  return { rows, total: total?.total ?? 0 };
}

/** An officer's open contacts, soonest due first (for a worklist), with what access to each child turns on. */
export async function listOpenOwnedBy(executor: Executor, authorityId: string, ownerId: string) {
  return executor
    .select({
      id: contact.id,
      reference: contact.reference,
      kind: contact.kind,
      childId: contact.childId,
      receivedOn: contact.receivedOn,
      dueOn: contact.dueOn,
      childSensitive: child.sensitive,
      childOfficerId: ehcCase.officerId,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
    })
    .from(contact)
    .leftJoin(child, and(eq(child.authorityId, contact.authorityId), eq(child.id, contact.childId)))
    .leftJoin(ehcCase, and(eq(ehcCase.authorityId, contact.authorityId), eq(ehcCase.childId, contact.childId), isNull(ehcCase.closedOn)))
    .where(and(eq(contact.authorityId, authorityId), eq(contact.ownerId, ownerId), eq(contact.status, 'open')))
    .orderBy(sql`${contact.dueOn} ASC NULLS LAST`, asc(contact.receivedOn), asc(contact.id));
}

/** The open complaints about a child with an open case, soonest due first: the complaints the early-resolution triage weighs. */
export async function listLiveComplaints(executor: Executor, authorityId: string, limit: number) {
  return executor
    .select({
      id: contact.id,
      reference: contact.reference,
      stage: contact.stage,
      theme: contact.theme,
      dueOn: contact.dueOn,
      childId: contact.childId,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
      caseId: ehcCase.id,
      caseReference: ehcCase.reference,
      ownerName: staffUser.name,
    })
    .from(contact)
    .innerJoin(child, and(eq(child.authorityId, contact.authorityId), eq(child.id, contact.childId)))
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, contact.authorityId), eq(ehcCase.childId, contact.childId), isNull(ehcCase.closedOn)))
    .leftJoin(staffUser, and(eq(staffUser.authorityId, contact.authorityId), eq(staffUser.id, contact.ownerId)))
    .where(and(eq(contact.authorityId, authorityId), eq(contact.kind, 'complaint'), eq(contact.status, 'open')))
    .orderBy(sql`${contact.dueOn} ASC NULLS LAST`, asc(contact.id))
    .limit(limit);
}

/** A member of staff's name, whether or not they still work here. */
export async function staffName(executor: Executor, authorityId: string, staffId: string): Promise<string | undefined> {
  const [row] = await executor.select({ name: staffUser.name }).from(staffUser).where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, staffId)));
  return row?.name;
}

/** The report's counts, by month received and kind; the outcomes and themes of complaints. */
export async function reportCounts(executor: Executor, authorityId: string, from: string, before: string) {
  const month = sql<string>`to_char(${contact.receivedOn}, 'YYYY-MM')`;
  const where = and(eq(contact.authorityId, authorityId), gte(contact.receivedOn, from), lt(contact.receivedOn, before));
  const volumes = await executor
    .select({
      month,
      kind: contact.kind,
      received: count(),
      answered: sql<number>`count(${contact.firstRespondedOn})::int`,
      onTime: sql<number>`(count(*) FILTER (WHERE ${contact.firstRespondedOn} <= ${contact.firstDueOn}))::int`,
    })
    .from(contact)
    .where(where)
    .groupBy(month, contact.kind);
  const outcomes = await executor
    .select({ month, outcome: sql<string>`${contact.outcome}`, total: count() })
    .from(contact)
    .where(and(where, eq(contact.kind, 'complaint'), isNotNull(contact.outcome)))
    .groupBy(month, contact.outcome);
  const themes = await executor
    .select({ month, theme: sql<string>`${contact.theme}`, total: count() })
    .from(contact)
    .where(and(where, eq(contact.kind, 'complaint'), isNotNull(contact.theme)))
    .groupBy(month, contact.theme);
  return { volumes, outcomes, themes };
}
