// The staff console's shell: the municipal clerk's starting point.
import type { FastifyPluginAsync } from 'fastify';
import type { StaffRole } from '../../platform/db/tables.ts';
import type { Text } from '../../platform/i18n.ts';
import { Layout, SectionCard } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import type { StaffPrincipal } from '../identity/index.ts';

const ROLE_NAME: Record<StaffRole, Text> = {
  municipality_admin: { ja: '市区町村管理者', en: 'Municipality administrator' },
  service_editor: { ja: 'サービス編集', en: 'Service editor' },
  application_handler: { ja: '申請受付', en: 'Application handler' },
  notice_sender: { ja: 'お知らせ送信', en: 'Notice sender' },
  records_clerk: { ja: '記録担当', en: 'Records clerk' },
  viewer: { ja: '閲覧のみ', en: 'Viewer' },
  national_admin: { ja: '国の管理者', en: 'National administrator' },
  prefecture_viewer: { ja: '都道府県（閲覧）', en: 'Prefecture viewer' },
};

interface ConsoleSection {
  title: Text;
  body: Text;
  /** Where the section lives; a section without one is not built yet and says so. */
  href?: string;
  /** Shown only to these roles; to everyone when absent. */
  roles?: StaffRole[];
  /** Hidden from these roles (they have a section of their own instead). */
  notFor?: StaffRole[];
}

const ADMINS: StaffRole[] = ['municipality_admin', 'national_admin'];

const SECTIONS: readonly ConsoleSection[] = [
  { roles: ADMINS, href: '/staff/users', title: { ja: '職員アカウントの管理', en: 'Staff accounts' }, body: { ja: '職員のアカウントを交付し、役割・パスワード・利用停止を管理します。', en: 'Issue staff accounts and manage their roles, passwords and suspension.' } },
  { roles: ['municipality_admin'], href: '/staff/settings/network', title: { ja: '接続元ネットワークの制限', en: 'Network allow-list' }, body: { ja: '職員が利用できるネットワーク（LGWAN 端末）を登録します。', en: 'Limit the console to your registered networks (LGWAN terminals).' } },
  { href: '/staff/password', title: { ja: 'パスワードの変更', en: 'Change your password' }, body: { ja: '自分のログインパスワードを変更します。', en: 'Change your own sign-in password.' } },
  { href: '/staff/totp', title: { ja: '確認コード（2要素認証）', en: 'One-time codes' }, body: { ja: '認証アプリによる確認コードを設定します。', en: 'Set up codes from an authenticator app for signing in.' } },
  { roles: ['national_admin'], href: '/staff/national/services', title: { ja: '国のサービスと事前登録', en: 'National services and pre-registration' }, body: { ja: '国のサービスを登録し、市区町村のためにサービスを事前登録します。', en: 'Register national services and pre-register services for municipalities.' } },
  { roles: ['service_editor', 'municipality_admin'], notFor: ['national_admin'], href: '/staff/services', title: { ja: 'サービスの管理', en: 'Services' }, body: { ja: 'サービスを登録・編集・公開し、ファイルから一括で取り込みます。', en: 'Register, edit and publish services, and import them from a file.' } },
  { title: { ja: '申請の受付', en: 'Applications' }, body: { ja: '届いた申請を確認し、ダウンロードします。', en: 'Review and download the applications that arrived.' } },
  { title: { ja: 'お知らせの送信', en: 'Notices' }, body: { ja: '住民へお知らせを送り、回答を集計します。', en: 'Send notices to residents and collect their replies.' } },
  { title: { ja: '予防接種記録', en: 'Vaccination records' }, body: { ja: '副本を登録し、転入者の記録を照会します。', en: 'Register record copies and query those of children who moved in.' } },
  { title: { ja: '展開状況の報告', en: 'Rollout progress' }, body: { ja: '作業の進み具合を国へ報告します。', en: 'Report your progress on the rollout tasks.' } },
  { notFor: ['national_admin', 'prefecture_viewer'], href: '/staff/help/inquiries', title: { ja: '操作のお問い合わせ', en: 'Operation inquiries' }, body: { ja: '住民からの操作のお問い合わせに回答します。', en: 'Answer residents’ questions about using the platform.' } },
  { roles: ['municipality_admin'], href: '/staff/help/faq', title: { ja: 'よくある質問（独自）', en: 'Your FAQ entries' }, body: { ja: '住民向けのよくある質問に、市区町村独自の項目を追加します。', en: 'Add your municipality’s own entries to the residents’ FAQ.' } },
  { href: '/municipalities', title: { ja: '地方公共団体コード', en: 'Municipality codes' }, body: { ja: '全国の地方公共団体コードを確認できます。', en: 'Look up any local government code.' } },
];

/** The sections a member of staff sees: each by its role rule. */
function consoleSections(staff: StaffPrincipal): ConsoleSection[] {
  const has = (roles: StaffRole[] | undefined) => roles?.some((r) => staff.roles.includes(r)) ?? false;
  return SECTIONS.filter((s) => (!s.roles || has(s.roles)) && !has(s.notFor));
}

function ConsoleHome(props: { ctx: PageContext; staff: StaffPrincipal }): JSX.Element {
  const { ctx, staff } = props;
  const home = staff.municipalityCode ?? (staff.prefectureCode ? `${ctx.t({ ja: '都道府県', en: 'Prefecture' })} ${staff.prefectureCode}` : ctx.t({ ja: '国', en: 'National' }));
  return (
    <Layout ctx={ctx} title={{ ja: '職員コンソール', en: 'Staff console' }}>
      <p class="lead">
        {ctx.h({
          ja: '市区町村の職員が、サービスの登録、申請の受付、お知らせの送信、予防接種記録の登録、展開状況の報告を行う画面です。',
          en: 'Where municipal staff publish services, receive applications, send notices, register vaccination records and report rollout progress.',
        })}
      </p>
      <h2>{ctx.h({ ja: 'ログイン中の職員', en: 'Signed in' })}</h2>
      <dl class="facts">
        <dt>{ctx.h({ ja: '氏名', en: 'Name' })}</dt>
        <dd safe>{staff.displayName}</dd>
        <dt>{ctx.h({ ja: 'ログインID', en: 'Login ID' })}</dt>
        <dd>
          <code safe>{staff.loginId}</code>
        </dd>
        <dt>{ctx.h({ ja: '所属', en: 'Belongs to' })}</dt>
        <dd safe>{home}</dd>
        <dt>{ctx.h({ ja: '役割', en: 'Roles' })}</dt>
        <dd safe>{staff.roles.map((r) => ctx.t(ROLE_NAME[r])).join('、')}</dd>
      </dl>
      <ul class="cards">
        {consoleSections(staff).map((section) => (
          <SectionCard ctx={ctx} title={section.title} body={section.body} {...(section.href ? { href: section.href } : {})} />
        ))}
      </ul>
    </Layout>
  );
}

export const consoleModule: FastifyPluginAsync = async (app) => {
  app.get('/staff', { schema: { hide: true }, config: { auth: { staff: true, loginPage: '/staff/login' } } }, async (request, reply) =>
    sendPage(reply, <ConsoleHome ctx={pageContext(request, 'staff')} staff={request.principal as StaffPrincipal} />),
  );
};
