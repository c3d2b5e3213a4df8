// Demo data and accounts, outside production only: every part of the service with something in it.
export { DEMO_ACCOUNTS, ensureDemoAccounts } from './accounts.ts';
export { DemoDataService, DEMO_PORTAL_ADVICE_GIVER, DEMO_PORTAL_PARENT, DEMO_PORTAL_SCHOOL_ADMIN, DEMO_PORTAL_TOTP_SECRET, EXTRA_DEMO_OFFICERS, FORMER_DEMO_OFFICER } from './service.ts';
