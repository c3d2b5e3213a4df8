// The council's one improvement plan: areas, actions, measures bound to the reporting catalogue,
// board meetings with the plan as it stood at each, and the plan's change log.
export { improvementPlanPaths } from './paths.ts';
export { improvementPlanRoutes } from './routes.ts';
export { ImprovementPlanService, type ActionView, type AreaView, type BoundMeasureView, type MeasureSource, type PlanView } from './service.ts';
export { ImprovementPublicPageService, publicPageAddress, type PublicPlanView } from './public-page.ts';
export { BoardPackService, type BoardPack, type PackMeasureSource } from './board-pack.ts';
export { boardPackRoutes } from './board-pack-routes.ts';
