// The demo data is what a newcomer sees first: every case in it must be one the service itself
// would have let an officer record, step by step, in the order of the law.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { NICKNAMES } from '../../db/seed/names.ts';
import { daysBetween, type IsoDate } from '../../domain/calendar/index.ts';
import { systemActor, type PortalActor } from '../auth/index.ts';
import { DEMO_PORTAL_ADVICE_GIVER, DEMO_PORTAL_PARENT, DEMO_PORTAL_SCHOOL_ADMIN, EXTRA_DEMO_OFFICERS, FORMER_DEMO_OFFICER } from './index.ts';
import { phasesForAge } from './service.ts';
import { firstOutOfOrder } from '../../domain/events/index.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp({ clock: fixedClock('2026-11-23T10:00:00Z') });
});
afterAll(async () => {
  await testApp?.close();
});

describe('the demo data', () => {

  // Sixty children recorded step by step through the services: a budget for that work, not a latency target.
  it('is recorded through the services, every case in the order of the process, every stage present', async () => {
    const seeded = await testApp.services.demo.seedDemo(testApp.authorityId, { children: 60 });
    // The sixty drawn at random, the child whose letter shows what letters look like, the six whose
    // plans show plans and their changes, the nine whose annual reviews show reviews, the eight of
    // the phase transfers and moves between councils, the two whose plans were appealed, and the one
    // whose mother is invited to the family portal with the two of her school's pupils its
    // administrator's portal shows a consultation and a review report due for, and the two of last
    // year's SEN2 return (a request refused and a plan ceased).
    expect(seeded.children).toBe(91);
    const [held] = await queryRows<{ count: number }>(testApp.database.db, sql`SELECT count(*)::int AS count FROM child WHERE authority_id = ${testApp.authorityId}`);
    expect(held!.count).toBe(seeded.children);
    const events = await queryRows<{ case_id: string; id: string; type: string; occurred_on: string; corrects_event_id: string | null }>(
      testApp.database.db,
      sql`SELECT case_id, id, type, occurred_on, corrects_event_id FROM case_event WHERE authority_id = ${testApp.authorityId}`,
    );
    const byCase = new Map<string, typeof events>();
    for (const event of events) byCase.set(event.case_id, [...(byCase.get(event.case_id) ?? []), event]);
    const corrected = new Set(events.map((event) => event.corrects_event_id).filter(Boolean));
    for (const [caseId, history] of byCase) {
      const broken = firstOutOfOrder(history.map((event) => ({ type: event.type, occurredOn: event.occurred_on as IsoDate, corrected: corrected.has(event.id) })));
      expect(broken, `case ${caseId}`).toBeUndefined();
    }
    const stages = await queryRows<{ stage: string }>(testApp.database.db, sql`SELECT DISTINCT stage FROM ehc_case WHERE authority_id = ${testApp.authorityId} ORDER BY stage`);
    expect(stages.map((row) => row.stage)).toEqual(['assessment', 'closed', 'draft', 'plan', 'request', 'review']);

    // The decisions with their reasons, made by a decision-maker after a panel where one met in
    // time; a refusal, a withdrawal and a decision not to issue a plan among the closed cases;
    // requests on panels' agendas, with recommendations and views.
    const decided = await queryRows<{ question: string; outcome: string; reasons: string; role: string; panel: boolean }>(
      testApp.database.db,
      sql`SELECT d.question, d.outcome, d.reasons, u.role, d.panel_case_id IS NOT NULL AS panel FROM assessment_decision d JOIN staff_user u ON u.id = d.decided_by WHERE d.authority_id = ${testApp.authorityId}`,
    );
    expect(decided.every((decision) => decision.reasons.length > 20 && ['team_manager', 'service_lead'].includes(decision.role))).toBe(true);
    expect(new Set(decided.map((decision) => `${decision.question}:${decision.outcome}`))).toEqual(new Set(['assess:agree', 'assess:refuse', 'issue-plan:agree', 'issue-plan:refuse']));
    expect(decided.some((decision) => decision.panel)).toBe(true);
    const closings = await queryRows<{ type: string }>(
      testApp.database.db,
      sql`SELECT DISTINCT type FROM case_event WHERE authority_id = ${testApp.authorityId} AND type IN ('assessment.refused', 'request.withdrawn', 'plan.refused') ORDER BY type`,
    );
    expect(closings.map((row) => row.type)).toEqual(['assessment.refused', 'plan.refused', 'request.withdrawn']);
    const [panels] = await queryRows<{ panels: number; recommended: number; views: number }>(
      testApp.database.db,
      sql`SELECT (SELECT count(*)::int FROM decision_panel WHERE authority_id = ${testApp.authorityId}) AS panels,
                 (SELECT count(*)::int FROM panel_case WHERE authority_id = ${testApp.authorityId} AND recommendation IS NOT NULL) AS recommended,
                 (SELECT count(*)::int FROM views_received WHERE authority_id = ${testApp.authorityId}) AS views`,
    );
    expect(panels!.panels).toBe(11);
    expect(panels!.recommended).toBeGreaterThan(0);
    expect(panels!.views).toBeGreaterThan(0);

    // Draft to final on one case: the family's comment on section F and the school they ask for,
    // that school's answer that it cannot meet the needs (with reasons), and another awaited.
    const consulted = await queryRows<{ kind: string; section: string | null; status: string | null; response: string | null; reasons: string | null }>(
      testApp.database.db,
      sql`SELECT kind, section, NULL AS status, NULL AS response, NULL AS reasons FROM draft_representation WHERE authority_id = ${testApp.authorityId}
          UNION ALL
          SELECT 'consultation', NULL, status, response, reasons FROM school_consultation WHERE authority_id = ${testApp.authorityId}
          ORDER BY 1, 3`,
    );
    expect(consulted.map((row) => [row.kind, row.section, row.status, row.response])).toEqual([
      ['comment', 'F', null, null],
      ['consultation', null, 'answered', 'cannot-meet-needs'],
      ['consultation', null, 'awaiting', null],
      // The phase transfer's next school, consulted while the plan is under review.
      ['consultation', null, 'awaiting', null],
      // The school portal's administrator's school, asked about Noah Bennett's draft plan.
      ['consultation', null, 'awaiting', null],
      ['school-preference', null, null, null],
    ]);
    expect(consulted.find((row) => row.response === 'cannot-meet-needs')!.reasons).toMatch(/\S/);

    // The front door: a complaint open at stage 2 with an action to do, one with no child closed, an FOI request answered, an
    // enquiry past its deadline and an MP's enquiry.
    const contacts = await queryRows<{ kind: string; status: string; stage: string | null; overdue: boolean; actions: number }>(
      testApp.database.db,
      sql`SELECT k.kind, k.status, k.stage, coalesce(k.due_on < '2026-11-23', false) AS overdue,
                 (SELECT count(*)::int FROM complaint_remedy r WHERE r.authority_id = k.authority_id AND r.contact_id = k.id AND r.kind = 'action' AND r.done_on IS NULL) AS actions
            FROM contact k WHERE k.authority_id = ${testApp.authorityId} ORDER BY k.kind, k.status`,
    );
    expect(contacts).toEqual([
      { kind: 'complaint', status: 'closed', stage: 'stage-1', overdue: false, actions: 0 },
      { kind: 'complaint', status: 'open', stage: 'stage-2', overdue: false, actions: 1 },
      { kind: 'enquiry', status: 'open', stage: null, overdue: true, actions: 0 },
      { kind: 'foi', status: 'closed', stage: null, overdue: false, actions: 0 },
      { kind: 'member-enquiry', status: 'open', stage: null, overdue: false, actions: 0 },
    ]);

    // Preferred names people really go by, and schools of the child's age.
    const children = await queryRows<{ forename: string; preferred_name: string | null; date_of_birth: string; phase: string | null }>(
      testApp.database.db,
      sql`SELECT ch.forename, ch.preferred_name, ch.date_of_birth, s.phase FROM child ch LEFT JOIN school s ON s.id = ch.school_id WHERE ch.authority_id = ${testApp.authorityId}`,
    );
    for (const child of children) {
      if (child.preferred_name !== null) expect(child.preferred_name).toBe(NICKNAMES[child.forename]);
      const age = Math.floor(daysBetween(child.date_of_birth as IsoDate, '2026-11-23' as IsoDate) / 365.25);
      if (child.phase !== null && child.phase !== 'Not applicable') expect(phasesForAge(age), `${child.forename}, ${age}`).toContain(child.phase);
    }
    expect(children.filter((child) => child.phase !== null).length).toBeGreaterThan(30);

    // Cases in assessment have their advice asked for: some received with a document, some late,
    // and a chaser queued or sent for what is late. (The plan being written is the plans' showcase.)
    const [advice] = await queryRows<{ cases: number; assessed: number; received: number; documents: number; late: number; chasers: number }>(
      testApp.database.db,
      sql`SELECT (SELECT count(DISTINCT r.case_id)::int FROM advice_request r WHERE r.authority_id = ${testApp.authorityId}) AS cases,
                 (SELECT count(*)::int FROM ehc_case c WHERE c.authority_id = ${testApp.authorityId} AND c.stage = 'assessment' AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.authority_id = c.authority_id AND p.case_id = c.id)) AS assessed,
                 (SELECT count(*)::int FROM advice_request r WHERE r.authority_id = ${testApp.authorityId} AND r.status = 'received') AS received,
                 (SELECT count(*)::int FROM advice_request r WHERE r.authority_id = ${testApp.authorityId} AND r.document_id IS NOT NULL) AS documents,
                 (SELECT count(*)::int FROM advice_request r WHERE r.authority_id = ${testApp.authorityId} AND r.status = 'requested' AND r.due_on < '2026-11-23') AS late,
                 (SELECT count(*)::int FROM job j WHERE j.authority_id = ${testApp.authorityId} AND j.kind = 'advice.chase' AND j.run_after <= '2026-11-23T10:00:00Z') AS chasers`,
    );
    expect(advice!.cases).toBe(advice!.assessed);
    expect(advice!.received).toBeGreaterThan(0);
    expect(advice!.documents).toBe(advice!.received);
    expect(advice!.late).toBeGreaterThan(0);
    expect(advice!.chasers).toBeGreaterThan(0);

    // A newcomer signing in as the demo manager or administrator finds their pages populated: a
    // queue that has waited since each request arrived, an API token, an account deactivated, and
    // records the first officer has opened.
    const admin = systemActor(testApp.authorityId, 'test');
    const queue = await testApp.services.caseload.unallocatedQueue(admin);
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.daysOldestWaited).toBeGreaterThan(0);
    // Cases that changed hands through the allocation service, each change a spell and an event.
    const [changes] = await queryRows<{ allocated: number; reallocated: number; moved: number; closedStillHeld: number }>(
      testApp.database.db,
      sql`SELECT (SELECT count(*)::int FROM case_event WHERE authority_id = ${testApp.authorityId} AND type = 'case.allocated') AS allocated,
                 (SELECT count(*)::int FROM case_event WHERE authority_id = ${testApp.authorityId} AND type = 'case.reallocated') AS reallocated,
                 (SELECT count(DISTINCT h.case_id)::int FROM case_holder h WHERE h.authority_id = ${testApp.authorityId} AND h.held_to IS NOT NULL AND h.change <> 'carried-over'
                     AND EXISTS (SELECT 1 FROM case_holder n WHERE n.authority_id = h.authority_id AND n.case_id = h.case_id AND n.id <> h.id AND n.held_from >= h.held_to)) AS moved,
                 (SELECT count(*)::int FROM case_holder h JOIN ehc_case c ON c.authority_id = h.authority_id AND c.id = h.case_id
                   WHERE h.authority_id = ${testApp.authorityId} AND c.closed_on IS NOT NULL AND h.held_to IS NULL) AS "closedStillHeld"`,
    );
    // The queue's newest case is given to an officer only when two or more wait, leaving one waiting.
    expect(changes!.allocated).toBeLessThanOrEqual(1);
    expect(changes!.reallocated).toBe(2);
    expect(changes!.moved).toBe(changes!.allocated + 2);
    // A closed case is held by no one and waits for no one.
    expect(changes!.closedStillHeld).toBe(0);
    // Waits in the queue that ended before the officer had the case, for the report of waits.
    const waits = await testApp.services.caseloadReports.waits(admin, { days: '0' });
    expect(waits.waits.filter((entry) => entry.to !== null && entry.wentTo !== null && entry.wentTo !== 'closed').length).toBeGreaterThanOrEqual(3);
    expect((await testApp.services.caseloadReports.waits(admin, {})).summary.waits).toBeGreaterThan(0);
    expect(queue.total).toBe(seeded.unallocated);
    const users = (await testApp.services.users.listUsers(admin)).users;
    expect(users.find((user) => user.email === FORMER_DEMO_OFFICER.email)).toMatchObject({ active: false });
    const officers = users.filter((user) => EXTRA_DEMO_OFFICERS.some((extra) => extra.email === user.email));
    const tokens = (await Promise.all(officers.map(async (user) => (await testApp.services.users.user(admin, user.id)).tokens))).flat();
    expect(tokens).toMatchObject([{ name: 'School census export', revokedAt: null }]);
    const views = await Promise.all(officers.map(async (user) => (await testApp.services.audit.staffTrail(admin, user.id)).entries.filter((entry) => entry.kind === 'view').length));
    expect(Math.max(...views)).toBeGreaterThan(0);
    // The report of unusual access has something to show: a child another team's officer holds, a restricted record.
    const unusual = await testApp.services.accessLog.unusualAccess(admin, {});
    expect(unusual.views.some((row) => row.reasons.includes('outside-caseload'))).toBe(true);
    expect(unusual.views.some((row) => row.reasons.includes('restricted'))).toBe(true);

    // A letter written from its template, to a child's mother, with a name no Latin-1 font prints.
    const [showcase] = await queryRows<{ id: string; case_id: string }>(
      testApp.database.db,
      sql`SELECT l.id, l.case_id FROM letter l JOIN child ch ON ch.authority_id = l.authority_id AND ch.id = l.child_id WHERE l.authority_id = ${testApp.authorityId} AND ch.forename = 'Łucja'`,
    );
    const letter = await testApp.services.letters.letter(admin, showcase!.id);
    expect(letter).toMatchObject({ type: 'views-request', recipient: { name: 'Agnieszka Nowak', channel: 'letter' }, subject: expect.stringContaining('Łucja Nowak') });
    expect(letter.text).toContain('as Łucja Nowak’s parent');
  }, 180_000);
});

describe('the demo’s SEN2 person data', () => {
  it('gives every child a DfE ethnicity code, spread over many, and each child with no UPN the reason in the DfE’s meanings: UN1 under 6, UN8 new to the council, UN2 at no school, UN5 otherwise (SEN2-P04, SEN2-P05)', async () => {
    const children = await queryRows<{ ethnicity: string | null; upn: string | null; upn_unknown: string | null; under_six: boolean }>(
      testApp.database.db,
      sql`SELECT ethnicity, upn, upn_unknown, date_of_birth > (DATE '2026-11-23' - INTERVAL '6 years') AS under_six FROM child WHERE authority_id = ${testApp.authorityId}`,
    );
    expect(children.length).toBeGreaterThan(60);
    expect(children.filter((entry) => !entry.ethnicity)).toEqual([]);
    const codes = new Set(children.map((entry) => entry.ethnicity));
    expect(codes.size).toBeGreaterThan(8);
    expect(children.filter((entry) => entry.ethnicity === 'WBRI').length).toBeGreaterThan(children.length / 3);
    expect(children.filter((entry) => entry.upn_unknown !== null && entry.upn !== null)).toEqual([]);
    expect(children.filter((entry) => entry.upn === null && entry.under_six && entry.upn_unknown !== 'UN1')).toEqual([]);
    expect(children.filter((entry) => entry.upn === null && !entry.under_six && !['UN2', 'UN5', 'UN8'].includes(entry.upn_unknown ?? ''))).toEqual([]);
    // Zara Ahmed moved here with her plan a fortnight ago: new to the council, her UPN not yet known.
    expect(children.filter((entry) => entry.upn_unknown === 'UN8')).toHaveLength(1);
  });
});

describe('the demo’s annual reviews', () => {
  it('holds a review in each state and a school with pupils due for review this term, none arranged', async () => {
    const states = await queryRows<{ status: string; decision: string | null }>(
      testApp.database.db,
      sql`SELECT status, decision FROM annual_review WHERE authority_id = ${testApp.authorityId} ORDER BY status`,
    );
    expect(states).toEqual([
      { status: 'arranged', decision: null },
      { status: 'decided', decision: 'maintain' },
      { status: 'held', decision: null },
      // Ellie Clarke's, held by her head teacher today: the school portal's report due.
      { status: 'held', decision: null },
      { status: 'reported', decision: null },
      // The two maintained plans whose reviews lead on to an amendment and to ceasing.
      { status: 'reported', decision: null },
      { status: 'reported', decision: null },
    ]);
    const [school] = await queryRows<{ urn: number }>(
      testApp.database.db,
      sql`SELECT s.urn FROM child c JOIN school s ON s.id = c.school_id WHERE c.authority_id = ${testApp.authorityId} AND c.surname = 'Reviewready' LIMIT 1`,
    );
    const due = await testApp.services.reviews.schoolDue(systemActor(testApp.authorityId, 'test'), String(school!.urn), undefined);
    expect(due.pupils.filter((pupil) => pupil.childName.endsWith('Reviewready')).length).toBeGreaterThanOrEqual(4);
  });
});

describe('the demo’s plans', () => {
  it('holds a plan being written, whose check finds a vague F item, a final plan issued after its draft, a plan with amendments proposed and one the council decided to cease', async () => {
    const plans = await queryRows<{ id: string; statuses: string }>(
      testApp.database.db,
      sql`SELECT plan.id, string_agg(plan_version.status, ',' ORDER BY plan_version.number) AS statuses FROM plan JOIN plan_version ON plan_version.authority_id = plan.authority_id AND plan_version.plan_id = plan.id WHERE plan.authority_id = ${testApp.authorityId} GROUP BY plan.id ORDER BY plan.id`,
    );
    // The plan showcase's plan being written, the amendment proposed (its working copy),
    // Yasmin Farooq's draft, open for her family's comments in the family portal (with its working
    // copy for the final plan), last year's plan that ceased, and Zara Ahmed's plan received from
    // another council, its one version the final plan as that council issued it (reg. 15); every
    // other plan maintained, each written before it was issued: the showcases' and every case at
    // the plan or review stage.
    const statuses = plans.map((entry) => entry.statuses);
    expect(statuses.filter((status) => status !== 'draft,final').sort()).toEqual(['draft,final,ceased', 'draft,final,working', 'draft,working', 'final', 'working']);
    expect(statuses.filter((status) => status === 'draft,final').length).toBeGreaterThan(20);
    const writing = await testApp.services.plans.versionView(systemActor(testApp.authorityId, 'test'), plans.find((entry) => entry.statuses === 'working')!.id);
    expect(writing.findings.map((finding) => finding.code)).toContain('f-vague');
    const changes = await queryRows<{ kind: string; status: string }>(testApp.database.db, sql`SELECT kind, status FROM plan_change WHERE authority_id = ${testApp.authorityId} ORDER BY created_at`);
    expect(changes).toEqual([
      { kind: 'amendment', status: 'proposed' },
      { kind: 'cease', status: 'decided' },
      { kind: 'cease', status: 'ceased' },
    ]);
  });
});

describe('the demo’s mediation and appeals', () => {
  it('holds an appeal through to its order carried out, a live appeal with its hearing to come that the triage flags, and a mediation with an agreed action (CFA 2014 s.51; SEND Regs 2014 regs 42 and 44)', async () => {
    const manager = systemActor(testApp.authorityId, 'test');
    const closed = await testApp.services.appeals.register({ ...manager, roles: ['team_manager'] }, { view: 'closed' });
    expect(closed.rows.map((row) => [row.tribunalReference, row.status])).toEqual([['EH999/26/00041', 'concluded']]);
    const orders = await queryRows<{ complied_on: string | null }>(testApp.database.db, sql`SELECT complied_on FROM appeal_order WHERE authority_id = ${testApp.authorityId}`);
    expect(orders.every((order) => order.complied_on !== null)).toBe(true);
    const triage = await testApp.services.appeals.triage({ ...manager, roles: ['team_manager'] });
    const live = triage.find((row) => row.what.startsWith('Appeal EH999/26/00057'));
    expect(live?.nextDate?.label).toBe('Hearing');
    expect(live?.concerns.map((concern) => concern.code)).toEqual(expect.arrayContaining(['twenty-weeks', 'f-vague']));
    const mediation = triage.find((row) => row.kind === 'mediation');
    expect(mediation?.nextDate?.label).toBe('Agreed action due');
  });
});

describe('the demo’s phase transfers and moves between councils', () => {
  it('holds this autumn’s cohort with some finalised and some at risk, a move out with its plan to send and a plan received (SEND Regs 2014 regs 15 and 18)', async () => {
    const cohort = await testApp.services.phaseTransfers.cohort(systemActor(testApp.authorityId, 'test'), {});
    expect(cohort.counts.finalised).toBeGreaterThanOrEqual(2);
    expect(cohort.counts['at-risk']).toBeGreaterThanOrEqual(2);
    const moves = await queryRows<{ direction: string; sent: boolean }>(
      testApp.database.db,
      sql`SELECT direction, plan_sent_on IS NOT NULL AS sent FROM council_transfer WHERE authority_id = ${testApp.authorityId} ORDER BY direction`,
    );
    expect(moves).toEqual([{ direction: 'in', sent: false }, { direction: 'out', sent: false }]);
  });
});

describe('the demo’s portal accounts', () => {
  it('holds a parent invited to the family portal, with the invitation in the outbox, and a school’s administrator with the demo’s authenticator secret set up', async () => {
    const accounts = await queryRows<{ email: string; kind: string; status: string; totp_set_up: boolean }>(
      testApp.database.db,
      sql`SELECT email, kind, status, totp_confirmed_at IS NOT NULL AS totp_set_up FROM portal_account WHERE authority_id = ${testApp.authorityId} ORDER BY email`,
    );
    expect(accounts).toEqual([
      { email: DEMO_PORTAL_ADVICE_GIVER.email, kind: 'professional', status: 'invited', totp_set_up: true },
      { email: DEMO_PORTAL_PARENT.email, kind: 'family', status: 'invited', totp_set_up: false },
      { email: DEMO_PORTAL_SCHOOL_ADMIN.email, kind: 'school', status: 'invited', totp_set_up: true },
    ]);
    const [invitation] = await queryRows<{ body_text: string }>(
      testApp.database.db,
      sql`SELECT body_text FROM outbox_message WHERE authority_id = ${testApp.authorityId} AND recipient_address = ${DEMO_PORTAL_PARENT.email}`,
    );
    expect(invitation!.body_text).toMatch(/\/portal\/sign-in\/link\/[A-Za-z0-9_-]{43}/);
    // Her mother has sent their views for section A once, so an officer reads them on Yasmin's record.
    const views = await queryRows<{ sender_name: string; what_matters: string }>(
      testApp.database.db,
      sql`SELECT v.sender_name, v.what_matters FROM portal_family_views v JOIN portal_account a ON a.authority_id = v.authority_id AND a.id = v.account_id WHERE v.authority_id = ${testApp.authorityId} AND a.email = ${DEMO_PORTAL_PARENT.email}`,
    );
    expect(views).toEqual([{ sender_name: `${DEMO_PORTAL_PARENT.forename} ${DEMO_PORTAL_PARENT.surname}`, what_matters: expect.stringContaining('Biscuit') }]);
    // The educational psychologist has an awaited request for advice addressed to their account.
    const addressed = await queryRows<{ status: string; kind: string }>(
      testApp.database.db,
      sql`SELECT r.status, r.kind FROM advice_request r JOIN portal_account a ON a.authority_id = r.authority_id AND a.id = r.portal_account_id WHERE r.authority_id = ${testApp.authorityId} AND a.email = ${DEMO_PORTAL_ADVICE_GIVER.email}`,
    );
    expect(addressed).toEqual([{ status: 'requested', kind: 'psychological' }]);
  });

  it('shows the school’s administrator her pupils, a consultation waiting for her answer and a review report due', async () => {
    const [helen] = await queryRows<{ id: string }>(testApp.database.db, sql`SELECT id FROM portal_account WHERE authority_id = ${testApp.authorityId} AND email = ${DEMO_PORTAL_SCHOOL_ADMIN.email}`);
    const actor: PortalActor = { kind: 'portal', id: helen!.id, accountId: helen!.id, authorityId: testApp.authorityId, roles: [], name: DEMO_PORTAL_SCHOOL_ADMIN.name, email: DEMO_PORTAL_SCHOOL_ADMIN.email, portalKind: 'school', secondFactor: 'done', totpSetUp: true };
    const school = testApp.services.portalSchool;
    expect((await school.pupils(actor)).map((pupil) => pupil.name)).toEqual(expect.arrayContaining(['Noah Bennett', 'Ellie Clarke', `${DEMO_PORTAL_PARENT.child} ${DEMO_PORTAL_PARENT.surname}`]));
    expect((await school.consultations(actor)).filter((entry) => entry.mayAnswer).map((entry) => entry.childName)).toEqual(['Noah Bennett']);
    expect((await school.reviews(actor)).filter((entry) => entry.mayReport).map((entry) => entry.childName)).toEqual(['Ellie Clarke']);
  });
});

describe('the demo’s improvement plan', () => {
  it('lists a finished dry run of the import guide’s sample on the administrators’ Import cases page, having written no child from it', async () => {
    const runs = await testApp.services.importUploads.runs(systemActor(testApp.authorityId));
    expect(runs.map((run) => ({ mode: run.mode, status: run.status, sourceSystem: run.sourceSystem, ranBy: run.ranBy }))).toEqual([{ mode: 'dry-run', status: 'finished', sourceSystem: 'CaseSys', ranBy: 'Demo data' }]);
    expect(runs[0]!.childrenDone).toBe(5);
    const [imported] = await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM import_record`);
    expect(imported!.n).toBe(0);
  });

  it('loads the schools register from the shipped GIAS extract, as a council keeps it current, beside the schools its children attend', async () => {
    const [run, ...others] = await testApp.services.schoolsImport.listRuns();
    expect(others).toHaveLength(0);
    expect(run).toMatchObject({ fileName: 'edubasealldata-sample-1.csv', ranBy: 'Demo data', status: 'finished', encoding: 'Windows-1252', created: 30, refused: 0 });
    const names = (await testApp.services.reference.listSchools('999')).map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['Ashfield Primary School', "St Thérèse's Catholic Primary School", 'Alderbrook Primary School']));
  });

  it('holds three areas of an inspection’s findings, actions bound to measures with baselines and targets, and a past board meeting whose snapshot differs from the plan today', async () => {
    const reader = systemActor(testApp.authorityId);
    const plan = await testApp.services.improvementPlan.plan(reader);
    expect(plan.areas.map((area) => area.title)).toEqual(['Timeliness of EHC plans', 'Annual reviews', 'Communication with families']);
    const actions = plan.areas.flatMap((area) => area.actions);
    expect(actions.length).toBeGreaterThanOrEqual(5);
    expect(actions.filter((action) => action.measures.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(actions.flatMap((action) => action.measures).every((bound) => bound.targetOn > bound.baselineOn && bound.figuresShown)).toBe(true);
    const [meeting] = await testApp.services.improvementPlan.meetings(reader);
    expect(meeting!.heldOn).toBe('2026-10-26');
    const held = await testApp.services.improvementPlan.meeting(reader, meeting!.id);
    expect(held.arising.map((action) => action.title)).toEqual(['Report the reasons for delay to each board meeting']);
    const tracker = (areas: typeof plan.areas) => areas[0]!.actions.find((action) => action.title.startsWith('Weekly tracking'))!.status;
    expect(tracker(held.snapshot.areas)).toBe('on-track');
    expect(tracker(plan.areas)).toBe('complete');
  });

  it('gives an action a document uploaded as evidence, its bytes in the file store, and another a link', async () => {
    const reader = systemActor(testApp.authorityId);
    const plan = await testApp.services.improvementPlan.plan(reader);
    const actionId = (title: string) => plan.areas.flatMap((area) => area.actions).find((action) => action.title === title)!.id;
    const backlog = await testApp.services.improvementPlan.action(reader, actionId('Clear the backlog of overdue annual reviews'));
    expect(backlog.evidence).toMatchObject([{ kind: 'document', title: 'Overdue annual reviews by month, November', filename: 'Overdue reviews November.pdf', typeName: 'PDF' }]);
    const { file } = await testApp.services.improvementPlan.evidenceDocument(reader, backlog.evidence[0]!.id);
    file.stream.destroy();
    expect(file.size).toBeGreaterThan(0);
    const reasons = await testApp.services.improvementPlan.action(reader, actionId('Report the reasons for delay to each board meeting'));
    expect(reasons.evidence.map((entry) => entry.kind)).toEqual(['link']);
  });

  it('is published for families with three of its measures, each with a sentence in plain words', async () => {
    const page = await testApp.services.improvementPublicPage.publicPage('999');
    expect(page.measures.map((entry) => entry.title)).toEqual(['New plans issued within 20 weeks, excluding exceptions', 'Cases without a named officer', 'Annual reviews overdue']);
    expect(page.measures.every((entry) => entry.explanation.length > 0)).toBe(true);
    expect((await testApp.app.inject({ method: 'GET', url: '/our-improvement-plan/999' })).statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'GET', url: '/' })).body).toContain('href="/our-improvement-plan/999"');
  });

  it('makes a board pack as at today with the meeting four weeks ago as the last, and the changes since it listed', async () => {
    const reader = systemActor(testApp.authorityId);
    const pack = await testApp.services.boardPack.pack(reader, testApp.services.boardPack.today());
    expect(pack.lastMeeting?.heldOn).toBe('2026-10-26');
    expect(pack.changes.map((change) => change.what)).toEqual(expect.arrayContaining(['Action added', 'Evidence added', 'Status']));
    expect(pack.measures.length).toBeGreaterThanOrEqual(5);
    expect(pack.risks.atRisk.map((entry) => entry.action.title)).toContain('Allocate every new request within 5 working days');
  });
});
