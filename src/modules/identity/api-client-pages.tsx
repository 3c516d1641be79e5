// API clients of the municipality's existing systems (§3.3 専用線 route, §3.5): list, register with
// scopes, the secret shown once, rotation with overlap, disabling. Municipality administrators only;
// everything runs in the municipality's scope, so another municipality's client is "not found" (R15).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import { isAppError, type AppError } from '../../platform/errors.ts';
import { DataTable } from '../../web/data-table.tsx';
import { CsrfField, Layout } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import { API_CLIENT_SCOPES, OVERLAP_DAYS, SCOPE_LABELS, type ApiClientScope } from './api-client-secrets.ts';
import { createApiClient } from './create-api-client.ts';
import { disableApiClient } from './disable-api-client.ts';
import { scopeOf, type StaffPrincipal } from './principal.ts';
import { listApiClients, type ApiClientSummary } from './repository/api-client-admin.ts';
import { apiClientNotFound, rotateApiClientSecret } from './rotate-api-client-secret.ts';
import { ErrorSummary, fieldMessage, formatJst } from './views.tsx';

const TITLE = { ja: 'APIクライアント', en: 'API clients' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function scopeLabel(ctx: PageContext, scope: string): string {
  const label = SCOPE_LABELS[scope as ApiClientScope];
  return label ? `${scope}（${ctx.t(label)}）` : scope;
}

function ClientCard(props: { ctx: PageContext; client: ApiClientSummary; now: Date }): JSX.Element {
  const { ctx, client, now } = props;
  const live = (s: ApiClientSummary['secrets'][number]) => !s.expiresAt || s.expiresAt > now;
  return (
    <section class="card" aria-labelledby={`client-${client.id}`}>
      <h3 id={`client-${client.id}`} safe>
        {client.name}
      </h3>
      <dl class="facts">
        <dt>{ctx.h({ ja: 'クライアントID', en: 'Client ID' })}</dt>
        <dd>
          <code safe>{client.clientId}</code>
        </dd>
        <dt>{ctx.h({ ja: '権限', en: 'Permissions' })}</dt>
        <dd safe>{client.scopes.map((s) => scopeLabel(ctx, s)).join('、')}</dd>
        <dt>{ctx.h({ ja: '登録日時', en: 'Created' })}</dt>
        <dd safe>{formatJst(client.createdAt)}</dd>
        <dt>{ctx.h({ ja: '最終利用日時', en: 'Last used' })}</dt>
        <dd safe>{client.lastUsedAt ? formatJst(client.lastUsedAt) : ctx.t({ ja: '未使用', en: 'Never' })}</dd>
        <dt>{ctx.h({ ja: '状態', en: 'Status' })}</dt>
        <dd>
          {client.disabledAt ? (
            <span class="status status-error" safe>
              {`${ctx.t({ ja: '無効', en: 'Disabled' })} (${formatJst(client.disabledAt)})`}
            </span>
          ) : (
            <span class="status status-ok">{ctx.h({ ja: '有効', en: 'Active' })}</span>
          )}
        </dd>
      </dl>
      <DataTable ctx={ctx} id={`secrets-${client.id}`} caption={{ ja: 'シークレット', en: 'Secrets' }}
        columns={[{ ja: '末尾4文字', en: 'Ends with' }, { ja: '発行日時', en: 'Issued' }, { ja: '有効期限', en: 'Expires' }, { ja: '最終利用日時', en: 'Last used' }, { ja: '状態', en: 'Status' }]}>
        {client.secrets.map((s) => (
          <tr>
            <td>
              <code safe>{`…${s.hint}`}</code>
            </td>
            <td safe>{formatJst(s.createdAt)}</td>
            <td safe>{s.expiresAt ? formatJst(s.expiresAt) : ctx.t({ ja: 'なし', en: 'None' })}</td>
            <td safe>{s.lastUsedAt ? formatJst(s.lastUsedAt) : ctx.t({ ja: '未使用', en: 'Never' })}</td>
            <td>{live(s) ? ctx.h({ ja: '使用可', en: 'Valid' }) : ctx.h({ ja: '期限切れ', en: 'Expired' })}</td>
          </tr>
        ))}
      </DataTable>
      {client.disabledAt ? (
        ''
      ) : (
        <div class="button-row">
          <form method="post" action={`/staff/api-clients/${client.id}/rotate`}>
            <CsrfField ctx={ctx} />
            <div class="field">
              <label for={`overlap-${client.id}`}>{ctx.h({ ja: '古いシークレットを使える期間', en: 'Old secret keeps working for' })}</label>
              <select id={`overlap-${client.id}`} name="overlapDays">
                {OVERLAP_DAYS.map((d) => (
                  <option value={String(d)} selected={d === 7} safe>
                    {ctx.lang === 'ja' ? `${d}日` : `${d} day${d === 1 ? '' : 's'}`}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{ctx.h({ ja: 'シークレットを再発行する', en: 'Issue a new secret' })}</button>
          </form>
          <form method="post" action={`/staff/api-clients/${client.id}/disable`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button-secondary">
              {ctx.h({ ja: 'このクライアントを無効にする', en: 'Disable this client' })}
            </button>
          </form>
        </div>
      )}
    </section>
  );
}

interface ListState {
  clients: ApiClientSummary[];
  error?: AppError;
  name?: string;
  scopes?: string[];
  notice?: 'disabled';
}

function ApiClientsPage(props: { ctx: PageContext; state: ListState }): JSX.Element {
  const { ctx, state } = props;
  const now = new Date();
  const nameError = fieldMessage(ctx, state.error, 'name');
  const scopesError = fieldMessage(ctx, state.error, 'scopes');
  return (
    <Layout ctx={ctx} title={TITLE}>
      <ErrorSummary ctx={ctx} error={state.error} fieldId={(f) => (f === 'scopes' ? `scope-${API_CLIENT_SCOPES[0].replace(':', '-')}` : f)} />
      {state.notice === 'disabled' ? (
        <p class="status status-ok" role="status">
          {ctx.h({ ja: 'APIクライアントを無効にしました。', en: 'The API client is disabled.' })}
        </p>
      ) : (
        ''
      )}
      <p class="lead">
        {ctx.h({
          ja: '既存システム（基幹システムなど）がこのサービスの API を使うための認証情報です。システムごとに登録し、必要な権限だけを与えてください。',
          en: 'Credentials for your existing systems to use this service’s API. Register one per system and give it only the permissions it needs.',
        })}
      </p>
      <h2>{ctx.h({ ja: '登録済みのAPIクライアント', en: 'Registered API clients' })}</h2>
      {state.clients.length === 0 ? (
        <p>{ctx.h({ ja: 'まだ登録されていません。', en: 'None yet.' })}</p>
      ) : (
        <div class="client-list">
          {state.clients.map((c) => (
            <ClientCard ctx={ctx} client={c} now={now} />
          ))}
        </div>
      )}
      <h2>{ctx.h({ ja: '新しく登録する', en: 'Register a system' })}</h2>
      <form method="post" action="/staff/api-clients" novalidate>
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="name">{ctx.h({ ja: 'システムの名前', en: 'Name of the system' })}</label>
          <input
            type="text"
            id="name"
            name="name"
            maxlength="100"
            value={state.name ?? ''}
            aria-invalid={nameError ? 'true' : undefined}
            aria-describedby={nameError ? 'name-error' : undefined}
          />
          {nameError ? (
            <p id="name-error" class="field-error" safe>
              {nameError}
            </p>
          ) : (
            ''
          )}
        </div>
        <fieldset id="scopes" aria-describedby={scopesError ? 'scopes-error' : undefined}>
          <legend>{ctx.h({ ja: '権限', en: 'Permissions' })}</legend>
          {scopesError ? (
            <p id="scopes-error" class="field-error" safe>
              {scopesError}
            </p>
          ) : (
            ''
          )}
          {API_CLIENT_SCOPES.map((s) => (
            <div class="choice">
              <input type="checkbox" id={`scope-${s.replace(':', '-')}`} name="scopes" value={s} checked={state.scopes?.includes(s) ?? false} />
              <label for={`scope-${s.replace(':', '-')}`} safe>
                {scopeLabel(ctx, s)}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit">{ctx.h({ ja: '登録する', en: 'Register' })}</button>
      </form>
    </Layout>
  );
}

function SecretPage(props: { ctx: PageContext; clientId: string; secret: string; rotatedUntil?: Date }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={props.rotatedUntil ? { ja: '新しいシークレット', en: 'New secret' } : { ja: 'APIクライアントを登録しました', en: 'API client registered' }}>
      <div class="error-summary" role="alert" aria-labelledby="secret-warning">
        <h2 id="secret-warning">{ctx.h({ ja: 'シークレットは今だけ表示されます', en: 'The secret is shown only now' })}</h2>
        <p>
          {ctx.h({
            ja: 'このページを離れると、シークレットは二度と表示できません（保存しているのはハッシュ値だけです）。今すぐシステムの設定に登録してください。',
            en: 'Once you leave this page the secret cannot be shown again (only its hash is kept). Put it into your system’s settings now.',
          })}
        </p>
      </div>
      <dl class="facts">
        <dt>{ctx.h({ ja: 'クライアントID', en: 'Client ID' })}</dt>
        <dd>
          <code class="wrap" safe>
            {props.clientId}
          </code>
        </dd>
        <dt>{ctx.h({ ja: 'シークレット', en: 'Secret' })}</dt>
        <dd>
          <code class="wrap" id="secret" safe>
            {props.secret}
          </code>
        </dd>
      </dl>
      {props.rotatedUntil ? (
        <p safe>
          {ctx.lang === 'ja'
            ? `これまでのシークレットは ${formatJst(props.rotatedUntil)} まで使えます。それまでにシステムを新しいシークレットに切り替えてください。`
            : `The previous secret keeps working until ${formatJst(props.rotatedUntil)} (Japan time). Switch your system over before then.`}
        </p>
      ) : (
        ''
      )}
      <p>
        {ctx.h({
          ja: 'API を呼ぶときは、HTTP の Authorization ヘッダーに Basic 認証（クライアントID:シークレット を base64 にしたもの）を付けます。',
          en: 'Call the API with HTTP Basic authentication: the Authorization header carries base64 of clientId:secret.',
        })}
      </p>
      <p class="back-link">
        <a href="/staff/api-clients">{ctx.h({ ja: 'APIクライアントの一覧へ戻る', en: 'Back to the API clients' })}</a>
      </p>
    </Layout>
  );
}

export function registerApiClientPages(app: FastifyInstance, deps: { db: Db }): void {
  const { db } = deps;
  const auth = { staff: { roles: ['municipality_admin' as const] } };

  async function clientsOf(principal: StaffPrincipal): Promise<ApiClientSummary[]> {
    return withScope(db.kysely, scopeOf(principal), (trx) => listApiClients(trx));
  }

  app.get<{ Querystring: { disabled?: string } }>(
    '/staff/api-clients',
    { config: { auth: { ...auth, loginPage: '/staff/login' } }, schema: { hide: true } },
    async (request, reply) => {
      const clients = await clientsOf(request.principal as StaffPrincipal);
      return sendPage(reply, <ApiClientsPage ctx={pageContext(request, 'staff')} state={{ clients, ...(request.query.disabled === '1' ? { notice: 'disabled' as const } : {}) }} />);
    },
  );

  app.post<{ Body: { name?: string; scopes?: string | string[] } }>('/staff/api-clients', { config: { auth }, schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal as StaffPrincipal;
    const name = typeof request.body?.name === 'string' ? request.body.name : '';
    const raw = request.body?.scopes;
    const scopes = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((s): s is string => typeof s === 'string');
    try {
      const created = await createApiClient({ db }, request, { principal, name, scopes });
      reply.header('cache-control', 'no-store');
      return sendPage(reply, <SecretPage ctx={pageContext(request, 'staff')} clientId={created.clientId} secret={created.secret} />);
    } catch (error) {
      if (!isAppError(error) || error.status !== 400) throw error;
      const clients = await clientsOf(principal);
      return sendPage(reply, <ApiClientsPage ctx={pageContext(request, 'staff')} state={{ clients, error, name, scopes }} />, 400);
    }
  });

  app.post<{ Params: { id: string }; Body: { overlapDays?: string } }>(
    '/staff/api-clients/:id/rotate',
    { config: { auth }, schema: { hide: true } },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) throw apiClientNotFound();
      const rotated = await rotateApiClientSecret({ db }, request, {
        principal: request.principal as StaffPrincipal,
        apiClientId: request.params.id,
        overlapDays: Number(request.body?.overlapDays ?? 7),
      });
      reply.header('cache-control', 'no-store');
      return sendPage(reply, <SecretPage ctx={pageContext(request, 'staff')} clientId={rotated.clientId} secret={rotated.secret} rotatedUntil={rotated.oldSecretsUntil} />);
    },
  );

  app.post<{ Params: { id: string } }>('/staff/api-clients/:id/disable', { config: { auth }, schema: { hide: true } }, async (request, reply) => {
    if (!UUID.test(request.params.id)) throw apiClientNotFound();
    await disableApiClient({ db }, request, { principal: request.principal as StaffPrincipal, apiClientId: request.params.id });
    return reply.redirect('/staff/api-clients?disabled=1', 303);
  });
}
