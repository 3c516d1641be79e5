// The receipts of a bundle just sent: each application's reference number and arrival time (R1).
import { Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import type { ApplicationReceipt } from '../present.ts';
import { formatJapanTime, OriginalsNotice, StatusTag } from './status.tsx';

export function BundleReceiptPage(props: { ctx: PageContext; applications: ApplicationReceipt[] }): JSX.Element {
  const { ctx, applications } = props;
  const originals = [...new Set(applications.flatMap((a) => a.originalsToBring))];
  return (
    <Layout ctx={ctx} title={{ ja: '申請を受け付けました', en: 'Applications sent' }}>
      <p class="notice" role="status">
        {ctx.h({
          ja: 'すべての申請が市区町村に到達しました。申請ごとの受付番号と到達日時を控えてください。',
          en: 'All your applications have arrived at the municipality. Keep each reference number and arrival time.',
        })}
      </p>
      <table>
        <caption>{ctx.h({ ja: '送信した申請', en: 'Applications sent' })}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.h({ ja: '申請', en: 'Application' })}</th>
            <th scope="col">{ctx.h({ ja: '受付番号', en: 'Reference number' })}</th>
            <th scope="col">{ctx.h({ ja: '到達日時', en: 'Arrived at' })}</th>
            <th scope="col">{ctx.h({ ja: '状態', en: 'Status' })}</th>
            <th scope="col">{ctx.h({ ja: '受付票', en: 'Receipt' })}</th>
          </tr>
        </thead>
        <tbody>
          {applications.map((a) => (
            <tr>
              <th scope="row">
                <a href={`/applications/${a.id}`} lang="ja" safe>
                  {a.service.title}
                </a>
              </th>
              <td>
                <strong class="reference" safe>
                  {a.reference}
                </strong>
              </td>
              <td>
                <time datetime={a.arrivedAt} safe>
                  {formatJapanTime(a.arrivedAt, ctx.lang)}
                </time>
              </td>
              <td>
                <StatusTag ctx={ctx} status={a.status} />
              </td>
              <td>
                <a href={`/applications/${a.id}/receipt.pdf`} safe>
                  {`${ctx.t({ ja: '受付票PDF', en: 'Receipt PDF' })}（${a.reference}）`}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {ctx.h({
          ja: '申請ごとの到達は、公開の「証明の記録簿」に記録されます。記録の内容と、だれにでも示せる証明ファイル（個人情報は含みません）は、それぞれの申請のページの「到達の証明」で確かめられます。',
          en: 'Each arrival is recorded in a public evidence log. What was recorded, and a proof you can show anyone (it holds no personal data), are under “Proof of arrival” on each application’s page.',
        })}
      </p>
      <OriginalsNotice ctx={ctx} originals={originals} />
      <p>
        <a href="/me/applications">{ctx.h({ ja: '申請の一覧へ', en: 'All your applications' })}</a>
      </p>
    </Layout>
  );
}
