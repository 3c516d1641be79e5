// Errors of staff sign-in and staff management: one place for their codes and both languages.
import { AppError, type FieldProblem } from '../../platform/errors.ts';

/** Timestamps shown to staff: Japan time, minutes. */
export function formatJst(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The same answer for an unknown ID, a wrong password and a disabled account (no enumeration). */
export function loginFailed(): AppError {
  return new AppError('identity.login_failed', 'unauthenticated', 'The login ID or password is not correct.', {
    ja: 'ログインIDまたはパスワードが正しくありません。',
    fields: [{ field: 'password', rule: 'credentials', message: { ja: 'ログインIDまたはパスワードが正しくありません', en: 'the login ID or password is not correct' } }],
  });
}

export function accountLocked(until: Date): AppError {
  const at = formatJst(until);
  return new AppError('identity.account_locked', 'unauthenticated', `Too many failed attempts: the account is locked until ${at} (Japan time).`, {
    ja: `失敗が続いたため、このアカウントは ${at}（日本時間）までロックされています。`,
    fields: [{ field: 'password', rule: 'locked', message: { ja: `失敗が続いたため ${at}（日本時間）までロックされています`, en: `too many failed attempts: locked until ${at} (Japan time)` } }],
    extra: { lockedUntil: until.toISOString() },
  });
}

export function invalidInput(fields: FieldProblem[]): AppError {
  return new AppError('identity.invalid_input', 'bad_request', 'Some entries need correcting.', { ja: '入力内容を確認してください。', fields });
}

export function field(name: string, rule: string, ja: string, en: string): FieldProblem {
  return { field: name, rule, message: { ja, en } };
}

export function staffNotFound(): AppError {
  return new AppError('identity.staff_not_found', 'not_found', 'There is no such staff account.', { ja: 'この職員アカウントはありません。' });
}

export function staffForbidden(en: string, ja: string): AppError {
  return new AppError('identity.staff_forbidden', 'forbidden', en, { ja });
}
