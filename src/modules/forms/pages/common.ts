// What the form builder's registrars share: who may use the builder, and for which municipality.
import type { FastifyRequest } from 'fastify';
import type { StaffRole } from '../../../platform/db/tables.ts';
import { municipalityOfStaff, type StaffPrincipal } from '../../identity/index.ts';
import type { FormWriter } from '../save-form.ts';

const EDITOR_ROLES: StaffRole[] = ['service_editor', 'municipality_admin'];

export const config = { auth: { staff: { roles: EDITOR_ROLES }, loginPage: '/staff/login' } };

export function writerOf(request: FastifyRequest): FormWriter & { kind: 'municipality' } {
  const p = request.principal as StaffPrincipal;
  // An account without a municipality is refused by identity, with its own code (issue #11, point 13).
  return { kind: 'municipality', municipalityCode: municipalityOfStaff(p), label: p.loginId };
}
