// Card login, step two (§3.1): the signed challenge is verified (certificate chain, validity and
// revocation), the certificate's account is found — or opened at the first login, which creates the
// resident's folder — and a new session starts (a new id at every login; any session the browser
// still presented ends). A refused card gets a message saying why and what to do. The audit log gets
// the resident id only: no name, no certificate data (§3.1, no My Number anywhere).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { createDbLoginChallengeStore, verifyLoginResponse } from '../signatures/index.ts';
import { authenticationContext } from './authentication-trust.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { ensureNationalAgencyCodes } from './national-agency-codes.ts';
import { findOrCreateResident, markResidentLogin } from './repository/residents.ts';
import { revokeSession } from './repository/sessions.ts';
import { hashToken, sessionTokenOf, setSessionCookie, startSession } from './sessions.ts';

export interface ResidentLoginInput {
  nonce: string;
  /** base64 DER of the authentication certificate. */
  certificate: string;
  /** base64 signature over the challenge's DigestInfo. */
  signature: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decode(value: string, field: string): Uint8Array {
  const compact = value.replace(/\s/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new AppError('identity.invalid_login', 'bad_request', `${field} must be base64.`, {
      ja: `${field} は base64 で指定してください。`,
      fields: [{ field: `body/${field}`, rule: 'format', message: { en: 'must be base64', ja: 'base64 で指定してください' } }],
    });
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** Why a card was refused, and what the resident can do about it. */
export function loginRefusal(subIndication: string | undefined): AppError {
  const extra = { subIndication: subIndication ?? null };
  switch (subIndication) {
    case 'REVOKED':
    case 'REVOKED_NO_POE':
      return new AppError(
        'identity.card_revoked',
        'unauthenticated',
        "This card's authentication certificate has been revoked, so it cannot be used to sign in. Ask your municipality's counter to have the certificate reissued.",
        { ja: 'このカードの利用者証明用電子証明書は失効しているため、ログインできません。お住まいの市区町村の窓口で電子証明書の再発行の手続をしてください。', extra },
      );
    case 'EXPIRED':
    case 'OUT_OF_BOUNDS_NO_POE':
      return new AppError(
        'identity.card_expired',
        'unauthenticated',
        "This card's authentication certificate has expired. Renew it at your municipality's counter, then sign in again.",
        { ja: 'このカードの利用者証明用電子証明書は有効期限が切れています。お住まいの市区町村の窓口で電子証明書の更新の手続をしてから、もう一度ログインしてください。', extra },
      );
    case 'NOT_YET_VALID':
      return new AppError('identity.card_not_yet_valid', 'unauthenticated', "This card's certificate is not valid yet. Try again later or ask your municipality's counter.", {
        ja: 'このカードの電子証明書はまだ有効になっていません。時間をおいてお試しいただくか、市区町村の窓口にお問い合わせください。',
        extra,
      });
    case 'TRY_LATER':
      return new AppError('identity.card_check_unavailable', 'unavailable', 'Whether the card is still valid could not be checked just now. Please try again in a little while.', {
        ja: 'カードの電子証明書が有効かどうかを、いま確認できませんでした。しばらくしてからもう一度お試しください。',
        extra,
      });
    case 'NO_CERTIFICATE_CHAIN_FOUND':
    case 'CHAIN_CONSTRAINTS_FAILURE':
    case 'NO_SIGNING_CERTIFICATE_FOUND':
      return new AppError(
        'identity.card_not_trusted',
        'unauthenticated',
        'This certificate cannot be used to sign in. Use the authentication certificate (利用者証明用電子証明書) of a My Number Card.',
        { ja: 'この電子証明書ではログインできません。マイナンバーカードの利用者証明用電子証明書をお使いください。', extra },
      );
    case undefined:
      return new AppError('identity.login_expired', 'unauthenticated', 'The sign-in took too long or was already used. Start again.', {
        ja: 'ログインの有効時間が過ぎたか、すでに使われています。最初からもう一度お試しください。',
        extra,
      });
    default:
      return new AppError('identity.card_signature_invalid', 'unauthenticated', 'The card’s signature could not be verified. Start again; if it keeps failing, ask your municipality’s counter.', {
        ja: 'カードの署名を確認できませんでした。最初からもう一度お試しください。繰り返し失敗する場合は、市区町村の窓口にお問い合わせください。',
        extra,
      });
  }
}

export async function signInResident(
  deps: { db: Db; audience: string; secureCookies: boolean },
  request: FastifyRequest,
  reply: FastifyReply,
  input: ResidentLoginInput,
): Promise<{ residentId: string; created: boolean }> {
  const certificateDer = decode(input.certificate, 'certificate');
  const signature = decode(input.signature, 'signature');
  const now = new Date();
  let certificate: { certificateId: string; issuer: string; serialNumber: string };
  try {
    const result = await verifyLoginResponse({
      store: createDbLoginChallengeStore(deps.db),
      context: await authenticationContext(deps.db),
      audience: deps.audience,
      nonce: input.nonce,
      certificate: certificateDer,
      signature,
      now,
    });
    // The account keeps the login certificate's issuer and serial: the link service is asked with
    // them whether a signature certificate is this card's (R17).
    const { certificateId, issuer, serialNumber } = result.identity;
    certificate = { certificateId, issuer, serialNumber };
  } catch (error) {
    if (!isAppError(error) || error.code !== 'signatures.login_failed') throw error;
    const subIndication = typeof error.extra.subIndication === 'string' ? error.extra.subIndication : undefined;
    const refusal = loginRefusal(subIndication);
    await recordAuditEvent(deps.db.kysely, request, {
      municipalityCode: null,
      actor: null,
      action: 'resident.login_failed',
      outcome: 'failure',
      details: { reason: refusal.code, subIndication: subIndication ?? null },
    });
    throw refusal;
  }
  const presented = sessionTokenOf(request, deps.secureCookies);
  const { resident, session } = await deps.db.kysely.transaction().execute(async (trx) => {
    const resident = await findOrCreateResident(trx, certificate);
    // Opening the account gives the resident a code at each national body (§3.1).
    if (resident.created) await ensureNationalAgencyCodes(trx, resident.id);
    await markResidentLogin(trx, resident.id, now);
    // A new session id at every login: a token planted before login (fixation) never becomes one.
    if (presented) await revokeSession(trx, hashToken(presented), now);
    const session = await startSession(trx, { residentId: resident.id }, 'active', now);
    await recordAuditEvent(trx, request, {
      municipalityCode: null,
      actor: { kind: 'resident', residentId: resident.id, sessionId: session.idHash, homeMunicipalityCode: null },
      action: 'resident.login',
      target: resident.id,
      details: { created: resident.created },
    });
    return { resident, session };
  });
  setSessionCookie(reply, session.token, session.expiresAt, deps.secureCookies);
  return { residentId: resident.id, created: resident.created };
}
