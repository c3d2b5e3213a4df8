// The SEN2 XML, one Person at a time: the writer in the feature asks for the header, each Person's
// element and the footer, so the return is streamed and never held whole. Element names and order
// follow the person-level return as DOMAIN knowledge records it (Header; Persons of Person, each
// Requests inside its Person, Assessment and ActivePlans inside their Requests, NamedPlan inside
// Assessment, PlanDetail inside NamedPlan, PlacementDetail and SENneed inside ActivePlans).
import type { Sen2Placement } from '../plans/sen2-facts.ts';
import type { Sen2Person, Sen2Request } from './record.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML: the five special characters escaped, and characters XML 1.0 cannot hold dropped. */
export function xmlText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

type Value = string | number | null | undefined;
const element = (name: string, value: Value) => (value === null || value === undefined || value === '' ? '' : `<${name}>${xmlText(String(value))}</${name}>`);

export interface Sen2Header {
  readonly laCode: string;
  readonly censusDate: string;
  readonly year: number;
  readonly softwareCode: string;
  readonly release: string;
  readonly serialNo: number;
  readonly dateTime: string;
}

export function sen2XmlStart(header: Sen2Header): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header>' +
    `<CollectionDetails>${element('Collection', 'SEN2')}${element('Year', header.year)}${element('ReferenceDate', header.censusDate)}</CollectionDetails>` +
    `<Source>${element('SourceLevel', 'L')}${element('LEA', header.laCode)}${element('SoftwareCode', header.softwareCode)}${element('Release', header.release)}${element('SerialNo', header.serialNo)}${element('DateTime', header.dateTime)}</Source>` +
    '</Header>\n<Persons>\n'
  );
}

export const SEN2_XML_END = '</Persons>\n</Message>\n';

const placementDetail = (name: 'PlanDetail' | 'PlacementDetail', placement: Sen2Placement) =>
  `<${name}>${element('URN', placement.urn)}${element('SENSetting', placement.senSetting)}${element('SENSettingOther', placement.senSettingOther)}${element('PlacementRank', placement.placementRank)}</${name}>`;

function requestXml(request: Sen2Request): string {
  let xml = `<Requests>${element('ReceivedDate', request.receivedDate)}${element('RequestSource', request.requestSource)}${element('RequestOutcomeDate', request.requestOutcomeDate)}${element('RequestOutcome', request.requestOutcome)}${element('RequestMediation', request.requestMediation)}${element('RequestTribunal', request.requestTribunal)}`;
  const assessment = request.assessment;
  if (assessment) {
    xml += `<Assessment>${element('AssessmentOutcome', assessment.outcome)}${element('AssessmentOutcomeDate', assessment.outcomeDate)}${element('AssessmentMediation', assessment.mediation)}${element('AssessmentTribunal', assessment.tribunal)}${element('Week20', assessment.week20)}`;
    const plan = assessment.namedPlan;
    if (plan) xml += `<NamedPlan>${element('StartDate', plan.startDate)}${element('CeaseDate', plan.ceaseDate)}${element('CeaseReason', plan.ceaseReason)}${plan.placements.map((placement) => placementDetail('PlanDetail', placement)).join('')}</NamedPlan>`;
    xml += '</Assessment>';
  }
  const active = request.activePlan;
  if (active) {
    xml += `<ActivePlans>${element('TransferLA', active.transferLa)}${element('ReviewMeeting', active.reviewMeeting)}${element('ReviewOutcome', active.reviewOutcome)}${element('LastReview', active.lastReview)}`;
    xml += active.placements.map((placement) => placementDetail('PlacementDetail', placement)).join('');
    xml += active.needs.map((need) => `<SENneed>${element('SENtype', need.senType)}${element('SENtypeRank', need.senTypeRank)}</SENneed>`).join('');
    xml += '</ActivePlans>';
  }
  return `${xml}</Requests>`;
}

/** One Person element, a line of its own. */
export function sen2PersonXml(person: Sen2Person): string {
  return (
    `<Person>${element('Surname', person.surname)}${element('Forename', person.forename)}${element('PersonBirthDate', person.birthDate)}${element('Sex', person.sex)}${element('Ethnicity', person.ethnicity)}${element('PostCode', person.postcode)}${element('UPN', person.upn)}${element('UniqueLearnerNumber', person.uln)}${element('UPNunknown', person.upnUnknown)}` +
    person.requests.map(requestXml).join('') +
    '</Person>\n'
  );
}
