import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BundleFormatError, MAX_BUNDLE_BYTES, parseBundle } from './bundle.ts';
import { bundleCases } from './test-bundles.ts';

const valid = bundleCases()[0]!.bundle as Record<string, unknown>;

test('a bundle file parses from its text or its bytes', () => {
  assert.deepEqual(parseBundle(JSON.stringify(valid)), valid);
  assert.deepEqual(parseBundle(Buffer.from(JSON.stringify(valid, null, 2))), valid);
});

test('what is not a bundle is refused with a reason a person can act on', () => {
  const refused = (input: string | Uint8Array, reason: RegExp) =>
    assert.throws(() => parseBundle(input), (e: unknown) => e instanceof BundleFormatError && reason.test(e.message));
  refused('{', /not JSON/);
  refused(Buffer.from([0x7b, 0xff, 0x7d]), /not UTF-8/);
  refused(' '.repeat(MAX_BUNDLE_BYTES + 1), /larger than/);
  refused('[]', /not a JSON object/);
  refused(JSON.stringify({ ...valid, format: 'x' }), /"format" must be "kosodate-onestop\/evidence-bundle\/v1"/);
  refused(JSON.stringify({ ...valid, leafIndex: 1.5 }), /at \/leafIndex/);
  refused(JSON.stringify({ ...valid, treeSize: 0 }), /at \/treeSize/);
  refused(JSON.stringify({ ...valid, inclusionProof: ['AAAA'] }), /at \/inclusionProof\/0/);
  refused(JSON.stringify({ ...valid, inclusionProof: Array(65).fill(valid.inclusionProof && (valid.inclusionProof as string[])[0]) }), /inclusionProof/);
  refused(JSON.stringify({ ...valid, checkpoint: undefined }), /checkpoint/);
  refused(JSON.stringify({ ...valid, more: 1 }), /unknown members: "more"/);
});
