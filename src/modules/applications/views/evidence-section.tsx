// 「到達の証明」 on the receipt (issue #12, point 6): what the arrival fact in the evidence log says,
// in plain words, that the log is public and append-only, signed by the platform and watched by
// others, how anyone can check the proof offline, and what it does not contain. While no signed
// checkpoint covers the fact yet, it says so and offers a plain reload link (no JavaScript).
import type { PageContext } from '../../../web/page.ts';
import type { ReceiptEvidence } from '../present.ts';
import { formatJapanTime } from './status.tsx';

interface FactView {
  kind: string;
  time: string | null;
  digests: Record<string, string>;
}

const KIND: Record<string, { ja: string; en: string }> = {
  'application.arrived': { ja: '申請の到達', en: 'Application arrived' },
};

const DIGEST: Record<string, { ja: string; en: string }> = {
  content: { ja: '申請内容（署名された内容そのもの）', en: 'The application (the exact bytes signed)' },
  bundleContent: { ja: 'まとめて署名した内容', en: 'The bundle as signed' },
  signature: { ja: '電子署名', en: 'The signature' },
};

/** The fact's text as the log holds it, read for display; an unreadable one is shown only as text. */
function readFact(text: string): FactView | null {
  try {
    const value = JSON.parse(text) as { kind?: unknown; time?: unknown; digests?: unknown };
    const digests = value.digests && typeof value.digests === 'object' ? (value.digests as Record<string, unknown>) : {};
    return {
      kind: typeof value.kind === 'string' ? value.kind : '',
      time: typeof value.time === 'string' ? value.time : null,
      digests: Object.fromEntries(Object.entries(digests).filter((e): e is [string, string] => typeof e[1] === 'string')),
    };
  } catch {
    return null;
  }
}

export function EvidenceSection(props: { ctx: PageContext; applicationId: string; evidence: ReceiptEvidence | null }): JSX.Element {
  const { ctx, applicationId, evidence } = props;
  const fact = evidence ? readFact(evidence.fact) : null;
  const ready = Boolean(evidence?.bundleUrl);
  return (
    <section aria-labelledby="evidence-title" id="evidence" class="evidence">
      <h2 id="evidence-title">{ctx.h({ ja: '到達の証明', en: 'Proof of arrival' })}</h2>
      <p>
        {ctx.h({
          ja: 'この申請が到達したことは、公開の「証明の記録簿」に記録されています。記録簿には追記しかできず、あとから書き換えることはできません。記録簿の全体には、このサービスが定期的に電子署名し（チェックポイント）、ほかの機関がその署名を確かめて見守っています。だれかが記録を書き換えれば、必ず見つかります。',
          en: 'The arrival of this application is recorded in a public evidence log. The log can only be added to: a record cannot be changed afterwards. This service regularly signs the whole log (a checkpoint), and others check those signatures and watch it. If anyone changed a record, it would be detected.',
        })}
      </p>
      {evidence ? (
        <dl class="facts">
          <dt>{ctx.h({ ja: '記録の種類', en: 'Kind of record' })}</dt>
          <dd>
            {fact && KIND[fact.kind] ? ctx.h(KIND[fact.kind]!) : ''} <code safe>{fact?.kind ?? ''}</code>
          </dd>
          {fact?.time ? (
            <>
              <dt>{ctx.h({ ja: '記録された到達日時', en: 'Arrival time recorded' })}</dt>
              <dd>
                <time datetime={fact.time} safe>
                  {formatJapanTime(fact.time, ctx.lang)}
                </time>{' '}
                <code safe>{fact.time}</code>
              </dd>
            </>
          ) : (
            ''
          )}
          {Object.entries(fact?.digests ?? {}).map(([name, hex]) => (
            <>
              <dt>
                {ctx.h(DIGEST[name] ?? { ja: name, en: name })} {ctx.h({ ja: 'のダイジェスト（SHA-256）', en: '— digest (SHA-256)' })}
              </dt>
              <dd>
                <code class="wrap" safe>
                  {hex}
                </code>
              </dd>
            </>
          ))}
          <dt>{ctx.h({ ja: '記録番号（リーフ番号）', en: 'Leaf number in the log' })}</dt>
          <dd safe>{evidence.leafIndex === null ? ctx.t({ ja: '記録簿への登録待ち', en: 'waiting to be added to the log' }) : String(evidence.leafIndex)}</dd>
        </dl>
      ) : (
        <p>{ctx.h({ ja: 'この申請の記録は、まだ記録簿に見つかりません。', en: 'The record of this application is not yet found in the log.' })}</p>
      )}
      {evidence ? (
        <details>
          <summary>{ctx.h({ ja: '記録の全文（JSON）', en: 'The full record (JSON)' })}</summary>
          <pre>
            <code class="wrap" safe>
              {evidence.fact}
            </code>
          </pre>
        </details>
      ) : (
        ''
      )}
      <h3>{ctx.h({ ja: '記録に含まれないもの', en: 'What the record does not contain' })}</h3>
      <p>
        {ctx.h({
          ja: '氏名、住所、申請の回答、添付書類などの個人情報は含まれません。記録にあるのは、番号と、内容から計算した「ダイジェスト」（内容が1文字でも違えば変わる指紋のような値）だけです。証明をだれに見せても、個人情報は伝わりません。',
          en: 'No personal data: no name, address, answers or documents. The record holds only numbers and digests (fingerprints computed from the content, which change if a single character changes). You can show the proof to anyone without giving away personal data.',
        })}
      </p>
      <h3>{ctx.h({ ja: '確かめ方', en: 'How to check it' })}</h3>
      {ready ? (
        <ol>
          <li>
            <a href={evidence!.bundleUrl!} download="">
              {ctx.h({ ja: '証明ファイル（JSON）をダウンロードする', en: 'Download the proof bundle (JSON)' })}
            </a>
          </li>
          <li>
            {ctx.h({ ja: '次のコマンドで検証します（インターネット接続は不要です）：', en: 'Check it with this command (no internet connection needed):' })} <code>node tools/verify-evidence.mjs bundle.json</code>
          </li>
          <li>
            {ctx.h({
              ja: 'または、RFC 9162 と C2SP の署名付きノート（signed note）に対応した任意の検証ツールを使えます。手順は docs/evidence.md に書かれています。',
              en: 'Or use any verifier of RFC 9162 proofs and C2SP signed notes. The steps are written in docs/evidence.md.',
            })}
          </li>
        </ol>
      ) : (
        <p class="notice" role="status">
          {ctx.h({
            ja: '証明ファイルは、記録簿の次の署名（チェックポイント）のあと、数秒で準備できます。',
            en: 'The proof bundle will be ready in a few seconds, after the log’s next signed checkpoint.',
          })}{' '}
          <a href={`/applications/${applicationId}#evidence`}>{ctx.h({ ja: 'ページを再読み込みする', en: 'Reload the page' })}</a>
        </p>
      )}
    </section>
  );
}
