// What every use case of the module is given: one object, built once by the plugin (or a test).
import type { Db } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { CertificateLinkService } from '../signatures/index.ts';
import type { FormsPort } from './forms.ts';
import type { ApplicationVerifier } from './signature-verifier.ts';

export interface AttachmentLimits {
  /** Bytes per attachment. */
  maxBytes: number;
  /** Attachments per draft. */
  maxCount: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: 10 * 1024 * 1024, maxCount: 20 };

export interface ApplicationsDeps {
  db: Db;
  jobs: JobQueue;
  verifier: ApplicationVerifier;
  /** The issuer's link between a card's two certificates (R17): the test PKI's, or J-LIS's in its place. */
  certificateLinks: CertificateLinkService;
  /** The forms module (default); tests may pass another implementation of the same contract. */
  forms?: FormsPort;
  limits?: Partial<AttachmentLimits>;
}

export function limitsOf(deps: Pick<ApplicationsDeps, 'limits'>): AttachmentLimits {
  return { ...DEFAULT_ATTACHMENT_LIMITS, ...deps.limits };
}
