// The applications module (PRODUCT.md §3.4, R1, R3–R5): drafts kept on the server, attachments
// stored once by SHA-256, signed and simple submission with verification on arrival, legally timed
// arrival, idempotent retries, one-stop bundles, my applications, and the staff side's minimum over
// the status timeline. Other modules and the pages import only from here.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { CertificateLinkService } from '../signatures/index.ts';
import type { ApplicationsDeps, AttachmentLimits } from './deps.ts';
import { applicationRoutes } from './routes.ts';
import { createDbApplicationVerifier, type ApplicationVerifier } from './signature-verifier.ts';
import { staffApplicationRoutes } from './staff-routes.ts';
import { registerApplicationPages, registerBundlePages } from './pages/index.ts';

export interface ApplicationsModuleOptions {
  db: Db;
  jobs: JobQueue;
  /** Default: the signature CA of the platform's PKI with its current CRL, in a worker pool. */
  verifier?: ApplicationVerifier;
  /** The link between a card's two certificates (R17); the app chooses it by CERTIFICATE_LINKS. */
  certificateLinks: CertificateLinkService;
  limits?: Partial<AttachmentLimits>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The applications module's dependencies, for the resident pages. */
    applications: ApplicationsDeps;
  }
}

/** Registered with fastify-plugin so `app.applications` reaches plugins registered after it (the pages). */
export const applicationsModule = fp<ApplicationsModuleOptions>(async (app: FastifyInstance, options) => {
  const verifier = options.verifier ?? createDbApplicationVerifier(options.db);
  if (!options.verifier) app.addHook('onClose', async () => verifier.close());
  const deps: ApplicationsDeps = { db: options.db, jobs: options.jobs, verifier, certificateLinks: options.certificateLinks, ...(options.limits ? { limits: options.limits } : {}) };
  app.decorate('applications', deps);
  await app.register(applicationRoutes, { deps });
  await app.register(staffApplicationRoutes, { deps });
  await app.register(async (pages) => {
    registerApplicationPages(pages, deps);
    registerBundlePages(pages, deps);
  });
}, { name: 'applications' });

export type { ApplicationsDeps, AttachmentLimits } from './deps.ts';
export { DEFAULT_ATTACHMENT_LIMITS } from './deps.ts';
export type { ApplicationsTables, ApplicationStatus, ApplicationMethod, SignatureIndication, SignedBy } from './tables.ts';
// Drafts
export { startDraft } from './start-draft.ts';
export { getDraft, listMyDrafts, type DraftView, type DraftListItem, type DraftAttachmentView } from './get-draft.ts';
export { saveDraft, type SaveDraftInput } from './save-draft.ts';
export { discardDraft } from './discard-draft.ts';
export { uploadAttachment, type UploadAttachmentInput } from './upload-attachment.ts';
export { removeAttachment } from './remove-attachment.ts';
export { checkAttachments, type AttachmentCheck } from './service-rules.ts';
// Signing and submitting
export { getSigningPayload, type SigningPayload } from './get-signing-payload.ts';
export { submitApplication, type SubmitApplicationInput, type SubmitResult } from './submit-application.ts';
export { getBundleSigningPayload, submitBundle, MAX_BUNDLE_SIZE, type BundleSigningPayload, type BundleResult } from './submit-bundle.ts';
export { listBundleCandidates, startBundle, type BundleCandidate } from './start-bundle.ts';
export { getBundle, getSentBundle, type BundleView, type BundleDraft } from './get-bundle.ts';
export { saveSharedAnswers } from './save-shared-answers.ts';
export { loadKnownData } from './load-known-data.ts';
export type { SignatureInput } from './signature-input.ts';
export { createDbApplicationVerifier, arrivalDecision, type ApplicationVerifier } from './signature-verifier.ts';
export { buildApplicationDocument, buildBundleDocument } from './signed-content.ts';
export { detectMediaType } from './detect-media-type.ts';
export { normalizeReference } from './reference-number.ts';
// My applications
export { listMyApplications, getMyApplication, readMyAttachment } from './my-applications.ts';
export { withdrawApplication } from './withdraw-application.ts';
export { replyToRequest, type ReplyInput } from './reply-to-request.ts';
export type { ApplicationReceipt, ApplicationDetail, TimelineEntry, AttachmentView } from './present.ts';
// Staff
export { listApplicationsForStaff, getApplicationForStaff, changeApplicationStatus, readAttachmentForStaff, ALLOWED_FROM, type StaffDecision, type StaffActor } from './handle-application.ts';
// Jobs
export { reverifySignatureJob, reverifySignature, REVERIFY_JOB_NAME } from './jobs/reverify-signature.ts';
export { collectBlobsJob, collectBlobs, COLLECT_BLOBS_JOB_NAME } from './jobs/collect-blobs.ts';
