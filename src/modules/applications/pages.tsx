// The resident's application pages (PRODUCT.md §3.4, R1, R3–R5): from a service page, a multi-step
// form rendered on the server (works without JavaScript; drafts are kept on the server, so a resident
// can stop and go on from another device), attachments, check your answers, then submit — signed
// with the card (the one step that needs JavaScript: the browser asks the card to sign) or simple
// where the service allows it — and the receipt with the reference number and arrival time. My
// applications lists them with their status timeline, withdrawal and replies to requests.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { Text } from '../../platform/i18n.ts';
import { ErrorSummary } from '../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import { CheckAnswers, FormStep, mergeStepData, parseFormPost, type FieldError, type FormVersion } from '../forms/index.ts';
import type { ResidentPrincipal } from '../identity/index.ts';
import { createDbTestPkiStore } from '../signatures/index.ts';
import { DEMO_RESIDENTS } from '../../demo/demo-data.ts';
import { limitsOf, type ApplicationsDeps } from './deps.ts';
import { discardDraft } from './discard-draft.ts';
import { FORMS } from './forms.ts';
import { getDraft, listMyDrafts, type DraftView } from './get-draft.ts';
import { acceptBinaryMultipart, isMultipartBody } from './multipart.ts';
import { getMyApplication, listMyApplications } from './my-applications.ts';
import type { ApplicationDetail, TimelineEntry } from './present.ts';
import { removeAttachment } from './remove-attachment.ts';
import { replyToRequest } from './reply-to-request.ts';
import { saveDraft } from './save-draft.ts';
import { loadServiceForApplication } from './service-rules.ts';
import { startDraft } from './start-draft.ts';
import { submitApplication } from './submit-application.ts';
import type { ApplicationStatus } from './tables.ts';
import { uploadAttachment } from './upload-attachment.ts';
import { withdrawApplication } from './withdraw-application.ts';

const resident = { auth: { resident: true, loginPage: '/login' } } as const;
const hide = { hide: true } as const;

function residentOf(request: FastifyRequest): string {
  return (request.principal as ResidentPrincipal).residentId;
}

const STATUS: Record<ApplicationStatus, Text> = {
  arrived: { ja: '到達', en: 'Arrived' },
  received: { ja: '受付済み', en: 'Received' },
  in_review: { ja: '審査中', en: 'In review' },
  info_requested: { ja: '補正・追加の依頼あり', en: 'More information requested' },
  accepted: { ja: '承認', en: 'Accepted' },
  rejected: { ja: '却下', en: 'Rejected' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
};

const EVENT: Record<string, Text> = {
  arrived: { ja: '申請が到達しました', en: 'Your application arrived' },
  received: { ja: '市区町村が受け付けました', en: 'The municipality received it' },
  in_review: { ja: '審査が始まりました', en: 'Review started' },
  info_requested: { ja: '補正・追加の依頼がありました', en: 'More information was requested' },
  accepted: { ja: '承認されました', en: 'Accepted' },
  rejected: { ja: '却下されました', en: 'Rejected' },
  withdrawn: { ja: '取り下げました', en: 'You withdrew it' },
  reply: { ja: '依頼に回答しました', en: 'You replied' },
  resident_reply: { ja: '依頼に回答しました', en: 'You replied' },
  signature_reverified: { ja: '署名を再検証しました', en: 'The signature was checked again' },
};

/** A date and time in Japan, to the second: the arrival time is a legal fact (R1). */
export function formatJapanTime(iso: string, lang: 'ja' | 'en'): string {
  const parts = new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(iso));
  return lang === 'ja' ? `${parts}（日本時間）` : `${parts} (Japan time)`;
}

function Steps(props: { ctx: PageContext; version: FormVersion; current: string; draftId: string }): JSX.Element {
  const { ctx, version, current, draftId } = props;
  const steps = [
    ...version.definition.layout.steps.map((s) => ({ id: s.id, title: s.title, href: `/applications/drafts/${draftId}/steps/${s.id}` })),
    { id: '_attachments', title: { ja: '添付書類', en: 'Attachments' }, href: `/applications/drafts/${draftId}/attachments` },
    { id: '_check', title: { ja: '確認と送信', en: 'Check and send' }, href: `/applications/drafts/${draftId}/check` },
  ];
  return (
    <nav aria-label={ctx.t({ ja: '申請の手順', en: 'Application steps' })}>
      <ol class="step-list">
        {steps.map((s, i) => (
          <li>
            {s.id === current ? (
              <strong aria-current="step" safe>{`${i + 1}. ${ctx.t(s.title)}`}</strong>
            ) : (
              <a href={s.href} safe>{`${i + 1}. ${ctx.t(s.title)}`}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Under the page's heading: which service, and the steps with the current one marked. */
function DraftHeading(props: { ctx: PageContext; draft: DraftView; version: FormVersion; current: string }): JSX.Element {
  const { ctx, draft, version } = props;
  return (
    <>
      <p class="caption" lang="ja" safe>
        {draft.service.title}
      </p>
      {draft.bundleKey ? (
        <p>
          <a href={`/applications/bundles/${draft.bundleKey}`}>{ctx.h({ ja: 'まとめて申請する一覧に戻る', en: 'Back to the applications you are making together' })}</a>
        </p>
      ) : (
        ''
      )}
      <Steps ctx={ctx} version={version} current={props.current} draftId={draft.id} />
    </>
  );
}

/** The form version the draft was started on (the application keeps it too). */
async function versionOf(db: Db, draft: DraftView): Promise<FormVersion> {
  const version = await FORMS.loadFormVersion(db, draft.formVersionId);
  if (!version) throw new AppError('applications.no_form', 'not_found', 'This service has no application form.', { ja: 'このサービスには申請書がありません。' });
  return version;
}

export function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Where the application stands, for lists and the receipt. */
export function StatusTag(props: { ctx: PageContext; status: ApplicationStatus }): JSX.Element {
  return (
    <span class={`status status-${props.status}`} safe>
      {props.ctx.t(STATUS[props.status])}
    </span>
  );
}

export function OriginalsNotice(props: { ctx: PageContext; originals: string[] }): JSX.Element {
  const { ctx, originals } = props;
  if (originals.length === 0) return '';
  return (
    <div class="notice" role="note">
      <h2>{ctx.h({ ja: '原本の提出が必要な書類', en: 'Originals to submit separately' })}</h2>
      <p>
        {ctx.h({
          ja: '次の書類は、オンラインで添付したうえで、別途原本を窓口へ持参するか郵送してください。',
          en: 'Attach these online, and also bring or post the originals to the municipality.',
        })}
      </p>
      <ul>
        {originals.map((o) => (
          <li lang="ja" safe>
            {o}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Timeline(props: { ctx: PageContext; entries: TimelineEntry[] }): JSX.Element {
  const { ctx } = props;
  return (
    <ol class="timeline">
      {props.entries.map((e) => (
        <li>
          <p>
            <strong safe>{ctx.t(EVENT[e.kind] ?? (e.status ? STATUS[e.status] : { ja: e.kind, en: e.kind }))}</strong>{' '}
            <time datetime={e.at} safe>
              {formatJapanTime(e.at, ctx.lang)}
            </time>
          </p>
          {e.message ? (
            <p class="timeline-message" lang="ja" safe>
              {e.message}
            </p>
          ) : (
            ''
          )}
          {e.attachments.length > 0 ? (
            <ul>
              {e.attachments.map((a) => (
                <li safe>{`${a.name}（${size(a.size)}）`}</li>
              ))}
            </ul>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  );
}

export interface DemoCard {
  id: string;
  name: string;
  retriesLeft: number;
}

/**
 * The card step (apply-sign.js). One draft, or a bundle: then the script asks for the bundle's
 * signing payload over all its drafts and submits them with the one signature.
 */
export function SignForm(props: { ctx: PageContext; draftId?: string; bundle?: { key: string; draftIds: string[] }; cards: DemoCard[] | null; idempotencyKey: string }): JSX.Element {
  const { ctx, cards, bundle } = props;
  const action = bundle ? `/applications/bundles/${bundle.key}/submit` : `/applications/drafts/${props.draftId ?? ''}/submit`;
  return (
    <section aria-labelledby="sign-title">
      <h2 id="sign-title">{ctx.h({ ja: 'マイナンバーカードで署名して送信する', en: 'Sign with your My Number Card and send' })}</h2>
      <p id="sign-js-note" class="notice">
        {ctx.h({
          ja: 'カードでの署名には JavaScript を使います（ブラウザがカードに署名を依頼するため）。JavaScript が無効な場合は有効にしてから、このページを開き直してください。',
          en: 'Signing with a card uses JavaScript (the browser asks the card to sign). If JavaScript is off, turn it on and open this page again.',
        })}
      </p>
      {cards ? (
        <form
          id="sign-form"
          method="post"
          action={action}
          data-draft={bundle ? undefined : props.draftId}
          data-drafts={bundle ? bundle.draftIds.join(',') : undefined}
          data-key={props.idempotencyKey}
          data-lang={ctx.lang}
          data-msg-title={ctx.t({ ja: '送信できませんでした', en: 'The application was not sent' })}
          data-msg-card={ctx.t({ ja: 'カードを選んでください', en: 'Choose a card' })}
          data-msg-pin={ctx.t({ ja: '署名用電子証明書の暗証番号（英数字6〜16文字）を入力してください', en: 'Enter the signature PIN (6–16 letters and digits)' })}
          data-msg-working={ctx.t({ ja: 'カードで署名して送信しています…', en: 'Signing with the card and sending…' })}
          data-msg-network={ctx.t({ ja: '通信に失敗しました。もう一度お試しください（二重に申請されることはありません）。', en: 'The connection failed. Try again (you will not apply twice).' })}
        >
          <CsrfField ctx={ctx} />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <input type="hidden" name="method" value="signed" />
          <div id="sign-errors" tabindex="-1"></div>
          <fieldset id="cards">
            <legend>{ctx.h({ ja: '署名に使うテスト用カード（デモ）', en: 'Test card to sign with (demo)' })}</legend>
            {cards.map((card, i) => (
              <div class="choice">
                <input type="radio" id={`sign-card-${card.id}`} name="cardId" value={card.id} checked={i === 0} />
                <label for={`sign-card-${card.id}`} safe>
                  {`${card.name}（${card.id}）`}
                </label>
              </div>
            ))}
          </fieldset>
          <div class="field">
            <label for="sign-pin">{ctx.h({ ja: '署名用電子証明書の暗証番号（英数字6〜16文字）', en: 'Signature PIN (6–16 letters and digits)' })}</label>
            <p id="sign-pin-error" class="field-error" hidden></p>
            <input id="sign-pin" name="pin" type="password" autocomplete="off" inputmode="text" maxlength="16" aria-describedby="sign-pin-error" />
          </div>
          <p id="sign-status" role="status"></p>
          <button type="submit">{ctx.h({ ja: '署名して送信する', en: 'Sign and send' })}</button>
        </form>
      ) : (
        <p>
          {ctx.h({
            ja: 'ここにはテスト用カードがありません。実際のマイナンバーカードでの署名には、カードリーダーと公的個人認証サービスの利用者クライアントソフトが必要です（未対応）。',
            en: 'There are no test cards here. Signing with a real My Number Card needs a card reader and the JPKI client software, which are not supported yet.',
          })}
        </p>
      )}
      <script src="/assets/card-form.js" defer></script>
      <script src="/assets/apply-sign.js" defer></script>
    </section>
  );
}

/** In the demo, the demo residents' test cards to sign with; elsewhere none (a real card needs the JPKI client). */
export async function loadDemoCards(db: Db, demo: boolean): Promise<DemoCard[] | null> {
  if (!demo) return null;
  const stored = new Map((await createDbTestPkiStore(db).listCards()).map((c) => [c.id, c]));
  const cards = DEMO_RESIDENTS.filter((r) => stored.has(r.cardId)).map((r) => ({ id: r.cardId, name: r.resident.name, retriesLeft: stored.get(r.cardId)!.signatureRetriesLeft }));
  return cards.length > 0 ? cards : null;
}

export function registerApplicationPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  const demo = app.deps.config.demo;
  acceptBinaryMultipart(app, limitsOf(deps).maxBytes + 256 * 1024);
  const demoCards = () => loadDemoCards(deps.db, demo);

  // --- starting ---------------------------------------------------------------------------------
  app.get<{ Params: { serviceId: string } }>('/services/:serviceId/apply', { config: resident, schema: hide }, async (request, reply) => {
    const ctx = pageContext(request, 'resident');
    const service = await loadServiceForApplication(deps.db, request.params.serviceId);
    const drafts = (await listMyDrafts(deps, { residentId: residentOf(request) })).filter((d) => d.service.id === service.id);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={{ ja: 'オンラインで申請する', en: 'Apply online' }}>
        <p class="caption" lang="ja" safe>
          {service.title}
        </p>
        <p>
          {ctx.h({
            ja: '入力した内容は下書きとして保存されます。途中でやめても、別の端末から続きを入力できます。最後にマイナンバーカードで署名して送信します。',
            en: 'What you enter is saved as a draft: you can stop and go on later, on another device. At the end you sign with your My Number Card and send.',
          })}
        </p>
        {drafts.length > 0 ? (
          <>
            <h2>{ctx.h({ ja: '入力途中の下書き', en: 'Drafts in progress' })}</h2>
            <ul>
              {drafts.map((d) => (
                <li>
                  <a href={`/applications/drafts/${d.id}`}>{ctx.h({ ja: '続きから入力する', en: 'Continue' })}</a>{' '}
                  <span safe>{`（${ctx.t({ ja: '最終保存', en: 'last saved' })} ${formatJapanTime(d.updatedAt, ctx.lang)}）`}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
        <form method="post" action={`/services/${service.id}/apply`}>
          <CsrfField ctx={ctx} />
          <button type="submit">{drafts.length > 0 ? ctx.h({ ja: '新しく申請を始める', en: 'Start a new application' }) : ctx.h({ ja: '申請を始める', en: 'Start' })}</button>
        </form>
      </Layout>,
    );
  });

  app.post<{ Params: { serviceId: string } }>('/services/:serviceId/apply', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await startDraft(deps, { residentId: residentOf(request), serviceId: request.params.serviceId });
    return reply.redirect(`/applications/drafts/${draft.id}`, 303);
  });

  app.get<{ Params: { draftId: string } }>('/applications/drafts/:draftId', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await getDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    const version = await versionOf(deps.db, draft);
    const step = draft.currentStep && version.definition.layout.steps.some((s) => s.id === draft.currentStep) ? draft.currentStep : version.definition.layout.steps[0]!.id;
    return reply.redirect(`/applications/drafts/${draft.id}/steps/${step}`, 303);
  });

  // --- the form, step by step -------------------------------------------------------------------------
  async function stepPage(request: FastifyRequest, reply: FastifyReply, draft: DraftView, version: FormVersion, stepId: string, errors: FieldError[], status = 200) {
    const ctx = pageContext(request, 'resident');
    const steps = version.definition.layout.steps;
    const index = steps.findIndex((s) => s.id === stepId);
    const step = steps[index]!;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={step.title}>
        <DraftHeading ctx={ctx} draft={draft} version={version} current={step.id} />
        <FormStep
          ctx={ctx}
          version={version}
          stepId={step.id}
          values={draft.data}
          errors={errors}
          action={`/applications/drafts/${draft.id}/steps/${step.id}`}
          hidden={{ expectedVersion: String(draft.version) }}
          {...(index > 0 ? { backHref: `/applications/drafts/${draft.id}/steps/${steps[index - 1]!.id}` } : {})}
        />
        <form method="post" action={`/applications/drafts/${draft.id}/discard`} class="secondary-actions">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button-secondary">{ctx.h({ ja: 'この下書きを削除する', en: 'Delete this draft' })}</button>
        </form>
      </Layout>,
      status,
    );
  }

  app.get<{ Params: { draftId: string; stepId: string } }>('/applications/drafts/:draftId/steps/:stepId', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await getDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    const version = await versionOf(deps.db, draft);
    if (!version.definition.layout.steps.some((s) => s.id === request.params.stepId)) throw stepNotFound();
    return stepPage(request, reply, draft, version, request.params.stepId, []);
  });

  app.post<{ Params: { draftId: string; stepId: string }; Body: Record<string, unknown> }>(
    '/applications/drafts/:draftId/steps/:stepId',
    { config: resident, schema: hide },
    async (request, reply) => {
      const residentId = residentOf(request);
      const { draftId, stepId } = request.params;
      const current = await getDraft(deps, { residentId, draftId });
      const version = await versionOf(deps.db, current);
      const steps = version.definition.layout.steps;
      const index = steps.findIndex((s) => s.id === stepId);
      if (index < 0) throw stepNotFound();
      const { data, action } = parseFormPost(version.definition.layout, request.body ?? {}, { stepId });
      const merged = mergeStepData(version.definition.layout, current.data, data, stepId);
      // A row added or removed: save as typed and show the step again, without judging it yet.
      if (action) {
        const { draft } = await saveDraft(deps, { residentId, draftId, data: merged, currentStep: stepId });
        return stepPage(request, reply, draft, version, stepId, []);
      }
      const { draft, errors } = await saveDraft(deps, { residentId, draftId, data: merged, currentStep: stepId, validateStep: stepId });
      if (errors.length > 0) return stepPage(request, reply, draft, version, stepId, errors, 400);
      const next = steps[index + 1];
      if (next) await saveDraft(deps, { residentId, draftId, currentStep: next.id });
      return reply.redirect(next ? `/applications/drafts/${draftId}/steps/${next.id}` : `/applications/drafts/${draftId}/attachments`, 303);
    },
  );

  app.post<{ Params: { draftId: string } }>('/applications/drafts/:draftId/discard', { config: resident, schema: hide }, async (request, reply) => {
    await discardDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    return reply.redirect('/me/applications?discarded=1', 303);
  });

  // --- attachments ------------------------------------------------------------------------------------
  async function attachmentsPage(request: FastifyRequest, reply: FastifyReply, draft: DraftView, error: AppError | null, status = 200) {
    const ctx = pageContext(request, 'resident');
    const version = await versionOf(deps.db, draft);
    const limits = limitsOf(deps);
    const check = draft.attachmentCheck;
    const heading = { ja: '添付書類', en: 'Attachments' };
    return sendPage(
      reply,
      <Layout ctx={ctx} title={heading}>
        <DraftHeading ctx={ctx} draft={draft} version={version} current="_attachments" />
        <ErrorSummary ctx={ctx} error={error} fieldId={() => 'file'} />
        <p>
          {ctx.h({
            ja: `PDF または画像（JPEG・PNG）を、1ファイル${size(limits.maxBytes)}まで、合わせて${limits.maxCount}ファイルまで添付できます。`,
            en: `Attach PDFs or images (JPEG, PNG): up to ${size(limits.maxBytes)} each, ${limits.maxCount} files in all.`,
          })}
        </p>
        {check.requirements.length > 0 ? (
          <table>
            <caption>{ctx.h({ ja: 'このサービスで必要な書類', en: 'Documents this service needs' })}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.h({ ja: '書類', en: 'Document' })}</th>
                <th scope="col">{ctx.h({ ja: '区分', en: 'Kind' })}</th>
                <th scope="col">{ctx.h({ ja: '状態', en: 'Status' })}</th>
              </tr>
            </thead>
            <tbody>
              {check.requirements.map((r) => (
                <tr>
                  <td lang="ja" safe>
                    {r.name}
                  </td>
                  <td>
                    {r.required ? ctx.h({ ja: '必須', en: 'Required' }) : ctx.h({ ja: '任意', en: 'Optional' })}
                    {r.originalRequired ? <span class="flag">{ctx.h({ ja: '別途原本の提出が必要', en: 'Original required separately' })}</span> : ''}
                  </td>
                  <td>{r.attachmentIds.length > 0 ? ctx.h({ ja: '添付済み', en: 'Attached' }) : r.required ? <strong>{ctx.h({ ja: '未添付', en: 'Missing' })}</strong> : ctx.h({ ja: '未添付', en: 'Not attached' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{ctx.h({ ja: 'このサービスに必須の添付書類はありません。', en: 'This service needs no attachments.' })}</p>
        )}
        {draft.attachments.length > 0 ? (
          <>
            <h2>{ctx.h({ ja: '添付したファイル', en: 'Attached files' })}</h2>
            <ul class="attachment-list">
              {draft.attachments.map((a) => (
                <li>
                  <span safe>{`${a.name}（${a.requirement ?? ctx.t({ ja: 'その他', en: 'other' })}・${size(a.size)}）`}</span>
                  <form method="post" action={`/applications/drafts/${draft.id}/attachments/${a.id}/remove`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="button-secondary" aria-label={ctx.t({ ja: `${a.name} を削除`, en: `Remove ${a.name}` })}>
                      {ctx.h({ ja: '削除', en: 'Remove' })}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
        <form method="post" action={`/applications/drafts/${draft.id}/attachments`} enctype="multipart/form-data">
          <CsrfField ctx={ctx} />
          {check.requirements.length > 0 ? (
            <div class="field">
              <label for="requirement">{ctx.h({ ja: 'どの書類ですか', en: 'Which document is it?' })}</label>
              <select id="requirement" name="requirement">
                {check.requirements.map((r) => (
                  <option value={r.name} selected={r.name === check.missing[0]} safe>
                    {r.name}
                  </option>
                ))}
                <option value="">{ctx.h({ ja: 'その他', en: 'Other' })}</option>
              </select>
            </div>
          ) : (
            ''
          )}
          <div class="field">
            <label for="file">{ctx.h({ ja: 'ファイル', en: 'File' })}</label>
            <input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" aria-invalid={error ? 'true' : undefined} />
          </div>
          <button type="submit" class="button-secondary">{ctx.h({ ja: '添付する', en: 'Attach' })}</button>
        </form>
        <p>
          <a class="button" href={`/applications/drafts/${draft.id}/check`}>
            {ctx.h({ ja: '入力内容の確認へ進む', en: 'Continue to check your answers' })}
          </a>
        </p>
      </Layout>,
      status,
    );
  }

  app.get<{ Params: { draftId: string } }>('/applications/drafts/:draftId/attachments', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await getDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    return attachmentsPage(request, reply, draft, null);
  });

  app.post<{ Params: { draftId: string } }>(
    '/applications/drafts/:draftId/attachments',
    { config: resident, schema: hide, bodyLimit: limitsOf(deps).maxBytes + 256 * 1024 },
    async (request, reply) => {
      const residentId = residentOf(request);
      const { draftId } = request.params;
      const body = request.body;
      const file = isMultipartBody(body) ? body.files.find((f) => f.field === 'file' && f.bytes.byteLength > 0) : undefined;
      try {
        if (!file) throw noFileChosen();
        const requirement = isMultipartBody(body) && typeof body.requirement === 'string' && body.requirement !== '' ? body.requirement : null;
        await uploadAttachment(deps, { residentId, draftId, filename: file.filename, requirement, bytes: file.bytes });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        return attachmentsPage(request, reply, await getDraft(deps, { residentId, draftId }), error, error.status);
      }
      return reply.redirect(`/applications/drafts/${draftId}/attachments`, 303);
    },
  );

  app.post<{ Params: { draftId: string; attachmentId: string } }>(
    '/applications/drafts/:draftId/attachments/:attachmentId/remove',
    { config: resident, schema: hide },
    async (request, reply) => {
      await removeAttachment(deps, { residentId: residentOf(request), draftId: request.params.draftId, attachmentId: request.params.attachmentId });
      return reply.redirect(`/applications/drafts/${request.params.draftId}/attachments`, 303);
    },
  );

  // --- check and send ---------------------------------------------------------------------------------
  async function checkPage(request: FastifyRequest, reply: FastifyReply, draft: DraftView, error: AppError | null, status = 200) {
    const ctx = pageContext(request, 'resident');
    const version = await versionOf(deps.db, draft);
    const { errors, data } = FORMS.checkFormData(version, draft.data);
    const heading = { ja: '入力内容の確認', en: 'Check your answers' };
    const ready = errors.length === 0 && draft.attachmentCheck.missing.length === 0;
    const stepOf = (field: string) => version.definition.layout.steps.find((s) => s.sections.some((sec) => field === sec.key || field.startsWith(`${sec.key ?? ''}.`)))?.id;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={heading}>
        <DraftHeading ctx={ctx} draft={draft} version={version} current="_check" />
        <ErrorSummary ctx={ctx} error={error} fieldId={() => 'sign-title'} />
        {errors.length > 0 ? (
          <>
            <div class="error-summary" role="alert" aria-labelledby="incomplete-title" tabindex="-1">
              <h2 id="incomplete-title">{ctx.h({ ja: 'まだ送信できません', en: 'You cannot send this yet' })}</h2>
              <ul>
                {errors.map((e) => (
                  <li>
                    <a href={`/applications/drafts/${draft.id}/steps/${stepOf(e.field) ?? version.definition.layout.steps[0]!.id}`} safe>
                      {ctx.t(e.message)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </>
        ) : (
          ''
        )}
        {draft.attachmentCheck.missing.length > 0 ? (
          <div class="error-summary" role="alert" aria-labelledby="missing-title" tabindex="-1">
            <h2 id="missing-title">{ctx.h({ ja: '必須の添付書類がありません', en: 'Required attachments are missing' })}</h2>
            <ul>
              {draft.attachmentCheck.missing.map((m) => (
                <li>
                  <a href={`/applications/drafts/${draft.id}/attachments`} lang="ja" safe>
                    {m}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        <CheckAnswers ctx={ctx} version={version} data={data} changeHref={(stepId) => `/applications/drafts/${draft.id}/steps/${stepId}`} />
        <h2>{ctx.h({ ja: '添付書類', en: 'Attachments' })}</h2>
        {draft.attachments.length > 0 ? (
          <ul>
            {draft.attachments.map((a) => (
              <li safe>{`${a.name}（${a.requirement ?? ctx.t({ ja: 'その他', en: 'other' })}・${size(a.size)}）`}</li>
            ))}
          </ul>
        ) : (
          <p>{ctx.h({ ja: '添付書類はありません。', en: 'No attachments.' })}</p>
        )}
        <OriginalsNotice ctx={ctx} originals={draft.attachmentCheck.originalsToBring} />
        {ready ? (
          <>
            <p>
              {ctx.h({
                ja: '送信すると、市区町村に到達した日時が記録され、受付番号が発行されます。署名には、入力内容と添付書類の内容（ハッシュ値）が含まれます。',
                en: 'When you send, the time it arrives at the municipality is recorded and you get a reference number. The signature covers your answers and the contents (hashes) of the attachments.',
              })}
            </p>
            <SignForm ctx={ctx} draftId={draft.id} cards={await demoCards()} idempotencyKey={randomUUID()} />
            {draft.methods.includes('simple') ? (
              <section aria-labelledby="simple-title">
                <h2 id="simple-title">{ctx.h({ ja: '署名せずに送信する（簡易申請）', en: 'Send without a signature (simple application)' })}</h2>
                <p>
                  {ctx.h({
                    ja: 'このサービスは、マイナンバーカードでの署名なしでも申請できます。',
                    en: 'This service also accepts applications without a card signature.',
                  })}
                </p>
                <form method="post" action={`/applications/drafts/${draft.id}/submit`}>
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="method" value="simple" />
                  <input type="hidden" name="idempotencyKey" value={randomUUID()} />
                  <button type="submit" class="button-secondary">{ctx.h({ ja: '署名せずに送信する', en: 'Send without a signature' })}</button>
                </form>
              </section>
            ) : (
              ''
            )}
          </>
        ) : (
          ''
        )}
      </Layout>,
      status,
    );
  }

  app.get<{ Params: { draftId: string } }>('/applications/drafts/:draftId/check', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await getDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    return checkPage(request, reply, draft, null);
  });

  // Without JavaScript: the simple application posts here; a signed one cannot come without the card step.
  app.post<{ Params: { draftId: string }; Body: { method?: string; idempotencyKey?: string } }>(
    '/applications/drafts/:draftId/submit',
    { config: resident, schema: hide },
    async (request, reply) => {
      const residentId = residentOf(request);
      const { draftId } = request.params;
      const key = typeof request.body?.idempotencyKey === 'string' && /^[\w-]{8,100}$/.test(request.body.idempotencyKey) ? request.body.idempotencyKey : undefined;
      try {
        if (request.body?.method !== 'simple') throw signingNeedsScript();
        const { application } = await submitApplication(deps, { residentId, draftId, method: 'simple', ...(key ? { idempotencyKey: key } : {}) });
        return reply.redirect(`/applications/${application.id}?sent=1`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        // A retry after the draft became an application: the key finds it (handled above); otherwise show why.
        return checkPage(request, reply, await getDraft(deps, { residentId, draftId }), error, error.status);
      }
    },
  );

  // --- my applications --------------------------------------------------------------------------------
  app.get<{ Querystring: { discarded?: string } }>('/me/applications', { config: resident, schema: hide }, async (request, reply) => {
    const ctx = pageContext(request, 'resident');
    const residentId = residentOf(request);
    const [{ items: applications }, drafts] = await Promise.all([listMyApplications(deps, { residentId, limit: 100 }), listMyDrafts(deps, { residentId })]);
    const heading = { ja: '申請の一覧', en: 'Your applications' };
    return sendPage(
      reply,
      <Layout ctx={ctx} title={heading}>
        {request.query.discarded ? (
          <p class="notice" role="status">
            {ctx.h({ ja: '下書きを削除しました。', en: 'The draft was deleted.' })}
          </p>
        ) : (
          ''
        )}
        <h2>{ctx.h({ ja: '送信した申請', en: 'Sent' })}</h2>
        {applications.length === 0 ? (
          <p>{ctx.h({ ja: 'まだ申請はありません。', en: 'You have not applied for anything yet.' })}</p>
        ) : (
          <ul class="card-list">
            {applications.map((a) => (
              <li>
                <a href={`/applications/${a.id}`} lang="ja" safe>
                  {a.service.title}
                </a>
                <p>
                  <StatusTag ctx={ctx} status={a.status} />{' '}
                  <span safe>{`${ctx.t({ ja: '受付番号', en: 'Reference' })} ${a.reference}・${ctx.t({ ja: '到達', en: 'arrived' })} ${formatJapanTime(a.arrivedAt, ctx.lang)}`}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
        <h2>{ctx.h({ ja: '入力途中の下書き', en: 'Drafts' })}</h2>
        {drafts.length === 0 ? (
          <p>{ctx.h({ ja: '下書きはありません。', en: 'No drafts.' })}</p>
        ) : (
          <ul class="card-list">
            {drafts.map((d) => (
              <li>
                <a href={`/applications/drafts/${d.id}`} lang="ja" safe>
                  {d.service.title}
                </a>
                <p safe>{`${ctx.t({ ja: '最終保存', en: 'Last saved' })} ${formatJapanTime(d.updatedAt, ctx.lang)}`}</p>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/services">{ctx.h({ ja: 'サービスを探して申請する', en: 'Find a service to apply for' })}</a>
        </p>
      </Layout>,
    );
  });

  async function applicationPage(request: FastifyRequest, reply: FastifyReply, application: ApplicationDetail, error: AppError | null, notice: Text | null, status = 200) {
    const ctx = pageContext(request, 'resident');
    const heading = notice && status === 200 && (request.query as { sent?: string }).sent ? { ja: '申請を受け付けました', en: 'Application sent' } : { ja: '申請の詳細', en: 'Application' };
    return sendPage(
      reply,
      <Layout ctx={ctx} title={heading}>
        <p class="caption" lang="ja" safe>
          {application.service.title}
        </p>
        <ErrorSummary ctx={ctx} error={error} fieldId={() => 'reply-message'} />
        {notice ? (
          <p class="notice" role="status" safe>
            {ctx.t(notice)}
          </p>
        ) : (
          ''
        )}
        <dl class="facts receipt">
          <dt>{ctx.h({ ja: '受付番号', en: 'Reference number' })}</dt>
          <dd>
            <strong class="reference" safe>
              {application.reference}
            </strong>
          </dd>
          <dt>{ctx.h({ ja: '到達日時', en: 'Arrived at' })}</dt>
          <dd>
            <time datetime={application.arrivedAt} safe>
              {formatJapanTime(application.arrivedAt, ctx.lang)}
            </time>
          </dd>
          <dt>{ctx.h({ ja: '状態', en: 'Status' })}</dt>
          <dd>
            <StatusTag ctx={ctx} status={application.status} />
          </dd>
          <dt>{ctx.h({ ja: '申請の方法', en: 'Method' })}</dt>
          <dd>
            {application.method === 'signed'
              ? ctx.h({ ja: 'マイナンバーカードによる電子署名付き', en: 'Signed with a My Number Card' })
              : ctx.h({ ja: '簡易申請（署名なし）', en: 'Simple application (no signature)' })}
            {application.signature?.flagged
              ? ctx.h({
                  ja: '（失効確認ができなかったため、後ほど署名を再検証します）',
                  en: ' (the certificate’s revocation could not be checked yet; the signature will be checked again)',
                })
              : ''}
          </dd>
        </dl>
        <OriginalsNotice ctx={ctx} originals={application.originalsToBring} />
        <h2>{ctx.h({ ja: '経過', en: 'Timeline' })}</h2>
        <Timeline ctx={ctx} entries={application.timeline} />
        {application.canReply ? (
          <section aria-labelledby="reply-title">
            <h2 id="reply-title">{ctx.h({ ja: '依頼に回答する', en: 'Reply to the request' })}</h2>
            <form method="post" action={`/applications/${application.id}/replies`} enctype="multipart/form-data">
              <CsrfField ctx={ctx} />
              <div class="field">
                <label for="reply-message">{ctx.h({ ja: '回答（必須）', en: 'Your reply (required)' })}</label>
                <textarea id="reply-message" name="message" rows="4" maxlength="4000" aria-invalid={error ? 'true' : undefined}></textarea>
              </div>
              <div class="field">
                <label for="reply-file">{ctx.h({ ja: '追加の書類（任意）', en: 'More documents (optional)' })}</label>
                <input id="reply-file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" />
              </div>
              <button type="submit">{ctx.h({ ja: '回答を送る', en: 'Send the reply' })}</button>
            </form>
          </section>
        ) : (
          ''
        )}
        {application.canWithdraw ? (
          <section aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">{ctx.h({ ja: '申請を取り下げる', en: 'Withdraw the application' })}</h2>
            <form method="post" action={`/applications/${application.id}/withdraw`}>
              <CsrfField ctx={ctx} />
              <div class="field">
                <label for="withdraw-reason">{ctx.h({ ja: '理由（任意）', en: 'Reason (optional)' })}</label>
                <input id="withdraw-reason" name="reason" type="text" maxlength="500" />
              </div>
              <button type="submit" class="button-secondary">{ctx.h({ ja: '取り下げる', en: 'Withdraw' })}</button>
            </form>
          </section>
        ) : (
          ''
        )}
        <p>
          <a href="/me/applications">{ctx.h({ ja: '申請の一覧へ', en: 'All your applications' })}</a>
        </p>
      </Layout>,
      status,
    );
  }

  app.get<{ Params: { id: string }; Querystring: { sent?: string; done?: string } }>('/applications/:id', { config: resident, schema: hide }, async (request, reply) => {
    const application = await getMyApplication(deps, { residentId: residentOf(request), applicationId: request.params.id });
    const notice = request.query.sent
      ? { ja: '市区町村に到達しました。受付番号と到達日時を控えてください。', en: 'Your application has arrived at the municipality. Keep the reference number and arrival time.' }
      : request.query.done === 'withdrawn'
        ? { ja: '申請を取り下げました。', en: 'The application was withdrawn.' }
        : request.query.done === 'replied'
          ? { ja: '回答を送りました。', en: 'Your reply was sent.' }
          : null;
    return applicationPage(request, reply, application, null, notice);
  });

  app.post<{ Params: { id: string }; Body: { reason?: string } }>('/applications/:id/withdraw', { config: resident, schema: hide }, async (request, reply) => {
    const reason = typeof request.body?.reason === 'string' && request.body.reason.trim() !== '' ? request.body.reason.trim() : undefined;
    await withdrawApplication(deps, { residentId: residentOf(request), applicationId: request.params.id, ...(reason ? { reason } : {}) });
    return reply.redirect(`/applications/${request.params.id}?done=withdrawn`, 303);
  });

  app.post<{ Params: { id: string } }>(
    '/applications/:id/replies',
    { config: resident, schema: hide, bodyLimit: limitsOf(deps).maxBytes + 256 * 1024 },
    async (request, reply) => {
      const residentId = residentOf(request);
      const body = request.body;
      const message = isMultipartBody(body) && typeof body.message === 'string' ? body.message : '';
      const files = isMultipartBody(body) ? body.files.filter((f) => f.bytes.byteLength > 0).map((f) => ({ filename: f.filename, bytes: f.bytes })) : [];
      try {
        await replyToRequest(deps, { residentId, applicationId: request.params.id, message, files });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        return applicationPage(request, reply, await getMyApplication(deps, { residentId, applicationId: request.params.id }), error, null, error.status);
      }
      return reply.redirect(`/applications/${request.params.id}?done=replied`, 303);
    },
  );
}

function stepNotFound(): AppError {
  return new AppError('applications.step_not_found', 'not_found', 'This form has no such step.', { ja: 'この申請書にその手順はありません。' });
}

function noFileChosen(): AppError {
  const message = { en: 'Choose a file to attach.', ja: '添付するファイルを選んでください。' };
  return new AppError('applications.no_file', 'bad_request', message.en, { ja: message.ja, fields: [{ field: 'file', rule: 'required', message }] });
}

export function signingNeedsScript(): AppError {
  return new AppError('applications.signing_needs_script', 'bad_request', 'Signing with the card needs JavaScript: turn it on and open this page again.', {
    ja: 'カードでの署名には JavaScript が必要です。有効にしてから、このページを開き直してください。',
  });
}
