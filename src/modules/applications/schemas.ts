// Request and response schemas of the applications API (OpenAPI through TypeBox).
import { Type } from 'typebox';
import { LIFE_EVENTS } from '../catalogue/index.ts';

const Uuid = Type.String({ format: 'uuid' });
const Base64 = (description: string, maxLength = 200_000) => Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9+/\\s]*={0,2}\\s*$', description });
const DateTime = Type.String({ format: 'date-time' });
const Data = Type.Record(Type.String(), Type.Unknown(), { description: 'form data as the form version’s JSON Schema describes it' });
const Csrf = Type.Optional(Type.String({ maxLength: 200, description: 'CSRF token (HTML forms; JavaScript sends the x-csrf-token header)' }));
const IdempotencyKey = Type.Optional(
  Type.String({ minLength: 1, maxLength: 200, description: 'for forms without JavaScript; API clients send the Idempotency-Key header' }),
);

export const DraftParams = Type.Object({ draftId: Uuid });
export const DraftAttachmentParams = Type.Object({ draftId: Uuid, attachmentId: Uuid });
export const ApplicationParams = Type.Object({ id: Uuid });
export const ApplicationAttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid });

export const Requirement = Type.Object({
  name: Type.String(),
  required: Type.Boolean({ description: '必須' }),
  originalRequired: Type.Boolean({ description: '別途原本の提出が必要 (R5)' }),
  note: Type.Optional(Type.String()),
  attachmentIds: Type.Array(Type.String()),
});

export const AttachmentCheckSchema = Type.Object({
  missing: Type.Array(Type.String(), { description: 'required attachments not attached yet' }),
  originalsToBring: Type.Array(Type.String(), { description: 'originals to be submitted separately (R5)' }),
  requirements: Type.Array(Requirement),
});

export const DraftAttachmentSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  requirement: Type.Union([Type.String(), Type.Null()]),
  mediaType: Type.String({ description: 'detected from the content' }),
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: DateTime,
});

const ServiceRef = Type.Object({ id: Uuid, title: Type.String() });

export const DraftSchema = Type.Object({
  id: Uuid,
  service: ServiceRef,
  formVersionId: Type.String(),
  data: Data,
  currentStep: Type.Union([Type.String(), Type.Null()]),
  bundleKey: Type.Union([Type.String(), Type.Null()], { description: 'drafts started together for a life event (a one-stop bundle) share it' }),
  version: Type.Integer({ description: 'send back as expectedVersion to avoid overwriting a save from another device' }),
  createdAt: DateTime,
  updatedAt: DateTime,
  attachments: Type.Array(DraftAttachmentSchema),
  attachmentCheck: AttachmentCheckSchema,
  methods: Type.Array(Type.Union([Type.Literal('signed'), Type.Literal('simple')]), { description: 'how this service can be applied for (R3)' }),
});

export const DraftListSchema = Type.Object({
  items: Type.Array(
    Type.Object({ id: Uuid, service: ServiceRef, formVersionId: Type.String(), currentStep: Type.Union([Type.String(), Type.Null()]), version: Type.Integer(), createdAt: DateTime, updatedAt: DateTime }),
  ),
});

export const StartDraftBody = Type.Object(
  { serviceId: Uuid, data: Type.Optional(Data), currentStep: Type.Optional(Type.String({ maxLength: 100 })), _csrf: Csrf },
  { additionalProperties: false },
);

export const SaveDraftBody = Type.Object(
  {
    data: Type.Optional(Data),
    currentStep: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
    validateStep: Type.Optional(Type.String({ maxLength: 100, description: 'return the errors of this step' })),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

const FieldErrorSchema = Type.Object({ field: Type.String(), rule: Type.String(), message: Type.Object({ ja: Type.String(), en: Type.String() }) });

export const SaveDraftResult = Type.Object({ draft: DraftSchema, errors: Type.Array(FieldErrorSchema) });

export const CertificateBody = Type.Object(
  { certificate: Type.Optional(Base64('base64 DER of the signature certificate (署名用電子証明書): the answer then holds what the card signs', 20_000)), _csrf: Csrf },
  { additionalProperties: false },
);

const ToBeSigned = Type.Union([
  Type.Object({
    signedAttributes: Type.String({ description: 'base64 DER of the CAdES-BES signed attributes: send back with the signature value' }),
    digestInfo: Type.String({ description: 'base64 DER DigestInfo (SHA-256) for the card to sign' }),
  }),
  Type.Null(),
]);

export const SigningPayloadSchema = Type.Object({
  content: Type.String({ description: 'base64 of the exact bytes to sign: RFC 8785 JSON of the application with the attachment digests (R4)' }),
  contentSha256: Type.String(),
  digestAlgorithm: Type.Literal('sha256'),
  draftVersion: Type.Integer(),
  toBeSigned: ToBeSigned,
  originalsToBring: Type.Array(Type.String()),
});

const SignatureFields = {
  signature: Type.Optional(Base64('base64 DER of a detached CMS SignedData (CAdES-BES) over the content')),
  signedAttributes: Type.Optional(Base64('from the signing payload (card flow)', 20_000)),
  signatureValue: Type.Optional(Base64('the card’s signature of the DigestInfo (card flow)', 2_000)),
  certificate: Type.Optional(Base64('base64 DER of the signature certificate (card flow)', 20_000)),
};

export const SubmitBody = Type.Object(
  {
    method: Type.Union([Type.Literal('signed'), Type.Literal('simple')], { description: 'simple only where the service allows it (R3)' }),
    ...SignatureFields,
    idempotencyKey: IdempotencyKey,
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

export const AttachmentViewSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  requirement: Type.Union([Type.String(), Type.Null()]),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  originalRequired: Type.Boolean(),
});

const Status = Type.Union([
  Type.Literal('arrived'),
  Type.Literal('received'),
  Type.Literal('in_review'),
  Type.Literal('info_requested'),
  Type.Literal('accepted'),
  Type.Literal('rejected'),
  Type.Literal('withdrawn'),
]);

export const ReceiptSchema = Type.Object({
  id: Uuid,
  reference: Type.String({ description: 'reference number, e.g. 7KQM-3XWA-9ZP4' }),
  service: ServiceRef,
  municipalityCode: Type.String(),
  formVersionId: Type.String(),
  method: Type.Union([Type.Literal('signed'), Type.Literal('simple')]),
  status: Status,
  arrivedAt: Type.String({ format: 'date-time', description: 'R1: when the application was recorded; never changes' }),
  statusChangedAt: DateTime,
  signature: Type.Union([
    Type.Object({
      indication: Type.Union([Type.Literal('TOTAL_PASSED'), Type.Literal('TOTAL_FAILED'), Type.Literal('INDETERMINATE')]),
      checkedAt: Type.Union([DateTime, Type.Null()]),
      flagged: Type.Boolean({ description: 'not (yet) fully verified: re-verification pending or failed' }),
    }),
    Type.Null(),
  ]),
  bundleId: Type.Union([Uuid, Type.Null()]),
  contentSha256: Type.String(),
  attachments: Type.Array(AttachmentViewSchema),
  originalsToBring: Type.Array(Type.String(), { description: 'R5: bring or send these originals separately' }),
  canWithdraw: Type.Boolean(),
  canReply: Type.Boolean(),
  evidence: Type.Union(
    [
      Type.Object({
        fact: Type.String({ description: 'the arrival fact exactly as the evidence log holds it (RFC 8785 JSON; codes, ids and digests only, no personal data)' }),
        leafIndex: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'its leaf in the log; null for the second or so before the sequencer adds it' }),
        bundleUrl: Type.Union([Type.String(), Type.Null()], { description: 'the proof bundle (fact, inclusion proof, signed checkpoint, verifier key) once a checkpoint covers the leaf; null until then' }),
      }),
      Type.Null(),
    ],
    { description: 'issue #12: the arrival fact in the evidence log; null only for an application the log has no fact of' },
  ),
});

export const TimelineEntrySchema = Type.Object({
  at: DateTime,
  kind: Type.String(),
  status: Type.Union([Status, Type.Null()]),
  actor: Type.Union([Type.Literal('resident'), Type.Literal('municipality'), Type.Literal('platform')]),
  actorId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  message: Type.Union([Type.String(), Type.Null()]),
  data: Type.Union([Data, Type.Null()]),
  attachments: Type.Array(AttachmentViewSchema),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const DetailSchema = Type.Intersect([ReceiptSchema, Type.Object({ data: Data, timeline: Type.Array(TimelineEntrySchema) })]);

/** What staff see of an application: the detail, and who signed it beside whose account it is (R17). */
export const StaffDetailSchema = Type.Intersect([
  DetailSchema,
  Type.Object({
    signer: Type.Union([
      Type.Object({
        name: Type.Union([Type.String(), Type.Null()], { description: 'the name in the signature certificate (basic four items)' }),
        signedBy: Type.Union([Type.Literal('own'), Type.Literal('proxy'), Type.Null()], {
          description: "own: the account holder's card (linked to the login certificate); proxy: a registered proxy; null: arrived before signers were checked",
        }),
      }),
      Type.Null(),
    ], { description: 'null for a simple application' }),
    account: Type.Object({
      residentId: Type.String(),
      applicantName: Type.Union([Type.String(), Type.Null()], { description: "the applicant's name the account gave in the form" }),
    }),
  }),
]);

export const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const StaffListQuery = Type.Object(
  {
    status: Type.Optional(Status),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const ReceiptListSchema = Type.Object({ total: Type.Integer(), items: Type.Array(ReceiptSchema) });

export const WithdrawBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })), _csrf: Csrf }, { additionalProperties: false });

export const ReplyBody = Type.Object(
  { message: Type.Optional(Type.String({ maxLength: 4000 })), data: Type.Optional(Data), _csrf: Csrf },
  { additionalProperties: false, description: 'JSON; or multipart/form-data with message, data (JSON text) and file parts' },
);

export const BundlePayloadBody = Type.Object(
  { draftIds: Type.Array(Uuid, { minItems: 2, maxItems: 10 }), certificate: CertificateBody.properties.certificate, _csrf: Csrf },
  { additionalProperties: false },
);

export const BundlePayloadSchema = Type.Object({
  content: Type.String({ description: 'base64 of the bundle document listing each application document’s SHA-256' }),
  contentSha256: Type.String(),
  digestAlgorithm: Type.Literal('sha256'),
  applications: Type.Array(Type.Object({ draftId: Uuid, serviceId: Uuid, contentSha256: Type.String() })),
  toBeSigned: ToBeSigned,
  originalsToBring: Type.Array(Type.String()),
});

export const BundleSubmitBody = Type.Object(
  { draftIds: Type.Array(Uuid, { minItems: 2, maxItems: 10 }), ...SignatureFields, idempotencyKey: IdempotencyKey, _csrf: Csrf },
  { additionalProperties: false },
);

export const BundleResultSchema = Type.Object({ bundleId: Uuid, applications: Type.Array(ReceiptSchema) });

export const StaffStatusBody = Type.Object(
  {
    status: Type.Union([Type.Literal('received'), Type.Literal('in_review'), Type.Literal('info_requested'), Type.Literal('accepted'), Type.Literal('rejected')]),
    message: Type.Optional(Type.String({ maxLength: 4000, description: 'shown to the resident; required when asking for information' })),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

// --- one-stop bundles before signing -------------------------------------------------------------------

export const BundleCandidatesQuery = Type.Object(
  {
    lifeEvent: Type.Unsafe<string>({ type: 'string', enum: LIFE_EVENTS.map((e) => e.id), description: 'a life event id (GET /api/v1/life-events)' }),
    municipality: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'local government code; default: the resident’s home municipality' })),
  },
  { additionalProperties: false },
);

export const BundleCandidatesSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      serviceId: Uuid,
      title: Type.String(),
      summary: Type.Union([Type.String(), Type.Null()]),
      municipalityCode: Type.Union([Type.String(), Type.Null()], { description: 'null: a national or prefectural service (it goes to the resident’s municipality)' }),
      formTitle: Type.Object({ ja: Type.String(), en: Type.String() }),
    }),
  ),
});

export const StartBundleBody = Type.Object({ serviceIds: Type.Array(Uuid, { minItems: 2, maxItems: 10, description: 'two to ten services, one draft each' }), _csrf: Csrf }, { additionalProperties: false });

export const StartBundleResult = Type.Object({ bundleKey: Uuid, draftIds: Type.Array(Uuid) });

export const BundleKeyParams = Type.Object({ bundleKey: Uuid });

export const BundleViewSchema = Type.Object({
  bundleKey: Uuid,
  drafts: Type.Array(Type.Object({ draft: DraftSchema, errors: Type.Array(FieldErrorSchema), ready: Type.Boolean() })),
  sharedForm: Type.Object(
    { layout: Type.Object({ steps: Type.Array(Type.Record(Type.String(), Type.Unknown())) }, { additionalProperties: true }) },
    { description: 'the shared answers step: each key once (applicant, children …), in the layout format of /api/v1/forms' },
  ),
  answers: Data,
  ready: Type.Boolean({ description: 'every draft complete: sign them together (bundles/signing-payload, then bundles)' }),
});

export const SharedAnswersBody = Type.Object({ answers: Data, _csrf: Csrf }, { additionalProperties: false });

export const SharedAnswersResult = Type.Object({ errors: Type.Array(FieldErrorSchema, { description: 'the shared step’s errors; the answers are saved in every draft even when incomplete' }) });
