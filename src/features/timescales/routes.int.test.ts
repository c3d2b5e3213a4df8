import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createServices } from '../../composition.ts';
import { testConfig } from '../../config.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { systemClock } from '../../lib/clock.ts';
import { createTestDatabase } from '../../test/database.ts';
import { type TimescalesRoutesOptions } from './routes.ts';
import { withLongDates } from '../../web/long-date.ts';
import { TimescalesService } from './service.ts';

let database: DatabaseHandle;
let app: FastifyInstance;
let timescales: TimescalesService;
const config = testConfig();

/** The app as buildApp makes it, with this test's calendar service and rate limit. */
async function appWith(options: Omit<TimescalesRoutesOptions, 'services'> = {}): Promise<FastifyInstance> {
  const services = createServices({ config, database, clock: systemClock });
  const built = await buildApp({ config, database, services: { ...services, timescales }, ...(options.rateLimit ? { publicRateLimit: options.rateLimit } : {}) });
  await built.ready();
  return built;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const services = createServices({ config, database, clock: systemClock });
  await services.reference.ensureReferenceData();
  timescales = new TimescalesService(services.reference);
  app = await appWith();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const api = (query: string) => app.inject({ method: 'GET', url: `/api/v1/timescales?${query}` });
const page = (query = '') => app.inject({ method: 'GET', url: `/check-ehc-deadlines${query ? `?${query}` : ''}` });

describe('GET /api/v1/timescales: the contract other systems rely on', () => {
  it.each([
    ['assessment', 'requestReceived=2026-01-05', [['decision-to-assess', '2026-02-16'], ['no-plan-decision', '2026-04-27'], ['final-plan', '2026-05-25']]],
    [
      'assessment',
      'requestReceived=2026-01-05&adviceRequested=2026-02-20&draftServed=2026-04-20&consultationSent=2026-04-21',
      [
        ['decision-to-assess', '2026-02-16'],
        ['no-plan-decision', '2026-04-27'],
        ['final-plan', '2026-05-25'],
        ['advice', '2026-04-03'],
        ['draft-comments', '2026-05-04'],
        ['consultation-response', '2026-05-06'],
      ],
    ],
    ['annual-review', 'lastReview=2026-03-15', [['review-due', '2027-03-14']]],
    [
      'annual-review',
      'lastReview=2026-03-15&meeting=2027-01-20',
      [['review-due', '2027-03-14'], ['invitations', '2027-01-06'], ['advice-circulated', '2027-01-06'], ['review-report', '2027-02-03'], ['review-decision', '2027-02-17']],
    ],
    ['amendment', 'noticeSent=2026-06-01', [['amendment-comments', '2026-06-15'], ['amended-plan', '2026-07-27']]],
    ['phase-transfer', 'transferDate=2026-09-01&transferType=school', [['phase-transfer-plan', '2026-02-14']]],
    ['phase-transfer', 'transferDate=2026-09-01&transferType=post16', [['phase-transfer-plan', '2026-03-30']]],
    ['phase-transfer', 'transferDate=2027-01-10&transferType=post16-to-post16', [['phase-transfer-plan', '2026-08-10']]],
    ['reassessment', 'decision=2026-03-02', [['final-plan', '2026-06-08']]],
    ['mediation', 'requested=2026-01-05', [['mediation-meeting', '2026-02-04']]],
    // Counted in working days with the loaded bank holidays: Monday 4 May 2026 is the early May bank holiday.
    ['mediation-certificate', 'from=2026-04-30', [['mediation-certificate', '2026-05-06']]],
    ['appeal', 'decisionNotice=2026-06-10', [['appeal-deadline', '2026-09-01']]],
    ['appeal', 'decisionNotice=2026-03-02&certificateIssued=2026-04-20', [['appeal-deadline', '2026-05-20']]],
    ['tribunal-order', 'orderDate=2026-03-02&order=assess', [['notify-assessment', '2026-03-16'], ['no-plan-decision', '2026-05-11'], ['final-plan', '2026-06-08']]],
    ['tribunal-order', 'orderDate=2026-03-02&order=make-plan', [['draft-plan', '2026-04-06'], ['final-plan', '2026-05-18']]],
    ['tribunal-order', 'orderDate=2026-03-02&order=amend-plan', [['amended-plan', '2026-04-06']]],
    ['tribunal-order', 'orderDate=2026-03-02&order=name-placement', [['amended-plan', '2026-03-16']]],
    ['tribunal-order', 'orderDate=2026-03-02&order=cease', [['cease', '2026-03-02']]],
    ['tribunal-order', 'orderDate=2026-03-02&order=continue', [['continue', '2026-03-02']]],
  ])('%s with %s', async (process, query, expected) => {
    const response = await api(`process=${process}&${query}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json() as { process: string; deadlines: Array<Record<string, unknown>> };
    expect(Object.keys(body).sort()).toEqual(['deadlines', 'process']);
    expect(body.process).toBe(process);
    expect(body.deadlines.map((deadline) => [deadline.id, deadline.due])).toEqual(expected);
    for (const deadline of body.deadlines) {
      expect(Object.keys(deadline).sort()).toEqual(['basis', 'due', 'id', 'title']);
      expect(deadline.title).toEqual(expect.any(String));
      expect(String(deadline.basis).length).toBeGreaterThan(20);
    }
  });

  it('gives the legal basis as text, with the day counted from', async () => {
    const body = (await api('process=assessment&requestReceived=2026-01-05')).json() as { deadlines: Array<{ id: string; basis: string }> };
    const finalPlan = body.deadlines.find((deadline) => deadline.id === 'final-plan');
    expect(finalPlan?.basis).toContain('SEND Regulations 2014 reg. 13(2): 20 weeks (140 days) from the request received on 2026-01-05');
  });

  it('Regs 36-38 and 34-39: "within 30 days" and "within 3 working days" of a day do not count that day (general rule), and the basis says so', async () => {
    const meeting = (await api('process=mediation&requested=2026-01-05')).json() as { deadlines: Array<{ due: string; basis: string }> };
    expect(meeting.deadlines[0]?.due).toBe('2026-02-04');
    expect(meeting.deadlines[0]?.basis).toContain('does not count that day (the general rule of English law), so the period ends 30 days after it, on 2026-02-04.');
    // Thursday 30 April 2026: Friday 1 May, then Tuesday 5 and Wednesday 6 May past the bank holiday.
    const certificate = (await api('process=mediation-certificate&from=2026-04-30')).json() as { deadlines: Array<{ due: string; basis: string }> };
    expect(certificate.deadlines[0]?.due).toBe('2026-05-06');
    expect(certificate.deadlines[0]?.basis).toContain('the third working day after 2026-04-30, 2026-05-06.');
    for (const body of [meeting, certificate]) expect(body.deadlines[0]?.basis).not.toContain('The earlier day is shown');
  });

  it('needs no sign-in and no token, and ignores parameters a process does not use', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/timescales?process=reassessment&decision=2026-03-02&requestReceived=rubbish&meeting=',
      headers: { accept: 'application/json' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ process: 'reassessment', deadlines: [{ id: 'final-plan', due: '2026-06-08' }] });
  });

  it('is public even when a client sends a token the service does not know', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/timescales?process=mediation&requested=2026-01-05',
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('is described in the OpenAPI document, with its parameters and without a security requirement', async () => {
    const document = (await app.inject('/api/v1/openapi.json')).json() as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string }>; responses?: Record<string, unknown>; security?: unknown } }>;
    };
    const operation = document.paths['/api/v1/timescales']?.get;
    expect(operation).toBeDefined();
    expect(operation?.security).toBeUndefined();
    const names = (operation?.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
    expect(names).toEqual(expect.arrayContaining(['process', 'requestReceived', 'transferType', 'order', 'certificateIssued']));
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '429', '503']));
  });

  it('treats an empty optional date as not given', async () => {
    const body = (await api('process=appeal&decisionNotice=2026-06-10&certificateIssued=')).json() as { deadlines: unknown[] };
    expect(body.deadlines).toHaveLength(1);
  });
});

describe('GET /api/v1/timescales: bad input is a 400 problem naming the field', () => {
  it.each([
    ['an unknown process', 'process=assesment&requestReceived=2026-01-05', 'process', 'process must be one of assessment'],
    ['no process', 'requestReceived=2026-01-05', 'process', 'process is required'],
    ['an empty process', 'process=', 'process', 'process is required'],
    ['a repeated process', 'process=assessment&process=appeal', 'process', 'must be one of'],
    ['a missing date', 'process=assessment', 'requestReceived', 'requestReceived is required'],
    ['an empty required date', 'process=amendment&noticeSent=', 'noticeSent', 'noticeSent is required'],
    ['a malformed date', 'process=assessment&requestReceived=05/01/2026', 'requestReceived', 'must be a date in the form YYYY-MM-DD'],
    ['a date without zeros', 'process=mediation&requested=2026-1-5', 'requested', 'must be a date in the form YYYY-MM-DD'],
    ['a date and time', 'process=mediation&requested=2026-01-05T00:00:00Z', 'requested', 'must be a date in the form YYYY-MM-DD'],
    ['an impossible date', 'process=assessment&requestReceived=2026-02-30', 'requestReceived', 'is not a real date'],
    ['29 February in a common year', 'process=reassessment&decision=2027-02-29', 'decision', 'is not a real date'],
    ['a bad optional date', 'process=assessment&requestReceived=2026-01-05&draftServed=2026-13-01', 'draftServed', 'is not a real date'],
    ['a repeated date', 'process=assessment&requestReceived=2026-01-05&requestReceived=2026-01-06', 'requestReceived', 'must be given once'],
    ['a date out of range', 'process=assessment&requestReceived=1899-12-31', 'requestReceived', 'between 1900-01-01 and 2999-12-31'],
    ['an unknown transfer type', 'process=phase-transfer&transferDate=2026-09-01&transferType=college', 'transferType', 'transferType must be one of school, post16, post16-to-post16'],
    ['a missing transfer type', 'process=phase-transfer&transferDate=2026-09-01', 'transferType', 'transferType is required'],
    ['an unknown tribunal order', 'process=tribunal-order&orderDate=2026-03-02&order=dismiss', 'order', 'order must be one of assess, make-plan'],
    ['a missing tribunal order', 'process=tribunal-order&orderDate=2026-03-02', 'order', 'order is required'],
    ['a bad certificate date', 'process=appeal&decisionNotice=2026-06-10&certificateIssued=2026-06-31', 'certificateIssued', 'is not a real date'],
  ])('%s', async (_what, query, field, detail) => {
    const response = await api(query);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json() as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'about:blank', title: 'Bad request', status: 400, field });
    expect(String(body.detail)).toContain(detail);
  });

  it.each([
    '',
    'process[]=assessment',
    '__proto__=assessment',
    'constructor=assessment&process=assessment',
    'process=assessment&requestReceived=%ZZ',
    'process=assessment&requestReceived=%00',
    'process=%F0%9F%98%80',
    `process=assessment&requestReceived=${'9'.repeat(5000)}`,
    'process=tribunal-order&orderDate=2026-03-02&order=__proto__',
    'process=appeal&decisionNotice=2999-12-31&certificateIssued=2999-12-31',
    'process=assessment&requestReceived=0000-01-01',
    '&&&=&=',
  ])('never answers %s with a 500', async (query) => {
    const response = await api(query);
    expect([200, 400]).toContain(response.statusCode);
    if (response.statusCode === 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('the "Check EHC deadlines" page', () => {
  it('first asks which process, with a radio for each of the nine', async () => {
    const response = await page();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<title>Check EHC deadlines - ');
    expect(response.body).toContain('<h1 class="govuk-heading-xl">Check EHC deadlines</h1>');
    expect(response.body).toMatch(/<form method="get" action="\/check-ehc-deadlines"/);
    expect(response.body.match(/name="process" type="radio"/g)).toHaveLength(9);
    expect(response.body).toContain('value="mediation-certificate"');
    expect(response.body).not.toContain('govuk-error-summary');
  });

  it('asks again, with an error, when continuing without a choice or with an unknown process', async () => {
    for (const query of ['step=choose', 'process=assesment']) {
      const response = await page(query);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('<title>Error: Check EHC deadlines - ');
      expect(response.body).toContain('govuk-error-summary');
      expect(response.body).toContain('<a href="#process">Select which deadlines you want to check</a>');
      expect(response.body).toContain('govuk-error-message');
    }
  });

  it('shows the chosen process’s questions with day, month and year boxes, without errors', async () => {
    const response = await page('process=assessment');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('EHC needs assessment</h1>');
    expect(response.body).toContain('<input type="hidden" name="process" value="assessment">');
    for (const name of ['requestReceived', 'adviceRequested', 'draftServed', 'consultationSent']) {
      for (const part of ['day', 'month', 'year']) {
        expect(response.body).toContain(`id="${name}-${part}" name="${name}-${part}"`);
      }
    }
    expect(response.body).not.toContain('govuk-error');
    expect(response.body).toContain('href="/check-ehc-deadlines"');
  });

  it('shows each process’s own questions', async () => {
    const phase = await page('process=phase-transfer');
    expect(phase.body).toContain('name="transferDate-day"');
    expect(phase.body.match(/name="transferType" type="radio"/g)).toHaveLength(3);
    const order = await page('process=tribunal-order');
    expect(order.body.match(/name="order" type="radio"/g)).toHaveLength(6);
  });

  it('shows the deadlines with long dates and their basis', async () => {
    const response = await page(
      'process=assessment&requestReceived-day=5&requestReceived-month=1&requestReceived-year=2026' +
        '&adviceRequested-day=&adviceRequested-month=&adviceRequested-year=' +
        '&draftServed-day=&draftServed-month=&draftServed-year=' +
        '&consultationSent-day=&consultationSent-month=&consultationSent-year=',
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>Deadlines: EHC needs assessment - Check EHC deadlines - ');
    expect(response.body).toContain('govuk-summary-list');
    expect(response.body).toContain('Issue the final EHC plan');
    expect(response.body).toContain('25 May 2026');
    expect(response.body).toContain('16 February 2026');
    expect(response.body).toContain('27 April 2026');
    expect(response.body).toContain('20 weeks (140 days) from the request received on 5 January 2026');
    // What was typed is kept in the form, to change it.
    expect(response.body).toMatch(/name="requestReceived-day" type="text" value="5"/);
    expect(response.body).not.toContain('govuk-error');
  });

  it('Regs 36-38 and 34-39: shows the mediation and certificate dates without counting the day itself (general rule)', async () => {
    const meeting = await page('process=mediation&requested-day=5&requested-month=1&requested-year=2026');
    expect(meeting.statusCode).toBe(200);
    expect(meeting.body).toContain('Arrange for the mediation to take place');
    expect(meeting.body).toContain('4 February 2026');
    expect(meeting.body).not.toContain('3 February 2026');
    expect(meeting.body).toContain('so the period ends 30 days after it, on 4 February 2026.');

    const certificate = await page('process=mediation-certificate&from-day=30&from-month=4&from-year=2026');
    expect(certificate.statusCode).toBe(200);
    expect(certificate.body).toContain('6 May 2026');
    expect(certificate.body).toContain('the third working day after 30 April 2026, 6 May 2026.');
    for (const response of [meeting, certificate]) expect(response.body).not.toContain('The earlier day is shown');
  });

  it('uses the radios for a choice and shows the deadline for it', async () => {
    const response = await page('process=tribunal-order&orderDate-day=2&orderDate-month=3&orderDate-year=2026&order=make-plan');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Send the draft EHC plan');
    expect(response.body).toContain('6 April 2026');
    expect(response.body).toContain('18 May 2026');
    expect(response.body).toMatch(/value="make-plan" checked/);
  });

  it('answers an impossible date with a 400, an error summary linking to the day and the inline error', async () => {
    const response = await page('process=assessment&requestReceived-day=30&requestReceived-month=2&requestReceived-year=2026');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: EHC needs assessment - Check EHC deadlines - ');
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('<a href="#requestReceived-day">The date the council received the request must be a real date</a>');
    expect(response.body).toMatch(/<p id="requestReceived-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> The date the council received the request must be a real date/);
    expect(response.body).toMatch(/govuk-input--error[^"]*" id="requestReceived-day"/);
    expect(response.body).not.toContain('govuk-summary-list');
  });

  it.each([
    ['a missing required date', 'process=amendment&noticeSent-day=&noticeSent-month=&noticeSent-year=', 'noticeSent-day', 'Enter the date the amendment notice was sent'],
    ['a date without a month', 'process=amendment&noticeSent-day=1&noticeSent-month=&noticeSent-year=2026', 'noticeSent-month', 'The date the amendment notice was sent must include a month'],
    ['a date without day and year', 'process=amendment&noticeSent-day=&noticeSent-month=6&noticeSent-year=', 'noticeSent-day', 'must include a day and year'],
    ['letters in a date', 'process=mediation&requested-day=first&requested-month=1&requested-year=2026', 'requested-day', 'must be a real date'],
    ['a month of 13', 'process=mediation&requested-day=1&requested-month=13&requested-year=2026', 'requested-month', 'must be a real date'],
    ['a two-digit year', 'process=mediation&requested-day=1&requested-month=1&requested-year=26', 'requested-year', 'must include a year with 4 numbers'],
    ['a year out of range', 'process=mediation&requested-day=1&requested-month=1&requested-year=1850', 'requested-year', 'must be between 1900 and 2999'],
    ['no kind of move', 'process=phase-transfer&transferDate-day=1&transferDate-month=9&transferDate-year=2026', 'transferType', 'Select what kind of move it is'],
    ['an unknown order', 'process=tribunal-order&orderDate-day=2&orderDate-month=3&orderDate-year=2026&order=dismiss', 'order', 'Select what the tribunal ordered'],
    ['a bad optional date', 'process=appeal&decisionNotice-day=10&decisionNotice-month=6&decisionNotice-year=2026&certificateIssued-day=31&certificateIssued-month=6&certificateIssued-year=2026', 'certificateIssued-day', 'The date the mediation certificate was issued must be a real date'],
  ])('answers %s with a 400 and an error linking to the field', async (_what, query, href, text) => {
    const response = await page(query);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toMatch(new RegExp(`<a href="#${href}">[^<]*${text}`));
    expect(response.body).toContain('govuk-error-message');
  });

  it('lists every problem on the form at once', async () => {
    const response = await page('process=phase-transfer&transferDate-day=31&transferDate-month=9&transferDate-year=2026');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<a href="#transferDate-day">The date of the move must be a real date</a>');
    expect(response.body).toContain('<a href="#transferType">Select what kind of move it is</a>');
  });

  it('escapes what was typed', async () => {
    const response = await page('process=mediation&requested-day=%3Cscript%3E&requested-month=1&requested-year=2026');
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('<script>x');
    expect(response.body).toContain('value="&lt;script&gt;"');
  });

  it('needs no inline styles, which the content security policy would block', async () => {
    const response = await page('process=assessment&requestReceived-day=5&requestReceived-month=1&requestReceived-year=2026');
    expect(response.body).not.toMatch(/\sstyle=/);
  });
});

describe('the long dates on the page', () => {
  it('rewrites ISO dates in a basis text, and nothing else', () => {
    expect(withLongDates('from 2026-01-05 to 2027-03-14, reg. 13(2), 20 weeks')).toBe('from 5 January 2026 to 14 March 2027, reg. 13(2), 20 weeks');
  });
});

describe('when the bank holidays cannot be read', () => {
  it('the API answers 503 problem+json and the page the service’s error page, never a bare 500', async () => {
    const services = createServices({ config, database, clock: systemClock });
    const failing = new TimescalesService({
      listBankHolidays: async () => {
        throw new Error('secret internal detail: connection refused');
      },
    });
    const broken = await buildApp({ config, database, services: { ...services, timescales: failing } });
    await broken.ready();
    try {
      const response = await broken.inject('/api/v1/timescales?process=mediation&requested=2026-01-05');
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['retry-after']).toBe('30');
      expect(response.json()).toMatchObject({ status: 503, title: 'Service unavailable' });
      expect(response.body).not.toContain('secret');
      // A bad query is still answered without the calendar.
      expect((await broken.inject('/api/v1/timescales?process=nope')).statusCode).toBe(400);

      // The page's error is handed on to the app's own error handler.
      const pageResponse = await broken.inject('/check-ehc-deadlines?process=mediation&requested-day=5&requested-month=1&requested-year=2026');
      expect(pageResponse.statusCode).toBe(503);
      expect(pageResponse.body).toContain('Sorry, there is a problem with the service');
      expect(pageResponse.body).not.toContain('secret');
    } finally {
      await broken.close();
    }
  });
});

describe('the rate limit', () => {
  it('allows 600 a minute per address by default, and says so', async () => {
    const response = await api('process=mediation&requested=2026-01-05');
    expect(response.headers['x-ratelimit-limit']).toBe('600');
  });

  it('answers 429 problem+json only after the limit, per address, and touches no other route', async () => {
    const limited = await appWith({ rateLimit: { max: 3 } });
    try {
      const call = (url: string, remoteAddress = '192.0.2.1') => limited.inject({ method: 'GET', url, remoteAddress });
      const url = '/api/v1/timescales?process=mediation&requested=2026-01-05';
      for (let i = 1; i <= 3; i += 1) {
        const response = await call(url);
        expect(response.statusCode, `request ${i}`).toBe(200);
        expect(response.headers['x-ratelimit-remaining']).toBe(String(3 - i));
      }
      // Bad requests count too, and are still answered as 400 until the limit.
      const refused = await call(url);
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused.json()).toMatchObject({ type: 'about:blank', status: 429, title: 'Too many requests' });
      expect(String(refused.json().detail)).toContain('Try again in');

      // Another address has its own allowance.
      expect((await call(url, '198.51.100.7')).statusCode).toBe(200);

      // The page has its own count, and says so as a page.
      for (let i = 1; i <= 3; i += 1) expect((await call('/check-ehc-deadlines')).statusCode).toBe(200);
      const busy = await call('/check-ehc-deadlines');
      expect(busy.statusCode).toBe(429);
      expect(busy.headers['content-type']).toContain('text/html');
      expect(busy.body).toContain('Too many requests');

      // Other routes are not limited, and carry no rate-limit headers.
      for (const other of ['/', '/healthz', '/accessibility', '/api/v1/no-such-thing']) {
        for (let i = 0; i < 5; i += 1) {
          const response = await call(other);
          expect(response.statusCode, other).not.toBe(429);
          expect(response.headers['x-ratelimit-limit'], other).toBeUndefined();
        }
      }
      // The app's own error handling is kept for everything else.
      const notFound = await call('/api/v1/no-such-thing');
      expect(notFound.statusCode).toBe(404);
      expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await limited.close();
    }
  });
});
