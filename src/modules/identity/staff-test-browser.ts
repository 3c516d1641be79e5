// Test helper: a browser-like client over app.inject with a cookie jar, form posts and a fixed
// client address (so rate limits and allow-lists see one caller per test).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { hashPassword } from './passwords.ts';
import { insertStaff } from './repository/staff.ts';

let addressCounter = 0;
let staffCounter = 0;

export class TestBrowser {
  readonly cookies = new Map<string, string>();
  readonly address: string;

  constructor(
    private readonly app: FastifyInstance,
    address?: string,
  ) {
    addressCounter += 1;
    this.address = address ?? `10.99.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
  }

  private keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(
      await this.app.inject({ method: 'GET', url, cookies: Object.fromEntries(this.cookies), headers: { accept: 'text/html' }, remoteAddress: this.address }),
    );
  }

  async post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        cookies: Object.fromEntries(this.cookies),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: body.toString(),
        remoteAddress: this.address,
      }),
    );
  }

  /** The `_csrf` value of the first form on a page. */
  static csrfOf(html: string): string {
    const match = /name="_csrf" value="([^"]*)"/.exec(html);
    if (!match?.[1]) throw new Error('no CSRF field on the page');
    return match[1];
  }

  /** Posts a form of the page at `pageUrl`, with its CSRF token. */
  async submit(pageUrl: string, action: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const page = await this.get(pageUrl);
    return this.post(action, { _csrf: TestBrowser.csrfOf(page.body), ...form });
  }

  async signIn(loginId: string, password: string, next?: string): Promise<LightMyRequestResponse> {
    return this.submit(next ? `/staff/login?next=${encodeURIComponent(next)}` : '/staff/login', '/staff/login', { loginId, password, ...(next ? { next } : {}) });
  }
}

const hashes = new Map<string, Promise<string>>();

/** A staff account with a known password, not signed in. */
export async function staffAccount(
  db: Db,
  options: { municipalityCode?: string | null; prefectureCode?: string | null; roles?: StaffRole[]; password?: string; mustChangePassword?: boolean; totpSecret?: string | null },
): Promise<{ id: string; loginId: string; password: string }> {
  const password = options.password ?? 'Sakura-Spring-2026';
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  const loginId = `t${process.pid}.${++staffCounter}.${Math.random().toString(36).slice(2, 7)}`;
  const roles = options.roles ?? ['viewer'];
  const national = roles.includes('national_admin');
  const prefecture = roles.includes('prefecture_viewer');
  const id = await insertStaff(db.kysely, {
    loginId,
    displayName: `試験 職員${staffCounter}`,
    municipalityCode: national || prefecture ? null : (options.municipalityCode ?? '131130'),
    prefectureCode: prefecture ? (options.prefectureCode ?? '13') : null,
    roles,
    passwordHash: await hashes.get(password)!,
    mustChangePassword: options.mustChangePassword ?? false,
    totpSecret: options.totpSecret ?? null,
    totpEnabledAt: options.totpSecret ? new Date() : null,
  });
  return { id, loginId, password };
}
