// /services: free-word search with filters (municipality, category, life event, how to apply,
// accepting now), the result count, snippets and paging. A GET form and plain links: it works
// without JavaScript, and every result page can be bookmarked.
import type { Text } from '../../../platform/i18n.ts';
import { Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import { APPLY_METHODS, CATEGORIES, LIFE_EVENTS } from '../taxonomy.ts';
import type { FieldError } from './household-form.ts';
import type { ServiceSearchItem } from '../search/search-services.ts';
import type { findOwners } from './repository.ts';
import { applyMethodLabel, categoryLabel, lifeEventLabel, ownerText, safeSnippetHtml, TermList } from './views.tsx';

type Owner = Awaited<ReturnType<typeof findOwners>>[number];

export const PAGE_SIZE = 20;

export interface SearchParams {
  q: string;
  /** The participating municipality chosen in the select. */
  municipality: string;
  /** A code or a name typed by the resident (any municipality). */
  place: string;
  category: string;
  lifeEvent: string;
  applyMethod: string;
  open: boolean;
  page: number;
}

export interface Participating {
  code: string;
  name: string;
  prefectureName: string;
}

export function searchHref(p: SearchParams, change: Partial<SearchParams> = {}): string {
  const v = { ...p, page: 1, ...change };
  const params = new URLSearchParams();
  if (v.q) params.set('q', v.q);
  if (v.municipality) params.set('municipality', v.municipality);
  if (v.place) params.set('place', v.place);
  if (v.category) params.set('category', v.category);
  if (v.lifeEvent) params.set('lifeEvent', v.lifeEvent);
  if (v.applyMethod) params.set('applyMethod', v.applyMethod);
  if (v.open) params.set('open', '1');
  if (v.page > 1) params.set('page', String(v.page));
  const query = params.toString();
  return `/services${query ? `?${query}` : ''}`;
}

function ownerOf(item: ServiceSearchItem, owners: Map<string, Owner>): Text {
  const owner = owners.get(item.id);
  if (owner) return ownerText(owner);
  return item.municipality ? { ja: item.municipality.name, en: item.municipality.name } : ownerText({ municipalityCode: null, prefectureCode: null, municipalityName: null, prefectureName: null });
}

function Select(props: { ctx: PageContext; id: string; label: Text; value: string; options: ReadonlyArray<{ id: string; label: Text }>; all: Text }): JSX.Element {
  const { ctx } = props;
  return (
    <div class="field">
      <label for={props.id} safe>
        {ctx.t(props.label)}
      </label>
      <select id={props.id} name={props.id}>
        <option value="" safe>
          {ctx.t(props.all)}
        </option>
        {props.options.map((o) => (
          <option value={o.id} selected={o.id === props.value} safe>
            {ctx.t(o.label)}
          </option>
        ))}
      </select>
    </div>
  );
}

function ErrorSummary(props: { ctx: PageContext; errors: FieldError[] }): JSX.Element {
  const { ctx } = props;
  if (props.errors.length === 0) return '';
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title" class="error-summary-title">
        {ctx.h({ ja: '入力内容を確認してください', en: 'Check what you entered' })}
      </h2>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.field}`} safe>
              {ctx.t(e.message)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export { ErrorSummary };

function FilterLinks(props: { ctx: PageContext; params: SearchParams; name: 'category' | 'lifeEvent'; title: Text; terms: ReadonlyArray<{ id: string; label: Text }> }): JSX.Element {
  const { ctx, params, name } = props;
  const current = params[name];
  return (
    <nav class="filter-links" aria-label={ctx.t(props.title)}>
      <h3 class="filter-title" safe>
        {ctx.t(props.title)}
      </h3>
      <ul>
        <li>
          <a href={searchHref(params, { [name]: '' })} aria-current={current === '' ? 'true' : undefined}>
            {ctx.h({ ja: 'すべて', en: 'All' })}
          </a>
        </li>
        {props.terms.map((t) => (
          <li>
            <a href={searchHref(params, { [name]: t.id })} aria-current={current === t.id ? 'true' : undefined} safe>
              {ctx.t(t.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ActiveFilters(props: { ctx: PageContext; params: SearchParams; placeName: string | null; participating: Participating[] }): JSX.Element {
  const { ctx, params } = props;
  const chips: Array<{ label: string; href: string }> = [];
  if (params.q) chips.push({ label: `「${params.q}」`, href: searchHref(params, { q: '' }) });
  const chosen = props.participating.find((m) => m.code === params.municipality);
  if (params.place) chips.push({ label: props.placeName ?? params.place, href: searchHref(params, { place: '' }) });
  else if (chosen) chips.push({ label: `${chosen.prefectureName}${chosen.name}`, href: searchHref(params, { municipality: '' }) });
  if (params.category) chips.push({ label: ctx.t(categoryLabel(params.category)), href: searchHref(params, { category: '' }) });
  if (params.lifeEvent) chips.push({ label: ctx.t(lifeEventLabel(params.lifeEvent)), href: searchHref(params, { lifeEvent: '' }) });
  if (params.applyMethod) chips.push({ label: ctx.t(applyMethodLabel(params.applyMethod)), href: searchHref(params, { applyMethod: '' }) });
  if (params.open) chips.push({ label: ctx.t({ ja: '受付中のみ', en: 'Accepting now only' }), href: searchHref(params, { open: false }) });
  if (chips.length === 0) return '';
  return (
    <div class="active-filters">
      <p class="active-filters-title">{ctx.h({ ja: '指定中の条件（選ぶと解除します）', en: 'Your conditions (select one to remove it)' })}</p>
      <ul>
        {chips.map((c) => (
          <li>
            <a href={c.href} class="chip-remove">
              <span safe>{c.label}</span>
              <span class="visually-hidden">{ctx.h({ ja: 'の条件を解除', en: ' — remove' })}</span>
              <span aria-hidden="true"> ×</span>
            </a>
          </li>
        ))}
        <li>
          <a href="/services">{ctx.h({ ja: 'すべて解除', en: 'Clear all' })}</a>
        </li>
      </ul>
    </div>
  );
}

export function SearchPage(props: {
  ctx: PageContext;
  params: SearchParams;
  participating: Participating[];
  placeName: string | null;
  owners: Owner[];
  errors: FieldError[];
  result: { total: number; approximate: boolean; items: ServiceSearchItem[] } | null;
}): JSX.Element {
  const { ctx, params, result } = props;
  const owners = new Map(props.owners.map((o) => [o.id, o]));
  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  const searched = result !== null;
  const placeError = props.errors.find((e) => e.field === 'place');
  return (
    <Layout ctx={ctx} title={{ ja: 'サービスを探す', en: 'Find services' }}>
      <p class="lead">
        {ctx.h({
          ja: '子育て支援のサービスや手続を、キーワード、お住まいの市区町村、分類やライフイベントから探せます。',
          en: 'Find childcare services and procedures by keyword, by the municipality you live in, by category or by life event.',
        })}
      </p>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <form class="search service-search" method="get" action="/services" role="search" aria-label={ctx.t({ ja: 'サービスの検索', en: 'Service search' })}>
        <div class="field field-wide">
          <label for="q">{ctx.h({ ja: 'キーワード', en: 'Keywords' })}</label>
          <p class="hint" id="q-hint">
            {ctx.h({ ja: '例：児童手当、保育園、妊娠。ひらがな・カタカナでも探せます。', en: 'e.g. 児童手当, 保育園, 妊娠. Hiragana and katakana work too.' })}
          </p>
          <input type="search" id="q" name="q" value={params.q} maxlength="100" aria-describedby="q-hint" />
        </div>
        <div class="field">
          <label for="municipality">{ctx.h({ ja: 'お住まいの市区町村', en: 'Your municipality' })}</label>
          <select id="municipality" name="municipality">
            <option value="">{ctx.h({ ja: '指定しない', en: 'Any' })}</option>
            {props.participating.map((m) => (
              <option value={m.code} selected={m.code === params.municipality} lang="ja" safe>
                {`${m.prefectureName} ${m.name}`}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="place">{ctx.h({ ja: 'ほかの市区町村（コードまたは名前）', en: 'Another municipality (code or name)' })}</label>
          <p class="hint" id="place-hint">
            {ctx.h({ ja: '例：131130、渋谷区', en: 'e.g. 131130 or 渋谷区' })}
          </p>
          <input
            type="text"
            id="place"
            name="place"
            value={params.place}
            maxlength="20"
            aria-describedby={placeError ? 'place-hint place-error' : 'place-hint'}
            aria-invalid={placeError ? 'true' : undefined}
          />
          {placeError ? (
            <p class="field-error" id="place-error" safe>
              {ctx.t(placeError.message)}
            </p>
          ) : (
            ''
          )}
        </div>
        <Select ctx={ctx} id="category" label={{ ja: '分類', en: 'Category' }} value={params.category} options={CATEGORIES} all={{ ja: 'すべて', en: 'All' }} />
        <Select ctx={ctx} id="lifeEvent" label={{ ja: 'ライフイベント', en: 'Life event' }} value={params.lifeEvent} options={LIFE_EVENTS} all={{ ja: 'すべて', en: 'All' }} />
        <Select ctx={ctx} id="applyMethod" label={{ ja: '申請方法', en: 'How to apply' }} value={params.applyMethod} options={APPLY_METHODS} all={{ ja: 'すべて', en: 'All' }} />
        <div class="choice field-check">
          <input type="checkbox" id="open" name="open" value="1" checked={params.open} />
          <label for="open">{ctx.h({ ja: '受付中のものだけ表示', en: 'Only those accepting applications now' })}</label>
        </div>
        <button type="submit">{ctx.h({ ja: '検索する', en: 'Search' })}</button>
      </form>

      <p class="life-event-hint">
        {ctx.h({ ja: '世帯の状況から、対象になりそうなサービスと手当の見込み額を調べるには：', en: 'To see which services may apply to your household, with estimated allowances:' })}{' '}
        <a href="/life-events">{ctx.h({ ja: 'ライフイベントから探す', en: 'Search by life event' })}</a>
      </p>

      {searched ? (
        <section class="search-results" aria-labelledby="results-title">
          <h2 id="results-title">{ctx.h({ ja: '検索結果', en: 'Results' })}</h2>
          <ActiveFilters ctx={ctx} params={params} placeName={props.placeName} participating={props.participating} />
          <p class="result-count" role="status" safe>
            {ctx.lang === 'ja'
              ? `${result.total.toLocaleString('ja-JP')} 件${result.total > 0 ? `（${(params.page - 1) * PAGE_SIZE + 1}〜${Math.min(params.page * PAGE_SIZE, result.total)} 件目を表示）` : ''}`
              : `${result.total.toLocaleString('en-GB')} result${result.total === 1 ? '' : 's'}${result.total > 0 ? ` (showing ${(params.page - 1) * PAGE_SIZE + 1}–${Math.min(params.page * PAGE_SIZE, result.total)})` : ''}`}
          </p>
          {result.approximate ? (
            <p class="approximate-note">
              {ctx.h({ ja: '完全に一致するサービスがないため、近い言葉で見つかったサービスを表示しています。', en: 'Nothing matched exactly, so services found with similar words are shown.' })}
            </p>
          ) : (
            ''
          )}
          <div class="results-layout">
            <div class="filters">
              <FilterLinks ctx={ctx} params={params} name="category" title={{ ja: '分類で絞り込む', en: 'Filter by category' }} terms={CATEGORIES} />
              <FilterLinks ctx={ctx} params={params} name="lifeEvent" title={{ ja: 'ライフイベントで絞り込む', en: 'Filter by life event' }} terms={LIFE_EVENTS} />
            </div>
            <div class="results">
              {result.items.length > 0 ? (
                <ol class="result-list" start={String((params.page - 1) * PAGE_SIZE + 1)}>
                  {result.items.map((item) => (
                    <li class="result">
                      <h3 class="result-title">
                        <a href={`/services/${encodeURIComponent(item.id)}`} lang="ja" safe>
                          {item.title}
                        </a>
                      </h3>
                      <p class="result-owner" lang="ja" safe>
                        {ctx.t(ownerOf(item, owners))}
                      </p>
                      <p class="result-snippet" lang="ja">
                        {safeSnippetHtml(item.snippet)}
                      </p>
                      <TermList ctx={ctx} ids={item.categories} label={categoryLabel} name={{ ja: '分類', en: 'Categories' }} />
                      {item.applyMethods.length > 0 ? (
                        <p class="result-methods" safe>
                          {`${ctx.t({ ja: '申請方法：', en: 'How to apply: ' })}${item.applyMethods.map((m) => ctx.t(applyMethodLabel(m))).join(ctx.lang === 'ja' ? '、' : ', ')}`}
                        </p>
                      ) : (
                        ''
                      )}
                    </li>
                  ))}
                </ol>
              ) : (
                <div class="empty-state">
                  <p class="empty-title">{ctx.h({ ja: '条件に合うサービスは見つかりませんでした。', en: 'No service matches.' })}</p>
                  <p>{ctx.h({ ja: '次のことをお試しください。', en: 'You could try:' })}</p>
                  <ul>
                    <li>{ctx.h({ ja: 'キーワードを短くする、別の言葉にする（例：「保育所」→「保育」）', en: 'shorter or other words (e.g. 保育 instead of 保育所)' })}</li>
                    <li>{ctx.h({ ja: '「受付中のものだけ表示」や分類の条件を外す', en: 'removing “accepting now” or the category' })}</li>
                    <li>
                      <a href="/services?q=%E5%85%90%E7%AB%A5%E6%89%8B%E5%BD%93">{ctx.h({ ja: '「児童手当」で探す', en: 'searching for 児童手当 (child allowance)' })}</a>
                    </li>
                    <li>
                      <a href="/life-events">{ctx.h({ ja: 'ライフイベントから探す', en: 'searching by life event' })}</a>
                    </li>
                  </ul>
                </div>
              )}
              {pages > 1 ? (
                <nav aria-label={ctx.t({ ja: 'ページ送り', en: 'Pagination' })}>
                  <ul class="pagination">
                    {params.page > 1 ? (
                      <li>
                        <a href={searchHref(params, { page: params.page - 1 })} rel="prev">
                          {ctx.h({ ja: '前のページ', en: 'Previous page' })}
                        </a>
                      </li>
                    ) : (
                      ''
                    )}
                    <li safe>{ctx.t({ ja: `${pages} ページ中 ${params.page} ページ目`, en: `Page ${params.page} of ${pages}` })}</li>
                    {params.page < pages ? (
                      <li>
                        <a href={searchHref(params, { page: params.page + 1 })} rel="next">
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
            </div>
          </div>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
