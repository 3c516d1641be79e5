// What every page template receives about the request.
import Html from '@kitajs/html';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { langOf, type Lang, type Text } from '../platform/i18n.ts';

export type Area = 'resident' | 'staff' | 'admin';

export interface PageContext {
  lang: Lang;
  /** The current path with its query, for the language switch. */
  path: string;
  area: Area;
  /** The text in the page's language, as a plain string (for attributes, which are escaped). */
  t: (text: Text) => string;
  /** The text in the page's language, escaped, for element content. */
  h: (text: Text) => JSX.Element;
  /** The signed-in caller, when the route resolved one (routes with config.auth). */
  user: { kind: 'resident' | 'staff'; label: string } | null;
  /** The session's CSRF token: every state-changing form carries it as `_csrf`. */
  csrfToken: string | null;
}

export function pageContext(request: FastifyRequest, area: Area): PageContext {
  const lang = langOf(request.cookies ?? {});
  const p = request.principal;
  const user =
    p?.kind === 'staff'
      ? { kind: 'staff' as const, label: p.displayName }
      : p?.kind === 'resident'
        ? { kind: 'resident' as const, label: lang === 'ja' ? 'マイページ' : 'My page' }
        : null;
  return { lang, path: request.url, area, t: (text) => text[lang], h: (text) => Html.escapeHtml(text[lang]), user, csrfToken: request.csrfToken ?? null };
}

/** Sends a rendered page with its doctype. */
export async function sendPage(reply: FastifyReply, html: JSX.Element, status = 200): Promise<FastifyReply> {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${await html}`);
}
