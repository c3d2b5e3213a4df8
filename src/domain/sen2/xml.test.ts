import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { SEN2_XML_END, sen2PersonXml, sen2XmlStart, xmlText } from './xml.ts';

describe('the SEN2 XML', () => {
  it('escapes the five special characters and drops characters XML 1.0 cannot hold', () => {
    expect(xmlText(`O'Neil & <Sons> "x"\u0001`)).toBe('O&apos;Neil &amp; &lt;Sons&gt; &quot;x&quot;');
  });
  it('nests Requests in Person, Assessment and ActivePlans in Requests, NamedPlan in Assessment, PlanDetail in NamedPlan, PlacementDetail and SENneed in ActivePlans', () => {
    const xml = sen2PersonXml({
      childId: 'x',
      surname: 'O’Brien & Co',
      forename: 'Ada',
      birthDate: isoDate('2015-04-01'),
      sex: 'F',
      ethnicity: 'WBRI',
      postcode: null,
      upn: null,
      uln: null,
      upnUnknown: 'UN3',
      requests: [
        {
          caseId: 'c',
          reference: 'r',
          receivedDate: isoDate('2026-01-01'),
          requestSource: 1,
          requestOutcome: 'Y',
          requestOutcomeDate: isoDate('2026-02-01'),
          requestMediation: null,
          requestTribunal: null,
          assessment: { outcome: 'Y', outcomeDate: isoDate('2026-04-01'), mediation: 0, tribunal: 0, week20: 1, namedPlan: { startDate: isoDate('2026-05-01'), ceaseDate: null, ceaseReason: null, placements: [{ urn: 100001, senSetting: null, senSettingOther: null, placementRank: 1 }] } },
          activePlan: { transferLa: '886', reviewMeeting: null, reviewOutcome: null, lastReview: null, placements: [{ urn: null, senSetting: 'OTH', senSettingOther: 'Special school', placementRank: 1 }], needs: [{ senType: 'ASD', senTypeRank: 1 }], transferredIn: false },
        },
      ],
    });
    expect(xml).toBe(
      '<Person><Surname>O’Brien &amp; Co</Surname><Forename>Ada</Forename><PersonBirthDate>2015-04-01</PersonBirthDate><Sex>F</Sex><Ethnicity>WBRI</Ethnicity><UPNunknown>UN3</UPNunknown>' +
        '<Requests><ReceivedDate>2026-01-01</ReceivedDate><RequestSource>1</RequestSource><RequestOutcomeDate>2026-02-01</RequestOutcomeDate><RequestOutcome>Y</RequestOutcome>' +
        '<Assessment><AssessmentOutcome>Y</AssessmentOutcome><AssessmentOutcomeDate>2026-04-01</AssessmentOutcomeDate><AssessmentMediation>0</AssessmentMediation><AssessmentTribunal>0</AssessmentTribunal><Week20>1</Week20>' +
        '<NamedPlan><StartDate>2026-05-01</StartDate><PlanDetail><URN>100001</URN><PlacementRank>1</PlacementRank></PlanDetail></NamedPlan></Assessment>' +
        '<ActivePlans><TransferLA>886</TransferLA><PlacementDetail><SENSetting>OTH</SENSetting><SENSettingOther>Special school</SENSettingOther><PlacementRank>1</PlacementRank></PlacementDetail><SENneed><SENtype>ASD</SENtype><SENtypeRank>1</SENtypeRank></SENneed></ActivePlans>' +
        '</Requests></Person>\n',
    );
  });
  it('a header with CollectionDetails and Source, closed by the end', () => {
    const xml = sen2XmlStart({ laCode: '999', censusDate: '2027-01-21', year: 2027, softwareCode: 'SEND Casework', release: '1', serialNo: 1, dateTime: '2027-01-22T09:00:00' }) + SEN2_XML_END;
    expect(xml).toContain('<CollectionDetails><Collection>SEN2</Collection><Year>2027</Year><ReferenceDate>2027-01-21</ReferenceDate></CollectionDetails>');
    expect(xml).toContain('<Source><SourceLevel>L</SourceLevel><LEA>999</LEA>');
    expect(xml.trim().endsWith('</Persons>\n</Message>')).toBe(true);
  });
});
