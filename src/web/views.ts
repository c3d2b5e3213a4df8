import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { componentRenderer } from './component-cache.ts';
import { registerGovukMacros } from './govuk-macros.ts';
import { deadlineTag } from './deadline-tag.ts';
import { eventTitle } from '../domain/events/index.ts';
import { escapeHtml, trusted } from './govuk-markup.ts';
import { fileSize } from './file-size.ts';
import { chosenLanguage, LANGUAGE_COOKIE, loadCatalogue, type Catalogue } from './i18n.ts';
import { longDate, withLongDates } from './long-date.ts';
import { utf8Body } from './utf8-body.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VIEWS_DIR = join(root, 'src', 'views');
/** Each feature's page templates live beside its code: 'children/templates/child.njk'. */
export const FEATURES_DIR = join(root, 'src', 'features');
/** The languages the portal's family pages are offered in (src/web/i18n.ts). */
export const LOCALES_DIR = join(root, 'src', 'locales');
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
  interface FastifyInstance {
    /** The portal's languages and their words (src/web/i18n.ts). */
    catalogue: Catalogue;
  }
  interface FastifyRequest {
    /** Links for the service navigation; features add theirs as they learn who is signed in. */
    navigation?: NavigationLink[];
  }
}

/** The links of the service navigation, active where the page is under them. */
export function withActiveLink(links: readonly NavigationLink[], currentUrl: string): NavigationLink[] {
  return links.map((link) => ({ ...link, active: currentUrl === link.href || currentUrl.startsWith(`${link.href}/`) }));
}

// The sign-out form carries the session's CSRF token, which must not be part of a cached
// component's parameters: the navigation is rendered once per set of links with this stand-in,
// and the token is put in its place on each page.
const CSRF_STAND_IN = 'csrf-token-stand-in-7f3a9c';
const SIGN_OUT_SLOT = trusted(
  `<li class="govuk-service-navigation__item"><form method="post" action="/sign-out" class="app-sign-out"><input type="hidden" name="_csrf" value="${CSRF_STAND_IN}"><button type="submit" class="govuk-service-navigation__link app-link-button">Sign out</button></form></li>`,
);

export const viewsPlugin = fp(
  async (app: FastifyInstance, options: { config: Config; globals?: Record<string, unknown>; staffNavigation?: (roles: readonly string[]) => NavigationLink[] }) => {
    const { config } = options;
    const catalogue: Catalogue = loadCatalogue(LOCALES_DIR, FEATURES_DIR);
    const english = catalogue.translator('en');
    app.decorate('catalogue', catalogue);
    let govukComponent: ReturnType<typeof componentRenderer> | undefined;
    const serviceNavigation = (navigation: NavigationLink[], signedIn: boolean, csrfToken: string) => {
      const markup = govukComponent!('service-navigation', {
        serviceName: config.serviceName,
        serviceUrl: '/',
        navigation,
        ...(signedIn ? { slots: { navigationEnd: SIGN_OUT_SLOT } } : {}),
      });
      return trusted(signedIn ? markup.val.replace(CSRF_STAND_IN, escapeHtml(csrfToken)) : markup.val);
    };
    await app.register(fastifyView, {
      engine: { nunjucks },
      templates: [VIEWS_DIR, FEATURES_DIR, GOVUK_FRONTEND_DIR],
      // Templates are compiled once and cached: rendering is the hot path of every page.
      production: true,
      options: {
        autoescape: true,
        throwOnUndefined: false,
        trimBlocks: true,
        lstripBlocks: true,
        onConfigure(env: nunjucks.Environment) {
          registerGovukMacros(env);
          govukComponent = componentRenderer(env);
          env.addGlobal('govukComponent', govukComponent);
          env.addFilter('govukDate', longDate);
          // A deadline's basis names the days it counts from: in words, as the rest of the page.
          env.addFilter('longDates', withLongDates);
          env.addFilter('fileSize', fileSize);
          // Form errors are {field, text}; the error summary links each to its field.
          env.addFilter('errorList', (errors: { field: string; text: string }[] | undefined) =>
            (errors ?? []).map((error) => ({ text: error.text, href: `#${error.field}` })),
          );
          env.addFilter(
            'fieldError',
            (errors: { field: string; text: string }[] | undefined, field: string) => (errors ?? []).find((error) => error.field === field)?.text,
          );
          env.addGlobal('deadlineTag', deadlineTag);
          env.addFilter('eventTitle', eventTitle);
          // Pages rendered outside reply.page (errors) are in English.
          env.addGlobal('t', english);
          env.addGlobal('serviceName', config.serviceName);
          env.addGlobal('councilName', config.councilName);
          for (const [name, value] of Object.entries(options.globals ?? {})) env.addGlobal(name, value);
        },
      },
    });

    app.decorateReply('page', function page(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const nonce = this.cspNonce?.script ?? '';
      this.type('text/html; charset=utf-8');
      const actor = this.request.actor;
      const csrfToken = typeof this.csrfToken === 'function' ? this.csrfToken() : '';
      // Portal pages speak the language the person chose; staff pages are in English.
      const portalPage = this.request.routeOptions?.config?.portal === true;
      const language = portalPage ? chosenLanguage(catalogue, this.request.cookies?.[LANGUAGE_COOKIE]) : catalogue.language('en');
      const navigation = this.request.navigation ?? (actor && options.staffNavigation ? withActiveLink(options.staffNavigation(actor.roles), this.request.url) : []);
      // Rendered, then sent as UTF-8 bytes rather than as a string (see utf8Body).
      this.viewAsync(template, {
        cspNonce: nonce,
        csrfToken,
        actor,
        // On a portal page, the person signed in to the portal (never a staff actor there).
        portalActor: this.request.portalActor,
        navigation,
        serviceNavigation: serviceNavigation(navigation, actor?.kind === 'user', csrfToken),
        currentPath: this.request.url,
        language,
        languages: portalPage ? catalogue.languages : [],
        t: portalPage ? catalogue.translator(language.code) : english,
        ...context,
      }).then(
        (html) => this.send(utf8Body(html)),
        (error: unknown) => this.send(error),
      );
      return this;
    });
  },
  { name: 'views' },
);
