// `npm run bench -- signature [seconds]`: full verifications per second (parse, chain, revocation,
// digest, RSA) through the worker pool on every core, against bare crypto.verify RSA-2048 on the same
// number of threads, measured in the same run. Goal (issue 3): ≥ 3,000/s on 2 cores.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createTestPkiFixture } from '../src/modules/signatures/test-fixtures.ts';
import { createSignatureVerifier } from '../src/modules/signatures/index.ts';

const BARE = `
const { parentPort, workerData } = require('node:worker_threads');
const { generateKeyPairSync, sign, verify } = require('node:crypto');
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const data = Buffer.from('x'.repeat(300));
const signature = sign('sha256', data, privateKey);
const end = Date.now() + workerData.ms;
let n = 0;
while (Date.now() < end) { for (let i = 0; i < 100; i++) verify('sha256', data, publicKey, signature); n += 100; }
parentPort.postMessage(n);
`;

async function bareRsaPerSecond(threads: number, ms: number): Promise<number> {
  const counts = await Promise.all(
    Array.from({ length: threads }, () => new Promise<number>((resolve, reject) => {
      const worker = new Worker(BARE, { eval: true, workerData: { ms } });
      worker.once('message', resolve);
      worker.once('error', reject);
    })),
  );
  return counts.reduce((a, b) => a + b, 0) / (ms / 1000);
}

export default async function (args: string[]): Promise<void> {
  const seconds = Number(args[0] ?? 5);
  const threads = availableParallelism();
  const pki = await createTestPkiFixture();
  // Several signers and documents, so caches see realistic variety; every CMS is parsed each time.
  const cards = [pki.card, await pki.issueCard({ name: '試験　太郎', sex: 'male' }), await pki.issueCard({ name: '試験　次郎', sex: 'male' })];
  const samples: Array<{ content: Uint8Array; signature: Uint8Array }> = [];
  for (let i = 0; i < 30; i++) {
    const content = new TextEncoder().encode(JSON.stringify({ application: i, attachments: [{ sha256: 'ab'.repeat(32) }] }));
    samples.push({ content, signature: await pki.sign(content, { card: cards[i % cards.length]! }) });
  }
  const verifier = createSignatureVerifier({
    purpose: 'signature',
    trustAnchors: [pki.anchors.signature],
    crls: [await pki.crl('signature')],
    workers: threads,
  });
  // Warm up the workers (module load, caches).
  await Promise.all(samples.map((s) => verifier.verify(s)));
  const inFlight = 64 * threads;
  let done = 0;
  let failed = 0;
  const end = Date.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async (_, lane) => {
      let i = lane;
      while (Date.now() < end) {
        const report = await verifier.verify(samples[i++ % samples.length]!);
        if (report.indication !== 'TOTAL_PASSED') failed++;
        done++;
      }
    }),
  );
  const full = done / ((performance.now() - start) / 1000);
  await verifier.close();
  const bare = await bareRsaPerSecond(threads, Math.min(seconds, 3) * 1000);
  console.log(`signature verification on ${threads} worker thread(s), ${seconds}s`);
  console.log(`  full verifications/s : ${Math.round(full)}${failed ? ` (${failed} did not pass!)` : ''}`);
  console.log(`  bare RSA-2048 verify/s: ${Math.round(bare)} (crypto.verify on ${threads} thread(s))`);
  console.log(`  ratio full / bare     : ${(full / bare).toFixed(3)}`);
  console.log(`  goal ≥ 3000/s on 2 cores: ${full >= 3000 ? 'met' : 'NOT met'}`);
}
