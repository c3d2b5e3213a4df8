// The English local authorities by LA code, from the DfE's per-authority tables the service ships
// (src/db/reference/la-profile-2025.csv): what an LA code given by an officer is checked against.
import { loadAuthorityProfiles } from '../../db/seed/scale.ts';

let byCode: Map<string, string> | undefined;

/** The name of the English local authority with this LA code, or undefined when there is none. */
export function englishAuthorityName(laCode: string): string | undefined {
  byCode ??= new Map(loadAuthorityProfiles().map((profile) => [profile.laCode, profile.name]));
  return byCode.get(laCode);
}
