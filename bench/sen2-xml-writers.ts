// The SEN2 XML written two ways, for ADR 0021: the project's own writer (src/domain/sen2/xml.ts)
// and xmlbuilder2's callback builder (createCB, the maintained library's streaming API), each
// writing the same Persons to a sink that only counts characters. It checks first that both
// write the same document (line breaks aside; the library writes quotes in text unescaped, both
// valid XML), then times each over the same Persons, three rounds, alternating.
//   PERSONS=100000 node --import tsx bench/sen2-xml-writers.ts
// xmlbuilder2 is a development dependency for this comparison only; the service does not use it.
import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces.js';
import { isoDate } from '../src/domain/calendar/dates.ts';
import type { Sen2Person, Sen2Request } from '../src/domain/sen2/record.ts';
import { SEN2_XML_END, sen2PersonXml, sen2XmlStart } from '../src/domain/sen2/xml.ts';
import type { Sen2Placement } from '../src/domain/plans/sen2-facts.ts';

const PERSONS = Number(process.env.PERSONS ?? 100_000);
const header = { laCode: '999', censusDate: '2027-01-21', year: 2027, softwareCode: 'SEND Casework', release: '1', serialNo: 1, dateTime: '2027-01-22T09:00:00' };

/** Persons shaped like a council's: most with an active plan, some with a request this year, names with the characters XML escapes. */
function person(index: number): Sen2Person {
  const request = (kind: number): Sen2Request => ({
    caseId: `c${index}`,
    reference: `R${index}`,
    receivedDate: isoDate('2026-01-05'),
    requestSource: 1 + (index % 3),
    requestOutcome: kind === 0 ? 'N' : 'Y',
    requestOutcomeDate: isoDate('2026-02-10'),
    requestMediation: kind === 0 ? 1 : null,
    requestTribunal: null,
    assessment:
      kind === 0
        ? null
        : { outcome: 'Y', outcomeDate: isoDate('2026-04-01'), mediation: 0, tribunal: 0, week20: 1, namedPlan: { startDate: isoDate('2026-05-01'), ceaseDate: null, ceaseReason: null, placements: [{ urn: 100000 + (index % 900), senSetting: null, senSettingOther: null, placementRank: 1 }] } },
    activePlan:
      kind === 0
        ? null
        : {
            transferLa: null,
            reviewMeeting: isoDate('2026-10-01'),
            reviewOutcome: 'M',
            lastReview: isoDate('2026-10-20'),
            placements: [index % 7 === 0 ? { urn: null, senSetting: 'OTH', senSettingOther: 'Home & hospital "tuition"', placementRank: 1 } : { urn: 100000 + (index % 900), senSetting: null, senSettingOther: null, placementRank: 1 }],
            needs: [{ senType: 'ASD', senTypeRank: 1 }, ...(index % 3 === 0 ? [{ senType: 'SLCN', senTypeRank: 2 } as const] : [])],
            transferredIn: false,
          },
  });
  return {
    childId: `x${index}`,
    surname: index % 11 === 0 ? `O'Neil & <Sons> ${index}` : `Surname${index}`,
    forename: 'Ada',
    birthDate: isoDate('2015-04-01'),
    sex: index % 2 ? 'F' : 'M',
    ethnicity: 'WBRI',
    postcode: 'LS1 1AA',
    upn: index % 5 === 0 ? null : `A${String(index).padStart(12, '0')}`,
    uln: null,
    upnUnknown: index % 5 === 0 ? 'UN2' : null,
    requests: [request(index % 4 === 0 ? 0 : 1)],
  };
}

const people = Array.from({ length: PERSONS }, (_, index) => person(index));

function own(sink: (chunk: string) => void): void {
  sink(sen2XmlStart(header));
  for (const entry of people) sink(sen2PersonXml(entry));
  sink(SEN2_XML_END);
}

function library(sink: (chunk: string) => void): void {
  const xml = createCB({ data: sink, prettyPrint: false });
  const leaf = (name: string, value: string | number | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') xml.ele(name).txt(String(value)).up();
  };
  const placement = (name: string, entry: Sen2Placement) => {
    xml.ele(name);
    leaf('URN', entry.urn);
    leaf('SENSetting', entry.senSetting);
    leaf('SENSettingOther', entry.senSettingOther);
    leaf('PlacementRank', entry.placementRank);
    xml.up();
  };
  const doc: XMLBuilderCB = xml.dec({ version: '1.0', encoding: 'UTF-8' }).ele('Message').ele('Header').ele('CollectionDetails');
  leaf('Collection', 'SEN2');
  leaf('Year', header.year);
  leaf('ReferenceDate', header.censusDate);
  doc.up().ele('Source');
  leaf('SourceLevel', 'L');
  leaf('LEA', header.laCode);
  leaf('SoftwareCode', header.softwareCode);
  leaf('Release', header.release);
  leaf('SerialNo', header.serialNo);
  leaf('DateTime', header.dateTime);
  doc.up().up().ele('Persons');
  for (const entry of people) {
    xml.ele('Person');
    leaf('Surname', entry.surname);
    leaf('Forename', entry.forename);
    leaf('PersonBirthDate', entry.birthDate);
    leaf('Sex', entry.sex);
    leaf('Ethnicity', entry.ethnicity);
    leaf('PostCode', entry.postcode);
    leaf('UPN', entry.upn);
    leaf('UniqueLearnerNumber', entry.uln);
    leaf('UPNunknown', entry.upnUnknown);
    for (const request of entry.requests) {
      xml.ele('Requests');
      leaf('ReceivedDate', request.receivedDate);
      leaf('RequestSource', request.requestSource);
      leaf('RequestOutcomeDate', request.requestOutcomeDate);
      leaf('RequestOutcome', request.requestOutcome);
      leaf('RequestMediation', request.requestMediation);
      leaf('RequestTribunal', request.requestTribunal);
      const assessment = request.assessment;
      if (assessment) {
        xml.ele('Assessment');
        leaf('AssessmentOutcome', assessment.outcome);
        leaf('AssessmentOutcomeDate', assessment.outcomeDate);
        leaf('AssessmentMediation', assessment.mediation);
        leaf('AssessmentTribunal', assessment.tribunal);
        leaf('Week20', assessment.week20);
        const plan = assessment.namedPlan;
        if (plan) {
          xml.ele('NamedPlan');
          leaf('StartDate', plan.startDate);
          leaf('CeaseDate', plan.ceaseDate);
          leaf('CeaseReason', plan.ceaseReason);
          for (const entry of plan.placements) placement('PlanDetail', entry);
          xml.up();
        }
        xml.up();
      }
      const active = request.activePlan;
      if (active) {
        xml.ele('ActivePlans');
        leaf('ReviewMeeting', active.reviewMeeting);
        leaf('ReviewOutcome', active.reviewOutcome);
        leaf('LastReview', active.lastReview);
        for (const entry of active.placements) placement('PlacementDetail', entry);
        for (const need of active.needs) {
          xml.ele('SENneed');
          leaf('SENtype', need.senType);
          leaf('SENtypeRank', need.senTypeRank);
          xml.up();
        }
        xml.up();
      }
      xml.up();
    }
    xml.up();
  }
  xml.up().up().end();
}

// The same document both ways (compared on the first thousand Persons, line breaks and the
// optional escaping of quotes in text aside).
const sample = people.splice(1_000);
const written = (writer: typeof own) => {
  let text = '';
  writer((chunk) => (text += chunk));
  return text.replace(/\n/g, '').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/^<\?xml[^>]*\?>/, '');
};
const ownText = written(own);
const libraryText = written(library);
if (ownText !== libraryText) {
  const at = [...ownText].findIndex((character, index) => character !== libraryText[index]);
  throw new Error(`The writers differ at ${at}:\n own     ${ownText.slice(at - 80, at + 80)}\n library ${libraryText.slice(at - 80, at + 80)}`);
}
people.push(...sample);

const timings: Record<string, number[]> = { own: [], xmlbuilder2: [] };
for (let round = 0; round < 3; round += 1) {
  for (const [name, writer] of [['own', own], ['xmlbuilder2', library]] as const) {
    let characters = 0;
    const started = performance.now();
    writer((chunk) => (characters += chunk.length));
    timings[name]!.push(performance.now() - started);
    if (round === 0) console.log(`${name}: ${characters.toLocaleString('en-GB')} characters`);
  }
}
for (const [name, runs] of Object.entries(timings)) console.log(`${name.padEnd(12)} ${PERSONS.toLocaleString('en-GB')} Persons: ${runs.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[1]!;
console.log(`xmlbuilder2 / own (median of three): ${(median(timings.xmlbuilder2!) / median(timings.own!)).toFixed(1)}x`);
