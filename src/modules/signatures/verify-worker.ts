// A verification worker: keeps its own parsed trust material (TrustContext caches) and answers
// verification requests from the pool, so heavy verifications never run on the request event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { createTrustContext, type TrustContextOptions } from './trust-context.ts';
import { validateSignature } from './validate-signature.ts';

export type WorkerRequest =
  | { type: 'verify'; id: number; content: Uint8Array; signature: Uint8Array; validationTime: number | null; proofOfExistence: number | null }
  | { type: 'crls'; crls: Uint8Array[] };

const context = createTrustContext(workerData as TrustContextOptions);
const port = parentPort!;

port.on('message', (message: WorkerRequest) => {
  if (message.type === 'crls') {
    context.setCrls(message.crls);
    return;
  }
  validateSignature({
    content: message.content,
    signature: message.signature,
    context,
    ...(message.validationTime !== null ? { validationTime: new Date(message.validationTime) } : {}),
    proofOfExistence: message.proofOfExistence !== null ? new Date(message.proofOfExistence) : null,
  }).then(
    (report) => port.postMessage({ id: message.id, report }),
    (error: unknown) => port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
port.postMessage({ ready: true });
