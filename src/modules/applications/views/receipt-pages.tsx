// My applications and one application: the list of sent applications and drafts, and the receipt
// with its reference number and arrival time (R1), timeline, replies to requests and withdrawal.
import type { AppError } from '../../../platform/errors.ts';
import type { Text } from '../../../platform/i18n.ts';
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import type { DraftListItem } from '../get-draft.ts';
import type { ApplicationDetail, ApplicationReceipt } from '../present.ts';
import { EvidenceSection } from './evidence-section.tsx';
import { formatJapanTime, OriginalsNotice, StatusTag, Timeline } from './status.tsx';

export function MyApplicationsPage(props: { ctx: PageContext; applications: ApplicationReceipt[]; drafts: DraftListItem[]; discarded: boolean }): JSX.Element {
  const { ctx, applications, drafts, discarded } = props;
  const heading = { ja: '申請の一覧', en: 'Your applications' };
  return (
    <Layout ctx={ctx} title={heading}>
      {discarded ? (
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
    </Layout>
  );
}

/** The receipt just after sending (`sent`), and the application's page afterwards. */
export function ApplicationPage(props: { ctx: PageContext; application: ApplicationDetail; error: AppError | null; notice: Text | null; sent: boolean }): JSX.Element {
  const { ctx, application, error, notice } = props;
  const heading = props.sent ? { ja: '申請を受け付けました', en: 'Application sent' } : { ja: '申請の詳細', en: 'Application' };
  return (
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
      <p>
        <a href={`/applications/${application.id}/receipt.pdf`}>{ctx.h({ ja: '受付票をPDFでダウンロードする', en: 'Download the receipt as a PDF' })}</a>
      </p>
      <OriginalsNotice ctx={ctx} originals={application.originalsToBring} />
      <p class="hint">
        {/* The help module's FAQ entry on receipts (FAQ_SLUGS.receipts); a plain path, as help imports applications. */}
        <a href="/help/faq/receipts">{ctx.h({ ja: '受付番号と到達日時について（よくある質問）', en: 'About the reference number and arrival time (FAQ)' })}</a>
      </p>
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
      <EvidenceSection ctx={ctx} applicationId={application.id} evidence={application.evidence} />
      <p>
        <a href="/me/applications">{ctx.h({ ja: '申請の一覧へ', en: 'All your applications' })}</a>
      </p>
    </Layout>
  );
}
