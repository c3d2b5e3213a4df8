import type { SchoolRecord } from '../../features/reference/index.ts';
import type { ConsultationView, NewConsultation } from '../../features/consultations/index.ts';
import type { Actor } from '../../features/auth/index.ts';
import type { TestApp } from '../app.ts';
import { aSchool } from './schools.ts';

/**
 * A school consulted about being named in a case's plan, through the consultations service as an
 * officer consults one: a school of its own on the register unless one is given, the family's
 * request as the basis, sent today unless told.
 */
export async function aConsultation(
  testApp: Pick<TestApp, 'services' | 'clock' | 'database'>,
  actor: Actor,
  caseId: string,
  overrides: Partial<NewConsultation> & { school?: SchoolRecord } = {},
): Promise<ConsultationView & { schoolRecord: SchoolRecord }> {
  const { school: given, ...input } = overrides;
  const school = given ?? (await aSchool(testApp.database.db));
  const { result } = await testApp.services.consultations.consultSchool(actor, caseId, {
    urn: String(school.urn),
    basis: 'family-request',
    contactName: 'Ms Rachel Green, SENCo',
    contactEmail: 'senco@school.example',
    sentOn: testApp.clock.today(),
    ...input,
  });
  return { ...result, schoolRecord: school };
}
