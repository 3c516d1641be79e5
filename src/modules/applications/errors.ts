// The applications module's error codes (stable; problem+json `code`), each with Japanese and English.
import { AppError, type ModuleErrorCodes, type FieldProblem } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status): one place (issue #11, point 13). */
export const errorCodes = {
  'applications.attachment_empty': 'bad_request',
  'applications.attachment_not_found': 'not_found',
  'applications.attachment_too_large': 'payload_too_large',
  'applications.attachment_type': 'unsupported_media_type',
  'applications.attachments_missing': 'unprocessable',
  'applications.bad_base64': 'bad_request',
  'applications.bad_certificate': 'bad_request',
  'applications.bad_data': 'bad_request',
  'applications.bad_idempotency_key': 'bad_request',
  'applications.bad_upload': 'bad_request',
  'applications.bundle_invalid': 'bad_request',
  'applications.bundle_not_found': 'not_found',
  'applications.draft_not_found': 'not_found',
  'applications.draft_version_conflict': 'conflict',
  'applications.empty_reply': 'bad_request',
  'applications.idempotency_key_reused': 'conflict',
  'applications.invalid_data': 'unprocessable',
  'applications.life_event_not_found': 'not_found',
  'applications.message_required': 'bad_request',
  'applications.message_too_long': 'bad_request',
  'applications.municipality_unknown': 'unprocessable',
  'applications.no_file': 'bad_request',
  'applications.no_form': 'not_found',
  'applications.no_information_requested': 'conflict',
  'applications.not_found': 'not_found',
  'applications.not_withdrawable': 'conflict',
  'applications.service_not_available': 'not_found',
  'applications.signature_invalid': 'unprocessable',
  'applications.signature_missing': 'bad_request',
  'applications.signature_required': 'unprocessable',
  'applications.signer_check_unavailable': 'unavailable',
  'applications.signer_not_account_holder': 'forbidden',
  'applications.signing_needs_script': 'bad_request',
  'applications.status_transition': 'conflict',
  'applications.step_not_found': 'not_found',
  'applications.too_many_attachments': 'conflict',
  'applications.unknown_requirement': 'bad_request',
} as const satisfies ModuleErrorCodes<'applications'>;

// AppError takes these codes, each only with its kind: tsc refuses any other (platform/errors.ts).
type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}


export const draftNotFound = () =>
  new AppError('applications.draft_not_found', 'not_found', 'There is no such draft.', { ja: '該当する下書きはありません。' });

export const applicationNotFound = () =>
  new AppError('applications.not_found', 'not_found', 'There is no such application.', { ja: '該当する申請はありません。' });

export const attachmentNotFound = () =>
  new AppError('applications.attachment_not_found', 'not_found', 'There is no such attachment.', { ja: '該当する添付ファイルはありません。' });

export const serviceNotAvailable = () =>
  new AppError('applications.service_not_available', 'not_found', 'This service cannot be applied for online.', {
    ja: 'このサービスはオンラインで申請できません。',
  });

// 404 like serviceNotAvailable: what is asked for, this service's online form, does not exist (it
// was 409 in the API and 404 on the pages: issue #11, point 13).
export const noForm = () =>
  new AppError('applications.no_form', 'not_found', 'This service has no application form online yet.', {
    ja: 'このサービスには、まだオンラインの申請書がありません。',
  });

export const municipalityUnknown = () =>
  new AppError('applications.municipality_unknown', 'unprocessable', 'Choose your municipality first: this service is provided by the municipality you live in.', {
    ja: 'このサービスはお住まいの市区町村が提供します。先にお住まいの市区町村を設定してください。',
  });

export const draftVersionConflict = (currentVersion: number) =>
  new AppError('applications.draft_version_conflict', 'conflict', 'The draft was changed on another device. Reload it and try again.', {
    ja: '下書きがほかの端末で変更されました。読み込み直してからもう一度お試しください。',
    extra: { currentVersion },
  });

export const invalidData = (fields: FieldProblem[]) =>
  new AppError('applications.invalid_data', 'unprocessable', 'Some answers are missing or not valid.', {
    ja: '入力内容に誤りまたは未入力の項目があります。',
    fields,
  });

export const attachmentsMissing = (names: string[]) =>
  new AppError('applications.attachments_missing', 'unprocessable', `Required attachments are missing: ${names.join(', ')}.`, {
    ja: `必須の添付書類がありません：${names.join('、')}`,
    extra: { missing: names },
  });

export const signatureRequired = () =>
  new AppError('applications.signature_required', 'unprocessable', 'This procedure accepts only applications signed with the signature certificate of a My Number Card (R3).', {
    ja: 'この手続は、マイナンバーカードの署名用電子証明書で電子署名した申請のみ受け付けます。',
  });

export const signatureMissing = () =>
  new AppError('applications.signature_missing', 'bad_request', 'A signed application needs its signature: a CMS signature, or the signed attributes with the signature value and certificate.', {
    ja: '電子署名付きの申請には署名データが必要です。',
  });

export const idempotencyKeyReused = () =>
  new AppError('applications.idempotency_key_reused', 'conflict', 'This idempotency key was already used for a different application.', {
    ja: 'この再送用キーは、別の申請ですでに使われています。',
  });

export const notWithdrawable = () =>
  new AppError('applications.not_withdrawable', 'conflict', 'This application can no longer be withdrawn: a decision has been made or it was already withdrawn.', {
    ja: 'この申請はすでに処理が終わっているか取り下げ済みのため、取り下げできません。',
  });

export const noInformationRequested = () =>
  new AppError('applications.no_information_requested', 'conflict', 'The municipality has not asked for more information on this application.', {
    ja: 'この申請について、市区町村から追加の情報は求められていません。',
  });

export const statusTransitionRefused = (from: string, to: string) =>
  new AppError('applications.status_transition', 'conflict', `The application cannot go from ${from} to ${to}.`, {
    ja: `この申請の状態を「${from}」から「${to}」に変更することはできません。`,
    extra: { from, to },
  });

export const bundleInvalid = (en: string, ja: string) => new AppError('applications.bundle_invalid', 'bad_request', en, { ja });

/** The choice of services for a bundle, at its field (the pages' checkboxes). */
export const bundleChoiceInvalid = (max: number) =>
  new AppError('applications.bundle_invalid', 'bad_request', `Choose 2 to ${max} services to apply for together.`, {
    ja: `まとめて申請するサービスを2件から${max}件まで選んでください。`,
    fields: [{ field: 'serviceIds', rule: 'minItems', message: { ja: `サービスを2件から${max}件まで選んでください`, en: `Choose 2 to ${max} services` } }],
  });

/** Shared answers for a bundle whose drafts are gone (sent or discarded). */
export const bundleNotFound = () =>
  new AppError('applications.bundle_not_found', 'not_found', 'There is no such bundle, or all its applications were sent.', { ja: '該当するまとめ申請はありません（すべて送信済みの場合もあります）。' });

export const tooManyAttachments = (max: number) =>
  new AppError('applications.too_many_attachments', 'conflict', `A draft can have at most ${max} attachments.`, {
    ja: `添付ファイルは1件の申請につき${max}件までです。`,
    extra: { max },
  });

export const attachmentTooLarge = (maxBytes: number) =>
  new AppError('applications.attachment_too_large', 'payload_too_large', `An attachment can be at most ${Math.floor(maxBytes / 1024 / 1024)} MB.`, {
    ja: `添付ファイルの大きさは${Math.floor(maxBytes / 1024 / 1024)}MBまでです。`,
    extra: { maxBytes },
  });

export const attachmentTypeRefused = () =>
  new AppError('applications.attachment_type', 'unsupported_media_type', 'Attach a PDF or an image (JPEG, PNG, HEIC or WebP). The file’s content was checked, not its name.', {
    ja: '添付できるのは PDF または画像（JPEG、PNG、HEIC、WebP）です。ファイル名ではなく中身で判定しています。',
  });

export const attachmentEmpty = () =>
  new AppError('applications.attachment_empty', 'bad_request', 'The file is empty.', { ja: 'ファイルが空です。' });

export const badUpload = () =>
  new AppError('applications.bad_upload', 'bad_request', 'Send the file as multipart/form-data in a part named "file".', {
    ja: 'ファイルは multipart/form-data の「file」という項目で送信してください。',
  });

/**
 * R17: the signature certificate is not linked to the card the resident signed in with, and no
 * registered proxy covers it. `link` is the link service's answer (not_linked or unknown).
 */
export const signerNotAccountHolder = (link: 'not_linked' | 'unknown' | 'no_login_certificate') =>
  link === 'no_login_certificate'
    ? new AppError(
        'applications.signer_not_account_holder',
        'forbidden',
        'Whether this signature was made with your own card cannot be checked for this sign-in. Sign out, sign in again with your My Number Card, and sign again.',
        {
          ja: 'このログインでは、電子署名がご本人のカードによるものか確認できません。いったんログアウトし、マイナンバーカードでログインし直してから、もう一度署名してください。',
          extra: { link },
        },
      )
    : new AppError(
        'applications.signer_not_account_holder',
        'forbidden',
        "The application was signed with a card other than the one you signed in with. Sign it with your own My Number Card (the card you signed in with). To sign for someone else, you must be registered as their proxy.",
        {
          ja: 'ログインしたカードとは別のカードで署名されています。ログインに使ったご本人のマイナンバーカードで署名してください。ほかの方の代わりに署名するには、代理人としての登録が必要です。',
          extra: { link },
        },
      );

export const signerCheckUnavailable = (cause: unknown) =>
  new AppError('applications.signer_check_unavailable', 'unavailable', 'Whether the signature was made with your own card could not be checked just now. Please try again in a little while.', {
    ja: '電子署名がご本人のカードによるものか、いま確認できませんでした。しばらくしてからもう一度お試しください。',
    cause,
  });
