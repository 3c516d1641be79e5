// The verifier of application signatures: the signatures module's validation engine (a pool of
// worker threads) over the signature-certificate trust anchors and their current CRL, kept fresh so
// a revocation takes effect within `refreshMs`. In this product the anchors are the test PKI's
// signature CA (as JPKI's 署名用 CA); what arrives on the application is always verified here.
import { availableParallelism } from 'node:os';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import {
  createDbTestPkiStore,
  createSignatureVerifier,
  ensureTestAuthority,
  publishTestCrl,
  type SignatureVerifier,
  type SubIndication,
  type ValidationReport,
} from '../signatures/index.ts';

export interface ApplicationVerifier {
  verify(input: { content: Uint8Array; signature: Uint8Array; validationTime?: Date; proofOfExistence?: Date | null }): Promise<ValidationReport>;
  close(): Promise<void>;
}

export interface DbVerifierOptions {
  /** Worker threads (0: in-process). Default: available cores, at most 4. */
  workers?: number;
  /** How long a fetched CRL is used before asking the store again (default 1 s). */
  refreshMs?: number;
}

export function createDbApplicationVerifier(db: Db, options: DbVerifierOptions = {}): ApplicationVerifier {
  const store = createDbTestPkiStore(db);
  const refreshMs = options.refreshMs ?? 1000;
  let state: Promise<{ verifier: SignatureVerifier; anchor: Buffer; crl: Buffer; at: number }> | null = null;

  async function build() {
    const authority = await ensureTestAuthority({ store, purpose: 'signature' });
    const crl = await publishTestCrl({ store, purpose: 'signature' });
    const verifier = createSignatureVerifier({
      purpose: 'signature',
      trustAnchors: [authority.certificate],
      crls: [crl],
      workers: options.workers ?? Math.min(4, availableParallelism()),
    });
    return { verifier, anchor: Buffer.from(authority.certificate), crl: Buffer.from(crl), at: Date.now() };
  }

  async function current() {
    state ??= build().catch((error: unknown) => {
      state = null;
      throw error;
    });
    const s = await state;
    if (Date.now() - s.at >= refreshMs) {
      s.at = Date.now();
      const crl = Buffer.from(await publishTestCrl({ store, purpose: 'signature' }));
      if (!crl.equals(s.crl)) {
        s.crl = crl;
        s.verifier.setCrls([crl]);
      }
    }
    return s;
  }

  return {
    async verify(input) {
      const { verifier } = await current();
      return verifier.verify(input);
    },
    async close() {
      const s = state;
      state = null;
      if (s) await (await s.catch(() => null))?.verifier.close();
    },
  };
}

/**
 * What arrival does with a report (R1, §3.6): TOTAL_PASSED is recorded; INDETERMINATE because the
 * revocation status could not be had just now (TRY_LATER) is recorded, flagged and re-verified by a
 * job; anything else — a proven failure, or a doubt no later check can remove (no path to the
 * trust anchors, a wrong kind of certificate) — is refused and nothing is written.
 */
export function arrivalDecision(report: ValidationReport): 'accept' | 'flag' | 'refuse' {
  if (report.indication === 'TOTAL_PASSED') return 'accept';
  if (report.indication === 'INDETERMINATE' && report.subIndication === 'TRY_LATER') return 'flag';
  return 'refuse';
}

const REASONS: Partial<Record<SubIndication, { en: string; ja: string }>> = {
  HASH_FAILURE: {
    en: 'The signature does not match this application: the answers or attachments changed after signing. Check the application and sign it again.',
    ja: '電子署名がこの申請の内容と一致しません。署名の後に入力内容または添付ファイルが変更されました。内容を確認して、もう一度署名してください。',
  },
  SIG_CRYPTO_FAILURE: {
    en: 'The signature is not valid for the certificate it came with. Sign again with your My Number Card.',
    ja: '電子署名が電子証明書と一致しません。マイナンバーカードでもう一度署名してください。',
  },
  FORMAT_FAILURE: {
    en: 'The signature could not be read. Sign again with your My Number Card.',
    ja: '電子署名を読み取れませんでした。マイナンバーカードでもう一度署名してください。',
  },
  REVOKED: {
    en: "Your card's signature certificate has been revoked, so the application cannot be accepted. Have the certificate reissued at your municipality's counter.",
    ja: 'マイナンバーカードの署名用電子証明書が失効しているため、申請を受け付けられません。市区町村の窓口で電子証明書の再発行の手続をしてください。',
  },
  EXPIRED: {
    en: "Your card's signature certificate has expired. Renew it at your municipality's counter, then apply again.",
    ja: 'マイナンバーカードの署名用電子証明書の有効期限が切れています。市区町村の窓口で更新してから、もう一度申請してください。',
  },
  NOT_YET_VALID: {
    en: "Your card's signature certificate is not valid yet. Try again later.",
    ja: 'マイナンバーカードの署名用電子証明書はまだ有効ではありません。時間をおいてお試しください。',
  },
};

const NOT_A_SIGNATURE_CERTIFICATE = {
  en: 'This signature was not made with the signature certificate (署名用電子証明書) of a My Number Card, so the application cannot be accepted.',
  ja: 'マイナンバーカードの署名用電子証明書による電子署名ではないため、申請を受け付けられません。',
};

/** The refusal of a signature at arrival: why, in Japanese and English. */
export function signatureRefused(report: Pick<ValidationReport, 'indication' | 'subIndication'>): AppError {
  const reason = (report.subIndication && REASONS[report.subIndication]) || NOT_A_SIGNATURE_CERTIFICATE;
  return new AppError('applications.signature_invalid', 'unprocessable', reason.en, {
    ja: reason.ja,
    extra: { indication: report.indication, subIndication: report.subIndication },
  });
}
