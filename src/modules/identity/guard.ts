// Access control for every route: each route says in its config which callers it serves
// (`config.auth`), and this hook resolves the caller, refuses the wrong ones, enforces the staff
// IP allow-list (the LGWAN-terminal rule) and checks the CSRF token of every state-changing
// request that a browser session makes. Routes without `config.auth` are public and cost nothing.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../platform/db/index.ts';
import type { SessionStage, StaffRole } from '../../platform/db/tables.ts';
import { AppError } from '../../platform/errors.ts';
import { isIpAllowed } from '../../platform/http/networks.ts';
import { insertAuditEvent } from './repository/audit.ts';
import { findClientCredentials, markClientUsed } from './repository/api-clients.ts';
import { findLiveSession, revokeSession, touchSession, type SessionWithSubject } from './repository/sessions.ts';
import type { Principal, StaffPrincipal, SystemPrincipal } from './principal.ts';
import { hashToken, isCsrfTokenValid, csrfTokenFor, sessionTokenOf, SESSION_IDLE_SECONDS, SESSION_TOUCH_SECONDS } from './sessions.ts';

export interface AuthRequirement {
  /** Residents signed in with their card. */
  resident?: boolean;
  /** Staff; by default only sessions past password change and second factor, with any role. */
  staff?: boolean | { roles?: StaffRole[]; stages?: SessionStage[] };
  /** Existing municipal systems by API client; the listed scopes are all required. */
  system?: boolean | { scopes?: string[] };
  /** Resolve the caller when there is one, refuse nobody (pages that greet a signed-in user). */
  optional?: boolean;
  /** For pages: where to send a browser that is not signed in (401 otherwise). */
  loginPage?: string;
}

/** A route that serves signed-in callers, as registered (for the tenancy coverage test). */
export interface ProtectedRoute {
  method: string;
  url: string;
  auth: AuthRequirement;
}

declare module 'fastify' {
  interface FastifyInstance {
    protectedRoutes: ProtectedRoute[];
  }
  interface FastifyContextConfig {
    auth?: AuthRequirement;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The session's CSRF token, for forms; null without a browser session. */
    csrfToken: string | null;
  }
}

export { isIpAllowed };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function unauthenticated(): AppError {
  return new AppError('identity.unauthenticated', 'unauthenticated', 'Sign in to continue.', { ja: 'ログインしてください。' });
}

function forbidden(code: 'forbidden' | 'ip_not_allowed' | 'session_incomplete' | 'role_required' | 'csrf', en: string, ja: string): AppError {
  return new AppError(`identity.${code}` as const, 'forbidden', en, { ja });
}

interface Resolved {
  principal: Principal | null;
  session?: SessionWithSubject;
  /** Why a presented credential was not accepted (for the message), if one was presented. */
  refused?: AppError;
}

async function resolveSystem(db: Db, header: string, now: Date): Promise<Resolved> {
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const refused = new AppError('identity.bad_client_credentials', 'unauthenticated', 'The API client credentials are not valid.', {
    ja: 'APIクライアントの認証情報が正しくありません。',
  });
  if (colon <= 0) return { principal: null, refused };
  const clientId = decoded.slice(0, colon);
  const secretHash = createHash('sha256').update(decoded.slice(colon + 1)).digest();
  const rows = await findClientCredentials(db.kysely, clientId, now);
  const match = rows.find((r) => {
    const stored = Buffer.from(r.secretHash, 'hex');
    return stored.length === secretHash.length && timingSafeEqual(stored, secretHash);
  });
  if (!match || match.disabledAt) return { principal: null, refused };
  if (!match.secretLastUsedAt || now.getTime() - match.secretLastUsedAt.getTime() > SESSION_TOUCH_SECONDS * 1000) {
    await markClientUsed(db.kysely, match.apiClientId, match.secretId, now);
  }
  const principal: SystemPrincipal = {
    kind: 'system',
    apiClientId: match.apiClientId,
    clientId: match.clientId,
    name: match.name,
    municipalityCode: match.municipalityCode,
    scopes: match.scopes,
  };
  return { principal };
}

async function resolveSession(db: Db, token: string, now: Date): Promise<Resolved> {
  const idHash = hashToken(token);
  const session = await findLiveSession(db.kysely, idHash, now);
  if (!session) return { principal: null };
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_IDLE_SECONDS * 1000) {
    await revokeSession(db.kysely, idHash, now);
    return {
      principal: null,
      refused: new AppError('identity.session_expired', 'unauthenticated', 'Your session ended after 30 minutes without activity. Sign in again.', {
        ja: '30分間操作がなかったため、ログインの有効期限が切れました。もう一度ログインしてください。',
      }),
    };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_TOUCH_SECONDS * 1000) await touchSession(db.kysely, idHash, now);
  if (session.residentId) {
    const { residentCertificateIssuer: issuer, residentCertificateSerial: serialNumber } = session;
    const loginCertificate = issuer && serialNumber ? { issuer, serialNumber } : null;
    return { session, principal: { kind: 'resident', residentId: session.residentId, sessionId: idHash, homeMunicipalityCode: session.residentHome, loginCertificate } };
  }
  if (!session.staffId || session.staffDisabledAt) return { principal: null };
  const principal: StaffPrincipal = {
    kind: 'staff',
    staffId: session.staffId,
    sessionId: idHash,
    loginId: session.loginId!,
    displayName: session.displayName!,
    roles: session.roles ?? [],
    municipalityCode: session.municipalityCode,
    prefectureCode: session.prefectureCode,
    stage: session.stage,
  };
  return { session, principal };
}

export interface GuardOptions {
  db: Db;
  /** Cookies are Secure (and __Host-) when the public address is https. */
  secureCookies: boolean;
}

/** Where an incomplete staff session must go next. */
export const STAGE_PAGE: Record<Exclude<SessionStage, 'active'>, string> = {
  password_change: '/staff/password',
  totp: '/staff/login/totp',
  totp_enroll: '/staff/totp',
};

function wantsPage(request: FastifyRequest): boolean {
  return request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
}

async function enforce(request: FastifyRequest, reply: FastifyReply, auth: AuthRequirement, resolved: Resolved, db: Db): Promise<void> {
  const p = resolved.principal;
  if (!p) {
    if (auth.optional) return;
    if (auth.loginPage && wantsPage(request)) {
      return reply.redirect(`${auth.loginPage}?next=${encodeURIComponent(request.url)}`, 303) as unknown as void;
    }
    throw resolved.refused ?? unauthenticated();
  }
  if (p.kind === 'resident') {
    if (!auth.resident && !auth.optional) throw forbidden('forbidden', 'This is not available to residents.', 'この操作は住民の方は利用できません。');
    return;
  }
  if (p.kind === 'system') {
    if (!auth.system) {
      if (auth.optional) return;
      throw forbidden('forbidden', 'This is not available to API clients.', 'この操作はAPIクライアントからは利用できません。');
    }
    const needed = typeof auth.system === 'object' ? (auth.system.scopes ?? []) : [];
    const missing = needed.filter((s) => !p.scopes.includes(s));
    if (missing.length > 0) {
      throw new AppError('identity.scope_required', 'forbidden', `This API client lacks the scope ${missing.join(', ')}.`, {
        ja: `このAPIクライアントには権限（${missing.join(', ')}）がありません。`,
        extra: { missingScopes: missing },
      });
    }
    return;
  }
  // Staff.
  if (resolved.session?.ipAllowlist && resolved.session.ipAllowlist.length > 0 && !isIpAllowed(request.ip, resolved.session.ipAllowlist)) {
    await insertAuditEvent(db.kysely, {
      municipalityCode: p.municipalityCode,
      actorKind: 'staff',
      actorId: p.staffId,
      actorLabel: p.loginId,
      action: 'staff.ip_refused',
      outcome: 'failure',
      target: request.routeOptions.url ?? null,
      requestId: request.id,
      ip: request.ip,
    });
    throw forbidden('ip_not_allowed', 'Your municipality allows the console only from its registered networks.', 'この市区町村では、登録されたネットワーク（LGWAN 端末など）からのみ利用できます。');
  }
  if (!auth.staff) {
    if (auth.optional) return;
    throw forbidden('forbidden', 'This is not available to staff accounts.', 'この操作は職員アカウントでは利用できません。');
  }
  const rule = typeof auth.staff === 'object' ? auth.staff : {};
  const stages = rule.stages ?? ['active'];
  if (!stages.includes(p.stage)) {
    if (p.stage !== 'active' && wantsPage(request)) return reply.redirect(STAGE_PAGE[p.stage], 303) as unknown as void;
    throw forbidden('session_incomplete', 'Finish signing in first (password change or second factor).', 'ログイン手続（パスワード変更・確認コード）を完了してください。');
  }
  if (rule.roles && !rule.roles.some((r) => p.roles.includes(r))) {
    throw forbidden('role_required', 'Your role does not allow this.', 'この操作を行う権限がありません。');
  }
}

export const identityGuard = fp<GuardOptions>(
  async (app: FastifyInstance, { db, secureCookies }) => {
    app.decorateRequest('principal', null);
    app.decorateRequest('csrfToken', null);
    const routes: ProtectedRoute[] = [];
    app.decorate('protectedRoutes', routes);
    app.addHook('onRoute', (route) => {
      const auth = route.config?.auth;
      if (!auth) return;
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, auth });
    });
    app.addHook('preValidation', async (request, reply) => {
      const auth = request.routeOptions.config?.auth;
      if (!auth) return;
      const now = new Date();
      const authorization = request.headers.authorization;
      let resolved: Resolved = { principal: null };
      if (authorization?.startsWith('Basic ')) {
        resolved = await resolveSystem(db, authorization, now);
        // A presented but wrong credential is refused outright, never treated as anonymous.
        if (!resolved.principal) throw resolved.refused ?? unauthenticated();
      } else {
        const token = sessionTokenOf(request, secureCookies);
        if (token) resolved = await resolveSession(db, token, now);
      }
      request.principal = resolved.principal;
      if (resolved.session) request.csrfToken = csrfTokenFor(resolved.session.csrfSecret);
      await enforce(request, reply, auth, resolved, db);
      if (reply.sent) return;
      // Browser sessions must prove a state-changing request comes from our own page.
      if (resolved.session && !SAFE_METHODS.has(request.method)) {
        const body = request.body as Record<string, unknown> | undefined;
        const given = request.headers['x-csrf-token'] ?? body?._csrf;
        if (!isCsrfTokenValid(resolved.session.csrfSecret, given)) {
          throw forbidden('csrf', 'The form has expired or did not come from this site. Reload the page and try again.', 'フォームの有効期限が切れたか、このサイトからの送信ではありません。ページを再読み込みしてもう一度お試しください。');
        }
      }
    });
  },
  { name: 'identity-guard' },
);
