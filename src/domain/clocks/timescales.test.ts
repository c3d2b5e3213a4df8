import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isIsoDate } from '../calendar/dates.ts';
import { englandAndWales } from '../calendar/test-fixtures.ts';
import { computeTimescales, TIMESCALE_PROCESSES } from './timescales.ts';

const compute = (query: Record<string, unknown>) => computeTimescales(query, englandAndWales);
const ids = (query: Record<string, unknown>) => {
  const result = compute(query);
  if (!result.ok) throw new Error(`${result.field}: ${result.detail}`);
  return result.value.deadlines.map((deadline) => [deadline.id, deadline.due]);
};

describe('the public timescales calculator', () => {
  it('assessment: the three request deadlines, and each optional step when given', () => {
    expect(ids({ process: 'assessment', requestReceived: '2026-01-05' })).toEqual([
      ['decision-to-assess', '2026-02-16'],
      ['no-plan-decision', '2026-04-27'],
      ['final-plan', '2026-05-25'],
    ]);
    expect(
      ids({
        process: 'assessment',
        requestReceived: '2026-01-05',
        adviceRequested: '2026-02-20',
        draftServed: '2026-04-20',
        consultationSent: '2026-04-21',
      }),
    ).toEqual([
      ['decision-to-assess', '2026-02-16'],
      ['no-plan-decision', '2026-04-27'],
      ['final-plan', '2026-05-25'],
      ['advice', '2026-04-03'],
      ['draft-comments', '2026-05-04'],
      ['consultation-response', '2026-05-06'],
    ]);
  });

  it('annual-review: review-due, and the meeting deadlines when a meeting is given', () => {
    expect(ids({ process: 'annual-review', lastReview: '2026-03-15' })).toEqual([['review-due', '2027-03-14']]);
    expect(ids({ process: 'annual-review', lastReview: '2026-03-15', meeting: '2027-01-20' })).toEqual([
      ['review-due', '2027-03-14'],
      ['invitations', '2027-01-06'],
      ['advice-circulated', '2027-01-06'],
      ['review-report', '2027-02-03'],
      ['review-decision', '2027-02-17'],
    ]);
  });

  it.each([
    [{ process: 'amendment', noticeSent: '2026-06-01' }, [['amendment-comments', '2026-06-15'], ['amended-plan', '2026-07-27']]],
    [{ process: 'phase-transfer', transferDate: '2026-09-01', transferType: 'school' }, [['phase-transfer-plan', '2026-02-14']]],
    [{ process: 'phase-transfer', transferDate: '2026-09-01', transferType: 'post16' }, [['phase-transfer-plan', '2026-03-30']]],
    [{ process: 'phase-transfer', transferDate: '2027-01-10', transferType: 'post16-to-post16' }, [['phase-transfer-plan', '2026-08-10']]],
    [{ process: 'reassessment', decision: '2026-03-02' }, [['final-plan', '2026-06-08']]],
    [{ process: 'appeal', decisionNotice: '2026-06-10' }, [['appeal-deadline', '2026-09-01']]],
    [{ process: 'appeal', decisionNotice: '2026-03-02', certificateIssued: '2026-04-20' }, [['appeal-deadline', '2026-05-20']]],
    [{ process: 'tribunal-order', orderDate: '2026-03-02', order: 'assess' }, [['notify-assessment', '2026-03-16'], ['no-plan-decision', '2026-05-11'], ['final-plan', '2026-06-08']]],
    [{ process: 'tribunal-order', orderDate: '2026-03-02', order: 'make-plan' }, [['draft-plan', '2026-04-06'], ['final-plan', '2026-05-18']]],
    [{ process: 'tribunal-order', orderDate: '2026-03-02', order: 'amend-plan' }, [['amended-plan', '2026-04-06']]],
    [{ process: 'tribunal-order', orderDate: '2026-03-02', order: 'name-placement' }, [['amended-plan', '2026-03-16']]],
    [{ process: 'tribunal-order', orderDate: '2026-03-02', order: 'cease' }, [['cease', '2026-03-02']]],
    [{ process: 'tribunal-order', orderDate: '2026-03-02', order: 'continue' }, [['continue', '2026-03-02']]],
  ])('%j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  it('Regs 36-38: mediation within 30 days of the notice, not counting its day (general rule)', () => {
    expect(ids({ process: 'mediation', requested: '2026-01-05' })).toEqual([['mediation-meeting', '2026-02-04']]);
  });

  it('Regs 34-39: mediation certificate within 3 working days of the duty arising, not counting its day (general rule)', () => {
    // Friday 9 January 2026: Monday 12, Tuesday 13, Wednesday 14.
    expect(ids({ process: 'mediation-certificate', from: '2026-01-09' })).toEqual([['mediation-certificate', '2026-01-14']]);
  });

  it('returns the process and complete deadlines with a basis', () => {
    const result = compute({ process: 'reassessment', decision: '2026-03-02' });
    expect(result).toEqual({
      ok: true,
      value: {
        process: 'reassessment',
        deadlines: [
          {
            id: 'final-plan',
            title: 'Issue the final EHC plan after the re-assessment',
            due: '2026-06-08',
            basis: expect.stringContaining('SEND Regulations 2014 reg. 27: 14 weeks (98 days)'),
          },
        ],
      },
    });
  });

  it.each([
    [{}, 'process', 'process is required'],
    [{ process: 'assesment' }, 'process', 'process must be one of assessment, annual-review'],
    [{ process: ['assessment', 'appeal'] }, 'process', 'must be one of'],
    [{ process: 'assessment' }, 'requestReceived', 'requestReceived is required'],
    [{ process: 'assessment', requestReceived: '' }, 'requestReceived', 'is required'],
    [{ process: 'assessment', requestReceived: '05/01/2026' }, 'requestReceived', 'must be a date in the form YYYY-MM-DD'],
    [{ process: 'assessment', requestReceived: '2026-02-30' }, 'requestReceived', 'is not a real date'],
    [{ process: 'assessment', requestReceived: ['2026-01-05', '2026-01-06'] }, 'requestReceived', 'must be given once'],
    [{ process: 'assessment', requestReceived: 20260105 }, 'requestReceived', 'must be a date'],
    [{ process: 'assessment', requestReceived: '1899-12-31' }, 'requestReceived', 'between 1900-01-01 and 2999-12-31'],
    [{ process: 'assessment', requestReceived: '2026-01-05', draftServed: '2026-13-01' }, 'draftServed', 'is not a real date'],
    [{ process: 'annual-review', lastReview: '2026-03-15', meeting: 'soon' }, 'meeting', 'must be a date'],
    [{ process: 'phase-transfer', transferDate: '2026-09-01' }, 'transferType', 'transferType is required: one of school, post16, post16-to-post16'],
    [{ process: 'phase-transfer', transferDate: '2026-09-01', transferType: 'college' }, 'transferType', 'must be one of'],
    [{ process: 'phase-transfer', transferType: 'school' }, 'transferDate', 'is required'],
    [{ process: 'tribunal-order', orderDate: '2026-03-02', order: 'dismiss' }, 'order', 'order must be one of assess, make-plan'],
    [{ process: 'appeal', decisionNotice: '2026-06-10', certificateIssued: '2026-06-31' }, 'certificateIssued', 'is not a real date'],
    [{ process: 'mediation-certificate' }, 'from', 'from is required'],
  ])('refuses %j, naming %s', (query, field, detail) => {
    const result = compute(query);
    expect(result).toMatchObject({ ok: false, field });
    if (!result.ok) expect(result.detail).toContain(detail);
  });

  it('treats an empty optional field as not given and ignores parameters it does not use', () => {
    expect(ids({ process: 'annual-review', lastReview: '2026-03-15', meeting: '', requestReceived: 'x' })).toEqual([
      ['review-due', '2027-03-14'],
    ]);
  });

  it('never reads inherited properties', () => {
    const query = Object.create({ process: 'assessment', requestReceived: '2026-01-05' }) as Record<string, unknown>;
    expect(compute(query)).toMatchObject({ ok: false, field: 'process' });
    expect(compute(JSON.parse('{"__proto__": {"process": "assessment"}}') as Record<string, unknown>)).toMatchObject({
      ok: false,
      field: 'process',
    });
  });
});

describe('the calculator never throws', () => {
  const FIELDS = [
    'process', 'requestReceived', 'adviceRequested', 'draftServed', 'consultationSent', 'lastReview', 'meeting',
    'noticeSent', 'transferDate', 'transferType', 'decision', 'requested', 'from', 'decisionNotice',
    'certificateIssued', 'orderDate', 'order',
  ] as const;
  const realDate = fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
  const dateLike = fc.oneof(
    realDate,
    fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 })).map(
      ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    ),
    fc.string(),
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: dateLike },
    { weight: 3, arbitrary: fc.constantFrom(...TIMESCALE_PROCESSES, 'school', 'post16', 'post16-to-post16', 'assess', 'make-plan', 'amend-plan', 'name-placement', 'cease', 'continue', '') },
    { weight: 1, arbitrary: fc.anything() },
    { weight: 1, arbitrary: fc.array(dateLike, { maxLength: 3 }) },
  );
  const focused = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });
  const wellFormed = fc
    .tuple(fc.constantFrom(...TIMESCALE_PROCESSES), fc.dictionary(fc.constantFrom(...FIELDS), realDate), fc.constantFrom('school', 'post16', 'post16-to-post16'), fc.constantFrom('assess', 'make-plan', 'amend-plan', 'name-placement', 'cease', 'continue'))
    .map(([process, dates, transferType, order]) => ({ ...dates, process, transferType, order }));

  const check = (query: Record<string, unknown>) => {
    const result = compute(query);
    if (result.ok) {
      expect(result.value.deadlines.length).toBeGreaterThan(0);
      for (const deadline of result.value.deadlines) {
        expect(isIsoDate(deadline.due)).toBe(true);
        expect(deadline.basis.length).toBeGreaterThan(20);
      }
    } else {
      expect(typeof result.field).toBe('string');
      expect(result.detail).toContain(result.field);
    }
  };

  it('for arbitrary string records', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.anything()), check), { numRuns: 200 });
  });

  it('for records built from the real field names and near-miss values', () => {
    fc.assert(fc.property(focused, check), { numRuns: 300 });
  });

  it('for well-formed queries, always computing', () => {
    fc.assert(
      fc.property(wellFormed, (query) => {
        const result = compute(query);
        const missing = !result.ok && result.detail.includes('is required');
        expect(result.ok || missing).toBe(true);
        check(query);
      }),
      { numRuns: 300 },
    );
  });
});
