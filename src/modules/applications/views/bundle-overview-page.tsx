// A bundle's overview: each draft, what it still needs, and the way to check and sign them together.
import { Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import type { BundleView } from '../get-bundle.ts';
import { BundleSteps } from './bundle-steps.tsx';

export function BundleOverviewPage(props: { ctx: PageContext; bundle: BundleView }): JSX.Element {
  const { ctx, bundle } = props;
  return (
    <Layout ctx={ctx} title={{ ja: 'まとめて申請する', en: 'Applying together' }}>
      <BundleSteps ctx={ctx} bundle={bundle} current="overview" />
      <p>
        {ctx.h({
          ja: '共通の項目を入力したら、申請ごとの残りの項目と添付書類を入力してください。すべてそろったら、まとめて確認し、一度の署名で送信します。',
          en: 'After the shared answers, fill in what each application still needs and attach its documents. When all are complete, check them together and send them with one signature.',
        })}
      </p>
      <p>
        <a href={`/applications/bundles/${bundle.bundleKey}/shared`}>{ctx.h({ ja: '共通の項目を入力・変更する', en: 'Enter or change the shared answers' })}</a>
      </p>
      <table>
        <caption>{ctx.h({ ja: 'まとめて申請する申請', en: 'The applications' })}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.h({ ja: '申請', en: 'Application' })}</th>
            <th scope="col">{ctx.h({ ja: '状態', en: 'Status' })}</th>
            <th scope="col">{ctx.h({ ja: '操作', en: 'Action' })}</th>
          </tr>
        </thead>
        <tbody>
          {bundle.drafts.map(({ draft, errors, ready }) => (
            <tr>
              <th scope="row" lang="ja" safe>
                {draft.service.title}
              </th>
              <td>
                {ready ? (
                  <strong>{ctx.h({ ja: '入力済み', en: 'Complete' })}</strong>
                ) : (
                  <ul>
                    {errors.length > 0 ? <li safe>{ctx.t({ ja: `未入力・誤りのある項目：${errors.length}件`, en: `${errors.length} answers missing or wrong` })}</li> : ''}
                    {draft.attachmentCheck.missing.length > 0 ? (
                      <li safe>{ctx.t({ ja: `必須の添付書類がありません：${draft.attachmentCheck.missing.join('、')}`, en: `Required attachments missing: ${draft.attachmentCheck.missing.join(', ')}` })}</li>
                    ) : (
                      ''
                    )}
                  </ul>
                )}
              </td>
              <td>
                <a href={`/applications/drafts/${draft.id}`}>
                  <span safe>{ctx.t(ready ? { ja: '確認・変更する', en: 'Review' } : { ja: '入力する', en: 'Fill in' })}</span>
                  <span class="visually-hidden" lang="ja" safe>
                    {`（${draft.service.title}）`}
                  </span>
                </a>
                {' '}
                <a href={`/applications/drafts/${draft.id}/attachments`}>
                  <span safe>{ctx.t({ ja: '添付書類', en: 'Attachments' })}</span>
                  <span class="visually-hidden" lang="ja" safe>
                    {`（${draft.service.title}）`}
                  </span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {bundle.ready ? (
        <p>
          <a class="button" href={`/applications/bundles/${bundle.bundleKey}/check`}>
            {ctx.h({ ja: 'まとめて確認し、署名する', en: 'Check all and sign' })}
          </a>
        </p>
      ) : bundle.drafts.length < 2 ? (
        <p>{ctx.h({ ja: 'まとめて申請するには、下書きが2件以上必要です。残りの下書きは、それぞれの画面から送信してください。', en: 'Applying together needs two drafts or more. Send the remaining draft from its own pages.' })}</p>
      ) : (
        <p>{ctx.h({ ja: 'すべての申請の入力が済むと、まとめて確認・署名できます。', en: 'When every application is complete, you can check and sign them together.' })}</p>
      )}
    </Layout>
  );
}
