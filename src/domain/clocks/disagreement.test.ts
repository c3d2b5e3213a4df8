import { describe, it, expect } from 'vitest';
import { NO_BANK_HOLIDAYS } from '../calendar/bank-holidays.ts';
import { isoDate } from '../calendar/dates.ts';
import { englandAndWales } from '../calendar/test-fixtures.ts';
import {
  appealDeadline,
  mediationAdviceDeadline,
  mediationCertificateDeadline,
  mediationMeetingDeadline,
} from './disagreement.ts';

describe('mediation', () => {
  it.each([
    ['2026-03-10', '2026-05-10'],
    ['2025-12-31', '2026-02-28'], // no 31 February: the month's last day
    ['2026-06-13', '2026-08-13'],
  ] as const)('CFA 2014 s.55 and SEND Regs 2014 reg. 33: a mediation adviser contacted within 2 months of the decision notice, which stays where it falls: %s -> %s', (notice, due) => {
    const deadline = mediationAdviceDeadline(isoDate(notice));
    expect(deadline).toMatchObject({ id: 'mediation-advice', due });
    expect(deadline.basis).toContain('s.55');
  });

  it('CFA 2014 s.55: a last day on a weekend does not move (only the Tribunal Rules move theirs)', () => {
    const deadline = mediationAdviceDeadline(isoDate('2026-01-14'));
    expect(deadline.due).toBe('2026-03-14');
    expect(deadline.basis).toContain('2026-03-14 is a Saturday');
  });

  it.each([
    ['2026-01-05', '2026-02-04'],
    ['2026-02-01', '2026-03-03'],
    ['2024-02-01', '2024-03-02'], // through 29 February
    ['2026-12-10', '2027-01-09'],
  ] as const)('Regs 36-38: mediation within 30 days of the notice, not counting its day (general rule): %s -> %s', (requested, due) => {
    const deadline = mediationMeetingDeadline(isoDate(requested));
    expect(deadline).toMatchObject({ id: 'mediation-meeting', due });
    expect(deadline.basis).toContain('does not count that day (the general rule of English law)');
    expect(deadline.basis).not.toContain('The earlier day is shown');
  });

  it('Regs 36-38: says which rule counted the day, and that the day stays on a weekend', () => {
    const deadline = mediationMeetingDeadline(isoDate('2026-01-09')); // ends Sunday 8 February
    expect(deadline.due).toBe('2026-02-08');
    expect(deadline.basis).toContain('so the period ends 30 days after it, on 2026-02-08.');
    expect(deadline.basis).toContain('2026-02-08 is a Sunday');
  });

  it.each([
    ['2026-01-05', '2026-01-08'], // Monday: Tue, Wed, Thu
    ['2026-01-09', '2026-01-14'], // Friday: Mon, Tue, Wed
    ['2026-01-10', '2026-01-14'], // Saturday: Mon, Tue, Wed
    ['2026-01-11', '2026-01-14'], // Sunday: Mon, Tue, Wed
    ['2026-05-04', '2026-05-07'], // the early May bank holiday itself: Tue, Wed, Thu
    ['2026-04-02', '2026-04-09'], // Thursday before Easter: Tue, Wed, Thu
    ['2022-12-23', '2022-12-30'], // Friday before the 2022 substitute Christmas Day
    ['2027-12-24', '2027-12-31'], // 2027: 27 and 28 December are substitute days
  ] as const)('Regs 34-39: certificate within 3 working days of the duty arising, not counting its day (general rule): %s -> %s', (from, due) => {
    const deadline = mediationCertificateDeadline(isoDate(from), englandAndWales);
    expect(deadline).toMatchObject({ id: 'mediation-certificate', due });
    expect(deadline.basis).not.toContain('not loaded');
    expect(deadline.basis).not.toContain('The earlier day is shown');
  });

  it('Regs 34-39: states the rule, and says when the day the duty arose was not a working day', () => {
    expect(mediationCertificateDeadline(isoDate('2026-01-05'), englandAndWales).basis).toContain(
      'does not count that day (the general rule of English law), so the certificate is due on the third working day after 2026-01-05, 2026-01-08.',
    );
    expect(mediationCertificateDeadline(isoDate('2026-01-10'), englandAndWales).basis).toContain(
      'the third working day after 2026-01-10 (itself not a working day: Saturday), 2026-01-14.',
    );
  });

  it('Regs 34-39: a certificate counted through a year with no bank holidays says so', () => {
    const deadline = mediationCertificateDeadline(isoDate('2029-12-21'), englandAndWales);
    expect(deadline.due).toBe('2029-12-27'); // Mon 24, Wed 26, Thu 27: Christmas Day is skipped even so
    expect(deadline.basis).toContain('Bank holidays for 2029 not loaded');
  });
});

describe('appeal to the First-tier Tribunal', () => {
  const appeal = (decisionNotice: string, certificateIssued?: string) =>
    appealDeadline(
      {
        decisionNotice: isoDate(decisionNotice),
        certificateIssued: certificateIssued === undefined ? undefined : isoDate(certificateIssued),
      },
      englandAndWales,
    );

  it.each([
    ['2026-01-05', undefined, '2026-03-05'],
    ['2023-12-31', undefined, '2024-02-29'], // corresponding date in a leap February
    ['2026-05-01', '2026-05-20', '2026-07-01'], // the decision gives the later day
    ['2026-03-02', '2026-04-20', '2026-05-20'], // the certificate gives the later day
  ] as const)('HESC r.20(1)(c): later of 2 months after the decision and 1 month after the certificate (%s, %s -> %s)', (decision, certificate, due) => {
    expect(appeal(decision, certificate)).toMatchObject({ id: 'appeal-deadline', due });
  });

  it.each([
    ['2025-12-31', '2026-03-02'], // ends Saturday 28 February
    ['2026-02-03', '2026-04-07'], // ends Good Friday; Easter Monday too
    ['2026-08-31', '2026-11-02'], // ends Saturday 31 October
    ['2026-12-31', '2027-03-01'], // ends Sunday 28 February
    ['2026-03-25', '2026-05-26'], // ends the Spring bank holiday
  ] as const)('HESC r.12(2): a period ending on a non-working day runs to the next working day (%s -> %s)', (decision, due) => {
    const deadline = appeal(decision);
    expect(deadline.due).toBe(due);
    expect(deadline.basis).toContain('(r.12(2))');
  });

  it.each([
    ['2026-10-26', '2027-01-04'], // ends Saturday 26 December
    ['2026-10-25', '2027-01-04'], // ends Christmas Day
    ['2022-11-01', '2023-01-03'], // ends 1 January; 2 January 2023 is a substitute day
    ['2021-10-28', '2022-01-04'], // ends 28 December; 3 January 2022 is a substitute day
    ['2027-10-27', '2028-01-04'], // ends 27 December 2027, a substitute day; 3 January 2028 another
  ] as const)('HESC r.12(3)(a): a period ending 25 December to 1 January runs to the first working day after 1 January (%s -> %s)', (decision, due) => {
    const deadline = appeal(decision);
    expect(deadline.due).toBe(due);
    expect(deadline.basis).toContain('first working day after 1 January');
  });

  it.each([
    ['2026-06-10', '2026-07-15', '2026-09-01'], // certificate: ends 15 August
    ['2026-06-10', undefined, '2026-09-01'],
    ['2026-06-30', undefined, '2026-09-01'], // ends Sunday 30 August, before the bank holiday
    ['2024-06-15', undefined, '2024-09-02'], // 1 September 2024 is a Sunday
    ['2026-06-01', '2026-06-10', '2026-09-01'], // decision ends 1 August
  ] as const)('HESC r.12(3)(a): a period ending in August runs to the first working day after 31 August (%s, %s -> %s)', (decision, certificate, due) => {
    const deadline = appeal(decision, certificate);
    expect(deadline.due).toBe(due);
    expect(deadline.basis).toContain('first working day after 31 August');
  });

  it('HESC r.12: the window is tested on the day the period ends; moving into it is the earlier reading', () => {
    const christmas = appeal('2022-10-24'); // ends Saturday 24 December 2022
    expect(christmas.due).toBe('2022-12-28');
    expect(christmas.basis).toContain('would give 2023-01-03. The earlier day is shown.');
    const august = appeal('2027-05-31'); // ends Saturday 31 July 2027
    expect(august.due).toBe('2027-08-02');
    expect(august.basis).toContain('would give 2027-09-01');
  });

  it('HESC r.12(1): the basis gives the 5pm cut-off', () => {
    expect(appeal('2026-01-05').basis).toContain('by 5pm on that day (r.12(1))');
  });

  it('HESC r.12: says when the bank holidays of the year it ends in are not loaded', () => {
    const deadline = appeal('2029-01-25'); // ends Sunday 25 March 2029
    expect(deadline.due).toBe('2029-03-26');
    expect(deadline.basis).toContain('Bank holidays for 2029 not loaded');
    const newYear = appealDeadline({ decisionNotice: isoDate('2029-10-30') }, NO_BANK_HOLIDAYS);
    expect(newYear.due).toBe('2030-01-02');
    expect(newYear.basis).toContain('Bank holidays for 2030 not loaded');
  });
});
