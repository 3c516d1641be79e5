// Applying for a service: what happens, the drafts already started for it, and a way to start.
import { CsrfField, Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import type { DraftListItem } from '../get-draft.ts';
import { formatJapanTime } from './status.tsx';

export function StartPage(props: { ctx: PageContext; service: { id: string; title: string }; drafts: DraftListItem[] }): JSX.Element {
  const { ctx, service, drafts } = props;
  return (
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
    </Layout>
  );
}
