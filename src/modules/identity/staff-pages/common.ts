// What the staff pages share: reading a posted text, the local path to go on to after a step, the
// signed-in staff member, and re-rendering a form with the error its use case raised.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import type { SessionStage } from '../../../platform/db/tables.ts';
import { isAppError, type AppError } from '../../../platform/errors.ts';
import { safeLocalPath } from '../../../web/assets/local-path.js';
import { sendPage } from '../../../web/page.ts';
import { STAGE_PAGE } from '../guard.ts';
import type { StaffPrincipal } from '../principal.ts';
import { STAFF_ADMIN_ROLES } from '../staff-access.ts';

export interface StaffPagesDeps {
  db: Db;
  secureCookies: boolean;
}

export type Form = Record<string, unknown>;

export function text(body: unknown, name: string, max = 1000): string {
  const value = (body as Form | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

export function nextOf(value: unknown): string {
  return safeLocalPath(value, '/staff');
}

/** Where a session at `stage` goes next, keeping where the person was heading. */
export function afterStage(stage: SessionStage, next: string): string {
  return stage === 'active' ? next : `${STAGE_PAGE[stage]}?next=${encodeURIComponent(next)}`;
}

export function staffOf(request: FastifyRequest): StaffPrincipal {
  return request.principal as StaffPrincipal;
}

/** Runs a form's use case; an AppError re-renders the form with it. */
export async function orRerender(reply: FastifyReply, act: () => Promise<FastifyReply>, render: (error: AppError) => JSX.Element): Promise<FastifyReply> {
  try {
    return await act();
  } catch (error) {
    if (!isAppError(error) || error.kind === 'not_found' || error.kind === 'forbidden') throw error;
    return sendPage(reply, render(error), error.status);
  }
}

export const MANAGERS = { staff: { roles: [...STAFF_ADMIN_ROLES] }, loginPage: '/staff/login' };
