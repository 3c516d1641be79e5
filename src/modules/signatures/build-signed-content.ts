// The bytes a resident signs: the application as RFC 8785 canonical JSON, holding the SHA-256 of each
// attachment (R4: attachments are covered by the signature through their digests). These exact
// bytes are stored; verification hashes them, never a re-serialisation.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export interface AttachmentInput {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface AttachmentDigest {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export function digestAttachment(attachment: AttachmentInput): AttachmentDigest {
  return {
    name: attachment.name,
    mediaType: attachment.mediaType,
    size: attachment.bytes.byteLength,
    sha256: createHash('sha256').update(attachment.bytes).digest('hex'),
  };
}

export function buildSignedContent(options: { application: Record<string, unknown>; attachments?: AttachmentInput[] }): Uint8Array {
  if ('attachments' in options.application) throw new RangeError('the application must not carry its own "attachments" member');
  const document = { ...options.application, attachments: (options.attachments ?? []).map(digestAttachment) };
  const text = canonicalize(document);
  if (text === undefined) throw new RangeError('the application is not serialisable as JSON');
  return new TextEncoder().encode(text);
}

/**
 * Whether the signed content covers exactly these attachments (R4): same names, sizes and digests.
 * Returns the names of attachments that are missing, extra or changed.
 */
export function findUncoveredAttachments(content: Uint8Array, attachments: AttachmentInput[]): string[] {
  const parsed = JSON.parse(new TextDecoder().decode(content)) as { attachments?: AttachmentDigest[] };
  const signed = new Map((parsed.attachments ?? []).map((a) => [a.name, a]));
  const problems: string[] = [];
  for (const attachment of attachments) {
    const digest = digestAttachment(attachment);
    const expected = signed.get(attachment.name);
    if (!expected || expected.sha256 !== digest.sha256 || expected.size !== digest.size) problems.push(attachment.name);
    signed.delete(attachment.name);
  }
  return [...problems, ...signed.keys()];
}
