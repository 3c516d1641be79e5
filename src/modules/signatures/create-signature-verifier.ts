// The verifier other modules use: validation of signatures of one purpose, run in a pool of worker
// threads so one heavy verification never stalls requests (issue 3 §7). Each worker keeps its parsed
// anchors and CRLs; setCrls sends changed CRLs to all of them. With workers: 0 it runs in-process
// (CLI, tests, a transport-based OCSP responder, which cannot cross threads).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createTrustContext, type TrustContextOptions } from './trust-context.ts';
import { validateSignature } from './validate-signature.ts';
import type { ValidationReport } from './validation-report.ts';
import type { WorkerRequest } from './verify-worker.ts';

export interface VerifyInput {
  content: Uint8Array;
  signature: Uint8Array;
  validationTime?: Date;
  /** Trusted time the signature existed (the application's arrival, R1). */
  proofOfExistence?: Date | null;
}

export interface SignatureVerifier {
  verify(input: VerifyInput): Promise<ValidationReport>;
  /** New CRLs (e.g. fetched after nextUpdate); workers re-parse only bytes they have not seen. */
  setCrls(crls: Uint8Array[]): void;
  close(): Promise<void>;
}

export interface SignatureVerifierOptions extends TrustContextOptions {
  /** Worker threads; 0 runs in-process. Default: available cores, at most 4. */
  workers?: number;
}

const WORKER_URL = new URL('./verify-worker.js', import.meta.url);

export function createSignatureVerifier(options: SignatureVerifierOptions): SignatureVerifier {
  const count = options.workers ?? Math.min(4, availableParallelism());
  if (count === 0 || options.ocsp?.transport) {
    const context = createTrustContext(options);
    return {
      verify: (input) => validateSignature({ ...input, context }),
      setCrls: (crls) => context.setCrls(crls),
      close: async () => {},
    };
  }
  return createPool(options, count);
}

interface Pending {
  resolve: (report: ValidationReport) => void;
  reject: (error: Error) => void;
}

function createPool(options: SignatureVerifierOptions, count: number): SignatureVerifier {
  const { workers: _ignored, ...contextOptions } = options;
  const workerData: TrustContextOptions = {
    ...contextOptions,
    ...(options.ocsp ? { ocsp: { ...(options.ocsp.url ? { url: options.ocsp.url } : {}), ...(options.ocsp.timeoutMs ? { timeoutMs: options.ocsp.timeoutMs } : {}) } } : {}),
  };
  const pending = new Map<number, Pending>();
  const load: number[] = [];
  const owner = new Map<number, number>();
  let nextId = 1;
  let closed = false;
  const workers = Array.from({ length: count }, (_, index) => {
    load.push(0);
    // execArgv: [] — the loader in verify-worker.js registers TypeScript itself, and an inherited
    // `--import tsx` would register it twice.
    const worker = new Worker(WORKER_URL, { workerData, execArgv: [] });
    worker.on('message', (message: { id?: number; report?: ValidationReport; error?: string; ready?: boolean }) => {
      if (message.id === undefined) return;
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      owner.delete(message.id);
      load[index]!--;
      if (message.report) waiting.resolve(message.report);
      else waiting.reject(new Error(message.error ?? 'verification failed'));
    });
    worker.on('error', (error) => failAll(index, error));
    worker.on('exit', (code) => {
      if (!closed) failAll(index, new Error(`verification worker exited with code ${code}`));
    });
    worker.unref();
    return worker;
  });

  function failAll(index: number, error: Error): void {
    for (const [id, w] of owner) {
      if (w !== index) continue;
      pending.get(id)?.reject(error);
      pending.delete(id);
      owner.delete(id);
    }
    load[index] = 0;
  }

  return {
    verify(input) {
      if (closed) return Promise.reject(new Error('verifier closed'));
      let best = 0;
      for (let i = 1; i < count; i++) if (load[i]! < load[best]!) best = i;
      const id = nextId++;
      load[best]!++;
      owner.set(id, best);
      const message: WorkerRequest = {
        type: 'verify',
        id,
        content: input.content,
        signature: input.signature,
        validationTime: input.validationTime?.getTime() ?? null,
        proofOfExistence: input.proofOfExistence?.getTime() ?? null,
      };
      return new Promise<ValidationReport>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // While requests are in flight the pool keeps the process alive.
        workers[best]!.ref();
        workers[best]!.postMessage(message);
      }).finally(() => {
        if (load[best] === 0) workers[best]!.unref();
      });
    },
    setCrls(crls) {
      const message: WorkerRequest = { type: 'crls', crls };
      for (const worker of workers) worker.postMessage(message);
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
      for (const waiting of pending.values()) waiting.reject(new Error('verifier closed'));
      pending.clear();
    },
  };
}
