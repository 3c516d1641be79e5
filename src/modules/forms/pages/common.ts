// What the form builder's registrars share: who may use the builder, and for which municipality.
import type { FastifyRequest } from 'fastify';
import type { StaffRole } from '../../../platform/db/tables.ts';
import { AppError } from '../../../platform/errors.ts';
import type { StaffPrincipal } from '../../identity/index.ts';
import type { FormWriter } from '../save-form.ts';

const EDITOR_ROLES: StaffRole[] = ['service_editor', 'municipality_admin'];

export const config = { auth: { staff: { roles: EDITOR_ROLES }, loginPage: '/staff/login' } };

export function writerOf(request: FastifyRequest): FormWriter & { kind: 'municipality' } {
  const p = request.principal as StaffPrincipal;
  if (!p.municipalityCode) throw new AppError('identity.role_required', 'forbidden', 'Your account belongs to no municipality.', { ja: 'このアカウントは市区町村に属していません。' });
  return { kind: 'municipality', municipalityCode: p.municipalityCode, label: p.loginId };
}
