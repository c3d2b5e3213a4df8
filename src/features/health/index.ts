export { healthRoutes } from './routes.ts';
export { HealthService } from './service.ts';
