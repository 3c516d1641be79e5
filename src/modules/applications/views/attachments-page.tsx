// A draft's attachments: what the service needs (R5), what is attached, and the upload form.
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import type { AppError } from '../../../platform/errors.ts';
import type { PageContext } from '../../../web/page.ts';
import type { FormVersion } from '../../forms/index.ts';
import type { AttachmentLimits } from '../deps.ts';
import type { DraftView } from '../get-draft.ts';
import { DraftHeading } from './draft-heading.tsx';
import { size } from './status.tsx';

export function AttachmentsPage(props: { ctx: PageContext; draft: DraftView; version: FormVersion; limits: AttachmentLimits; error: AppError | null }): JSX.Element {
  const { ctx, draft, version, limits, error } = props;
  const check = draft.attachmentCheck;
  const heading = { ja: '添付書類', en: 'Attachments' };
  return (
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
    </Layout>
  );
}
