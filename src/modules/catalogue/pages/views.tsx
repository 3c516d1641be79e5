// Pieces shared by the resident catalogue pages: owner names, term labels, acceptance status, and
// the one place where HTML from elsewhere (a search snippet) is let into a page.
import Html from '@kitajs/html';
import type { Text } from '../../../platform/i18n.ts';
import type { PageContext } from '../../../web/page.ts';
import { APPLY_METHODS, CATEGORIES, LIFE_EVENTS, labelOf } from '../taxonomy.ts';

export type Acceptance = 'open' | 'not-yet' | 'closed' | 'always';

export function acceptanceOf(start: string | null, end: string | null, today: string): Acceptance {
  if (!start && !end) return 'always';
  if (start && today < start) return 'not-yet';
  if (end && today > end) return 'closed';
  return 'open';
}

const ACCEPTANCE_TEXT: Record<Acceptance, Text> = {
  open: { ja: '受付中', en: 'Accepting applications' },
  'not-yet': { ja: '受付開始前', en: 'Not open yet' },
  closed: { ja: '受付終了', en: 'Closed' },
  always: { ja: '随時受付', en: 'Open all year' },
};

export function AcceptanceBadge(props: { ctx: PageContext; start: string | null; end: string | null; today: string }): JSX.Element {
  const state = acceptanceOf(props.start, props.end, props.today);
  const cls = state === 'open' || state === 'always' ? 'status status-ok' : state === 'not-yet' ? 'status status-warn' : 'status status-error';
  return (
    <span class={cls} safe>
      {props.ctx.t(ACCEPTANCE_TEXT[state])}
    </span>
  );
}

/** 2026-12-04 → 2026年12月4日 / 4 December 2026. */
export function formatDate(ctx: PageContext, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (ctx.lang === 'ja') return `${y}年${m}月${d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
}

/** Who offers the service: the municipality, the prefecture, or the nation. */
export function ownerText(row: { municipalityCode: string | null; prefectureCode: string | null; municipalityName: string | null; prefectureName: string | null; prefectureNameEn?: string | null }): Text {
  if (row.municipalityCode) {
    const name = `${row.prefectureName ?? ''}${row.municipalityName ?? row.municipalityCode}`;
    return { ja: name, en: name };
  }
  if (row.prefectureCode) {
    const ja = row.prefectureName ?? row.prefectureCode;
    return { ja: `${ja}（都道府県の制度）`, en: `${row.prefectureNameEn ?? ja} (prefectural scheme)` };
  }
  return { ja: '国の制度（全国共通）', en: 'National scheme (everywhere in Japan)' };
}

export const categoryLabel = (id: string): Text => labelOf(CATEGORIES, id);
export const lifeEventLabel = (id: string): Text => labelOf(LIFE_EVENTS, id);
export const applyMethodLabel = (id: string): Text => APPLY_METHODS.find((m) => m.id === id)?.label ?? { ja: id, en: id };

export function TermList(props: { ctx: PageContext; ids: readonly string[]; label: (id: string) => Text; name: Text }): JSX.Element {
  if (props.ids.length === 0) return '';
  return (
    <ul class="term-list" aria-label={props.ctx.t(props.name)}>
      {props.ids.map((id) => (
        <li safe>{props.ctx.t(props.label(id))}</li>
      ))}
    </ul>
  );
}

/** Text with line breaks kept (the open 制度 layout uses them for lists), escaped. */
export function Lines(props: { text: string; lang?: string }): JSX.Element {
  return (
    <div class="prose-lines" lang={props.lang} safe>
      {props.text}
    </div>
  );
}

const SNIPPET_SHAPE = /^(?:[^<>]|<mark>|<\/mark>)*$/;

/**
 * The search engine's snippet is HTML that it escaped itself, with matches in <mark>. It is let into
 * the page only when it is exactly that shape: text without any angle bracket, and <mark>/</mark>.
 * Anything else (a bug or injected markup) is shown as escaped text without the marks.
 */
export function safeSnippetHtml(snippet: string): JSX.Element {
  if (SNIPPET_SHAPE.test(snippet) && balancedMarks(snippet)) return snippet;
  return Html.escapeHtml(snippet.replace(/<\/?mark>/g, ''));
}

function balancedMarks(snippet: string): boolean {
  let open = false;
  for (const tag of snippet.match(/<\/?mark>/g) ?? []) {
    if ((tag === '<mark>') === open) return false;
    open = !open;
  }
  return !open;
}
