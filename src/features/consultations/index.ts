// Draft to final, the people asked (SEND Regs 2014 regs 13 and 14; CFA 2014 ss.38 to 40): the
// family's response to the draft plan, and the schools consulted about being named in it, each
// with its due date, reminders, answer and reasons, and the consultations overdue.
export { consultationsRoutes } from './routes.ts';
export { ConsultationsService, type ConsultationView, type NewConsultation, type NewRepresentation, type RepresentationView } from './service.ts';
export { consultationsPaths } from './paths.ts';
export { consultationsOfCases, type CaseConsultationSummary } from './repository.ts';
