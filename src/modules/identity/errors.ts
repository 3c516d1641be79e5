// The identity module's error codes (stable; problem+json `code`). Staff errors are made in
// staff-errors.ts, the others where they are thrown; their codes and kinds are all here.
import { AppError, type ModuleErrorCodes } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status): one place (issue #11, point 13). */
export const errorCodes = {
  'identity.account_locked': 'unauthenticated',
  'identity.allowlist_self_lockout': 'conflict',
  'identity.api_client_disabled': 'conflict',
  'identity.api_client_not_found': 'not_found',
  'identity.bad_client_credentials': 'unauthenticated',
  'identity.bad_file': 'bad_request',
  'identity.bad_form': 'bad_request',
  'identity.card_check_unavailable': 'unavailable',
  'identity.card_expired': 'unauthenticated',
  'identity.card_not_trusted': 'unauthenticated',
  'identity.card_not_yet_valid': 'unauthenticated',
  'identity.card_revoked': 'unauthenticated',
  'identity.card_signature_invalid': 'unauthenticated',
  'identity.csrf': 'forbidden',
  'identity.forbidden': 'forbidden',
  'identity.invalid_agency_code': 'bad_request',
  'identity.invalid_api_client': 'bad_request',
  'identity.invalid_audit_filter': 'bad_request',
  'identity.invalid_input': 'bad_request',
  'identity.invalid_login': 'bad_request',
  'identity.invalid_overlap': 'bad_request',
  'identity.ip_not_allowed': 'forbidden',
  'identity.json_required': 'unsupported_media_type',
  'identity.login_expired': 'unauthenticated',
  'identity.login_failed': 'unauthenticated',
  'identity.municipality_not_participating': 'bad_request',
  'identity.municipality_only': 'forbidden',
  'identity.no_codes': 'bad_request',
  'identity.no_profile': 'conflict',
  'identity.proxy_invalid': 'bad_request',
  'identity.resident_not_found': 'not_found',
  'identity.role_required': 'forbidden',
  'identity.scope_required': 'forbidden',
  'identity.session_expired': 'unauthenticated',
  'identity.session_incomplete': 'forbidden',
  'identity.staff_forbidden': 'forbidden',
  'identity.staff_not_found': 'not_found',
  'identity.too_many_codes': 'bad_request',
  'identity.totp_not_enrolled': 'conflict',
  'identity.unauthenticated': 'unauthenticated',
  'identity.unknown_agency': 'bad_request',
} as const satisfies ModuleErrorCodes<'identity'>;

// AppError takes these codes, each only with its kind: tsc refuses any other (platform/errors.ts).
type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}

export function residentNotFound(field: string): AppError {
  return new AppError('identity.resident_not_found', 'not_found', 'There is no resident account with this id.', {
    ja: 'この ID の利用者アカウントはありません。',
    fields: [{ field, rule: 'exists', message: { en: 'no such resident account', ja: '利用者アカウントがありません' } }],
  });
}

export function proxyInvalid(field: string, en: string, ja: string): AppError {
  return new AppError('identity.proxy_invalid', 'bad_request', en, { ja, fields: [{ field, rule: 'proxy', message: { en, ja } }] });
}
