// A member of staff changes their own password: forced after an initial or reset password, or by
// choice. The current password is checked, the new one follows the rule, and the person's other
// sessions end (whoever knew the old password is signed out). The session then moves on to the
// second factor, its enrolment, or the console.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { SessionStage } from '../../platform/db/tables.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { setSessionStage } from './repository/sessions.ts';
import { findStaffById, revokeStaffSessions, setStaffPassword } from './repository/staff.ts';
import { nextStaffStage } from './sign-in-staff.ts';
import { field, invalidInput, staffNotFound } from './staff-errors.ts';

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export async function changeStaffPassword(deps: { db: Db }, request: FastifyRequest, input: PasswordChangeInput): Promise<{ stage: SessionStage }> {
  const p = request.principal as StaffPrincipal;
  const row = await findStaffById(deps.db.kysely, p.staffId);
  if (!row) throw staffNotFound();
  const problems: FieldProblem[] = [];
  const currentOk = input.currentPassword !== '' && (await verifyPassword(input.currentPassword, row.password_hash));
  if (!currentOk) problems.push(field('currentPassword', 'credentials', '現在のパスワードが正しくありません', 'the current password is not correct'));
  const rule = passwordProblem(input.newPassword, row.login_id);
  if (rule) problems.push(field('newPassword', 'rule', `新しいパスワードは${rule.ja}`, `the new password ${rule.en}`));
  else if (input.newPassword === input.currentPassword) problems.push(field('newPassword', 'unchanged', '現在と違うパスワードにしてください', 'must differ from the current password'));
  if (input.newPassword !== input.confirmPassword) problems.push(field('confirmPassword', 'match', '確認用のパスワードが一致しません', 'the two new passwords do not match'));
  if (problems.length > 0) {
    if (!currentOk) {
      await recordAuditEvent(deps.db.kysely, request, { municipalityCode: row.municipality_code, action: 'staff.password_change_failed', outcome: 'failure', target: row.id });
    }
    throw invalidInput(problems);
  }
  const hash = await hashPassword(input.newPassword);
  const now = new Date();
  return deps.db.kysely.transaction().execute(async (trx) => {
    await setStaffPassword(trx, row.id, hash, false);
    const ended = await revokeStaffSessions(trx, row.id, now, p.sessionId);
    const stage = p.stage === 'password_change' ? nextStaffStage({ ...row, must_change_password: false }, 'password_change') : p.stage;
    if (stage !== p.stage) await setSessionStage(trx, p.sessionId, stage);
    await recordAuditEvent(trx, request, {
      municipalityCode: row.municipality_code,
      action: 'staff.password_changed',
      target: row.id,
      details: { forced: p.stage === 'password_change', otherSessionsEnded: ended },
    });
    return { stage };
  });
}
