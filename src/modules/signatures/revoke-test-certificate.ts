// Revokes a test certificate and republishes the CRL at once, so CRL and OCSP agree.
import { publishTestCrl } from './publish-test-crl.ts';
import type { Purpose, RevocationReason, TestPkiStore } from './test-pki-store.ts';

export async function revokeTestCertificate(options: {
  store: TestPkiStore;
  purpose: Purpose;
  serial: string;
  reason: RevocationReason;
  at?: Date;
}): Promise<boolean> {
  const at = options.at ?? new Date();
  const changed = await options.store.revokeCertificate(options.purpose, options.serial.toLowerCase(), at, options.reason);
  if (changed) await publishTestCrl({ store: options.store, purpose: options.purpose, now: new Date(Math.max(at.getTime(), Date.now())), force: true });
  return changed;
}
