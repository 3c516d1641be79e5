// Views of staff sign-in and staff management: forms re-render with an error summary linked to the
// fields, in the reader's language.
import type { StaffRole } from '../../platform/db/tables.ts';
import type { AppError } from '../../platform/errors.ts';
import type { Text } from '../../platform/i18n.ts';
import { DataTable } from '../../web/data-table.tsx';
import { CsrfField, Layout } from '../../web/layout.tsx';
import type { PageContext } from '../../web/page.ts';
import type { StaffListItem, StaffRow } from './repository/staff.ts';
import { formatJst } from './staff-errors.ts';
import { ErrorSummary } from '../../web/error-summary.tsx';

export const ROLE_LABEL: Record<StaffRole, Text> = {
  municipality_admin: { ja: '市区町村管理者', en: 'Municipality administrator' },
  service_editor: { ja: 'サービス編集', en: 'Service editor' },
  application_handler: { ja: '申請受付', en: 'Application handler' },
  notice_sender: { ja: 'お知らせ送信', en: 'Notice sender' },
  records_clerk: { ja: '記録担当', en: 'Records clerk' },
  viewer: { ja: '閲覧のみ', en: 'Viewer' },
  national_admin: { ja: '国の管理者', en: 'National administrator' },
  prefecture_viewer: { ja: '都道府県（閲覧）', en: 'Prefecture viewer' },
};

function fieldMessage(ctx: PageContext, error: AppError | undefined, name: string): string | null {
  const found = error?.fields.filter((f) => f.field === name) ?? [];
  return found.length > 0 ? found.map((f) => ctx.t(f.message)).join(' / ') : null;
}

export function TextField(props: {
  ctx: PageContext;
  name: string;
  label: Text;
  hint?: Text;
  type?: 'text' | 'password';
  value?: string;
  autocomplete?: string;
  error?: AppError | undefined;
  inputmode?: 'numeric';
  maxlength?: number;
}): JSX.Element {
  const { ctx, name } = props;
  const problem = fieldMessage(ctx, props.error, name);
  const describedBy = [props.hint ? `${name}-hint` : '', problem ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={name}>{ctx.h(props.label)}</label>
      {props.hint ? (
        <span class="hint" id={`${name}-hint`} safe>
          {ctx.t(props.hint)}
        </span>
      ) : (
        ''
      )}
      <input
        type={props.type ?? 'text'}
        id={name}
        name={name}
        value={props.type === 'password' ? undefined : props.value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {problem ? (
        <p id={`${name}-error`} class="field-error" safe>
          {problem}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

function NextField(props: { next: string }): JSX.Element {
  return <input type="hidden" name="next" value={props.next} />;
}

export function LoginPage(props: { ctx: PageContext; loginCsrf: string; next: string; loginId?: string; error?: AppError; signedOut?: boolean }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: '職員ログイン', en: 'Staff sign-in' }}>
      {props.signedOut ? (
        <p class="notice" role="status">
          {ctx.h({ ja: 'ログアウトしました。', en: 'You have signed out.' })}
        </p>
      ) : (
        ''
      )}
      <p class="lead">
        {ctx.h({
          ja: '市区町村の管理者から交付されたログインIDとパスワードを入力してください。5回続けて間違えると、15分間ロックされます。',
          en: 'Enter the login ID and password your municipality administrator gave you. Five wrong attempts in a row lock the account for 15 minutes.',
        })}
      </p>
      <ErrorSummary ctx={ctx} error={props.error} />
      <form method="post" action="/staff/login" novalidate>
        <input type="hidden" name="_csrf" value={props.loginCsrf} />
        <NextField next={props.next} />
        <TextField ctx={ctx} name="loginId" label={{ ja: 'ログインID', en: 'Login ID' }} value={props.loginId ?? ''} autocomplete="username" maxlength={64} />
        <TextField ctx={ctx} name="password" type="password" label={{ ja: 'パスワード', en: 'Password' }} autocomplete="current-password" error={props.error} />
        <button type="submit">{ctx.h({ ja: 'ログイン', en: 'Sign in' })}</button>
      </form>
    </Layout>
  );
}

export function TotpPage(props: { ctx: PageContext; next: string; error?: AppError }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: '確認コードの入力', en: 'Enter your one-time code' }}>
      <p class="lead">
        {ctx.h({
          ja: '認証アプリに表示されている6桁の確認コードを入力してください。',
          en: 'Enter the 6-digit code your authenticator app shows.',
        })}
      </p>
      <ErrorSummary ctx={ctx} error={props.error} />
      <form method="post" action="/staff/login/totp" novalidate>
        <CsrfField ctx={ctx} />
        <NextField next={props.next} />
        <TextField ctx={ctx} name="code" label={{ ja: '確認コード', en: 'One-time code' }} hint={{ ja: '6桁の数字', en: '6 digits' }} autocomplete="one-time-code" inputmode="numeric" maxlength={8} error={props.error} />
        <button type="submit">{ctx.h({ ja: '確認する', en: 'Verify' })}</button>
      </form>
    </Layout>
  );
}

export function PasswordPage(props: { ctx: PageContext; next: string; forced: boolean; error?: AppError; done?: boolean }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: 'パスワードの変更', en: 'Change your password' }}>
      {props.done ? (
        <p class="notice" role="status">
          {ctx.h({ ja: 'パスワードを変更しました。ほかの端末のログインは終了しました。', en: 'Your password has been changed. Your other sessions have ended.' })}
        </p>
      ) : (
        ''
      )}
      <p class="lead">
        {props.forced
          ? ctx.h({
              ja: '初期パスワードのままでは利用できません。新しいパスワードを設定してください。',
              en: 'You must replace your initial password before you continue.',
            })
          : ctx.h({ ja: '新しいパスワードを2回入力してください。', en: 'Enter your new password twice.' })}
      </p>
      <ErrorSummary ctx={ctx} error={props.error} />
      <form method="post" action="/staff/password" novalidate>
        <CsrfField ctx={ctx} />
        <NextField next={props.next} />
        <TextField ctx={ctx} name="currentPassword" type="password" label={{ ja: '現在のパスワード', en: 'Current password' }} autocomplete="current-password" error={props.error} />
        <TextField
          ctx={ctx}
          name="newPassword"
          type="password"
          label={{ ja: '新しいパスワード', en: 'New password' }}
          hint={{ ja: '12文字以上で、英字と数字を含め、ログインIDを含まないもの', en: 'At least 12 characters, with letters and digits, not containing your login ID' }}
          autocomplete="new-password"
          error={props.error}
        />
        <TextField ctx={ctx} name="confirmPassword" type="password" label={{ ja: '新しいパスワード（確認）', en: 'New password again' }} autocomplete="new-password" error={props.error} />
        <button type="submit">{ctx.h({ ja: '変更する', en: 'Change password' })}</button>
      </form>
    </Layout>
  );
}

export function TotpEnrolPage(props: {
  ctx: PageContext;
  next: string;
  required: boolean;
  enrolment: { enrolled: true; enrolledAt: Date } | { enrolled: false; secret: string; uri: string };
  error?: AppError;
}): JSX.Element {
  const { ctx, enrolment } = props;
  return (
    <Layout ctx={ctx} title={{ ja: '確認コード（2要素認証）の設定', en: 'Set up your one-time codes' }}>
      {enrolment.enrolled ? (
        <p class="notice" role="status" safe>
          {ctx.lang === 'ja'
            ? `確認コードは ${formatJst(enrolment.enrolledAt)} に設定済みです。`
            : `One-time codes have been set up since ${formatJst(enrolment.enrolledAt)} (Japan time).`}
        </p>
      ) : (
        <>
          <p class="lead">
            {props.required
              ? ctx.h({
                  ja: '管理者の役割には確認コード（2要素認証）が必要です。認証アプリを設定してから利用を始めてください。',
                  en: 'Administrator roles require one-time codes (a second factor). Set up an authenticator app before you continue.',
                })
              : ctx.h({ ja: 'ログイン時に認証アプリの確認コードも求めるようにします。', en: 'Ask for a code from your authenticator app at every sign-in.' })}
          </p>
          <ErrorSummary ctx={ctx} error={props.error} />
          <h2>{ctx.h({ ja: '1. 認証アプリに登録する', en: '1. Add the key to your authenticator app' })}</h2>
          <p>{ctx.h({ ja: '次の秘密鍵を手入力するか、URI をアプリに取り込んでください。', en: 'Type in this secret key, or import the URI into your app.' })}</p>
          <dl class="facts">
            <dt>{ctx.h({ ja: '秘密鍵（Base32）', en: 'Secret key (Base32)' })}</dt>
            <dd>
              <code class="wrap" safe>
                {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
              </code>
            </dd>
            <dt>URI</dt>
            <dd>
              <code class="wrap" safe>
                {enrolment.uri}
              </code>
            </dd>
          </dl>
          <h2>{ctx.h({ ja: '2. 表示された確認コードを入力する', en: '2. Enter the code the app shows' })}</h2>
          <form method="post" action="/staff/totp" novalidate>
            <CsrfField ctx={ctx} />
            <NextField next={props.next} />
            <TextField ctx={ctx} name="code" label={{ ja: '確認コード', en: 'One-time code' }} hint={{ ja: '6桁の数字', en: '6 digits' }} autocomplete="one-time-code" inputmode="numeric" maxlength={8} error={props.error} />
            <button type="submit">{ctx.h({ ja: '設定を完了する', en: 'Finish set-up' })}</button>
          </form>
        </>
      )}
      <p class="back-link">
        <a href="/staff">{ctx.h({ ja: 'コンソールのホームへ', en: 'Back to the console' })}</a>
      </p>
    </Layout>
  );
}

function homeOf(ctx: PageContext, s: { municipalityCode: string | null; prefectureCode: string | null }): string {
  if (s.municipalityCode) return s.municipalityCode;
  if (s.prefectureCode) return ctx.lang === 'ja' ? `都道府県 ${s.prefectureCode}` : `Prefecture ${s.prefectureCode}`;
  return ctx.lang === 'ja' ? '国' : 'National';
}

function statusesOf(ctx: PageContext, s: Pick<StaffListItem, 'disabledAt' | 'lockedUntil' | 'mustChangePassword' | 'totpEnabled'>, now: Date): JSX.Element {
  const items: JSX.Element[] = [];
  if (s.disabledAt) items.push(<span class="status status-error">{ctx.h({ ja: '無効', en: 'Disabled' })}</span>);
  if (s.lockedUntil && s.lockedUntil > now) {
    items.push(
      <span class="status status-error" safe>
        {ctx.lang === 'ja' ? `${formatJst(s.lockedUntil)} までロック` : `Locked until ${formatJst(s.lockedUntil)}`}
      </span>,
    );
  }
  if (s.mustChangePassword) items.push(<span class="status status-warn">{ctx.h({ ja: '初期パスワード', en: 'Initial password' })}</span>);
  if (s.totpEnabled) items.push(<span class="status status-ok">{ctx.h({ ja: '確認コード設定済', en: 'One-time codes on' })}</span>);
  if (items.length === 0) items.push(<span class="status status-ok">{ctx.h({ ja: '有効', en: 'Active' })}</span>);
  return <span class="statuses">{items}</span>;
}

export function StaffListPage(props: { ctx: PageContext; staff: StaffListItem[]; national: boolean }): JSX.Element {
  const { ctx } = props;
  const now = new Date();
  return (
    <Layout ctx={ctx} title={{ ja: '職員アカウントの管理', en: 'Staff accounts' }}>
      <p class="lead">
        {props.national
          ? ctx.h({
              ja: '国の管理者、都道府県の閲覧者、各市区町村の管理者のアカウントです。市区町村のその他の職員は、各市区町村の管理者が管理します。',
              en: 'National administrators, prefecture viewers and each municipality’s administrators. Other municipal staff are managed by their municipality’s administrators.',
            })
          : ctx.h({
              ja: 'この市区町村の職員アカウントです。アカウントは1人に1つ交付し、共用しないでください。',
              en: 'The staff accounts of your municipality. Issue one account per person; never share accounts.',
            })}
      </p>
      <p>
        <a class="button-link" href="/staff/users/new">
          {ctx.h({ ja: 'アカウントを交付する', en: 'Issue an account' })}
        </a>
      </p>
      <DataTable ctx={ctx} id="staff-caption" caption={{ ja: '職員アカウント一覧', en: 'Staff accounts' }}
        columns={[{ ja: 'ログインID', en: 'Login ID' }, { ja: '氏名', en: 'Name' }, { ja: '所属', en: 'Belongs to' }, { ja: '役割', en: 'Roles' }, { ja: '状態', en: 'Status' }]}>
        {props.staff.map((s) => (
          <tr>
            <td>
              <a href={`/staff/users/${s.id}`} safe>
                {s.loginId}
              </a>
            </td>
            <td safe>{s.displayName}</td>
            <td safe>{homeOf(ctx, s)}</td>
            <td safe>{s.roles.map((r) => ctx.t(ROLE_LABEL[r])).join('、')}</td>
            <td>{statusesOf(ctx, s, now)}</td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

function RoleChoices(props: { ctx: PageContext; roles: readonly StaffRole[]; checked: readonly StaffRole[]; error?: AppError | undefined; legend: Text }): JSX.Element {
  const { ctx } = props;
  const problem = fieldMessage(ctx, props.error, 'roles');
  return (
    <fieldset id="roles" aria-describedby={problem ? 'roles-error' : undefined}>
      <legend>{ctx.h(props.legend)}</legend>
      {props.roles.map((r) => (
        <div class="choice">
          <input type="checkbox" id={`role-${r}`} name="roles" value={r} checked={props.checked.includes(r)} />
          <label for={`role-${r}`} safe>
            {ctx.t(ROLE_LABEL[r])}
          </label>
        </div>
      ))}
      {problem ? (
        <p id="roles-error" class="field-error" safe>
          {problem}
        </p>
      ) : (
        ''
      )}
    </fieldset>
  );
}

export interface IssueFormValues {
  loginId: string;
  displayName: string;
  roles: StaffRole[];
  kind: 'municipality' | 'prefecture' | 'national';
  municipalityCode: string;
  prefectureCode: string;
}

export function IssuePage(props: { ctx: PageContext; national: boolean; roles: readonly StaffRole[]; values: IssueFormValues; error?: AppError }): JSX.Element {
  const { ctx, values } = props;
  const kinds: { value: IssueFormValues['kind']; label: Text }[] = [
    { value: 'municipality', label: { ja: '市区町村の管理者', en: 'A municipality’s administrator' } },
    { value: 'prefecture', label: { ja: '都道府県の閲覧者', en: 'Prefecture viewer' } },
    { value: 'national', label: { ja: '国の管理者', en: 'National administrator' } },
  ];
  return (
    <Layout ctx={ctx} title={{ ja: 'アカウントの交付', en: 'Issue an account' }}>
      <p class="lead">
        {ctx.h({
          ja: '初期パスワードは交付後に一度だけ表示されます。本人に直接渡してください。初回ログイン時に変更が必要です。',
          en: 'The initial password is shown once, after issuing. Hand it to the person directly; they must change it at first sign-in.',
        })}
      </p>
      <ErrorSummary ctx={ctx} error={props.error} />
      <form method="post" action="/staff/users" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          ctx={ctx}
          name="loginId"
          label={{ ja: 'ログインID', en: 'Login ID' }}
          hint={{ ja: '英小文字・数字・「.」「_」「-」の3〜64文字', en: '3–64 lower-case letters, digits, “.”, “_” or “-”' }}
          value={values.loginId}
          autocomplete="off"
          maxlength={64}
          error={props.error}
        />
        <TextField ctx={ctx} name="displayName" label={{ ja: '氏名', en: 'Name' }} value={values.displayName} autocomplete="off" maxlength={100} error={props.error} />
        {props.national ? (
          <>
            <fieldset id="kind">
              <legend>{ctx.h({ ja: 'アカウントの種類', en: 'Kind of account' })}</legend>
              {kinds.map((k) => (
                <div class="choice">
                  <input type="radio" id={`kind-${k.value}`} name="kind" value={k.value} checked={values.kind === k.value} />
                  <label for={`kind-${k.value}`} safe>
                    {ctx.t(k.label)}
                  </label>
                </div>
              ))}
            </fieldset>
            <TextField
              ctx={ctx}
              name="municipalityCode"
              label={{ ja: '地方公共団体コード（市区町村の管理者の場合）', en: 'Local government code (for a municipality’s administrator)' }}
              hint={{ ja: '6桁。例: 131130', en: 'Six digits, e.g. 131130' }}
              value={values.municipalityCode}
              inputmode="numeric"
              maxlength={6}
              error={props.error}
            />
            <TextField
              ctx={ctx}
              name="prefectureCode"
              label={{ ja: '都道府県コード（都道府県の閲覧者の場合）', en: 'Prefecture code (for a prefecture viewer)' }}
              hint={{ ja: '2桁。例: 13', en: 'Two digits, e.g. 13' }}
              value={values.prefectureCode}
              inputmode="numeric"
              maxlength={2}
              error={props.error}
            />
          </>
        ) : (
          <RoleChoices ctx={ctx} roles={props.roles} checked={values.roles} error={props.error} legend={{ ja: '役割', en: 'Roles' }} />
        )}
        <button type="submit">{ctx.h({ ja: '交付する', en: 'Issue the account' })}</button>
      </form>
    </Layout>
  );
}

/** The one time an initial password is shown. */
export function InitialPasswordPage(props: { ctx: PageContext; staffId: string; loginId: string; password: string; reset: boolean }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.reset ? { ja: 'パスワードを再設定しました', en: 'Password reset' } : { ja: 'アカウントを交付しました', en: 'Account issued' }}>
      <p class="lead" role="status">
        {ctx.h({
          ja: '初期パスワードはこの画面でしか表示されません。本人に直接渡してください。初回ログイン時に変更が必要です。',
          en: 'The initial password is shown on this page only. Hand it to the person directly; they must change it at first sign-in.',
        })}
      </p>
      <dl class="facts">
        <dt>{ctx.h({ ja: 'ログインID', en: 'Login ID' })}</dt>
        <dd>
          <code safe>{props.loginId}</code>
        </dd>
        <dt>{ctx.h({ ja: '初期パスワード', en: 'Initial password' })}</dt>
        <dd>
          <code class="secret" safe>
            {props.password}
          </code>
        </dd>
      </dl>
      <p>
        <a href={`/staff/users/${props.staffId}`}>{ctx.h({ ja: 'アカウントの詳細へ', en: 'Account details' })}</a>
      </p>
      <p>
        <a href="/staff/users">{ctx.h({ ja: '職員アカウント一覧へ', en: 'Back to staff accounts' })}</a>
      </p>
    </Layout>
  );
}

const DONE_NOTICE: Record<string, Text> = {
  roles: { ja: '役割を変更しました。', en: 'The roles have been changed.' },
  disabled: { ja: 'アカウントを無効にしました。ログイン中のセッションは終了しました。', en: 'The account has been disabled and its sessions have ended.' },
  enabled: { ja: 'アカウントを有効にしました。', en: 'The account has been enabled.' },
};

export function StaffEditPage(props: { ctx: PageContext; staff: StaffRow; roles: readonly StaffRole[]; self: boolean; done?: string; error?: AppError }): JSX.Element {
  const { ctx, staff } = props;
  const now = new Date();
  const notice = props.done ? DONE_NOTICE[props.done] : undefined;
  return (
    <Layout ctx={ctx} title={{ ja: '職員アカウント', en: 'Staff account' }}>
      {notice ? (
        <p class="notice" role="status" safe>
          {ctx.t(notice)}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary ctx={ctx} error={props.error} />
      <dl class="facts">
        <dt>{ctx.h({ ja: 'ログインID', en: 'Login ID' })}</dt>
        <dd>
          <code safe>{staff.login_id}</code>
        </dd>
        <dt>{ctx.h({ ja: '氏名', en: 'Name' })}</dt>
        <dd safe>{staff.display_name}</dd>
        <dt>{ctx.h({ ja: '所属', en: 'Belongs to' })}</dt>
        <dd safe>{homeOf(ctx, { municipalityCode: staff.municipality_code, prefectureCode: staff.prefecture_code })}</dd>
        <dt>{ctx.h({ ja: '状態', en: 'Status' })}</dt>
        <dd>
          {statusesOf(
            ctx,
            { disabledAt: staff.disabled_at, lockedUntil: staff.locked_until, mustChangePassword: staff.must_change_password, totpEnabled: staff.totp_enabled_at !== null },
            now,
          )}
        </dd>
        <dt>{ctx.h({ ja: '最終ログイン', en: 'Last sign-in' })}</dt>
        <dd>{staff.last_login_at ? <span safe>{formatJst(staff.last_login_at)}</span> : '—'}</dd>
      </dl>

      <h2>{ctx.h({ ja: '役割', en: 'Roles' })}</h2>
      <form method="post" action={`/staff/users/${staff.id}/roles`} novalidate>
        <CsrfField ctx={ctx} />
        <RoleChoices ctx={ctx} roles={props.roles} checked={staff.roles} error={props.error} legend={{ ja: 'このアカウントの役割', en: 'Roles of this account' }} />
        <button type="submit">{ctx.h({ ja: '役割を保存する', en: 'Save roles' })}</button>
      </form>

      {props.self ? (
        <p>{ctx.h({ ja: '自分自身のアカウントのパスワード再設定と無効化はできません。', en: 'You cannot reset the password of, or disable, your own account.' })}</p>
      ) : (
        <>
          <h2>{ctx.h({ ja: 'パスワードの再設定', en: 'Reset the password' })}</h2>
          <p>
            {ctx.h({
              ja: '新しい初期パスワードを発行します。ログイン中のセッションは終了し、ロックも解除されます。',
              en: 'Issues a new initial password. The account’s sessions end and any lockout is cleared.',
            })}
          </p>
          <form method="post" action={`/staff/users/${staff.id}/password-reset`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button-secondary">
              {ctx.h({ ja: 'パスワードを再設定する', en: 'Reset password' })}
            </button>
          </form>
          <h2>{staff.disabled_at ? ctx.h({ ja: 'アカウントの有効化', en: 'Enable the account' }) : ctx.h({ ja: 'アカウントの無効化', en: 'Disable the account' })}</h2>
          <form method="post" action={`/staff/users/${staff.id}/${staff.disabled_at ? 'enable' : 'disable'}`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button-secondary">
              {staff.disabled_at ? ctx.h({ ja: '有効にする', en: 'Enable' }) : ctx.h({ ja: '無効にする', en: 'Disable' })}
            </button>
          </form>
        </>
      )}
      <p class="back-link">
        <a href="/staff/users">{ctx.h({ ja: '職員アカウント一覧へ', en: 'Back to staff accounts' })}</a>
      </p>
    </Layout>
  );
}

export function NetworkPage(props: { ctx: PageContext; ip: string; text: string; saved?: boolean; warnLockout: boolean; error?: AppError }): JSX.Element {
  const { ctx } = props;
  const problem = fieldMessage(ctx, props.error, 'allowlist');
  const confirmProblem = fieldMessage(ctx, props.error, 'confirmLockout');
  return (
    <Layout ctx={ctx} title={{ ja: '接続元ネットワークの制限', en: 'Network allow-list' }}>
      {props.saved ? (
        <p class="notice" role="status">
          {ctx.h({ ja: '接続元の制限を保存しました。', en: 'The allow-list has been saved.' })}
        </p>
      ) : (
        ''
      )}
      <p class="lead">
        {ctx.h({
          ja: 'この市区町村の職員が職員コンソールを使えるネットワーク（LGWAN 端末のアドレスなど）を登録します。空欄にすると、どのネットワークからでも利用できます。',
          en: 'The networks (such as your LGWAN terminals’ addresses) your staff may use the console from. Leave it empty to allow any network.',
        })}
      </p>
      <p safe>{ctx.lang === 'ja' ? `現在の接続元アドレス: ${props.ip}` : `Your current address: ${props.ip}`}</p>
      <ErrorSummary ctx={ctx} error={props.error} />
      <form method="post" action="/staff/settings/network" novalidate>
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="allowlist">{ctx.h({ ja: '許可するアドレス・CIDR', en: 'Allowed addresses and CIDR blocks' })}</label>
          <span class="hint" id="allowlist-hint">
            {ctx.h({ ja: '1行に1件。例: 10.20.0.0/16、2001:db8::/32', en: 'One per line, e.g. 10.20.0.0/16 or 2001:db8::/32' })}
          </span>
          <textarea
            id="allowlist"
            name="allowlist"
            rows="6"
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={problem ? 'allowlist-hint allowlist-error' : 'allowlist-hint'}
            safe
          >
            {props.text}
          </textarea>
          {problem ? (
            <p id="allowlist-error" class="field-error" safe>
              {problem}
            </p>
          ) : (
            ''
          )}
        </div>
        {props.warnLockout ? (
          <div class="choice" id="confirmLockout-group">
            <input type="checkbox" id="confirmLockout" name="confirmLockout" value="yes" aria-describedby={confirmProblem ? 'confirmLockout-error' : undefined} />
            <label for="confirmLockout">
              {ctx.h({
                ja: '現在のアドレスが含まれないことを理解したうえで保存します',
                en: 'I understand my current address is not included; save anyway',
              })}
            </label>
            {confirmProblem ? (
              <p id="confirmLockout-error" class="field-error" safe>
                {confirmProblem}
              </p>
            ) : (
              ''
            )}
          </div>
        ) : (
          ''
        )}
        <button type="submit">{ctx.h({ ja: '保存する', en: 'Save' })}</button>
      </form>
    </Layout>
  );
}
