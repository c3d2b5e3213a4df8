export { benchRoutes } from './routes.ts';
