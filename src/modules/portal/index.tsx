// The resident portal's home: where every resident journey starts.
import type { FastifyPluginAsync } from 'fastify';
import { Layout, SectionCard } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import { LIFE_EVENTS } from '../catalogue/index.ts';

// The life events a resident most often starts from (the full list is on /life-events).
const LIFE_EVENT_ENTRIES = ['pregnancy', 'birth', 'nursery', 'moving-in', 'single-parent'].flatMap((id) => LIFE_EVENTS.filter((e) => e.id === id));

function Home(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: '子育ての手続を、ひとつの窓口で', en: 'Childcare services in one place' }}>
      <p class="lead">
        {ctx.h({
          ja: 'お住まいの市区町村の子育て支援サービスを探し、マイナンバーカードで電子申請できます。市区町村からのお知らせや、ご自身の記録も確認できます。',
          en: 'Find the childcare services of your municipality and apply online with your My Number Card. Read notices from your municipality and see your own records.',
        })}
      </p>
      <p>
        <a class="button-link" href="/login">
          {ctx.h({ ja: 'マイナンバーカードでログイン', en: 'Sign in with your My Number Card' })}
        </a>
      </p>
      <section aria-labelledby="life-events-title">
        <h2 id="life-events-title">{ctx.h({ ja: 'ライフイベントから探す', en: 'Start from a life event' })}</h2>
        <ul class="life-event-links">
          {LIFE_EVENT_ENTRIES.map((e) => (
            <li>
              <a href={`/life-events/${e.id}`} safe>
                {ctx.t(e.label)}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <ul class="cards">
        <SectionCard
          ctx={ctx}
          href="/services"
          title={{ ja: 'サービスを探す', en: 'Find services' }}
          body={{ ja: '児童手当、保育、母子保健、ひとり親支援などを、キーワードやライフイベントから探せます。', en: 'Child allowance, childcare, maternal health, single-parent support and more, by keyword or life event.' }}
        />
        <SectionCard
          ctx={ctx}
          title={{ ja: '申請する・申請を確認する', en: 'Apply and track applications' }}
          body={{ ja: 'マイナンバーカードで署名して電子申請し、申請の状況を確認できます。', en: 'Sign with your My Number Card, apply online and follow each application.' }}
        />
        <SectionCard
          ctx={ctx}
          title={{ ja: 'お知らせ', en: 'Notices' }}
          body={{ ja: '市区町村からのお知らせを受け取り、回答できます。', en: 'Receive notices from your municipality and reply to them.' }}
        />
        <SectionCard
          ctx={ctx}
          title={{ ja: '自分の記録とやりとりの記録', en: 'Your records and who exchanged them' }}
          body={{ ja: '予防接種の記録や、情報提供等記録を確認できます。', en: 'See your vaccination records and the log of every exchange of your information.' }}
        />
        <SectionCard
          ctx={ctx}
          href="/municipalities"
          title={{ ja: '市区町村を探す', en: 'Find your municipality' }}
          body={{ ja: '全国の市区町村を名前やよみがなで探せます。', en: 'Look up any municipality in Japan by name or reading.' }}
        />
      </ul>
    </Layout>
  );
}

export const portalModule: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (request, reply) => sendPage(reply, <Home ctx={pageContext(request, 'resident')} />));
};
