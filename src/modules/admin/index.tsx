// The national administration's shell: the municipality master, participating municipalities, the
// job queue and the evidence log at a glance. National administrators only (issue #11 §5): a
// browser without a session goes to the staff sign-in and comes back; municipal staff are refused
// (R15).
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { listParticipating } from '../municipalities/index.ts';
import { EvidenceAdminPage, loadEvidenceAdminView } from '../evidence/index.ts';
import { Layout, SectionCard, TableScroll } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';

const RECEIPT_LABEL = {
  lgwan_asp: { ja: 'LGWAN-ASP（職員コンソール）', en: 'LGWAN-ASP (staff console)' },
  delivery_service: { ja: '民間送達サービス', en: 'Private delivery service' },
  existing_system: { ja: '既存の電子申請システム', en: 'Existing e-application system' },
  dedicated_line: { ja: '専用線（既存システム）', en: 'Dedicated line (existing system)' },
  print_and_post: { ja: '印刷・郵送', en: 'Printed and posted' },
} as const;

function AdminHome(props: { ctx: PageContext; participating: Awaited<ReturnType<typeof listParticipating>> }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: '国の管理画面', en: 'National administration' }}>
      <p class="lead">
        {ctx.h({
          ja: '国の手続・様式、地方公共団体マスタ、トラストアンカーを管理し、全国の展開状況をフォローアップします。',
          en: 'Maintain national procedures and form templates, the municipality master and trust anchors, and follow up every municipality’s rollout.',
        })}
      </p>
      <ul class="cards">
        <SectionCard ctx={ctx} href="/municipalities" title={{ ja: '地方公共団体マスタ', en: 'Municipality master' }} body={{ ja: '全国の都道府県・市区町村と地方公共団体コード。', en: 'Every prefecture and municipality with its code.' }} />
        <SectionCard ctx={ctx} href="/admin/jobs" title={{ ja: 'ジョブキュー', en: 'Job queue' }} body={{ ja: 'バックグラウンド処理の待ち・実行中・失敗の件数。', en: 'Background jobs waiting, running and failed.' }} />
        <SectionCard ctx={ctx} href="/admin/evidence" title={{ ja: '証跡ログ', en: 'Evidence log' }} body={{ ja: '法的な事実の改ざん検知ログ、署名付きチェックポイントと監視の警報。', en: 'The tamper-evident log of legal facts, its signed checkpoints and witness alarms.' }} />
        <SectionCard ctx={ctx} href="/admin/help/inquiries" title={{ ja: '全国の窓口のお問い合わせ', en: 'National helpdesk' }} body={{ ja: '全国の窓口に届いた操作のお問い合わせ。', en: 'Operation inquiries sent to the national helpdesk.' }} />
        <SectionCard ctx={ctx} href="/admin/help/faq" title={{ ja: '全国共通のよくある質問', en: 'National FAQ' }} body={{ ja: 'すべての住民に表示される質問と回答の編集・公開。', en: 'Edit and publish the questions every resident sees.' }} />
        <SectionCard ctx={ctx} href="/admin/help/response-times" title={{ ja: 'お問い合わせの応答時間', en: 'Inquiry response times' }} body={{ ja: '市区町村ごとの最初の回答・終了までの時間。', en: 'Time to first reply and to closing, per municipality.' }} />
        <SectionCard ctx={ctx} title={{ ja: '展開状況のフォローアップ', en: 'Rollout follow-up' }} body={{ ja: '市区町村ごとの作業の進み具合と遅れ。', en: 'Each municipality’s progress and delays.' }} />
        <SectionCard ctx={ctx} title={{ ja: '国の手続と様式', en: 'National procedures and templates' }} body={{ ja: '重点15手続の様式テンプレート。', en: 'Form templates of the 15 focus procedures.' }} />
      </ul>
      <h2 id="participating">{ctx.h({ ja: '利用している市区町村', en: 'Participating municipalities' })}</h2>
      {props.participating.length === 0 ? (
        <p>{ctx.h({ ja: 'まだありません。', en: 'None yet.' })}</p>
      ) : (
        <TableScroll captionId="participating">
          <table aria-labelledby="participating">
            <thead>
              <tr>
                <th scope="col">{ctx.h({ ja: 'コード', en: 'Code' })}</th>
                <th scope="col">{ctx.h({ ja: '市区町村', en: 'Municipality' })}</th>
                <th scope="col">{ctx.h({ ja: '受付方法', en: 'Receipt method' })}</th>
                <th scope="col">{ctx.h({ ja: '状態', en: 'Mode' })}</th>
              </tr>
            </thead>
            <tbody>
              {props.participating.map((p) => (
                <tr>
                  <td safe>{p.code}</td>
                  <td>
                    <a href={`/municipalities/${p.code}`} lang="ja" safe>{`${p.prefectureName} ${p.name}`}</a>
                  </td>
                  <td safe>{ctx.t(RECEIPT_LABEL[p.receiptMethod])}</td>
                  <td>
                    {p.mode === 'live' ? (
                      <span class="status status-ok">{ctx.h({ ja: '本番', en: 'Live' })}</span>
                    ) : (
                      <span class="status status-warn">{ctx.h({ ja: '総合運用テスト中', en: 'Operational test' })}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}

type QueueStats = { name: string; queued: number; active: number; failed: number; completed: number; cron?: string };

function JobsPage(props: { ctx: PageContext; queues: QueueStats[] }): JSX.Element {
  const { ctx } = props;
  const max = Math.max(1, ...props.queues.map((q) => q.queued + q.active + q.failed));
  return (
    <Layout ctx={ctx} title={{ ja: 'ジョブキュー', en: 'Job queue' }}>
      <p class="lead">
        {ctx.h({
          ja: 'すべてのノードが共有するバックグラウンド処理です。失敗したジョブは間隔を広げながら再実行されます。',
          en: 'Background work shared by every node. Failed jobs are retried with growing delays.',
        })}
      </p>
      <TableScroll captionId="queues-caption">
        <table>
          <caption id="queues-caption" class="visually-hidden">
            {ctx.h({ ja: 'ジョブごとの件数', en: 'Jobs by queue' })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{ctx.h({ ja: 'ジョブ', en: 'Job' })}</th>
              <th scope="col">{ctx.h({ ja: '定期実行 (UTC)', en: 'Schedule (UTC)' })}</th>
              <th scope="col" class="num">{ctx.h({ ja: '待ち', en: 'Waiting' })}</th>
              <th scope="col" class="num">{ctx.h({ ja: '実行中', en: 'Running' })}</th>
              <th scope="col" class="num">{ctx.h({ ja: '失敗', en: 'Failed' })}</th>
              <th scope="col" class="num">{ctx.h({ ja: '完了', en: 'Completed' })}</th>
              <th scope="col">{ctx.h({ ja: '未完了の割合', en: 'Backlog' })}</th>
            </tr>
          </thead>
          <tbody>
            {props.queues.map((q) => {
              const backlog = q.queued + q.active + q.failed;
              return (
                <tr>
                  <td>
                    <code safe>{q.name}</code>
                  </td>
                  <td safe>{q.cron ?? '—'}</td>
                  <td class="num" safe>{String(q.queued)}</td>
                  <td class="num" safe>{String(q.active)}</td>
                  <td class="num" safe>{String(q.failed)}</td>
                  <td class="num" safe>{String(q.completed)}</td>
                  <td>
                    <meter
                      min="0"
                      max={String(max)}
                      value={String(backlog)}
                      aria-label={ctx.t({ ja: `${q.name} の未完了 ${backlog} 件`, en: `${q.name}: ${backlog} not finished` })}
                    ></meter>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

/** Every /admin route: the guard's `next` is the request's own path, always local. */
const NATIONAL_ADMINS = { auth: { staff: { roles: ['national_admin'] as StaffRole[] }, loginPage: '/staff/login' } };

export const adminModule: FastifyPluginAsync<{ db: Db; jobs: JobQueue }> = async (app, { db, jobs }) => {
  // A route added here later without the national login would be public: refuse to start instead.
  app.addHook('onRoute', (route) => {
    if (route.config?.auth !== NATIONAL_ADMINS.auth) throw new Error(`${route.url}: every /admin route serves national administrators only (config: NATIONAL_ADMINS)`);
  });
  app.get('/admin', { config: NATIONAL_ADMINS, schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, <AdminHome ctx={pageContext(request, 'admin')} participating={await listParticipating(db.kysely)} />),
  );
  app.get('/admin/jobs', { config: NATIONAL_ADMINS, schema: { hide: true } }, async (request, reply) => {
    const queues = await Promise.all(
      jobs.definitions().map(async (d) => ({ name: d.name, ...(d.cron ? { cron: d.cron } : {}), ...(await jobs.stats(d.name)) })),
    );
    return sendPage(reply, <JobsPage ctx={pageContext(request, 'admin')} queues={queues} />);
  });
  app.get('/admin/evidence', { config: NATIONAL_ADMINS, schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, <EvidenceAdminPage ctx={pageContext(request, 'admin')} view={await loadEvidenceAdminView(db, app.deps.config.evidence, app.deps.evidenceKeys)} />),
  );
};
