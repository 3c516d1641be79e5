// An administrator issues a personal staff account: login ID, name, roles and a random initial
// password, shown once and to be changed at first sign-in. Municipality administrators issue
// accounts of their own municipality; national administrators issue national administrators,
// prefecture viewers and municipality administrators.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { generateInitialPassword, hashPassword } from './passwords.ts';
import { MUNICIPAL_ROLES, type StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { insertStaff } from './repository/staff.ts';
import { inStaffScope, isMunicipalAdmin } from './staff-access.ts';
import { field, invalidInput } from './staff-errors.ts';

export const LOGIN_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export type AccountKind = 'municipality' | 'prefecture' | 'national';

export interface IssueStaffInput {
  loginId: string;
  displayName: string;
  roles: StaffRole[];
  /** National administrators only: which kind of account, and where it belongs. */
  kind?: AccountKind;
  municipalityCode?: string;
  prefectureCode?: string;
}

export interface IssuedStaff {
  id: string;
  loginId: string;
  initialPassword: string;
}

const ALL_ROLES = new Set<string>([...MUNICIPAL_ROLES, 'national_admin', 'prefecture_viewer']);

/** Form values to roles: unknown values are dropped, duplicates removed. */
export function rolesFromForm(value: unknown): StaffRole[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(values.map(String).filter((v) => ALL_ROLES.has(v)))] as StaffRole[];
}

export function displayNameProblem(name: string): FieldProblem | null {
  if (name === '') return field('displayName', 'required', '氏名を入力してください', 'enter the name');
  if (name.length > 100) return field('displayName', 'maxLength', '氏名は100文字以内にしてください', 'the name must be at most 100 characters');
  return null;
}

function databaseCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export async function issueStaffAccount(deps: { db: Db }, request: FastifyRequest, input: IssueStaffInput): Promise<IssuedStaff> {
  const actor = request.principal as StaffPrincipal;
  const loginId = input.loginId.trim().toLowerCase();
  const displayName = input.displayName.trim();
  const problems: FieldProblem[] = [];
  if (!LOGIN_ID_PATTERN.test(loginId)) {
    problems.push(field('loginId', 'pattern', 'ログインIDは英小文字・数字・「.」「_」「-」の3〜64文字で、英小文字か数字で始めてください', 'use 3–64 lower-case letters, digits, “.”, “_” or “-”, starting with a letter or digit'));
  }
  const nameProblem = displayNameProblem(displayName);
  if (nameProblem) problems.push(nameProblem);

  let home: { municipalityCode: string | null; prefectureCode: string | null };
  let roles: StaffRole[];
  if (isMunicipalAdmin(actor)) {
    home = { municipalityCode: actor.municipalityCode, prefectureCode: null };
    roles = input.roles.filter((r) => MUNICIPAL_ROLES.includes(r));
  } else {
    const kind = input.kind ?? 'municipality';
    if (kind === 'national') {
      home = { municipalityCode: null, prefectureCode: null };
      roles = ['national_admin'];
    } else if (kind === 'prefecture') {
      const code = (input.prefectureCode ?? '').trim();
      if (!/^[0-9]{2}$/.test(code)) problems.push(field('prefectureCode', 'pattern', '都道府県コードは2桁の数字です', 'the prefecture code is two digits'));
      home = { municipalityCode: null, prefectureCode: code };
      roles = ['prefecture_viewer'];
    } else {
      const code = (input.municipalityCode ?? '').trim();
      if (!/^[0-9]{6}$/.test(code)) problems.push(field('municipalityCode', 'pattern', '地方公共団体コードは6桁の数字です', 'the local government code is six digits'));
      home = { municipalityCode: code, prefectureCode: null };
      // National administrators issue a municipality's administrator, who then issues the rest.
      roles = ['municipality_admin', ...input.roles.filter((r) => MUNICIPAL_ROLES.includes(r) && r !== 'municipality_admin')];
    }
  }
  if (roles.length === 0) problems.push(field('roles', 'required', '役割を1つ以上選んでください', 'choose at least one role'));
  if (problems.length > 0) throw invalidInput(problems);

  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  try {
    const id = await inStaffScope(deps.db, actor, home.municipalityCode, async (trx) => {
      const id = await insertStaff(trx, { loginId, displayName, ...home, roles, passwordHash, mustChangePassword: true });
      await recordAuditEvent(trx, request, {
        municipalityCode: home.municipalityCode,
        action: 'staff.account_issued',
        target: id,
        details: { loginId, roles, prefectureCode: home.prefectureCode },
      });
      return id;
    });
    return { id, loginId, initialPassword };
  } catch (error) {
    if (databaseCode(error) === '23505') throw invalidInput([field('loginId', 'unique', 'このログインIDはすでに使われています', 'this login ID is already in use')]);
    if (databaseCode(error) === '23503') {
      throw invalidInput([
        home.prefectureCode
          ? field('prefectureCode', 'exists', 'この都道府県コードはありません', 'there is no prefecture with this code')
          : field('municipalityCode', 'exists', 'この地方公共団体コードはありません', 'there is no municipality with this code'),
      ]);
    }
    throw error;
  }
}
