// The API's own routes: its OpenAPI document and who the token belongs to.
export { apiRoutes } from './routes.ts';
