// Resident pages: card login (in the demo: a test card, its PIN, and the browser asks the test card
// to sign the challenge — the one place the platform needs JavaScript) and the resident's folder
// (利用者フォルダ), where the home municipality is chosen and sessions are ended.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { isAppError, type AppError } from '../../platform/errors.ts';
import { safeLocalPath } from '../../web/assets/local-path.js';
import { CsrfField, Layout, SectionCard } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import { listParticipating } from '../municipalities/index.ts';
import { createDbTestPkiStore } from '../signatures/index.ts';
import type { ResidentPrincipal } from './principal.ts';
import { countLiveSessions } from './repository/sessions.ts';
import { findResident } from './repository/residents.ts';
import { setHomeMunicipality } from './set-home-municipality.ts';
import { ErrorSummary, fieldMessage } from './views.tsx';

// The FAQ entry on PIN lockouts (help module, national-faq.ts FAQ_SLUGS.pinLockout). A plain path, as
// identity may not import help (help imports identity): help's pages test follows this link.
const PIN_LOCKOUT_HELP = '/help/faq/card-pin-lockout';
const PIN_LOCKOUT_HELP_LABEL = { ja: '暗証番号がロックされたときの手続（よくある質問）', en: 'What to do about a locked PIN (FAQ)' };

interface DemoCard {
  id: string;
  name: string;
  retriesLeft: number;
}

const LOGIN_TITLE = { ja: 'マイナンバーカードでログイン', en: 'Sign in with your My Number Card' };
const FOLDER_TITLE = { ja: '利用者フォルダ', en: 'Your folder' };

function LoginPage(props: { ctx: PageContext; cards: DemoCard[] | null; next: string; signedIn: boolean; noScript?: boolean }): JSX.Element {
  const { ctx, cards } = props;
  return (
    <Layout ctx={ctx} title={LOGIN_TITLE}>
      <p class="lead">
        {ctx.h({
          ja: 'マイナンバーカードの利用者証明用電子証明書でログインします。初めてログインすると、あなたの利用者フォルダ（お知らせ・申請・記録・同意をまとめて確認できる場所）が作られます。マイナンバー（個人番号）は使いません。',
          en: 'Sign in with the authentication certificate of your My Number Card. Your first sign-in opens your folder, where your notices, applications, records and consents are kept. Your My Number itself is never used.',
        })}
      </p>
      {props.signedIn ? (
        <p>
          {ctx.h({ ja: 'すでにログインしています。', en: 'You are already signed in.' })} <a href="/me">{ctx.h({ ja: '利用者フォルダを開く', en: 'Open your folder' })}</a>
        </p>
      ) : (
        ''
      )}
      {props.noScript ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
          <h2 id="error-summary-title">{ctx.h({ ja: 'JavaScript が必要です', en: 'JavaScript is needed' })}</h2>
          <p>
            {ctx.h({
              ja: 'カードでのログインでは、ブラウザがカードに署名を依頼するために JavaScript を使います。ブラウザの設定で JavaScript を有効にしてから、もう一度お試しください。',
              en: 'To sign in with a card, the browser uses JavaScript to ask the card for its signature. Turn JavaScript on in your browser settings and try again.',
            })}
          </p>
        </div>
      ) : (
        ''
      )}
      <p id="login-js-note" class="js-note">
        {ctx.h({
          ja: 'カードでのログインには JavaScript が必要です（カードに署名を依頼するため。このサイトで JavaScript を使うのはここだけです）。JavaScript が無効になっている場合は、有効にしてからこのページを開き直してください。',
          en: 'Signing in with a card needs JavaScript (to ask the card for its signature; this is the only place the site uses it). If JavaScript is off, turn it on and open this page again.',
        })}
      </p>
      {cards ? (
        <form
          id="card-login"
          method="post"
          action="/login"
          novalidate
          data-next={props.next}
          data-lang={ctx.lang}
          data-msg-title={ctx.t({ ja: '入力内容を確認してください', en: 'There is a problem' })}
          data-msg-card={ctx.t({ ja: 'カードを選んでください', en: 'Choose a card' })}
          data-msg-pin={ctx.t({ ja: '利用者証明用暗証番号（数字4桁）を入力してください', en: 'Enter the 4-digit authentication PIN' })}
          data-msg-working={ctx.t({ ja: 'カードで署名しています…', en: 'Signing with the card…' })}
          data-msg-done={ctx.t({ ja: 'ログインしました。利用者フォルダを開きます…', en: 'Signed in. Opening your folder…' })}
          data-msg-network={ctx.t({ ja: '通信できませんでした。しばらくしてからもう一度お試しください。', en: 'Could not reach the service. Try again in a little while.' })}
          data-help-locked={PIN_LOCKOUT_HELP}
          data-msg-locked-help={ctx.t(PIN_LOCKOUT_HELP_LABEL)}
        >
          <div id="login-errors" tabindex="-1"></div>
          <fieldset id="cards">
            <legend>{ctx.h({ ja: 'テスト用カードを選ぶ（デモ）', en: 'Choose a test card (demo)' })}</legend>
            {cards.map((card, i) => (
              <div class="choice">
                <input type="radio" id={`card-${card.id}`} name="cardId" value={card.id} checked={i === 0} />
                <label for={`card-${card.id}`} safe>
                  {`${card.name}（${card.id}）`}
                </label>
                <span class="hint" safe>
                  {ctx.lang === 'ja' ? `利用者証明用暗証番号の残り回数: ${card.retriesLeft}` : `Authentication PIN tries left: ${card.retriesLeft}`}
                </span>
              </div>
            ))}
          </fieldset>
          <div class="field">
            <label for="pin">
              {ctx.h({ ja: '利用者証明用電子証明書の暗証番号', en: 'Authentication certificate PIN' })}
              <span class="hint">{ctx.h({ ja: '数字4桁。3回間違えるとロックされ、市区町村の窓口で解除が必要です。', en: '4 digits. Three wrong tries lock it; your municipality’s counter can unlock it.' })}</span>
            </label>
            <input type="password" id="pin" name="pin" inputmode="numeric" autocomplete="off" maxlength="4" aria-describedby="pin-error" />
            <p id="pin-error" class="field-error" hidden></p>
          </div>
          <button type="submit">{ctx.h({ ja: 'ログインする', en: 'Sign in' })}</button>
          <p id="login-status" class="hint" role="status" aria-live="polite"></p>
        </form>
      ) : (
        <p>
          {ctx.h({
            ja: 'この環境にはテスト用カードがありません。実際のマイナンバーカードでのログインには、カードリーダーと利用者クライアントソフトとの連携が必要で、まだ利用できません。',
            en: 'There are no test cards here. Signing in with a real My Number Card needs a card reader and the JPKI client software, which are not supported yet.',
          })}
        </p>
      )}
      <p>
        <a href={PIN_LOCKOUT_HELP}>{ctx.h({ ja: '暗証番号を忘れた・ロックされたときは（よくある質問）', en: 'Forgotten or locked PIN? (FAQ)' })}</a>
      </p>
      <script src="/assets/card-form.js" defer></script>
      {/* A module (deferred like the script above, and run after it): it imports the server's own local-path check. */}
      <script src="/assets/resident-login.js" type="module"></script>
    </Layout>
  );
}

interface FolderData {
  home: { code: string; name: string; prefectureName: string } | null;
  municipalities: { code: string; name: string; prefectureName: string }[];
  sessions: number;
  saved: boolean;
  error?: AppError;
  chosen?: string;
}

function FolderPage(props: { ctx: PageContext; data: FolderData }): JSX.Element {
  const { ctx, data } = props;
  const homeError = fieldMessage(ctx, data.error, 'municipalityCode');
  const selected = data.chosen ?? data.home?.code ?? '';
  return (
    <Layout ctx={ctx} title={FOLDER_TITLE}>
      {data.saved ? (
        <p class="status status-ok" role="status">
          {ctx.h({ ja: 'お住まいの市区町村を登録しました。', en: 'Your home municipality is saved.' })}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary ctx={ctx} error={data.error} />
      <p class="lead">
        {ctx.h({
          ja: 'ここはあなたの利用者フォルダです。市区町村からのお知らせ、申請、自分の記録、同意がここに集まります。',
          en: 'This is your folder. Notices from your municipality, your applications, your records and your consents are kept here.',
        })}
      </p>

      <h2>{ctx.h({ ja: 'お住まいの市区町村', en: 'Your home municipality' })}</h2>
      {data.home ? (
        <p lang={ctx.lang === "en" ? "ja" : undefined} safe>
          {`${data.home.prefectureName} ${data.home.name}`}
        </p>
      ) : (
        <p>{ctx.h({ ja: 'まだ登録されていません。登録すると、その市区町村からお知らせを受け取れるようになります。', en: 'Not set yet. Once set, that municipality can send you notices.' })}</p>
      )}
      <form method="post" action="/me/home" novalidate>
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="municipalityCode">
            {ctx.h({ ja: '市区町村', en: 'Municipality' })}
            <span class="hint">{ctx.h({ ja: 'このサービスを利用している市区町村から選びます。', en: 'Municipalities that use this service.' })}</span>
          </label>
          <select id="municipalityCode" name="municipalityCode" aria-invalid={homeError ? 'true' : undefined} aria-describedby={homeError ? 'municipalityCode-error' : undefined}>
            <option value="">{ctx.h({ ja: '選んでください', en: 'Choose' })}</option>
            {data.municipalities.map((m) => (
              <option value={m.code} selected={m.code === selected} safe>
                {`${m.prefectureName} ${m.name}`}
              </option>
            ))}
          </select>
          {homeError ? (
            <p id="municipalityCode-error" class="field-error" safe>
              {homeError}
            </p>
          ) : (
            ''
          )}
        </div>
        <button type="submit">{ctx.h({ ja: '登録する', en: 'Save' })}</button>
      </form>

      <h2>{ctx.h({ ja: 'このフォルダに入るもの', en: 'What this folder holds' })}</h2>
      <p>{ctx.h({ ja: 'リンクのある項目は利用できます。「準備中」の項目は、利用できるようになるとここから開けます。', en: 'Items with a link work now. Those marked “coming soon” will open from here once they are built.' })}</p>
      <ul class="cards">
        <SectionCard ctx={ctx} title={{ ja: 'お知らせ', en: 'Notices' }} body={{ ja: '市区町村から届いたお知らせと、その回答。', en: 'Notices from your municipality, and your replies.' }} />
        <SectionCard ctx={ctx} href="/me/applications" title={{ ja: '申請', en: 'Applications' }} body={{ ja: '電子申請した手続と、その受付状況。', en: 'What you applied for online, and where it stands.' }} />
        <SectionCard ctx={ctx} title={{ ja: '自分の記録', en: 'Your records' }} body={{ ja: '予防接種の記録と、情報提供等記録。', en: 'Vaccination records, and the log of who exchanged them.' }} />
        <SectionCard ctx={ctx} title={{ ja: '同意', en: 'Consents' }} body={{ ja: '処分通知などをオンラインで受け取ることへの同意。', en: 'Your consent to receive disposition notices online.' }} />
        <SectionCard ctx={ctx} href="/me/inquiries" title={{ ja: 'お問い合わせ', en: 'Inquiries' }} body={{ ja: '送った操作のお問い合わせと、その回答。', en: 'The operation inquiries you sent, and their answers.' }} />
      </ul>

      <h2>{ctx.h({ ja: 'ログインの状態', en: 'Sessions' })}</h2>
      <p safe>
        {ctx.lang === 'ja' ? `現在ログインしている端末・ブラウザ: ${data.sessions}件` : `Devices and browsers signed in now: ${data.sessions}`}
      </p>
      <p class="hint">
        {ctx.h({ ja: '30分間操作がないと、自動的にログアウトします。', en: 'You are signed out after 30 minutes without activity.' })}
      </p>
      <div class="button-row">
        <form method="post" action="/logout">
          <CsrfField ctx={ctx} />
          <button type="submit">{ctx.h({ ja: 'ログアウト', en: 'Sign out' })}</button>
        </form>
        <form method="post" action="/logout/everywhere">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button-secondary">
            {ctx.h({ ja: 'すべての端末からログアウト', en: 'Sign out everywhere' })}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function registerResidentPages(app: FastifyInstance, deps: { db: Db }): void {
  const { db } = deps;
  const demo = app.deps.config.demo;

  async function demoCards(): Promise<DemoCard[] | null> {
    if (!demo) return null;
    const stored = new Map((await createDbTestPkiStore(db).listCards()).map((c) => [c.id, c]));
    const cards = app.deps.demoCards.filter((r) => stored.has(r.cardId)).map((r) => ({
      id: r.cardId,
      name: r.name,
      retriesLeft: stored.get(r.cardId)!.authenticationRetriesLeft,
    }));
    return cards.length > 0 ? cards : null;
  }

  app.get<{ Querystring: { next?: string } }>('/login', { config: { auth: { optional: true } }, schema: { hide: true } }, async (request, reply) => {
    const next = safeLocalPath(request.query.next, '/me');
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <LoginPage ctx={pageContext(request, 'resident')} cards={await demoCards()} next={next} signedIn={request.principal?.kind === 'resident'} />);
  });

  // Without JavaScript the login form posts here: say plainly why card login needs it.
  app.post<{ Querystring: { next?: string } }>('/login', { schema: { hide: true } }, async (request, reply) => {
    const next = safeLocalPath(request.query.next, '/me');
    return sendPage(reply, <LoginPage ctx={pageContext(request, 'resident')} cards={await demoCards()} next={next} signedIn={false} noScript />, 400);
  });

  async function folderData(principal: ResidentPrincipal): Promise<FolderData> {
    const [resident, municipalities, sessions] = await Promise.all([
      findResident(db.kysely, principal.residentId),
      listParticipating(db.kysely),
      countLiveSessions(db.kysely, { residentId: principal.residentId }, new Date()),
    ]);
    const home = resident?.homeMunicipalityCode ? { code: resident.homeMunicipalityCode, name: resident.homeName ?? '', prefectureName: resident.homePrefectureName ?? '' } : null;
    return { home, municipalities, sessions, saved: false };
  }

  app.get<{ Querystring: { saved?: string } }>('/me', { config: { auth: { resident: true, loginPage: '/login' } }, schema: { hide: true } }, async (request, reply) => {
    const data = await folderData(request.principal as ResidentPrincipal);
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <FolderPage ctx={pageContext(request, 'resident')} data={{ ...data, saved: request.query.saved === '1' }} />);
  });

  app.post<{ Body: { municipalityCode?: string } }>('/me/home', { config: { auth: { resident: true } }, schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal as ResidentPrincipal;
    const chosen = typeof request.body?.municipalityCode === 'string' ? request.body.municipalityCode : '';
    try {
      await setHomeMunicipality({ db }, request, { principal, municipalityCode: chosen });
    } catch (error) {
      if (!isAppError(error) || error.status !== 400) throw error;
      const data = await folderData(principal);
      return sendPage(reply, <FolderPage ctx={pageContext(request, 'resident')} data={{ ...data, error, chosen }} />, 400);
    }
    return reply.redirect('/me?saved=1', 303);
  });
}
