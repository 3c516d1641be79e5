// What the resident signs for one draft: the application document (form data, service, form version,
// destination and the SHA-256 of every attachment, R4) and, given the signer certificate, the signed
// attributes and DigestInfo a card signs. The same draft gives the same document until it changes.
import type { Db } from '../../platform/db/index.ts';
import type { FormsPort } from './forms.ts';
import { prepareDraft } from './prepare-draft.ts';
import { prepareToBeSigned } from './signature-input.ts';

export interface SigningPayload {
  /** The exact bytes the signature must cover (RFC 8785 JSON). */
  content: Uint8Array;
  contentSha256: string;
  digestAlgorithm: 'sha256';
  /** The draft version this payload was made from: any later save changes the content. */
  draftVersion: number;
  /** With a certificate: what the card signs (its DigestInfo) and the attributes to send back. */
  toBeSigned: { signedAttributes: Uint8Array; digestInfo: Uint8Array } | null;
  originalsToBring: string[];
}

export async function getSigningPayload(
  deps: { db: Db; forms?: FormsPort },
  input: { residentId: string; draftId: string; certificate?: Uint8Array | null },
): Promise<SigningPayload> {
  const prepared = await prepareDraft(deps, input.residentId, input.draftId);
  return {
    content: prepared.content,
    contentSha256: prepared.contentSha256,
    digestAlgorithm: 'sha256',
    draftVersion: prepared.draftVersion,
    toBeSigned: input.certificate ? prepareToBeSigned(prepared.content, input.certificate) : null,
    originalsToBring: prepared.check.originalsToBring,
  };
}
