export { BankHolidayImportError, DEMO_AUTHORITY, ReferenceDataService } from './service.ts';
export { findAuthorityCode, insertAuthority, listSchoolsByLaCode, type SchoolRecord } from './repository.ts';
export { englishAuthorityName } from './authorities.ts';
