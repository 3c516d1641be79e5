// /admin/evidence (issue #12 §6): the log's size, its latest signed checkpoint and its age, the keys
// it is published with, and what this node's witness saw of each log it watches — alarms first,
// in red, each look with its reason. A table, no chart: the figures are few and exact.
import type { Text } from '../../../platform/i18n.ts';
import { Layout, TableScroll } from '../../../web/layout.tsx';
import { formatJst } from '../../../web/format.ts';
import type { PageContext } from '../../../web/page.ts';
import type { LogStanding, WitnessObservation, WitnessStatus } from '../repository/witness.ts';

export interface EvidenceAdminView {
  now: Date;
  origin: string;
  /** The log's integrated size (leaves). */
  size: number;
  checkpoint: { size: number; time: Date; note: string } | null;
  keys: { verifierKey: string; current: boolean }[];
  /** The logs this node witnesses (EVIDENCE_WITNESS), looked at or not. */
  configured: string[];
  standings: LogStanding[];
  recent: WitnessObservation[];
}

const STATUS: Record<WitnessStatus, { label: Text; cls: string }> = {
  alarm: { label: { ja: '警報', en: 'ALARM' }, cls: 'status status-error' },
  ok: { label: { ja: '検証済み', en: 'Verified' }, cls: 'status status-ok' },
  unreachable: { label: { ja: '接続できず', en: 'Unreachable' }, cls: 'status status-warn' },
};

/** What each reason's first word means (witness.ts writes them). */
const REASON: Record<string, Text> = {
  signature: { ja: '署名を検証できません（鍵が違う、または改ざん）', en: 'The signature does not verify (another key, or altered)' },
  origin: { ja: '別のログのチェックポイントです', en: 'A checkpoint of another log' },
  shrunk: { ja: 'ログが以前より小さくなりました', en: 'The log got smaller' },
  fork: { ja: '同じ大きさで根が異なります（分岐）', en: 'Same size, another root (a fork)' },
  consistency: { ja: '整合性証明が成り立ちません', en: 'The consistency proof fails' },
  facts: { ja: '事実のハッシュが署名された根と一致しません', en: 'The facts do not hash to the signed root' },
  history: { ja: '検証済みの事実が書き換えられています', en: 'Facts already verified have been changed' },
  protocol: { ja: 'APIの応答が正しくありません', en: 'The API answered wrongly' },
  unreachable: { ja: 'ログに接続できませんでした', en: 'The log could not be reached' },
};

function age(ctx: PageContext, now: Date, then: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (s < 120) return ctx.t({ ja: `${s}秒前`, en: `${s} s ago` });
  const m = Math.round(s / 60);
  if (m < 120) return ctx.t({ ja: `${m}分前`, en: `${m} min ago` });
  const h = Math.round(m / 60);
  return ctx.t({ ja: `${h}時間前`, en: `${h} h ago` });
}

function Reason(props: { ctx: PageContext; reason: string | null }): JSX.Element {
  if (!props.reason) return <>—</>;
  const code = /^([a-z]+):/.exec(props.reason)?.[1] ?? '';
  const meaning = REASON[code];
  return (
    <>
      {meaning ? <strong safe>{props.ctx.t(meaning)}</strong> : ''}
      <span class="witness-detail" lang="en" safe>
        {props.reason}
      </span>
    </>
  );
}

function StatusBadge(props: { ctx: PageContext; status: WitnessStatus }): JSX.Element {
  return (
    <span class={STATUS[props.status].cls} safe>
      {props.ctx.t(STATUS[props.status].label)}
    </span>
  );
}

export function EvidenceAdminPage(props: { ctx: PageContext; view: EvidenceAdminView }): JSX.Element {
  const { ctx, view } = props;
  const alarmed = view.standings.filter((s) => s.standing?.status === 'alarm');
  // Alarms first, then logs that could not be reached, then verified ones.
  const order = (s: LogStanding) => (s.standing?.status === 'alarm' ? 0 : s.latest.status === 'unreachable' ? 1 : 2);
  const standings = [...view.standings].sort((a, b) => order(a) - order(b) || a.logUrl.localeCompare(b.logUrl));
  const notLooked = view.configured.filter((url) => !view.standings.some((s) => s.logUrl === url));
  const recent = [...view.recent].sort((a, b) => Number(b.status === 'alarm') - Number(a.status === 'alarm') || b.id - a.id);
  return (
    <Layout ctx={ctx} title={{ ja: '証跡ログ', en: 'Evidence log' }}>
      {alarmed.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="alarm-title">
          <h2 id="alarm-title" class="error-summary-title">
            {ctx.h({ ja: `警報：${alarmed.length}件のログで不整合が見つかりました`, en: `ALARM: ${alarmed.length} log(s) failed verification` })}
          </h2>
          <ul>
            {alarmed.map((s) => (
              <li>
                <a href="#witness">
                  <code safe>{s.logUrl}</code>
                </a>{' '}
                <Reason ctx={ctx} reason={s.standing!.reason} />
              </li>
            ))}
          </ul>
          <p>
            {ctx.h({
              ja: '署名されたチェックポイントと理由は下の観測記録に保存されています。証跡ログの運用者に連絡し、原因を調べてください。',
              en: 'The signed checkpoint and the reason are kept in the observations below. Contact the log’s operator and find the cause.',
            })}
          </p>
        </div>
      ) : (
        ''
      )}
      <p class="lead">
        {ctx.h({
          ja: '法的な事実（到達・通知・同意など）を追記専用のマークルツリー（RFC 9162）に記録し、署名したチェックポイントを公開しています。監視（ウィットネス）は公開APIだけを使ってログが追記のみであることを確かめます。',
          en: 'Legal facts (arrivals, notices, consents, …) are recorded in an append-only Merkle tree (RFC 9162) whose signed checkpoints are public. The witness checks over the public API alone that the log only ever grows.',
        })}
      </p>

      <h2 id="log">{ctx.h({ ja: 'このプラットフォームのログ', en: 'This platform’s log' })}</h2>
      <dl class="facts">
        <dt>{ctx.h({ ja: '名前（origin）', en: 'Origin' })}</dt>
        <dd>
          <code safe>{view.origin}</code>
        </dd>
        <dt>{ctx.h({ ja: '記録された事実の数', en: 'Facts in the log' })}</dt>
        <dd safe>{view.size.toLocaleString('ja-JP')}</dd>
        <dt>{ctx.h({ ja: '最新のチェックポイント', en: 'Latest checkpoint' })}</dt>
        <dd>
          {view.checkpoint ? (
            <>
              {ctx.h({ ja: `大きさ ${view.checkpoint.size.toLocaleString('ja-JP')}、`, en: `size ${view.checkpoint.size.toLocaleString('en')}, ` })}
              <time datetime={view.checkpoint.time.toISOString()} safe>
                {formatJst(view.checkpoint.time)}
              </time>{' '}
              <span safe>{`(${age(ctx, view.now, view.checkpoint.time)})`}</span>
              <pre class="note-text" aria-label={ctx.t({ ja: '署名付きチェックポイント', en: 'Signed checkpoint' })} tabindex="0" safe>
                {view.checkpoint.note}
              </pre>
            </>
          ) : (
            ctx.h({ ja: 'まだありません。', en: 'None yet.' })
          )}
        </dd>
      </dl>

      <h2 id="keys">{ctx.h({ ja: '公開している検証鍵', en: 'Published verifier keys' })}</h2>
      <TableScroll captionId="keys">
        <table aria-labelledby="keys">
          <thead>
            <tr>
              <th scope="col">{ctx.h({ ja: '検証鍵', en: 'Verifier key' })}</th>
              <th scope="col">{ctx.h({ ja: '用途', en: 'Use' })}</th>
            </tr>
          </thead>
          <tbody>
            {view.keys.map((k) => (
              <tr>
                <td>
                  <code class="key-text" safe>{k.verifierKey}</code>
                </td>
                <td>
                  {k.current ? (
                    <span class="status status-ok">{ctx.h({ ja: '署名に使用中', en: 'Signing' })}</span>
                  ) : (
                    <span class="status status-muted">{ctx.h({ ja: '過去の鍵（検証用に公開）', en: 'Retired (published for verification)' })}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2 id="witness">{ctx.h({ ja: '監視（ウィットネス）の状態', en: 'Witness status' })}</h2>
      {standings.length === 0 && notLooked.length === 0 ? (
        <p>
          {ctx.h({
            ja: 'このノードはまだどのログも監視していません（設定 EVIDENCE_WITNESS、またはコマンド onestop evidence witness）。',
            en: 'This node watches no log yet (setting EVIDENCE_WITNESS, or the command onestop evidence witness).',
          })}
        </p>
      ) : (
        <TableScroll captionId="witness">
          <table aria-labelledby="witness">
            <thead>
              <tr>
                <th scope="col">{ctx.h({ ja: 'ログ', en: 'Log' })}</th>
                <th scope="col">{ctx.h({ ja: '状態', en: 'Status' })}</th>
                <th scope="col" class="num">{ctx.h({ ja: '検証済みの大きさ', en: 'Verified size' })}</th>
                <th scope="col">{ctx.h({ ja: '最後の確認', en: 'Last look' })}</th>
                <th scope="col">{ctx.h({ ja: '理由', en: 'Reason' })}</th>
              </tr>
            </thead>
            <tbody>
              {standings.map((s) => {
                const shown = s.standing?.status === 'alarm' ? s.standing : s.latest;
                return (
                  <tr class={s.standing?.status === 'alarm' ? 'witness-alarm' : undefined}>
                    <td>
                      <code safe>{s.logUrl}</code>
                    </td>
                    <td>
                      <StatusBadge ctx={ctx} status={shown.status} />
                    </td>
                    <td class="num" safe>
                      {s.lastOk?.size === null || s.lastOk === null ? '—' : s.lastOk.size.toLocaleString('ja-JP')}
                    </td>
                    <td>
                      <time datetime={s.latest.observedAt.toISOString()} safe>
                        {formatJst(s.latest.observedAt)}
                      </time>{' '}
                      <span safe>{`(${age(ctx, view.now, s.latest.observedAt)})`}</span>
                    </td>
                    <td>
                      <Reason ctx={ctx} reason={shown.reason} />
                    </td>
                  </tr>
                );
              })}
              {notLooked.map((url) => (
                <tr>
                  <td>
                    <code safe>{url}</code>
                  </td>
                  <td>
                    <span class="status status-muted">{ctx.h({ ja: '未確認', en: 'Not looked at yet' })}</span>
                  </td>
                  <td class="num">—</td>
                  <td>—</td>
                  <td>—</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {recent.length > 0 ? (
        <>
          <h2 id="observations">{ctx.h({ ja: '観測の記録（警報が先）', en: 'Observations (alarms first)' })}</h2>
          <TableScroll captionId="observations">
            <table aria-labelledby="observations">
              <thead>
                <tr>
                  <th scope="col">{ctx.h({ ja: '日時', en: 'When' })}</th>
                  <th scope="col">{ctx.h({ ja: 'ログ', en: 'Log' })}</th>
                  <th scope="col">{ctx.h({ ja: '状態', en: 'Status' })}</th>
                  <th scope="col" class="num">{ctx.h({ ja: '大きさ', en: 'Size' })}</th>
                  <th scope="col">{ctx.h({ ja: '確認の範囲', en: 'Checked' })}</th>
                  <th scope="col">{ctx.h({ ja: '理由', en: 'Reason' })}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((o) => (
                  <tr class={o.status === 'alarm' ? 'witness-alarm' : undefined}>
                    <td>
                      <time datetime={o.observedAt.toISOString()} safe>
                        {formatJst(o.observedAt)}
                      </time>
                    </td>
                    <td>
                      <code safe>{o.logUrl}</code>
                    </td>
                    <td>
                      <StatusBadge ctx={ctx} status={o.status} />
                    </td>
                    <td class="num" safe>
                      {o.size === null ? '—' : o.size.toLocaleString('ja-JP')}
                    </td>
                    <td safe>{o.fullCheck ? ctx.t({ ja: 'すべての事実', en: 'Every fact' }) : ctx.t({ ja: '新しい事実', en: 'New facts' })}</td>
                    <td>
                      <Reason ctx={ctx} reason={o.reason} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
