// The LGWAN-terminal rule: a municipality administrator lists the networks (CIDR blocks) its staff
// may use the console from; an empty list allows any network. Each entry is checked, the change is
// audited with before and after, and a list that would shut out the administrator's own current
// address is saved only when they confirm it.
import { isIPv4, isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { isIpAllowed } from './guard.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { findStaffIpAllowlist, setStaffIpAllowlist } from './repository/staff.ts';
import { field, invalidInput, staffForbidden } from './staff-errors.ts';

export const MAX_ALLOWLIST_ENTRIES = 100;

/** One entry per line (commas and spaces also separate); returns the normalised list or the problems. */
export function parseIpAllowlist(text: string): { entries: string[]; problems: FieldProblem[] } {
  const raw = text.split(/[\s,]+/).filter((s) => s !== '');
  const entries: string[] = [];
  const problems: FieldProblem[] = [];
  raw.forEach((entry, index) => {
    const [address = '', bits, extra] = entry.split('/');
    const version = isIPv4(address) ? 4 : isIPv6(address) ? 6 : 0;
    const max = version === 4 ? 32 : 128;
    const bitsOk = bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= max);
    if (version === 0 || !bitsOk || extra !== undefined) {
      problems.push(
        field(
          'allowlist',
          'cidr',
          `${index + 1}件目「${entry.slice(0, 60)}」は IP アドレスまたは CIDR（例: 10.20.0.0/16）として正しくありません`,
          `entry ${index + 1} “${entry.slice(0, 60)}” is not an IP address or CIDR block (e.g. 10.20.0.0/16)`,
        ),
      );
      return;
    }
    const normalised = bits === undefined ? address.toLowerCase() : `${address.toLowerCase()}/${Number(bits)}`;
    if (!entries.includes(normalised)) entries.push(normalised);
  });
  if (entries.length > MAX_ALLOWLIST_ENTRIES) {
    problems.push(field('allowlist', 'maxItems', `${MAX_ALLOWLIST_ENTRIES}件以内にしてください`, `at most ${MAX_ALLOWLIST_ENTRIES} entries`));
  }
  return { entries, problems };
}

export function wouldLockOut(ip: string, entries: readonly string[]): boolean {
  return entries.length > 0 && !isIpAllowed(ip, entries);
}

export function selfLockout(ip: string): AppError {
  return new AppError('identity.allowlist_self_lockout', 'conflict', `This list does not include your current address ${ip}: saving it would lock you out.`, {
    ja: `この一覧には現在の接続元アドレス ${ip} が含まれていません。保存すると、あなた自身がコンソールを使えなくなります。`,
    fields: [
      field(
        'confirmLockout',
        'confirm',
        `現在のアドレス ${ip} が含まれていません。このまま保存する場合は確認欄にチェックを入れてください`,
        `your current address ${ip} is not included; tick the confirmation to save anyway`,
      ),
    ],
  });
}

export async function findIpAllowlist(deps: { db: Db }, actor: StaffPrincipal): Promise<string[]> {
  const code = requireMunicipality(actor);
  return withScope(deps.db.kysely, { kind: 'municipality', municipalityCode: code }, async (trx) => (await findStaffIpAllowlist(trx, code)) ?? []);
}

function requireMunicipality(actor: StaffPrincipal): string {
  if (!actor.municipalityCode || !actor.roles.includes('municipality_admin')) {
    throw staffForbidden('Only a municipality administrator sets the network allow-list.', '接続元の制限は市区町村の管理者だけが設定できます。');
  }
  return actor.municipalityCode;
}

export async function setIpAllowlist(
  deps: { db: Db },
  request: FastifyRequest,
  input: { allowlist: string; confirmLockout: boolean },
): Promise<{ entries: string[]; changed: boolean }> {
  const actor = request.principal as StaffPrincipal;
  const code = requireMunicipality(actor);
  const { entries, problems } = parseIpAllowlist(input.allowlist);
  if (problems.length > 0) throw invalidInput(problems);
  if (wouldLockOut(request.ip, entries) && !input.confirmLockout) throw selfLockout(request.ip);
  return withScope(deps.db.kysely, { kind: 'municipality', municipalityCode: code }, async (trx) => {
    const before = await findStaffIpAllowlist(trx, code);
    if (before === undefined) {
      throw new AppError('identity.no_profile', 'conflict', 'This municipality has not joined the platform yet.', { ja: 'この市区町村はまだ参加登録されていません。' });
    }
    if (before.join('\n') === entries.join('\n')) return { entries, changed: false };
    await setStaffIpAllowlist(trx, code, entries);
    await recordAuditEvent(trx, request, {
      municipalityCode: code,
      action: 'staff.ip_allowlist_changed',
      target: code,
      details: { before, after: entries, selfLockoutConfirmed: wouldLockOut(request.ip, entries) },
    });
    return { entries, changed: true };
  });
}
