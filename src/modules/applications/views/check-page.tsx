// Check your answers and send: what is missing, the answers, the attachments, the originals to
// bring (R5), and the card step or, where the service allows it, the simple application (R3).
import { randomUUID } from 'node:crypto';
import type { AppError } from '../../../platform/errors.ts';
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import { CheckAnswers, type FieldError, type FormVersion } from '../../forms/index.ts';
import type { DraftView } from '../get-draft.ts';
import { DraftHeading } from './draft-heading.tsx';
import { SignForm, type DemoCard } from './sign-form.tsx';
import { OriginalsNotice, size } from './status.tsx';

/** `checked` is the draft's data checked against its form version: what is kept, and what is missing or wrong. */
export function CheckPage(props: {
  ctx: PageContext;
  draft: DraftView;
  version: FormVersion;
  checked: { data: Record<string, unknown>; errors: FieldError[] };
  error: AppError | null;
  cards: DemoCard[] | null;
}): JSX.Element {
  const { ctx, draft, version, error, cards } = props;
  const { errors, data } = props.checked;
  const heading = { ja: '入力内容の確認', en: 'Check your answers' };
  const ready = errors.length === 0 && draft.attachmentCheck.missing.length === 0;
  const stepOf = (field: string) => version.definition.layout.steps.find((s) => s.sections.some((sec) => field === sec.key || field.startsWith(`${sec.key ?? ''}.`)))?.id;
  return (
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
          <SignForm ctx={ctx} draftId={draft.id} cards={cards} idempotencyKey={randomUUID()} />
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
    </Layout>
  );
}
