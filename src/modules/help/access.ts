// Who works the help desks and keeps the FAQ. Municipal staff (any role) work their municipality's
// inquiries; national administrators the national helpdesk's. Municipal administrators keep their
// municipality's FAQ entries; national administrators the national FAQ.
import type { FastifyRequest } from 'fastify';
import type { StaffRole } from '../../platform/db/tables.ts';
import { MUNICIPAL_ROLES, municipalityOfStaff, type StaffPrincipal } from '../identity/index.ts';
import type { FaqEditor } from './faq.ts';
import type { DeskActor } from './inquiries.ts';

export const DESK_ROLES: StaffRole[] = [...MUNICIPAL_ROLES, 'national_admin'];
export const EDITOR_ROLES: StaffRole[] = ['municipality_admin', 'national_admin'];

function isNational(p: StaffPrincipal): boolean {
  return p.municipalityCode === null && p.roles.includes('national_admin');
}

export function deskActorOf(request: FastifyRequest): DeskActor {
  const p = request.principal as StaffPrincipal;
  // An account of neither a municipality nor the national side is refused by identity, with its own code.
  return { desk: isNational(p) ? null : municipalityOfStaff(p), staffId: p.staffId };
}

export function editorOf(request: FastifyRequest): FaqEditor {
  const p = request.principal as StaffPrincipal;
  if (isNational(p)) return { kind: 'national', label: p.loginId };
  return { kind: 'municipality', municipalityCode: municipalityOfStaff(p), label: p.loginId };
}
