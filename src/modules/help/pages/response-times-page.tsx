// The national side's view of response times (§3.10): per municipality and the national helpdesk,
// the median and 90th percentile of the time to the first reply and to closing, with the figures as
// a data table (no chart without its numbers).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import { DataTable } from '../../../web/data-table.tsx';
import { Layout } from '../../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../../web/page.ts';
import { REPORT_DAYS, responseTimeReport, type ResponseTimeRow } from '../response-times.ts';
import { field, formatDuration } from './common.tsx';

function ResponseTimesPage(props: { ctx: PageContext; days: number; rows: ResponseTimeRow[] }): JSX.Element {
  const { ctx } = props;
  const d = (s: number | null) => formatDuration(s, ctx.lang);
  return (
    <Layout ctx={ctx} title={{ ja: 'お問い合わせの応答時間', en: 'Inquiry response times' }}>
      <p class="lead">
        {ctx.h({
          ja: '操作のお問い合わせへの最初の回答までの時間と、対応終了までの時間です（中央値と90パーセンタイル）。受付日で集計し、テストのお問い合わせは含みません。お問い合わせの内容や連絡先は、この画面からは見られません。',
          en: 'Time to the first reply and to closing of operation inquiries (median and 90th percentile), by the day they arrived; test inquiries are left out. No inquiry’s text or contact is visible here.',
        })}
      </p>
      <form method="get" action="/admin/help/response-times" class="service-search">
        <div class="field">
          <label for="days">{ctx.h({ ja: '集計期間', en: 'Period' })}</label>
          <select id="days" name="days">
            {REPORT_DAYS.map((n) => (
              <option value={String(n)} selected={n === props.days} safe>
                {ctx.lang === 'ja' ? `過去${n}日` : `Last ${n} days`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button-secondary">
          {ctx.h({ ja: '表示', en: 'Show' })}
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p>{ctx.h({ ja: 'この期間のお問い合わせはありません。', en: 'No inquiries in this period.' })}</p>
      ) : (
        <DataTable
          ctx={ctx}
          id="response-times"
          caption={{ ja: '窓口ごとの応答時間', en: 'Response times by desk' }}
          columns={[
            { ja: '窓口', en: 'Desk' },
            { ja: '受付', en: 'Received', numeric: true },
            { ja: '回答済み', en: 'Replied', numeric: true },
            { ja: '終了', en: 'Closed', numeric: true },
            { ja: '最初の回答（中央値）', en: 'First reply (median)', numeric: true },
            { ja: '最初の回答（90%）', en: 'First reply (p90)', numeric: true },
            { ja: '終了まで（中央値）', en: 'To close (median)', numeric: true },
            { ja: '終了まで（90%）', en: 'To close (p90)', numeric: true },
          ]}
        >
          {props.rows.map((r) => (
            <tr>
              <td lang={r.municipalityCode ? 'ja' : undefined} safe>
                {r.municipalityCode ? `${r.name ?? ''}（${r.municipalityCode}）` : ctx.t({ ja: '全国の窓口（ヘルプデスク）', en: 'National helpdesk' })}
              </td>
              <td class="num" safe>{String(r.received)}</td>
              <td class="num" safe>{String(r.replied)}</td>
              <td class="num" safe>{String(r.closed)}</td>
              <td class="num" safe>{d(r.firstReplyMedian)}</td>
              <td class="num" safe>{d(r.firstReplyP90)}</td>
              <td class="num" safe>{d(r.closeMedian)}</td>
              <td class="num" safe>{d(r.closeP90)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}

export function registerResponseTimesPage(app: FastifyInstance, deps: { db: Db }): void {
  const config = { auth: { staff: { roles: ['national_admin' as const] }, loginPage: '/staff/login' } };
  app.get('/admin/help/response-times', { config, schema: { hide: true } }, async (request, reply) => {
    const wanted = Number(field(request.query, 'days', 5));
    const days = (REPORT_DAYS as readonly number[]).includes(wanted) ? wanted : 90;
    const { rows } = await responseTimeReport(deps, { days });
    return sendPage(reply, <ResponseTimesPage ctx={pageContext(request, 'admin')} days={days} rows={rows} />);
  });
}
