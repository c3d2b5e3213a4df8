// What the request log keeps of a request. Fastify's default logs the whole URL, and a URL can
// carry what must not sit in a log file: a sign-in link's token in its path (live for days), a
// child's name or UPN in a search's query string. The log keeps the method, the path with any
// parameter named as a secret withheld, and whether there was a query string, never its content.
import type { FastifyRequest } from 'fastify';

/** Route parameters whose values are secrets: a sign-in link's token, and any like it. */
const SECRET_PARAMETER = /token|secret|code|key/i;

/**
 * The URL as the log may keep it: `route` is the matched route's pattern (e.g.
 * `/portal/sign-in/link/:token`), undefined when no route matched (then every path segment after
 * the first two is kept only as its length, since its meaning is unknown).
 */
export function urlForLog(url: string, route: string | undefined): string {
  const queryAt = url.indexOf('?');
  const path = queryAt >= 0 ? url.slice(0, queryAt) : url;
  const query = queryAt >= 0 ? '?[query withheld]' : '';
  if (route === undefined) return `${path.split('/').slice(0, 3).join('/')}${path.split('/').length > 3 ? '/…' : ''}${query}`;
  const routeParts = route.split('/');
  const pathParts = path.split('/');
  // A wildcard or a pattern that does not line up with the path: keep the pattern, not the values.
  if (routeParts.length !== pathParts.length || route.includes('*')) return `${route}${query}`;
  const kept = pathParts.map((part, index) => {
    const pattern = routeParts[index]!;
    return pattern.startsWith(':') && SECRET_PARAMETER.test(pattern) ? `${pattern}` : part;
  });
  return `${kept.join('/')}${query}`;
}

/** The request as Fastify's request log shows it ("incoming request", "request completed"). */
export function requestForLog(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: urlForLog(request.url, request.routeOptions?.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
