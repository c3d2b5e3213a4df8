import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VIEWS_DIR = join(root, 'src', 'views');
export const GOVUK_FRONTEND_DIR = join(root, 'node_modules', 'govuk-frontend', 'dist');

export interface NavigationLink {
  href: string;
  text: string;
  active?: boolean;
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page inside the council's layout with the values every page needs. */
    page(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyRequest {
    /** Links for the service navigation; features add theirs as they learn who is signed in. */
    navigation?: NavigationLink[];
  }
}

// One formatter for every date on every page: toLocaleDateString builds a new one per call, which
// cost ~0.2 ms a date (a 50-row worklist spent most of its render time there).
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function formatDate(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return String(value ?? '');
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  return LONG_DATE.format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)));
}

/** The service navigation for signed-in staff; each feature's pages appear here as they arrive. */
export function staffNavigation(currentUrl: string, roles: readonly string[] = []): NavigationLink[] {
  const manages = roles.some((role) => role === 'team_manager' || role === 'service_lead' || role === 'admin');
  const links: NavigationLink[] = [
    { href: '/cases', text: 'My cases' },
    ...(manages ? [{ href: '/team/deadlines', text: 'Team deadlines' }] : []),
    { href: '/search', text: 'Find a child' },
    { href: '/requests/new', text: 'New request' },
    { href: '/account', text: 'Your account' },
  ];
  return links.map((link) => ({ ...link, active: currentUrl === link.href || currentUrl.startsWith(`${link.href}/`) }));
}

/** How each kind of case event reads in a history. */
const EVENT_TITLES: Record<string, string> = {
  'request.received': 'Request for an EHC needs assessment received',
  'assessment.agreed': 'Decided to assess',
  'assessment.refused': 'Decided not to assess',
  'draft.issued': 'Draft EHC plan issued',
  'plan.issued': 'Final EHC plan issued',
  'review.scheduled': 'Annual review meeting arranged',
  'review.held': 'Annual review meeting held',
  'amendment.proposed': 'Proposed amendments sent to the family',
  'plan.amended': 'Final amended EHC plan issued',
  'review.decided': 'Annual review decision sent',
  'case.allocated': 'Named officer allocated',
  'exception.recorded': 'Exception to the time limits recorded',
};

export const viewsPlugin = fp(
  async (app: FastifyInstance, options: { config: Config }) => {
    const { config } = options;
    await app.register(fastifyView, {
      engine: { nunjucks },
      templates: [VIEWS_DIR, GOVUK_FRONTEND_DIR],
      // Templates are compiled once and cached: rendering is the hot path of every page.
      production: true,
      options: {
        autoescape: true,
        throwOnUndefined: false,
        trimBlocks: true,
        lstripBlocks: true,
        onConfigure(env: nunjucks.Environment) {
          env.addFilter('govukDate', formatDate);
          // Form errors are {field, text}; the error summary links each to its field.
          env.addFilter('errorList', (errors: { field: string; text: string }[] | undefined) =>
            (errors ?? []).map((error) => ({ text: error.text, href: `#${error.field}` })),
          );
          env.addFilter(
            'fieldError',
            (errors: { field: string; text: string }[] | undefined, field: string) => (errors ?? []).find((error) => error.field === field)?.text,
          );
          env.addFilter('eventTitle', (type: string) => EVENT_TITLES[type] ?? type);
          env.addGlobal('serviceName', config.serviceName);
          env.addGlobal('councilName', config.councilName);
        },
      },
    });

    app.decorateReply('page', function page(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const nonce = (this as FastifyReply & { cspNonce?: { script?: string } }).cspNonce?.script ?? '';
      this.type('text/html; charset=utf-8');
      const actor = this.request.actor;
      return this.view(template, {
        cspNonce: nonce,
        csrfToken: typeof this.csrfToken === 'function' ? this.csrfToken() : '',
        actor,
        navigation: this.request.navigation ?? (actor ? staffNavigation(this.request.url, actor.roles) : []),
        currentPath: this.request.url,
        ...context,
      });
    });
  },
  { name: 'views' },
);
