// Error codes of the identity module (staff sign-in and management have theirs in staff-errors.ts).
import { AppError } from '../../platform/errors.ts';

export function residentNotFound(field: string): AppError {
  return new AppError('identity.resident_not_found', 'not_found', 'There is no resident account with this id.', {
    ja: 'この ID の利用者アカウントはありません。',
    fields: [{ field, rule: 'exists', message: { en: 'no such resident account', ja: '利用者アカウントがありません' } }],
  });
}

export function proxyInvalid(field: string, en: string, ja: string): AppError {
  return new AppError('identity.proxy_invalid', 'bad_request', en, { ja, fields: [{ field, rule: 'proxy', message: { en, ja } }] });
}
