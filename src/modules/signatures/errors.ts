// The signatures module's error codes. HTTP status comes from the kind (src/platform/errors.ts).
import { AppError, type ModuleErrorCodes } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status): one place (issue #11, point 13). */
export const errorCodes = {
  'signatures.bad_digest_info': 'bad_request',
  'signatures.bad_ocsp_request': 'bad_request',
  'signatures.bad_sign_request': 'bad_request',
  'signatures.card_not_found': 'not_found',
  'signatures.invalid_pin': 'bad_request',
  'signatures.login_failed': 'unauthenticated',
  'signatures.pin_incorrect': 'forbidden',
  'signatures.pin_locked': 'forbidden',
  'signatures.signature_mismatch': 'unprocessable',
  'signatures.unknown_purpose': 'bad_request',
} as const satisfies ModuleErrorCodes<'signatures'>;

// AppError takes these codes, each only with its kind: tsc refuses any other (platform/errors.ts).
type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}


export function pinLocked(purpose: string): AppError {
  return new AppError('signatures.pin_locked', 'forbidden', `The ${purpose} PIN is locked after too many wrong tries`, {
    ja: purpose === 'signature' ? '署名用電子証明書の暗証番号がロックされています' : '利用者証明用電子証明書の暗証番号がロックされています',
    extra: { purpose },
  });
}

export function pinIncorrect(purpose: string, retriesLeft: number): AppError {
  return new AppError('signatures.pin_incorrect', 'forbidden', `Wrong ${purpose} PIN; ${retriesLeft} tries left`, {
    ja: `暗証番号が違います（残り${retriesLeft}回）`,
    extra: { purpose, retriesLeft },
  });
}

export function invalidPin(purpose: string, rule: string): AppError {
  return new AppError('signatures.invalid_pin', 'bad_request', `The ${purpose} PIN must be ${rule}`, {
    ja: purpose === 'signature' ? '署名用暗証番号は英大文字と数字を組み合わせた6〜16文字です' : '利用者証明用暗証番号は数字4桁です',
    fields: [{ field: `${purpose}Pin`, rule: 'pattern', message: { en: `must be ${rule}`, ja: '形式が違います' } }],
  });
}

export function cardNotFound(): AppError {
  return new AppError('signatures.card_not_found', 'not_found', 'No such test card', { ja: 'テストカードが見つかりません' });
}

export function badDigestInfo(reason: string): AppError {
  return new AppError('signatures.bad_digest_info', 'bad_request', `The data to sign is not a DigestInfo: ${reason}`, {
    ja: '署名対象のデータ形式が正しくありません',
  });
}

export function signatureMismatch(): AppError {
  return new AppError('signatures.signature_mismatch', 'unprocessable', 'The signature value does not match the signer certificate and signed attributes', {
    ja: '署名値が電子証明書と一致しません',
  });
}

export function loginFailed(reason: string, subIndication?: string | null): AppError {
  return new AppError('signatures.login_failed', 'unauthenticated', `Login with the authentication certificate failed: ${reason}`, {
    ja: '利用者証明用電子証明書によるログインに失敗しました',
    extra: subIndication ? { subIndication } : {},
  });
}

export function badRequest(code: 'unknown_purpose' | 'bad_ocsp_request' | 'bad_sign_request', message: string, ja: string): AppError {
  return new AppError(`signatures.${code}` as const, 'bad_request', message, { ja });
}
