// Residents' applications API under /api/v1/applications (§3.4): drafts, attachments, signing
// payload, submit (signed or simple), bundles, my applications, withdraw and reply. Every route is
// for a signed-in resident; cookie sessions must send the CSRF token on writes (guard).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../platform/errors.ts';
import { problemResponse } from '../../platform/http/schemas.ts';
import { currentVerifierKey, EvidenceBundleSchema } from '../evidence/index.ts';
import type { ResidentPrincipal } from '../identity/index.ts';
import { getMyArrivalBundle } from './arrival-evidence.ts';
import { limitsOf, type ApplicationsDeps } from './deps.ts';
import { badUpload, municipalityUnknown } from './errors.ts';
import { getBundle, type BundleView } from './get-bundle.ts';
import { saveSharedAnswers } from './save-shared-answers.ts';
import { listBundleCandidates, startBundle } from './start-bundle.ts';
import { getDraft, listMyDrafts } from './get-draft.ts';
import { bundleFilename } from './get-receipt-pdf.ts';
import { getSigningPayload } from './get-signing-payload.ts';
import { acceptBinaryMultipart, isMultipartBody } from './multipart.ts';
import { getMyApplication, listMyApplications, readMyAttachment } from './my-applications.ts';
import { removeAttachment } from './remove-attachment.ts';
import { replyToRequest } from './reply-to-request.ts';
import { saveDraft } from './save-draft.ts';
import * as S from './schemas.ts';
import type { SignatureInput } from './signature-input.ts';
import { startDraft } from './start-draft.ts';
import { submitApplication } from './submit-application.ts';
import { getBundleSigningPayload, submitBundle } from './submit-bundle.ts';
import { discardDraft } from './discard-draft.ts';
import { uploadAttachment } from './upload-attachment.ts';
import { withdrawApplication } from './withdraw-application.ts';

const tags = ['applications'];
const resident = { auth: { resident: true } };

function residentOf(request: FastifyRequest): string {
  return (request.principal as ResidentPrincipal).residentId;
}

function residentHomeOf(request: FastifyRequest): string {
  const home = (request.principal as ResidentPrincipal).homeMunicipalityCode;
  if (!home) throw municipalityUnknown();
  return home;
}

/** A bundle for API clients: the shared step as a layout (the format of /api/v1/forms). */
function bundleViewOf(bundle: BundleView) {
  return {
    bundleKey: bundle.bundleKey,
    drafts: bundle.drafts.map((d) => ({ draft: d.draft, errors: d.errors, ready: d.ready })),
    sharedForm: { layout: bundle.shared.definition.layout as unknown as { steps: Array<Record<string, unknown>> } },
    answers: bundle.answers,
    ready: bundle.ready,
  };
}

function decode(value: string, field: string): Uint8Array {
  const compact = value.replace(/\s/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new AppError('applications.bad_base64', 'bad_request', `${field} must be base64.`, {
      ja: `${field} は base64 で指定してください。`,
      fields: [{ field: `body/${field}`, rule: 'format', message: { en: 'must be base64', ja: 'base64 で指定してください' } }],
    });
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function signatureOf(body: { signature?: string; signedAttributes?: string; signatureValue?: string; certificate?: string }): SignatureInput | null {
  if (body.signature) return { cms: decode(body.signature, 'signature') };
  if (body.signedAttributes && body.signatureValue && body.certificate) {
    return { signedAttributes: decode(body.signedAttributes, 'signedAttributes'), signatureValue: decode(body.signatureValue, 'signatureValue'), certificate: decode(body.certificate, 'certificate') };
  }
  return null;
}

/** The Idempotency-Key header (API clients), or the form field (pages without JavaScript). */
function idempotencyKeyOf(request: FastifyRequest, body: { idempotencyKey?: string }): string | null {
  const header = request.headers['idempotency-key'];
  const key = (typeof header === 'string' ? header : undefined) ?? body.idempotencyKey;
  if (key === undefined) return null;
  if (key.length < 1 || key.length > 200) {
    throw new AppError('applications.bad_idempotency_key', 'bad_request', 'The Idempotency-Key must be 1 to 200 characters.', { ja: '再送用キーは1〜200文字で指定してください。' });
  }
  return key;
}

function sendResult(reply: FastifyReply, replayed: boolean) {
  if (replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(replayed ? 200 : 201);
}

/** An attachment as a download (never rendered inline: it came from a resident). */
export function sendFile(reply: FastifyReply, file: { name: string; mediaType: string; bytes: Uint8Array }) {
  return reply
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

export const applicationRoutes: FastifyPluginAsyncTypebox<{ deps: ApplicationsDeps }> = async (app, { deps }) => {
  const limits = limitsOf(deps);
  // One file per upload, plus the form's other fields.
  const uploadLimit = limits.maxBytes + 256 * 1024;
  acceptBinaryMultipart(app, uploadLimit);
  const errors = { 400: problemResponse, 401: problemResponse, 403: problemResponse, 404: problemResponse, 409: problemResponse, 422: problemResponse };

  // --- drafts -------------------------------------------------------------------------------------------
  app.post(
    '/api/v1/applications/drafts',
    { config: resident, schema: { tags, summary: 'Start a draft for a service (on the form version it uses now)', body: S.StartDraftBody, response: { 201: S.DraftSchema, ...errors } } },
    async (request, reply) => {
      const { serviceId, data, currentStep } = request.body;
      const draft = await startDraft(deps, { residentId: residentOf(request), serviceId, ...(data ? { data } : {}), ...(currentStep ? { currentStep } : {}) });
      return reply.status(201).send(draft);
    },
  );

  app.get(
    '/api/v1/applications/drafts',
    { config: resident, schema: { tags, summary: 'My drafts, last saved first (resumable on any device)', response: { 200: S.DraftListSchema, 401: problemResponse } } },
    async (request) => ({ items: await listMyDrafts(deps, { residentId: residentOf(request) }) }),
  );

  app.get(
    '/api/v1/applications/drafts/:draftId',
    { config: resident, schema: { tags, summary: 'A draft with its attachments, missing required ones and originals to bring', params: S.DraftParams, response: { 200: S.DraftSchema, ...errors } } },
    async (request) => getDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId }),
  );

  app.patch(
    '/api/v1/applications/drafts/:draftId',
    {
      config: resident,
      schema: {
        tags,
        summary: 'Save a draft (never refused for being incomplete); with validateStep, that step’s errors are returned',
        params: S.DraftParams,
        body: S.SaveDraftBody,
        response: { 200: S.SaveDraftResult, ...errors },
      },
    },
    async (request) => {
      const { data, currentStep, expectedVersion, validateStep } = request.body;
      return saveDraft(deps, {
        residentId: residentOf(request),
        draftId: request.params.draftId,
        ...(data !== undefined ? { data } : {}),
        ...(currentStep !== undefined ? { currentStep } : {}),
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        ...(validateStep !== undefined ? { validateStep } : {}),
      });
    },
  );

  app.delete(
    '/api/v1/applications/drafts/:draftId',
    { config: resident, schema: { tags, summary: 'Discard a draft', params: S.DraftParams, response: { 204: { type: 'null', description: 'discarded' }, ...errors } } },
    async (request, reply) => {
      await discardDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
      return reply.status(204).send(null);
    },
  );

  // --- attachments ----------------------------------------------------------------------------------------
  app.post(
    '/api/v1/applications/drafts/:draftId/attachments',
    {
      config: resident,
      bodyLimit: uploadLimit,
      schema: {
        tags,
        summary: 'Attach a document (multipart/form-data: part "file", optional "requirement" = the service attachment it satisfies)',
        description: `PDF, JPEG, PNG, HEIC or WebP, detected from the content; at most ${limits.maxBytes} bytes each and ${limits.maxCount} per draft. The same bytes are stored once (SHA-256).`,
        params: S.DraftParams,
        response: { 201: S.DraftAttachmentSchema, ...errors, 413: problemResponse, 415: problemResponse },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const file = isMultipartBody(body) ? body.files.find((f) => f.field === 'file') : undefined;
      if (!isMultipartBody(body) || !file) throw badUpload();
      const requirement = typeof body.requirement === 'string' ? body.requirement : null;
      const attachment = await uploadAttachment(deps, { residentId: residentOf(request), draftId: request.params.draftId, filename: file.filename, requirement, bytes: file.bytes });
      return reply.status(201).send(attachment);
    },
  );

  app.delete(
    '/api/v1/applications/drafts/:draftId/attachments/:attachmentId',
    { config: resident, schema: { tags, summary: 'Remove an attachment from a draft', params: S.DraftAttachmentParams, response: { 204: { type: 'null', description: 'removed' }, ...errors } } },
    async (request, reply) => {
      await removeAttachment(deps, { residentId: residentOf(request), draftId: request.params.draftId, attachmentId: request.params.attachmentId });
      return reply.status(204).send(null);
    },
  );

  // --- signing and submitting -----------------------------------------------------------------------------
  app.post(
    '/api/v1/applications/drafts/:draftId/signing-payload',
    {
      config: resident,
      schema: {
        tags,
        summary: 'What to sign: the application document (data, service, form version, attachment digests); with the certificate, the DigestInfo for the card',
        params: S.DraftParams,
        body: S.CertificateBody,
        response: { 200: S.SigningPayloadSchema, ...errors },
      },
    },
    async (request) => {
      const certificate = request.body.certificate ? decode(request.body.certificate, 'certificate') : null;
      const payload = await getSigningPayload(deps, { residentId: residentOf(request), draftId: request.params.draftId, certificate });
      return {
        ...payload,
        content: b64(payload.content),
        toBeSigned: payload.toBeSigned ? { signedAttributes: b64(payload.toBeSigned.signedAttributes), digestInfo: b64(payload.toBeSigned.digestInfo) } : null,
      };
    },
  );

  app.post(
    '/api/v1/applications/drafts/:draftId/submit',
    {
      config: resident,
      schema: {
        tags,
        summary: 'Submit: signed (CMS, or the card flow’s pieces) or simple where allowed (R3); 201 with the receipt, 200 with the same one on a retry',
        description:
          'The signature is verified on arrival: a failed one is refused (422 applications.signature_invalid, with the reason) and nothing is recorded; one whose revocation status cannot be checked now is accepted, flagged and re-verified later. ' +
          'Send an Idempotency-Key header (or the idempotencyKey field): a retry returns the same application (header idempotent-replayed: true).',
        params: S.DraftParams,
        body: S.SubmitBody,
        response: { 200: S.ReceiptSchema, 201: S.ReceiptSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await submitApplication(deps, {
        residentId: residentOf(request),
        draftId: request.params.draftId,
        method: request.body.method,
        signature: signatureOf(request.body),
        idempotencyKey: idempotencyKeyOf(request, request.body),
      });
      return sendResult(reply, result.replayed).send(result.application);
    },
  );

  app.post(
    '/api/v1/applications/bundles/signing-payload',
    {
      config: resident,
      schema: { tags, summary: 'One signing step for several drafts (a life event): the bundle document listing each application’s digest', body: S.BundlePayloadBody, response: { 200: S.BundlePayloadSchema, ...errors } },
    },
    async (request) => {
      const certificate = request.body.certificate ? decode(request.body.certificate, 'certificate') : null;
      const payload = await getBundleSigningPayload(deps, { residentId: residentOf(request), draftIds: request.body.draftIds, certificate });
      return {
        ...payload,
        content: b64(payload.content),
        toBeSigned: payload.toBeSigned ? { signedAttributes: b64(payload.toBeSigned.signedAttributes), digestInfo: b64(payload.toBeSigned.digestInfo) } : null,
      };
    },
  );

  app.post(
    '/api/v1/applications/bundles',
    {
      config: resident,
      schema: {
        tags,
        summary: 'Submit several drafts with one signature: each becomes its own application with its own reference and arrival time',
        body: S.BundleSubmitBody,
        response: { 200: S.BundleResultSchema, 201: S.BundleResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      const signature = signatureOf(request.body);
      if (!signature) throw new AppError('applications.signature_missing', 'bad_request', 'A bundle needs its signature.', { ja: 'まとめて申請するには電子署名が必要です。' });
      const result = await submitBundle(deps, { residentId: residentOf(request), draftIds: request.body.draftIds, signature, idempotencyKey: idempotencyKeyOf(request, request.body) });
      return sendResult(reply, result.replayed).send({ bundleId: result.bundleId, applications: result.applications });
    },
  );

  // --- one-stop bundles before signing --------------------------------------------------------------------
  app.get(
    '/api/v1/applications/bundles/candidates',
    {
      config: resident,
      schema: { tags, summary: 'Services a life event can bundle: online, with a form, offered to the municipality (default: the resident’s)', querystring: S.BundleCandidatesQuery, response: { 200: S.BundleCandidatesSchema, ...errors } },
    },
    async (request) => {
      const municipalityCode = request.query.municipality ?? (await residentHomeOf(request));
      return { items: await listBundleCandidates(deps, { municipalityCode, lifeEvent: request.query.lifeEvent }) };
    },
  );

  app.post(
    '/api/v1/applications/bundles/drafts',
    {
      config: resident,
      schema: { tags, summary: 'Start a one-stop bundle: one prefilled draft per service under one bundle key, all or none', body: S.StartBundleBody, response: { 201: S.StartBundleResult, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await startBundle(deps, { residentId: residentOf(request), serviceIds: request.body.serviceIds })),
  );

  app.get(
    '/api/v1/applications/bundles/drafts/:bundleKey',
    {
      config: resident,
      schema: { tags, summary: 'A bundle’s drafts not yet sent, what each still needs, and its shared answers step', params: S.BundleKeyParams, response: { 200: S.BundleViewSchema, ...errors } },
    },
    async (request) => bundleViewOf(await getBundle(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey })),
  );

  app.put(
    '/api/v1/applications/bundles/drafts/:bundleKey/shared',
    {
      config: resident,
      schema: {
        tags,
        summary: 'Save the shared answers once: each is written into every draft of the bundle at its own place',
        params: S.BundleKeyParams,
        body: S.SharedAnswersBody,
        response: { 200: S.SharedAnswersResult, ...errors },
      },
    },
    async (request) => saveSharedAnswers(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey, answers: request.body.answers, validate: true }),
  );

  // --- my applications ------------------------------------------------------------------------------------
  app.get(
    '/api/v1/applications',
    { config: resident, schema: { tags, summary: 'My applications, newest first, with receipts', querystring: S.ListQuery, response: { 200: S.ReceiptListSchema, 400: problemResponse, 401: problemResponse } } },
    async (request) => listMyApplications(deps, { residentId: residentOf(request), ...request.query }),
  );

  app.get(
    '/api/v1/applications/:id',
    { config: resident, schema: { tags, summary: 'One of my applications: receipt, data and status timeline', params: S.ApplicationParams, response: { 200: S.DetailSchema, ...errors } } },
    async (request) => getMyApplication(deps, { residentId: residentOf(request), applicationId: request.params.id }),
  );

  app.get(
    '/api/v1/applications/:id/attachments/:attachmentId',
    { config: resident, schema: { tags, summary: 'Download an attachment of one of my applications', params: S.ApplicationAttachmentParams, response: { 404: problemResponse } } },
    async (request, reply) => sendFile(reply, await readMyAttachment(deps, { residentId: residentOf(request), applicationId: request.params.id, attachmentId: request.params.attachmentId })),
  );

  app.get(
    '/api/v1/applications/:id/evidence',
    {
      config: resident,
      schema: {
        tags,
        summary: 'The proof bundle of my application’s arrival (issue #12): its fact, inclusion proof, signed checkpoint and the platform’s verifier key, as a download',
        description:
          'Verify it offline with `node tools/verify-evidence.mjs BUNDLE.json`, `onestop evidence verify BUNDLE.json` or any RFC 9162 / C2SP signed-note verifier (docs/evidence.md). ' +
          'For the second or so after arrival, before a signed checkpoint covers the fact, the answer is 409 evidence.pending with Retry-After.',
        params: S.ApplicationParams,
        response: { 200: EvidenceBundleSchema, ...errors },
      },
    },
    async (request, reply) => {
      try {
        const { reference, bundle } = await getMyArrivalBundle(deps, { residentId: residentOf(request), applicationId: request.params.id, verifierKey: currentVerifierKey(app.deps.evidenceKeys) });
        return reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${bundleFilename(reference)}"`)
          .header('cache-control', 'private, no-store')
          .send(bundle);
      } catch (error) {
        // The sequencer and the checkpointer run every second or so (EVIDENCE_CHECKPOINT_INTERVAL_MS).
        if (isAppError(error) && error.code === 'evidence.pending') reply.header('retry-after', '2');
        throw error;
      }
    },
  );

  app.post(
    '/api/v1/applications/:id/withdraw',
    { config: resident, schema: { tags, summary: 'Withdraw an application not yet decided on', params: S.ApplicationParams, body: S.WithdrawBody, response: { 200: S.DetailSchema, ...errors } } },
    async (request) => withdrawApplication(deps, { residentId: residentOf(request), applicationId: request.params.id, reason: request.body.reason ?? null }),
  );

  app.post(
    '/api/v1/applications/:id/replies',
    {
      config: resident,
      bodyLimit: uploadLimit,
      schema: {
        tags,
        summary: 'Answer a request for more information: a message, new data and/or documents (a new timeline event; the application never changes)',
        description: 'application/json { message, data }, or multipart/form-data with message, data (JSON text) and "file" parts.',
        params: S.ApplicationParams,
        response: { 200: S.DetailSchema, ...errors, 413: problemResponse, 415: problemResponse },
      },
    },
    async (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      let message = '';
      let data: Record<string, unknown> | null = null;
      let files: Array<{ filename: string; bytes: Uint8Array }> = [];
      if (isMultipartBody(body)) {
        message = typeof body.message === 'string' ? body.message : '';
        if (typeof body.data === 'string' && body.data.trim()) data = parseData(body.data);
        files = body.files.filter((f) => f.field === 'file').map((f) => ({ filename: f.filename, bytes: f.bytes }));
      } else if (body && typeof body === 'object') {
        message = typeof body.message === 'string' ? body.message : '';
        if (body.data && typeof body.data === 'object' && !Array.isArray(body.data)) data = body.data as Record<string, unknown>;
      }
      if (message.length > 4000) throw new AppError('applications.message_too_long', 'bad_request', 'The message can be at most 4,000 characters.', { ja: 'メッセージは4,000文字までです。' });
      return replyToRequest(deps, { residentId: residentOf(request), applicationId: request.params.id, message, data, files });
    },
  );
};

function parseData(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AppError('applications.bad_data', 'bad_request', 'data must be a JSON object.', { ja: 'data は JSON のオブジェクトで指定してください。' });
}
