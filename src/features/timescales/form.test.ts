import { describe, expect, it } from 'vitest';
import { TIMESCALE_PROCESSES } from '../../domain/clocks/timescales.ts';
import { PROCESS_FORMS, processForm, readForm, wasSubmitted } from './form.ts';

const form = (process: string) => {
  const found = processForm(process);
  if (!found) throw new Error(process);
  return found;
};

describe('the page’s forms', () => {
  it('has one form for each process the API knows, in the same order', () => {
    expect(PROCESS_FORMS.map((entry) => entry.process)).toEqual([...TIMESCALE_PROCESSES]);
  });

  it('asks for exactly the parameters in the API contract', () => {
    const names = Object.fromEntries(PROCESS_FORMS.map((entry) => [entry.process, entry.fields.map((field) => field.name)]));
    expect(names).toEqual({
      assessment: ['requestReceived', 'adviceRequested', 'draftServed', 'consultationSent'],
      'annual-review': ['lastReview', 'meeting'],
      amendment: ['noticeSent'],
      'phase-transfer': ['transferDate', 'transferType'],
      reassessment: ['decision'],
      mediation: ['requested'],
      'mediation-certificate': ['from'],
      appeal: ['decisionNotice', 'certificateIssued'],
      'tribunal-order': ['orderDate', 'order'],
    });
  });

  it('knows a process only by its exact name', () => {
    expect(processForm('assessment')?.name).toBe('EHC needs assessment');
    expect(processForm('Assessment')).toBeUndefined();
    expect(processForm('constructor')).toBeUndefined();
    expect(processForm(['assessment'])).toBeUndefined();
  });

  it('sees a submission when any of the process’s own inputs is present, even empty', () => {
    expect(wasSubmitted(form('amendment'), { process: 'amendment' })).toBe(false);
    expect(wasSubmitted(form('amendment'), { process: 'amendment', 'noticeSent-year': '' })).toBe(true);
    expect(wasSubmitted(form('phase-transfer'), { transferType: 'school' })).toBe(true);
  });
});

describe('reading the day, month and year boxes', () => {
  const read = (day: unknown, month: unknown, year: unknown) =>
    readForm(form('mediation'), { 'requested-day': day, 'requested-month': month, 'requested-year': year });

  it('makes an ISO date, allowing spaces and leading zeros', () => {
    expect(read('5', '1', '2026')).toMatchObject({ query: { process: 'mediation', requested: '2026-01-05' }, errors: [] });
    expect(read(' 05 ', '01', ' 2026')).toMatchObject({ query: { requested: '2026-01-05' }, errors: [] });
    expect(read('29', '2', '2028').query.requested).toBe('2028-02-29');
  });

  it.each([
    ['', '', '', 'Enter the date the council was told mediation is wanted', ['day', 'month', 'year']],
    ['1', '', '2026', 'The date the council was told mediation is wanted must include a month', ['month']],
    ['', '', '2026', 'must include a day and month', ['day', 'month']],
    ['x', '1', '2026', 'must be a real date', ['day']],
    ['1.5', '1', '2026', 'must be a real date', ['day']],
    ['-1', '1', '2026', 'must be a real date', ['day']],
    ['29', '2', '2026', 'must be a real date', ['day']],
    ['31', '4', '2026', 'must be a real date', ['day']],
    ['0', '1', '2026', 'must be a real date', ['day']],
    ['1', '0', '2026', 'must be a real date', ['month']],
    ['1', '13', '2026', 'must be a real date', ['month']],
    ['1', '1', '26', 'must include a year with 4 numbers', ['year']],
    ['1', '1', '1899', 'must be between 1900 and 2999', ['year']],
    ['1', '1', '3000', 'must be between 1900 and 2999', ['year']],
  ])('%s/%s/%s: %s', (day, month, year, text, parts) => {
    const { errors, query } = read(day, month, year);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.text).toContain(text);
    expect(errors[0]?.parts).toEqual(parts);
    expect(errors[0]?.href).toBe(`requested-${parts[0]}`);
    expect(query.requested).toBeUndefined();
  });

  it('reads a repeated box as its first value and ignores anything that is not text', () => {
    expect(read(['5', '6'], '1', '2026').query.requested).toBe('2026-01-05');
    expect(read({ a: 1 }, '1', '2026').errors[0]?.text).toContain('must include a day');
  });

  it('leaves an empty optional date out, and checks a filled one', () => {
    const appeal = form('appeal');
    const given = { 'decisionNotice-day': '10', 'decisionNotice-month': '6', 'decisionNotice-year': '2026' };
    expect(readForm(appeal, { ...given, 'certificateIssued-day': '', 'certificateIssued-month': '', 'certificateIssued-year': '' })).toMatchObject({
      query: { process: 'appeal', decisionNotice: '2026-06-10', certificateIssued: '' },
      errors: [],
    });
    expect(readForm(appeal, { ...given, 'certificateIssued-day': '31', 'certificateIssued-month': '6', 'certificateIssued-year': '2026' }).errors).toEqual([
      expect.objectContaining({ field: 'certificateIssued', href: 'certificateIssued-day' }),
    ]);
  });

  it('accepts only the listed choices', () => {
    const order = form('tribunal-order');
    const date = { 'orderDate-day': '2', 'orderDate-month': '3', 'orderDate-year': '2026' };
    expect(readForm(order, { ...date, order: 'cease' })).toMatchObject({ query: { order: 'cease' }, errors: [] });
    expect(readForm(order, { ...date, order: 'dismiss' }).errors).toEqual([
      { field: 'order', text: 'Select what the tribunal ordered', href: 'order' },
    ]);
  });
});
