// Properties every rule must keep, whatever the dates: a deadline counted forward from a step is
// never before that step, one counted back from an event is never after it, and anything the
// Tribunal Rules govern lands on a working day.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, daysBetween, fromDayNumber, isoDate, laterOf, toDayNumber, yearOf } from '../calendar/dates.ts';
import { englandAndWales } from '../calendar/test-fixtures.ts';
import { isWorkingDay } from '../calendar/working-days.ts';
import { annualReviewDeadlines } from './annual-review.ts';
import { amendmentDeadlines } from './amendment.ts';
import { assessmentDeadlines } from './assessment.ts';
import { appealDeadline, mediationCertificateDeadline, mediationMeetingDeadline } from './disagreement.ts';
import { week20Outcome } from './exceptions.ts';
import { PHASE_TRANSFER_TYPES, phaseTransferDeadline } from './phase-transfer.ts';
import { reassessmentDeadlines } from './reassessment.ts';
import { TRIBUNAL_ORDERS, tribunalOrderDeadlines } from './tribunal-orders.ts';

const RUNS = { numRuns: 150 };
// 2015 to 2032: across loaded and unloaded bank-holiday years.
const anyDate = fc
  .integer({ min: toDayNumber(isoDate('2015-01-01')), max: toDayNumber(isoDate('2032-12-31')) })
  .map(fromDayNumber);

describe('properties of every rule', () => {
  it('a deadline counted from a step is never before that step', () => {
    fc.assert(
      fc.property(anyDate, fc.constantFrom(...TRIBUNAL_ORDERS), (start, order) => {
        const forward = [
          ...assessmentDeadlines({ requestReceived: start, adviceRequested: start, draftServed: start, consultationSent: start }),
          ...amendmentDeadlines({ noticeSent: start }),
          ...reassessmentDeadlines({ decision: start }),
          mediationMeetingDeadline(start),
          mediationCertificateDeadline(start, englandAndWales),
          appealDeadline({ decisionNotice: start }, englandAndWales),
          ...tribunalOrderDeadlines(start, order),
        ];
        for (const deadline of forward) expect(deadline.due >= start, deadline.id).toBe(true);
        const review = annualReviewDeadlines({ lastReview: start, meeting: start });
        for (const deadline of review) {
          const before = deadline.id === 'invitations' || deadline.id === 'advice-circulated';
          expect(before ? deadline.due < start : deadline.due > start, deadline.id).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('a phase transfer deadline is in the transfer year, or 5 months before a post-16 move', () => {
    fc.assert(
      fc.property(anyDate, fc.constantFrom(...PHASE_TRANSFER_TYPES), (transfer, type) => {
        const { due } = phaseTransferDeadline(transfer, type);
        if (type === 'post16-to-post16') expect(due).toBe(addMonths(transfer, -5));
        else expect(yearOf(due)).toBe(yearOf(transfer));
      }),
      RUNS,
    );
  });

  it('an appeal deadline is a working day no earlier than both periods', () => {
    fc.assert(
      fc.property(anyDate, fc.option(anyDate, { nil: undefined }), (decisionNotice, certificateIssued) => {
        const { due } = appealDeadline({ decisionNotice, certificateIssued }, englandAndWales);
        const end = certificateIssued === undefined ? addMonths(decisionNotice, 2) : laterOf(addMonths(decisionNotice, 2), addMonths(certificateIssued, 1));
        expect(due >= end).toBe(true);
        expect(isWorkingDay(due, englandAndWales)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a mediation certificate is due on a working day', () => {
    fc.assert(
      fc.property(anyDate, (from) => {
        expect(isWorkingDay(mediationCertificateDeadline(from, englandAndWales).due, englandAndWales)).toBe(true);
      }),
      RUNS,
    );
  });

  it('Regs 36-38: "within 30 days of" the notice never counts its day: the mediation is due 30 days after it (general rule)', () => {
    fc.assert(
      fc.property(anyDate, (requested) => {
        expect(daysBetween(requested, mediationMeetingDeadline(requested).due)).toBe(30);
      }),
      RUNS,
    );
  });

  it('Regs 34-39: "within 3 working days of" the duty arising never counts its day: exactly 3 working days after it, the last of them the due day (general rule)', () => {
    fc.assert(
      fc.property(anyDate, (from) => {
        const { due } = mediationCertificateDeadline(from, englandAndWales);
        let workingDays = 0;
        for (let day = addDays(from, 1); day <= due; day = addDays(day, 1)) {
          if (isWorkingDay(day, englandAndWales)) workingDays += 1;
        }
        expect(workingDays).toBe(3);
      }),
      RUNS,
    );
  });

  it('an exception never moves the 20-week date', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (requestReceived, finalIssued) => {
        const without = week20Outcome({ requestReceived, finalIssued, exceptions: [] });
        const withOne = week20Outcome({ requestReceived, finalIssued, exceptions: [{ reason: 'absent-from-area' }] });
        expect(withOne.due).toBe(without.due);
        if (without.outcome === 'within') expect(withOne.outcome).toBe('within');
        if (without.outcome === 'late') expect(withOne.outcome).toBe('excluded');
      }),
      RUNS,
    );
  });
});
