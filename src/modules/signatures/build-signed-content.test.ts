// R4: the signed bytes are canonical JSON that carry each attachment's SHA-256.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSignedContent, findUncoveredAttachments } from './build-signed-content.ts';

describe('buildSignedContent', () => {
  const attachments = [{ name: 'receipt.pdf', mediaType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.7') }];

  it('is RFC 8785 canonical: key order and spacing do not depend on the input', () => {
    const a = buildSignedContent({ application: { b: 1, a: { d: 'ｶﾅ', c: 1.0 } }, attachments });
    const b = buildSignedContent({ application: { a: { c: 1, d: 'ｶﾅ' }, b: 1 }, attachments });
    assert.deepEqual(a, b);
    assert.match(new TextDecoder().decode(a), /^\{"a":\{"c":1,"d":"ｶﾅ"\},"attachments":\[\{"mediaType":"application\/pdf","name":"receipt.pdf","sha256":"[0-9a-f]{64}","size":8\}\],"b":1\}$/);
  });

  it('finds attachments that the signature does not cover', () => {
    const content = buildSignedContent({ application: { form: 'x' }, attachments });
    assert.deepEqual(findUncoveredAttachments(content, attachments), []);
    const changed = [{ ...attachments[0]!, bytes: new TextEncoder().encode('%PDF-1.8') }];
    assert.deepEqual(findUncoveredAttachments(content, changed), ['receipt.pdf']);
    assert.deepEqual(findUncoveredAttachments(content, []), ['receipt.pdf']);
  });
});
