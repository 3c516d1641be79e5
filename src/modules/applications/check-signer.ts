// R17 (issue 11 point 7): a signed application comes from the signed-in resident's own card — its
// signature certificate linked, by the issuer's link service (J-LIS 紐付け), to the authentication
// certificate the account signs in with — or from a registered proxy. Asked after the signature is
// verified and before anything is written, so a refused signer leaves no trace. The account holder's
// own signature costs one lookup, which the test PKI's service answers from memory after the first
// time; proxies are read only when the signer is not the account holder.
import { listResidentProxies } from '../identity/index.ts';
import type { CertificateLinkService, ValidationReport } from '../signatures/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { signerCheckUnavailable, signerNotAccountHolder } from './errors.ts';
import type { SignedBy } from './tables.ts';

export interface CheckSignerInput {
  residentId: string;
  /** The account's login certificate (findDraftContext); null for an account that has not kept it yet. */
  loginCertificate: { issuer: string; serialNumber: string } | null;
  report: Pick<ValidationReport, 'signer'>;
}

async function lookUp(links: CertificateLinkService, query: Parameters<CertificateLinkService['lookUp']>[0]) {
  try {
    return await links.lookUp(query);
  } catch (error) {
    throw signerCheckUnavailable(error);
  }
}

export async function checkSigner(deps: { db: Db; certificateLinks: CertificateLinkService }, input: CheckSignerInput): Promise<SignedBy> {
  const signer = input.report.signer;
  // A verified signature always names its certificate; without one there is nothing to link.
  if (!signer) throw signerNotAccountHolder('unknown');
  const signatureCertificate = { issuer: signer.issuer, serialNumber: signer.serialNumber };
  let link: 'not_linked' | 'unknown' | 'no_login_certificate' = 'no_login_certificate';
  if (input.loginCertificate) {
    const answer = await lookUp(deps.certificateLinks, { signatureCertificate, authenticationCertificate: input.loginCertificate });
    if (answer.status === 'linked') return 'own';
    link = answer.status;
  }
  for (const proxy of await listResidentProxies(deps.db.kysely, input.residentId)) {
    if (proxy.proxySubject !== null && proxy.proxySubject === signer.subject) return 'proxy';
    if (proxy.proxyLoginIssuer !== null && proxy.proxyLoginSerial !== null) {
      const answer = await lookUp(deps.certificateLinks, { signatureCertificate, authenticationCertificate: { issuer: proxy.proxyLoginIssuer, serialNumber: proxy.proxyLoginSerial } });
      if (answer.status === 'linked') return 'proxy';
    }
  }
  throw signerNotAccountHolder(link);
}
