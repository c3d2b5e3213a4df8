// The decisions of an EHC needs assessment (SEND Regs 2014 regs 4-5 and 10): decision-making
// panels and their recommendations, the family's and the school's views, the decisions with their
// reasons by an officer with the authority, and a request's withdrawal.
export { assessmentRoutes } from './routes.ts';
export { DecisionService, NOT_A_DECISION_MAKER, type DecisionFile, type DecisionView, type WithdrawalView } from './decisions-service.ts';
export { PanelService, type Agenda, type PanelCaseView, type PanelView } from './panels-service.ts';
export { assessmentPaths } from './paths.ts';
// The one way a casework write answers an API client's retry with its first answer.
