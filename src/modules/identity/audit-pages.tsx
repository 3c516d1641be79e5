// The security audit log for its readers (§3.1): a municipality administrator sees their own
// municipality's events, the national administrator all of them (row-level security decides, R15).
// Filters by action and dates (Japan time), pages of 50, and a CSV export of the same selection.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { DataTable } from '../../web/data-table.tsx';
import { Layout } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import { auditCsv, listAuditEvents, type AuditRow } from './list-audit-events.ts';
import type { StaffPrincipal } from './principal.ts';
import type { AuditQuery } from './repository/audit.ts';
import { ErrorSummary, fieldMessage, formatJst } from './views.tsx';

const TITLE = { ja: '監査ログ', en: 'Audit log' };
const PAGE_SIZE = 50;
export const AUDIT_CSV_MAX_ROWS = 50_000;

interface AuditFilters {
  action?: string;
  from?: string;
  to?: string;
  page?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Start of a day in Japan time. */
function jstDay(value: string): Date | null {
  if (!DATE.test(value)) return null;
  const d = new Date(`${value}T00:00:00+09:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The filters as a query (dates inclusive, in Japan time), or the problems with them. */
export function auditQueryOf(f: AuditFilters, limit: number): { query: AuditQuery; page: number } {
  const fields: FieldProblem[] = [];
  const from = f.from ? jstDay(f.from) : undefined;
  const toStart = f.to ? jstDay(f.to) : undefined;
  if (from === null) fields.push({ field: 'from', rule: 'format', message: { en: 'Enter a date like 2026-04-01', ja: '日付は 2026-04-01 の形で入力してください' } });
  if (toStart === null) fields.push({ field: 'to', rule: 'format', message: { en: 'Enter a date like 2026-04-30', ja: '日付は 2026-04-30 の形で入力してください' } });
  if (from && toStart && toStart < from) fields.push({ field: 'to', rule: 'range', message: { en: 'The end date is before the start date', ja: '終了日が開始日より前です' } });
  const action = f.action?.trim() ?? '';
  if (action.length > 100) fields.push({ field: 'action', rule: 'maxLength', message: { en: 'At most 100 characters', ja: '100文字以内で入力してください' } });
  if (fields.length > 0) throw new AppError('identity.invalid_audit_filter', 'bad_request', 'Check the filters.', { ja: '絞り込みの条件を確認してください。', fields });
  const page = Math.max(1, Math.min(10_000, Number.parseInt(f.page ?? '1', 10) || 1));
  const query: AuditQuery = { limit, offset: (page - 1) * limit };
  if (action) query.action = action;
  if (from) query.from = from;
  if (toStart) query.to = new Date(toStart.getTime() + 86_400_000);
  return { query, page };
}

function filterLink(f: AuditFilters, page: number, path = '/staff/audit'): string {
  const p = new URLSearchParams();
  if (f.action) p.set('action', f.action);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (page > 1) p.set('page', String(page));
  const q = p.toString();
  return q ? `${path}?${q}` : path;
}

const ACTOR_KIND = {
  resident: { ja: '住民', en: 'Resident' },
  staff: { ja: '職員', en: 'Staff' },
  system: { ja: 'システム', en: 'System' },
  platform: { ja: '基盤', en: 'Platform' },
  anonymous: { ja: '未認証', en: 'Anonymous' },
} as const;

function AuditPage(props: { ctx: PageContext; filters: AuditFilters; national: boolean; result?: { total: number; items: AuditRow[]; page: number }; error?: AppError }): JSX.Element {
  const { ctx, filters, result } = props;
  const pages = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  const err = (f: string) => fieldMessage(ctx, props.error, f);
  const input = (id: 'action' | 'from' | 'to', label: { ja: string; en: string }, type: string, hint?: { ja: string; en: string }) => (
    <div class="field">
      <label for={id}>
        {ctx.h(label)}
        {hint ? <span class="hint">{ctx.h(hint)}</span> : ''}
      </label>
      <input type={type} id={id} name={id} value={filters[id] ?? ''} aria-invalid={err(id) ? 'true' : undefined} aria-describedby={err(id) ? `${id}-error` : undefined} />
      {err(id) ? (
        <p id={`${id}-error`} class="field-error" safe>
          {err(id)}
        </p>
      ) : (
        ''
      )}
    </div>
  );
  return (
    <Layout ctx={ctx} title={TITLE}>
      <ErrorSummary ctx={ctx} error={props.error} />
      <p class="lead">
        {props.national
          ? ctx.h({ ja: 'すべての市区町村と国の、セキュリティに関わる操作の記録です（追記のみで、変更・削除はできません）。', en: 'Security events of every municipality and of the national side (append-only: nothing can be changed or removed).' })
          : ctx.h({ ja: 'あなたの市区町村の、セキュリティに関わる操作の記録です（追記のみで、変更・削除はできません）。', en: 'Security events of your municipality (append-only: nothing can be changed or removed).' })}
      </p>
      <form method="get" action="/staff/audit" class="search">
        {input('action', { ja: '操作', en: 'Action' }, 'text', { ja: '例: api_client.created', en: 'e.g. api_client.created' })}
        {input('from', { ja: '開始日', en: 'From' }, 'date')}
        {input('to', { ja: '終了日', en: 'To' }, 'date')}
        <button type="submit">{ctx.h({ ja: '絞り込む', en: 'Filter' })}</button>
      </form>
      {result ? (
        <section aria-labelledby="events-caption">
          <p class="result-count" safe>
            {ctx.lang === 'ja' ? `${result.total}件（${result.page} / ${pages}ページ）` : `${result.total} events (page ${result.page} of ${pages})`}
          </p>
          <p>
            <a class="button button-secondary" href={filterLink(filters, 1, '/staff/audit.csv')}>
              {ctx.h({ ja: 'この条件で CSV をダウンロード', en: 'Download these events as CSV' })}
            </a>
          </p>
          <DataTable ctx={ctx} id="events-caption" caption={{ ja: '監査イベント（新しい順、日本時間）', en: 'Audit events (newest first, Japan time)' }}
            columns={[{ ja: '日時', en: 'Time' }, props.national && { ja: '団体', en: 'Municipality' }, { ja: '操作者', en: 'Actor' }, { ja: '操作', en: 'Action' }, { ja: '結果', en: 'Outcome' }, { ja: '対象', en: 'Target' }, { ja: '接続元', en: 'Address' }]}>
            {result.items.map((e) => (
              <tr>
                <td safe>{formatJst(e.at)}</td>
                {props.national ? <td safe>{e.municipality_code ?? ctx.t({ ja: '国', en: 'National' })}</td> : ''}
                <td safe>{`${ctx.t(ACTOR_KIND[e.actor_kind])}${e.actor_label ? ` ${e.actor_label}` : ''}`}</td>
                <td>
                  <code safe>{e.action}</code>
                </td>
                <td>
                  {e.outcome === 'success' ? (
                    <span class="status status-ok">{ctx.h({ ja: '成功', en: 'Success' })}</span>
                  ) : (
                    <span class="status status-error">{ctx.h({ ja: '失敗', en: 'Failure' })}</span>
                  )}
                </td>
                <td safe>{e.target ?? ''}</td>
                <td safe>{e.ip ?? ''}</td>
              </tr>
            ))}
          </DataTable>
          {pages > 1 ? (
            <nav aria-label={ctx.t({ ja: 'ページ送り', en: 'Pages' })}>
              <ul class="pagination">
                {result.page > 1 ? (
                  <li>
                    <a href={filterLink(filters, result.page - 1)}>{ctx.h({ ja: '前のページ', en: 'Previous page' })}</a>
                  </li>
                ) : (
                  ''
                )}
                {result.page < pages ? (
                  <li>
                    <a href={filterLink(filters, result.page + 1)}>{ctx.h({ ja: '次のページ', en: 'Next page' })}</a>
                  </li>
                ) : (
                  ''
                )}
              </ul>
            </nav>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

function filtersOf(q: Record<string, unknown>): AuditFilters {
  const str = (k: string) => (typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined);
  const f: AuditFilters = {};
  for (const k of ['action', 'from', 'to', 'page'] as const) {
    const v = str(k);
    if (v !== undefined) f[k] = v;
  }
  return f;
}

export function registerAuditPages(app: FastifyInstance, deps: { db: Db }): void {
  const { db } = deps;
  const auth = { staff: { roles: ['municipality_admin' as const, 'national_admin' as const] } };

  app.get('/staff/audit', { config: { auth: { ...auth, loginPage: '/staff/login' } }, schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal as StaffPrincipal;
    const filters = filtersOf(request.query as Record<string, unknown>);
    const national = principal.roles.includes('national_admin');
    const ctx = pageContext(request, 'staff');
    let parsed: ReturnType<typeof auditQueryOf>;
    try {
      parsed = auditQueryOf(filters, PAGE_SIZE);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      return sendPage(reply, <AuditPage ctx={ctx} filters={filters} national={national} error={error} />, 400);
    }
    const result = await listAuditEvents({ db }, { principal, query: parsed.query });
    return sendPage(reply, <AuditPage ctx={ctx} filters={filters} national={national} result={{ ...result, page: parsed.page }} />);
  });

  app.get('/staff/audit.csv', { config: { auth }, schema: { hide: true } }, async (request, reply) => {
    const { query } = auditQueryOf({ ...filtersOf(request.query as Record<string, unknown>), page: '1' }, AUDIT_CSV_MAX_ROWS);
    const result = await listAuditEvents({ db }, { principal: request.principal as StaffPrincipal, query });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-log.csv"')
      .header('cache-control', 'no-store')
      .send(auditCsv(result.items));
  });
}
