// Check every application of a bundle and sign them once.
import { randomUUID } from 'node:crypto';
import type { AppError } from '../../../platform/errors.ts';
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import { CheckAnswers } from '../../forms/index.ts';
import { FORMS } from '../forms.ts';
import type { BundleView } from '../get-bundle.ts';
import { BundleSteps } from './bundle-steps.tsx';
import { SignForm, type DemoCard } from './sign-form.tsx';
import { OriginalsNotice } from './status.tsx';

export function BundleCheckPage(props: { ctx: PageContext; bundle: BundleView; error: AppError | null; cards: DemoCard[] | null }): JSX.Element {
  const { ctx, bundle, error, cards } = props;
  const originals = [...new Set(bundle.drafts.flatMap((d) => d.draft.attachmentCheck.originalsToBring))];
  return (
    <Layout ctx={ctx} title={{ ja: 'まとめて確認して署名する', en: 'Check all and sign once' }}>
      <BundleSteps ctx={ctx} bundle={bundle} current="check" />
      <ErrorSummary ctx={ctx} error={error} fieldId={() => 'sign-title'} />
      {!bundle.ready ? (
        <div class="error-summary" role="alert" aria-labelledby="incomplete-title" tabindex="-1">
          <h2 id="incomplete-title">{ctx.h({ ja: 'まだ送信できません', en: 'You cannot send these yet' })}</h2>
          <ul>
            {bundle.drafts
              .filter((d) => !d.ready)
              .map((d) => (
                <li>
                  <a href={`/applications/drafts/${d.draft.id}`} safe>
                    {ctx.t({ ja: `${d.draft.service.title}：入力が済んでいない項目があります`, en: `${d.draft.service.title}: not complete yet` })}
                  </a>
                </li>
              ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      {bundle.drafts.map(({ draft, version }, i) => (
        <section aria-labelledby={`application-${i + 1}`} class="bundle-application">
          <h2 id={`application-${i + 1}`} safe>
            {ctx.t({ ja: `申請${i + 1}：${draft.service.title}`, en: `Application ${i + 1}: ${draft.service.title}` })}
          </h2>
          <CheckAnswers
            ctx={ctx}
            version={version}
            data={FORMS.cleanFormData(version, draft.data)}
            changeHref={(stepId) => `/applications/drafts/${draft.id}/steps/${stepId}`}
            nested={{ idPrefix: `application-${i + 1}` }}
          />
          <h3>{ctx.h({ ja: '添付書類', en: 'Attachments' })}</h3>
          {draft.attachments.length > 0 ? (
            <ul>
              {draft.attachments.map((a) => (
                <li safe>{a.name}</li>
              ))}
            </ul>
          ) : (
            <p>{ctx.h({ ja: '添付書類はありません。', en: 'No attachments.' })}</p>
          )}
        </section>
      ))}
      <OriginalsNotice ctx={ctx} originals={originals} />
      {bundle.ready ? (
        <>
          <p>
            {ctx.h({
              ja: '一度の署名で、上のすべての申請を送信します。それぞれ別の申請として市区町村に到達し、申請ごとに受付番号と到達日時が記録されます。署名には、各申請の入力内容と添付書類の内容（ハッシュ値）が含まれます。',
              en: 'One signature sends all the applications above. Each arrives at the municipality as its own application, with its own reference number and arrival time. The signature covers each application’s answers and the contents (hashes) of its attachments.',
            })}
          </p>
          <SignForm ctx={ctx} bundle={{ key: bundle.bundleKey, draftIds: bundle.drafts.map((d) => d.draft.id) }} cards={cards} idempotencyKey={randomUUID()} />
          <p>
            {ctx.h({
              ja: '署名せずに送信できるサービス（簡易申請）は、それぞれの申請の確認画面から1件ずつ送信することもできます。',
              en: 'Services that accept applications without a signature (simple applications) can also be sent one by one from each application’s check page.',
            })}
          </p>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
