// How the SEN2 return's figures and failures read on the page.
import type { Sen2Counts } from './service.ts';

/** The figures of the return, as summary-list rows. */
export function countRows(counts: Sen2Counts) {
  const row = (key: string, value: number) => ({ key: { text: key }, value: { text: value.toLocaleString('en-GB') } });
  return [
    row('Children in the return', counts.persons),
    row('Requests in the return', counts.requests),
    row('Requests received in the year', counts.requestsReceived),
    row('Agreed to assess in the year', counts.requestsAgreed),
    row('Refused to assess in the year', counts.requestsRefused),
    row('Withdrawn before the decision in the year', counts.requestsWithdrawn),
    row('Assessments ending in a decision to issue a plan', counts.assessmentsToPlan),
    row('Assessments ending in a decision not to issue a plan', counts.assessmentsNoPlan),
    row('Plans issued in the year', counts.plansIssued),
    row('of which within 20 weeks (exceptions excluded)', counts.plansIssuedWithin20Weeks),
    row('Plans maintained on the census date', counts.activePlans),
    row('Plans ceased in the year', counts.plansCeased),
  ];
}

/** The file's name: the LA code and census date. */
export const sen2Filename = (laCode: string, censusDate: string) => `SEN2_${laCode}_${censusDate}.xml`;
