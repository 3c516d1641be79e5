// The demo's "try a test card" page: pick a demo resident's test My Number Card, sign a short text
// with its signature PIN, and read the validation report the platform would store with an
// application (§3.6). Works without JavaScript. Served only where test cards are exposed (demo).
import type { FastifyInstance } from 'fastify';
import { isAppError, type AppError } from '../../platform/errors.ts';
import { Layout } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import { buildSignedContent } from './build-signed-content.ts';
import { readCertificateInfo } from './certificate-info.ts';
import { ensureTestAuthority } from './ensure-test-authority.ts';
import { basicFourFrom } from './jpki-profile.ts';
import { openTestCard } from './open-test-card.ts';
import { publishTestCrl } from './publish-test-crl.ts';
import { signWithTestCard } from './sign-with-test-card.ts';
import type { TestPkiStore } from './test-pki-store.ts';
import { createTrustContext } from './trust-context.ts';
import { validateSignature } from './validate-signature.ts';
import type { ValidationReport } from './validation-report.ts';

interface CardChoice {
  id: string;
  name: string;
  signatureRetriesLeft: number;
}

interface FormState {
  cardId: string;
  text: string;
  error?: AppError;
}

const TITLE = { ja: 'テスト用マイナンバーカードで署名を試す', en: 'Try signing with a test My Number Card' };

const INDICATION_LABEL = {
  TOTAL_PASSED: { ja: '有効な署名です', en: 'The signature is valid' },
  TOTAL_FAILED: { ja: '署名は無効です', en: 'The signature is not valid' },
  INDETERMINATE: { ja: '判定できません', en: 'The signature could not be decided' },
} as const;

const SEX_LABEL = {
  male: { ja: '男', en: 'Male' },
  female: { ja: '女', en: 'Female' },
  unknown: { ja: '不明', en: 'Not stated' },
} as const;

const CHECK_RESULT = {
  passed: { ja: '合格', en: 'passed', css: 'status status-ok' },
  failed: { ja: '不合格', en: 'failed', css: 'status status-error' },
  skipped: { ja: '未実施', en: 'skipped', css: 'status status-warn' },
} as const;

function TryForm(props: { ctx: PageContext; cards: CardChoice[]; state: FormState }): JSX.Element {
  const { ctx, state } = props;
  const error = state.error;
  const message = error ? (ctx.lang === 'ja' ? error.ja : error.message) : '';
  // PIN problems point at the PIN field; a missing card at the card choice.
  const target = error && error.code === 'signatures.card_not_found' ? '#cards' : '#pin';
  return (
    <form method="post" action="/pki/test/cards/try" novalidate>
      {error ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
          <h2 id="error-summary-title">{ctx.h({ ja: '入力内容を確認してください', en: 'There is a problem' })}</h2>
          <ul>
            <li>
              <a href={target} safe>
                {message}
              </a>
            </li>
          </ul>
        </div>
      ) : (
        ''
      )}
      <fieldset id="cards">
        <legend>{ctx.h({ ja: 'カードを選ぶ', en: 'Choose a card' })}</legend>
        {props.cards.map((card) => (
          <div class="choice">
            <input type="radio" id={`card-${card.id}`} name="cardId" value={card.id} checked={card.id === state.cardId} />
            <label for={`card-${card.id}`} safe>
              {`${card.name}（${card.id}）`}
            </label>
            <span class="hint" safe>
              {ctx.lang === 'ja' ? `署名用暗証番号の残り回数: ${card.signatureRetriesLeft}` : `Signature PIN tries left: ${card.signatureRetriesLeft}`}
            </span>
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for="text">
          {ctx.h({ ja: '署名する文', en: 'Text to sign' })}
          <span class="hint">{ctx.h({ ja: '200文字まで', en: 'Up to 200 characters' })}</span>
        </label>
        <textarea id="text" name="text" rows="3" maxlength="200" safe>
          {state.text}
        </textarea>
      </div>
      <div class="field">
        <label for="pin">
          {ctx.h({ ja: '署名用電子証明書の暗証番号', en: 'Signature certificate PIN' })}
          <span class="hint">{ctx.h({ ja: '英大文字と数字の6〜16文字。5回間違えるとロックされます。', en: '6–16 capital letters and digits. Five wrong tries lock it.' })}</span>
        </label>
        <input
          type="password"
          id="pin"
          name="pin"
          autocomplete="off"
          maxlength="16"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'pin-error' : undefined}
        />
        {error ? (
          <p id="pin-error" class="field-error" safe>
            {message}
          </p>
        ) : (
          ''
        )}
      </div>
      <button type="submit">{ctx.h({ ja: '署名して検証する', en: 'Sign and verify' })}</button>
    </form>
  );
}

function TryPage(props: { ctx: PageContext; cards: CardChoice[]; state: FormState }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={TITLE}>
      <p class="lead">
        {ctx.h({
          ja: 'デモ用の住民に発行したテスト用カード（TEST 認証局の証明書）で、申請と同じ方式（CMS 署名、CAdES-BES）の署名を作り、その場で検証します。本物のカードは使いません。',
          en: 'Sign with a demo resident’s test card (certificates of the TEST authorities) exactly as an application is signed (CMS, CAdES-BES), and verify it on the spot. No real card is involved.',
        })}
      </p>
      <TryForm ctx={ctx} cards={props.cards} state={props.state} />
    </Layout>
  );
}

function ReportPage(props: { ctx: PageContext; report: ValidationReport; cardId: string }): JSX.Element {
  const { ctx, report } = props;
  const label = INDICATION_LABEL[report.indication];
  const css = report.indication === 'TOTAL_PASSED' ? 'status status-ok' : report.indication === 'TOTAL_FAILED' ? 'status status-error' : 'status status-warn';
  return (
    <Layout ctx={ctx} title={{ ja: '署名の検証結果', en: 'Signature validation report' }}>
      <p class="lead" role="status">
        <span class={css} safe>
          {ctx.t(label)}
        </span>{' '}
        <code safe>{`${report.indication}${report.subIndication ? ` / ${report.subIndication}` : ''}`}</code>
      </p>
      {report.basicFour ? (
        <>
          <h2>{ctx.h({ ja: '基本4情報（署名用電子証明書）', en: 'The basic four items (signature certificate)' })}</h2>
          <dl class="facts">
            <dt>{ctx.h({ ja: '氏名', en: 'Name' })}</dt>
            <dd safe>{report.basicFour.name}</dd>
            <dt>{ctx.h({ ja: '生年月日', en: 'Date of birth' })}</dt>
            <dd safe>{report.basicFour.dateOfBirth}</dd>
            <dt>{ctx.h({ ja: '性別', en: 'Sex' })}</dt>
            <dd>{ctx.h(SEX_LABEL[report.basicFour.sex])}</dd>
            <dt>{ctx.h({ ja: '住所', en: 'Address' })}</dt>
            <dd safe>{report.basicFour.address}</dd>
          </dl>
        </>
      ) : (
        ''
      )}
      <h2>{ctx.h({ ja: '実施した検査', en: 'Checks run' })}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{ctx.h({ ja: '検査', en: 'Check' })}</th>
            <th scope="col">{ctx.h({ ja: '結果', en: 'Result' })}</th>
            <th scope="col">{ctx.h({ ja: '詳細', en: 'Detail' })}</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((check) => (
            <tr>
              <td>
                <code>{check.id}</code>
              </td>
              <td>
                <span class={CHECK_RESULT[check.result].css} safe>
                  {ctx.t(CHECK_RESULT[check.result])}
                </span>
              </td>
              <td safe>{[check.subIndication, check.detail].filter(Boolean).join(': ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.signer ? (
        <>
          <h2>{ctx.h({ ja: '署名者の証明書', en: 'Signer certificate' })}</h2>
          <dl class="facts">
            <dt>{ctx.h({ ja: '発行者', en: 'Issuer' })}</dt>
            <dd safe>{report.signer.issuer}</dd>
            <dt>{ctx.h({ ja: 'シリアル番号', en: 'Serial number' })}</dt>
            <dd>
              <code safe>{report.signer.serialNumber}</code>
            </dd>
            <dt>{ctx.h({ ja: '有効期間', en: 'Valid' })}</dt>
            <dd safe>{`${report.signer.notBefore} – ${report.signer.notAfter}`}</dd>
            <dt>SHA-256</dt>
            <dd>
              <code class="wrap" safe>{report.signer.fingerprintSha256}</code>
            </dd>
          </dl>
        </>
      ) : (
        ''
      )}
      <h2>{ctx.h({ ja: '失効確認', en: 'Revocation evidence' })}</h2>
      <ul>
        {report.revocation.map((r) => (
          <li safe>{`${r.source.toUpperCase()} ${r.status} (${r.thisUpdate}${r.nextUpdate ? ` → ${r.nextUpdate}` : ''})`}</li>
        ))}
      </ul>
      <p>
        <a href="/pki/test/cards">{ctx.h({ ja: 'もう一度試す', en: 'Try again' })}</a>
      </p>
    </Layout>
  );
}

async function listChoices(store: TestPkiStore): Promise<CardChoice[]> {
  const cards = await store.listCards();
  return Promise.all(
    cards.map(async (card) => {
      const certificate = await store.findCertificate('signature', card.signatureSerial);
      const name = certificate ? (basicFourFrom(readCertificateInfo(certificate.certificate).otherNames)?.name ?? card.id) : card.id;
      return { id: card.id, name, signatureRetriesLeft: card.signatureRetriesLeft };
    }),
  );
}

export function registerTestCardPages(app: FastifyInstance, store: TestPkiStore): void {
  app.get('/pki/test/cards', { schema: { hide: true } }, async (request, reply) => {
    const cards = await listChoices(store);
    const state = { cardId: cards[0]?.id ?? '', text: '子育てワンストップで署名を試します。' };
    return sendPage(reply, <TryPage ctx={pageContext(request, 'resident')} cards={cards} state={state} />);
  });

  app.post<{ Body: { cardId?: string; text?: string; pin?: string } }>('/pki/test/cards/try', { schema: { hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, 'resident');
    const cardId = String(request.body?.cardId ?? '');
    const text = String(request.body?.text ?? '').slice(0, 200);
    const pin = String(request.body?.pin ?? '');
    try {
      const card = await openTestCard({ store, id: cardId });
      const content = buildSignedContent({ application: { purpose: 'demo', text }, attachments: [] });
      const signature = await signWithTestCard({ card, content, pin });
      const [authority, crl] = await Promise.all([ensureTestAuthority({ store, purpose: 'signature' }), publishTestCrl({ store, purpose: 'signature' })]);
      const context = createTrustContext({ purpose: 'signature', trustAnchors: [authority.certificate], crls: [crl] });
      const report = await validateSignature({ content, signature, context });
      return await sendPage(reply, <ReportPage ctx={ctx} report={report} cardId={cardId} />);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const cards = await listChoices(store);
      return sendPage(reply, <TryPage ctx={ctx} cards={cards} state={{ cardId, text, error }} />, error.status);
    }
  });
}
