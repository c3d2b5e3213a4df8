// The school and college portal: a school's administrators manage its staff's accounts; its staff
// see the school's pupils and what the council shares about them, answer consultations and send
// annual review reports, across every council the school works with (CrossAuthoritySchoolReads).
export { portalSchoolPaths } from './paths.ts';
export { portalSchoolRoutes } from './routes.ts';
export { PortalSchoolService } from './service.ts';
export { CrossAuthoritySchoolReads, type SchoolReach } from './cross-authority.ts';
