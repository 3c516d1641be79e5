// The page shell shared by the resident portal, the staff console and the national admin:
// skip link, banner, navigation, main, footer; Japanese first with an English switch.
import type { PropsWithChildren } from '@kitajs/html';
import type { Lang, Text } from '../platform/i18n.ts';
import type { Area, PageContext } from './page.ts';

export interface NavItem {
  href: string;
  label: Text;
}

const AREA_NAME: Record<Area, Text> = {
  resident: { ja: '子育てワンストップ', en: 'Kosodate One-Stop' },
  staff: { ja: '子育てワンストップ 職員コンソール', en: 'Kosodate One-Stop Staff console' },
  admin: { ja: '子育てワンストップ 国の管理画面', en: 'Kosodate One-Stop National administration' },
};

const AREA_HOME: Record<Area, string> = { resident: '/', staff: '/staff', admin: '/admin' };

export const NAV: Record<Area, NavItem[]> = {
  resident: [
    { href: '/', label: { ja: 'ホーム', en: 'Home' } },
    { href: '/services', label: { ja: 'サービスを探す', en: 'Find services' } },
    { href: '/life-events', label: { ja: 'ライフイベントから探す', en: 'By life event' } },
    { href: '/municipalities', label: { ja: '市区町村を探す', en: 'Find your municipality' } },
    { href: '/me', label: { ja: '利用者フォルダ', en: 'Your folder' } },
    { href: '/me/applications', label: { ja: '申請の一覧', en: 'Your applications' } },
    { href: '/help', label: { ja: 'よくある質問・お問い合わせ', en: 'Help' } },
  ],
  staff: [
    { href: '/staff', label: { ja: 'コンソールのホーム', en: 'Console home' } },
    { href: '/staff/services', label: { ja: 'サービス', en: 'Services' } },
    { href: '/staff/forms', label: { ja: '申請書', en: 'Forms' } },
    { href: '/staff/users', label: { ja: '職員アカウント', en: 'Staff accounts' } },
    { href: '/staff/account-check', label: { ja: 'アカウント確認', en: 'Account check' } },
    { href: '/staff/api-clients', label: { ja: 'APIクライアント', en: 'API clients' } },
    { href: '/staff/audit', label: { ja: '監査ログ', en: 'Audit log' } },
    { href: '/staff/help/inquiries', label: { ja: 'お問い合わせ', en: 'Inquiries' } },
    { href: '/municipalities', label: { ja: '地方公共団体コード', en: 'Municipality codes' } },
  ],
  admin: [
    { href: '/admin', label: { ja: '管理のホーム', en: 'Administration home' } },
    { href: '/admin/jobs', label: { ja: 'ジョブキュー', en: 'Job queue' } },
    { href: '/admin/evidence', label: { ja: '証跡ログ', en: 'Evidence log' } },
    { href: '/admin/help/inquiries', label: { ja: 'お問い合わせ', en: 'Inquiries' } },
    { href: '/admin/help/faq', label: { ja: 'よくある質問', en: 'FAQ' } },
    { href: '/admin/help/response-times', label: { ja: '応答時間', en: 'Response times' } },
    { href: '/municipalities', label: { ja: '地方公共団体マスタ', en: 'Municipality master' } },
  ],
};

function languageSwitch(ctx: PageContext): JSX.Element {
  const other = ctx.lang === 'ja' ? 'en' : 'ja';
  const label = ctx.lang === 'ja' ? 'English' : '日本語';
  return (
    <a class="lang-switch" href={`/lang/${other}?next=${encodeURIComponent(ctx.path)}`} hreflang={other} lang={other}>
      {label}
    </a>
  );
}

/**
 * `titleLang` marks a title that stays in another language whatever the reader chose (a
 * municipality's name has no English form), so that screen readers pronounce it right.
 */
/** Who is signed in, with the sign-out button (a form: signing out changes state). */
function SignedIn(props: { ctx: PageContext }): JSX.Element {
  const { ctx } = props;
  const user = ctx.user!;
  return (
    <form class="signed-in" method="post" action={user.kind === 'staff' ? '/staff/logout' : '/logout'}>
      {user.kind === 'resident' ? (
        <a href="/me" safe>
          {user.label}
        </a>
      ) : (
        <span safe>{user.label}</span>
      )}
      <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
      <button type="submit" class="button-secondary">
        {ctx.h({ ja: 'ログアウト', en: 'Sign out' })}
      </button>
    </form>
  );
}

/** The hidden CSRF field of a state-changing form. */
export function CsrfField(props: { ctx: PageContext }): JSX.Element {
  return <input type="hidden" name="_csrf" value={props.ctx.csrfToken ?? ''} />;
}

export function Layout(props: PropsWithChildren<{ ctx: PageContext; title: Text; titleLang?: Lang }>): JSX.Element {
  const { ctx } = props;
  const titleLang = props.titleLang && props.titleLang !== ctx.lang ? props.titleLang : undefined;
  const title = `${ctx.t(props.title)} | ${ctx.t(AREA_NAME[ctx.area])}`;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title safe>{title}</title>
        <link rel="stylesheet" href="/assets/tokens.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body class={`area-${ctx.area}`}>
        <a class="skip-link" href="#main">
          {ctx.h({ ja: '本文へ移動', en: 'Skip to main content' })}
        </a>
        <header class="site-header">
          <div class="container header-row">
            <a class="site-name" href={AREA_HOME[ctx.area]} safe>
              {ctx.t(AREA_NAME[ctx.area])}
            </a>
            <div class="header-tools">
              {ctx.user ? <SignedIn ctx={ctx} /> : ''}
              {languageSwitch(ctx)}
            </div>
          </div>
          <nav class="container" aria-label={ctx.t({ ja: 'メインメニュー', en: 'Main menu' })}>
            <ul class="nav-list">
              {NAV[ctx.area].map((item) => (
                <li>
                  <a href={item.href} aria-current={ctx.path.split('?')[0] === item.href ? 'page' : undefined} safe>
                    {ctx.t(item.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1" class="container">
          <h1 lang={titleLang} safe>
            {ctx.t(props.title)}
          </h1>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>
              {ctx.h({
                ja: '子育てワンストップは、子育て支援の手続をひとつの窓口で行うためのオープンソースの基盤です。',
                en: 'Kosodate One-Stop is an open-source platform for applying for childcare services in one place.',
              })}
            </p>
            <ul class="footer-links">
              <li>
                <a href="/">{ctx.h({ ja: '住民向けトップ', en: 'Residents' })}</a>
              </li>
              <li>
                <a href="/staff">{ctx.h({ ja: '職員コンソール', en: 'Staff console' })}</a>
              </li>
              <li>
                <a href="/admin">{ctx.h({ ja: '国の管理画面', en: 'National administration' })}</a>
              </li>
              <li>
                <a href="/api/docs">{ctx.h({ ja: 'API 仕様', en: 'API reference' })}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * A wide table that scrolls sideways inside its own box on a narrow screen, rather than the whole
 * page. The box is focusable and named after the table's caption, so keyboard users can scroll it.
 */
export function TableScroll(props: PropsWithChildren<{ captionId: string }>): JSX.Element {
  return (
    <div class="table-scroll" role="region" aria-labelledby={props.captionId} tabindex="0">
      {props.children}
    </div>
  );
}

/** A card for a section: a link when it is built, a plain statement when it is not. */
export function SectionCard(props: { ctx: PageContext; title: Text; body: Text; href?: string }): JSX.Element {
  const { ctx } = props;
  return (
    <li class={props.href ? 'card' : 'card card-pending'}>
      <h2 class="card-title">
        {props.href ? (
          <a href={props.href} safe>
            {ctx.t(props.title)}
          </a>
        ) : (
          <span safe>{ctx.t(props.title)}</span>
        )}
      </h2>
      <p safe>{ctx.t(props.body)}</p>
      {props.href ? (
        ''
      ) : (
        <p class="pending-note">{ctx.h({ ja: '準備中：まだ利用できません', en: 'Coming soon: not available yet' })}</p>
      )}
    </li>
  );
}
