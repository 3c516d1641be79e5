// Pages of the municipality master: search, and one municipality with its wards.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { sendError } from '../../platform/http/problems.ts';
import { Layout, TableScroll } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import { getMunicipalityDetail } from './get-municipality.ts';
import { findMunicipalities, listPrefectures } from './repository.ts';

const PAGE_SIZE = 50;

const KIND_LABEL = {
  city: { ja: '市', en: 'City' },
  designated_city: { ja: '政令指定都市', en: 'Designated city' },
  special_ward: { ja: '特別区', en: 'Special ward' },
  ward: { ja: '行政区', en: 'Ward' },
  town: { ja: '町', en: 'Town' },
  village: { ja: '村', en: 'Village' },
} as const;

function searchHref(q: string, prefecture: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (prefecture) params.set('prefecture', prefecture);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/municipalities${query ? `?${query}` : ''}`;
}

function SearchPage(props: {
  ctx: PageContext;
  q: string;
  prefecture: string;
  page: number;
  prefectures: Array<{ code: string; name: string; nameEn: string }>;
  total: number;
  items: Awaited<ReturnType<typeof findMunicipalities>>['items'];
}): JSX.Element {
  const { ctx, q, prefecture, page, total } = props;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const prefectureNameEn = new Map(props.prefectures.map((p) => [p.name, p.nameEn]));
  return (
    <Layout ctx={ctx} title={{ ja: '市区町村を探す', en: 'Find your municipality' }}>
      <p class="lead">
        {ctx.h({
          ja: '全国の都道府県・市区町村を、名前・よみがな・地方公共団体コードで探せます。',
          en: 'Search every prefecture and municipality in Japan by name, reading or local government code.',
        })}
      </p>
      <form class="search" method="get" action="/municipalities" role="search">
        <div class="field">
          <label for="q">{ctx.h({ ja: '名前・よみがな・コード', en: 'Name, reading or code' })}</label>
          <p class="hint" id="q-hint">
            {ctx.lang === 'ja' ? (
              '例：渋谷、しぶや、1311'
            ) : (
              <>
                e.g. <span lang="ja">渋谷</span>, <span lang="ja">しぶや</span>, 1311
              </>
            )}
          </p>
          <input type="search" id="q" name="q" value={q} maxlength="50" autocomplete="off" aria-describedby="q-hint" />
        </div>
        <div class="field">
          <label for="prefecture">{ctx.h({ ja: '都道府県', en: 'Prefecture' })}</label>
          <select id="prefecture" name="prefecture">
            <option value="">{ctx.h({ ja: 'すべて', en: 'All' })}</option>
            {props.prefectures.map((p) => (
              <option value={p.code} selected={p.code === prefecture} safe>
                {ctx.lang === 'ja' ? p.name : p.nameEn}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{ctx.h({ ja: '検索', en: 'Search' })}</button>
      </form>
      <p class="result-count" role="status" safe>
        {ctx.lang === 'ja' ? `${total.toLocaleString('ja-JP')} 件` : `${total.toLocaleString('en-GB')} results`}
      </p>
      {props.items.length > 0 ? (
        <TableScroll captionId="results-caption">
          <table>
            <caption id="results-caption" class="visually-hidden">
              {ctx.h({ ja: '検索結果', en: 'Results' })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{ctx.h({ ja: 'コード', en: 'Code' })}</th>
                <th scope="col">{ctx.h({ ja: '名前', en: 'Name' })}</th>
                <th scope="col">{ctx.h({ ja: 'よみがな', en: 'Reading' })}</th>
                <th scope="col">{ctx.h({ ja: '都道府県', en: 'Prefecture' })}</th>
                <th scope="col">{ctx.h({ ja: '種別', en: 'Kind' })}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((m) => (
                <tr>
                  <td safe>{m.code}</td>
                  <td>
                    <a href={`/municipalities/${m.code}`} lang="ja" safe>
                      {m.name}
                    </a>
                  </td>
                  <td lang="ja" safe>
                    {m.kana}
                  </td>
                  {ctx.lang === 'en' && prefectureNameEn.has(m.prefectureName) ? (
                    <td safe>{prefectureNameEn.get(m.prefectureName)}</td>
                  ) : (
                    <td lang="ja" safe>
                      {m.prefectureName}
                    </td>
                  )}
                  <td safe>{ctx.t(KIND_LABEL[m.kind])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{ctx.h({ ja: '該当する市区町村はありません。', en: 'No municipality matches.' })}</p>
      )}
      {pages > 1 ? (
        <nav aria-label={ctx.t({ ja: 'ページ送り', en: 'Pagination' })}>
          <ul class="pagination">
            {page > 1 ? (
              <li>
                <a href={searchHref(q, prefecture, page - 1)} rel="prev">
                  {ctx.h({ ja: '前のページ', en: 'Previous page' })}
                </a>
              </li>
            ) : (
              ''
            )}
            <li safe>{ctx.t({ ja: `${pages} ページ中 ${page} ページ目`, en: `Page ${page} of ${pages}` })}</li>
            {page < pages ? (
              <li>
                <a href={searchHref(q, prefecture, page + 1)} rel="next">
                  {ctx.h({ ja: '次のページ', en: 'Next page' })}
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </nav>
      ) : (
        ''
      )}
    </Layout>
  );
}

function DetailPage(props: { ctx: PageContext; m: Awaited<ReturnType<typeof getMunicipalityDetail>> }): JSX.Element {
  const { ctx, m } = props;
  return (
    // Municipalities have no English names in the master, so the heading stays Japanese, marked so.
    <Layout ctx={ctx} title={{ ja: `${m.prefecture.name} ${m.name}`, en: `${m.prefecture.name} ${m.name}` }} titleLang="ja">
      <dl class="facts">
        <dt>{ctx.h({ ja: '地方公共団体コード', en: 'Local government code' })}</dt>
        <dd safe>{m.code}</dd>
        <dt>{ctx.h({ ja: 'よみがな', en: 'Reading' })}</dt>
        <dd lang="ja" safe>
          {m.kana}
        </dd>
        <dt>{ctx.h({ ja: '種別', en: 'Kind' })}</dt>
        <dd safe>{ctx.t(KIND_LABEL[m.kind as keyof typeof KIND_LABEL])}</dd>
        <dt>{ctx.h({ ja: '子育てワンストップの利用', en: 'Uses Kosodate One-Stop' })}</dt>
        <dd>
          {m.participating
            ? ctx.h({ ja: '利用しています', en: 'Yes' })
            : ctx.h({ ja: 'まだ利用していません', en: 'Not yet' })}
        </dd>
      </dl>
      {m.parentCode ? (
        <p>
          <a href={`/municipalities/${m.parentCode}`}>{ctx.h({ ja: 'この区の市を見る', en: 'The city this ward belongs to' })}</a>
        </p>
      ) : (
        ''
      )}
      {m.wards.length > 0 ? (
        <>
          <h2>{ctx.h({ ja: '行政区', en: 'Wards' })}</h2>
          <ul>
            {m.wards.map((w) => (
              <li>
                <a href={`/municipalities/${w.code}`} lang="ja" safe>
                  {`${w.name}（${w.code}）`}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <p class="back-link">
        <a href="/municipalities">{ctx.h({ ja: '市区町村の検索へ戻る', en: 'Back to the search' })}</a>
      </p>
    </Layout>
  );
}

export function registerMunicipalityPages(app: FastifyInstance, db: Db): void {
  app.get<{ Querystring: { q?: string; prefecture?: string; page?: string } }>(
    '/municipalities',
    { schema: { hide: true } },
    async (request, reply) => {
      const ctx = pageContext(request, 'resident');
      const q = (request.query.q ?? '').slice(0, 50);
      const prefecture = /^\d{2}$/.test(request.query.prefecture ?? '') ? request.query.prefecture! : '';
      const page = Math.min(Math.max(1, Number.parseInt(request.query.page ?? '1', 10) || 1), 200);
      const [prefectures, result] = await Promise.all([
        listPrefectures(db.kysely),
        findMunicipalities(db.kysely, { q, prefecture, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
      ]);
      return sendPage(reply, <SearchPage ctx={ctx} q={q} prefecture={prefecture} page={page} prefectures={prefectures} {...result} />);
    },
  );
  app.get<{ Params: { code: string } }>('/municipalities/:code', { schema: { hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, 'resident');
    try {
      const m = await getMunicipalityDetail(db.kysely, request.params.code);
      return await sendPage(reply, <DetailPage ctx={ctx} m={m} />);
    } catch (error) {
      if (isAppError(error)) return sendError(request, reply, error);
      throw error;
    }
  });
}
