// TEST ONLY — never configure these keys anywhere else. Fixed signing keys for the evidence log's
// tests, so that a test knows the verifier key of the checkpoints it gets without asking the app.
// Their private halves are published right here: a checkpoint signed with them proves nothing.
// (Seeds: SHA-256 of "kosodate-onestop evidence test key[ 2], never for production".)

/** The log's name in tests. */
export const TEST_ORIGIN = 'onestop.test/evidence';

/** The tests' current signing key (EVIDENCE_SIGNING_KEYS in buildTestApp). */
export const TEST_SIGNING_KEY = 'PRIVATE+KEY+onestop.test/evidence+ec679c08+AXJTArP3wb+h5Yljhp9JSR8/+BeH2c+KJ7TSopfq3AiF';
export const TEST_VERIFIER_KEY = 'onestop.test/evidence+ec679c08+AdWotaBbjuNCVRS2nsDle+ElBvbu2mDHFhQhdjaQkNEy';

/** A second key of the same log, for rotation with overlap. */
export const TEST_SIGNING_KEY_2 = 'PRIVATE+KEY+onestop.test/evidence+210eba91+Ac9g1eVtO8WKXxyUGzhMaryf1uE7TN//uOSAPcGXNaEQ';
export const TEST_VERIFIER_KEY_2 = 'onestop.test/evidence+210eba91+AZbclannug0canx2AbRWyCLyc8IPmQpf1bMwwVy8JwqO';
