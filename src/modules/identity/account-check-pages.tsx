// R7 for staff: check by agency-specific code whether residents have an account — one code, or many
// at once (typed or pasted, or a CSV file from the existing system), with a CSV of the result.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { writeCsv } from '../../platform/csv.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { decodeTextFile, NOT_A_TEXT_FILE } from '../../platform/text-file.ts';
import { DataTable } from '../../web/data-table.tsx';
import { CsrfField, Layout } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import { normalizeAgencyCode } from './agency-codes.ts';
import { checkAgencyCodes, type AccountCheckResult } from './check-agency-codes.ts';
import { checkNationalAgencyCodes, NATIONAL_AGENCIES } from './national-agency-codes.ts';
import { acceptMultipart } from './multipart.ts';
import type { StaffPrincipal } from './principal.ts';
import { ErrorSummary } from './views.tsx';

export const ACCOUNT_CHECK_ROLES: StaffRole[] = ['municipality_admin', 'notice_sender', 'viewer', 'application_handler', 'records_clerk', 'national_admin'];
const TITLE = { ja: 'アカウントの有無の確認', en: 'Account check' };
const SHOWN_ROWS = 1000;

/** Codes from pasted text or a CSV file: the first column of each line; a header line is skipped. */
export function codesFromText(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const codes: string[] = [];
  lines.forEach((line, i) => {
    const cell = (line.split(',')[0] ?? '').trim().replace(/^"(.*)"$/, '$1').trim();
    if (cell === '') return;
    // A header line ("code", "機関別符号", …) is not a code and is skipped; any other bad line is reported.
    if (i === 0 && !normalizeAgencyCode(cell) && (/^(codes?|agency[_ ]?codes?)$/i.test(cell) || /[^\x20-\x7e]/.test(cell))) return;
    codes.push(cell);
  });
  return codes;
}

interface CheckState {
  /** National administrators check the codes of one national body at a time. */
  agency?: string;
  code?: string;
  codes?: string;
  single?: AccountCheckResult;
  results?: AccountCheckResult[];
  error?: AppError;
}

/** The national body picker, shown to national administrators in both forms. */
function AgencyField(props: { ctx: PageContext; id: string; selected?: string }): JSX.Element {
  const { ctx } = props;
  return (
    <div class="field">
      <label for={props.id}>{ctx.h({ ja: '国の機関', en: 'National body' })}</label>
      <select id={props.id} name="agency">
        {NATIONAL_AGENCIES.map((a) => (
          <option value={a.id} selected={a.id === props.selected} safe>
            {ctx.t(a.name)}
          </option>
        ))}
      </select>
    </div>
  );
}

function AccountCheckPage(props: { ctx: PageContext; state: CheckState; national: boolean }): JSX.Element {
  const { ctx, state, national } = props;
  const results = state.results;
  const withAccount = results?.filter((r) => r.hasAccount).length ?? 0;
  const fieldOf = (field: string) => (field === 'code' ? 'code' : field === 'agency' ? 'agency-one' : field === 'file' ? 'file' : 'codes');
  return (
    <Layout ctx={ctx} title={TITLE}>
      <ErrorSummary ctx={ctx} error={state.error} fieldId={fieldOf} />
      <p class="lead">
        {national
          ? ctx.h({
              ja: '国の機関の機関別符号で、住民がこのサービスのアカウント（利用者フォルダ）を持っているかを確認します。機関を選んでください。他の機関や市区町村の符号は「アカウントなし」と表示されます。',
              en: 'Check by a national body’s agency-specific codes whether residents have an account (a folder) here. Choose the body; codes of any other body or municipality show as “no account”.',
            })
          : ctx.h({
              ja: '機関別符号で、住民がこのサービスのアカウント（利用者フォルダ）を持っているかを確認します。確認できるのは、あなたの市区町村の機関別符号だけです。他の団体の符号は「アカウントなし」と表示されます。',
              en: 'Check by agency-specific code whether residents have an account (a folder) here. Only your own municipality’s codes are known; any other code shows as “no account”.',
            })}
      </p>

      {state.single ? (
        <p class="status" role="status" safe>
          {state.single.hasAccount
            ? ctx.t({ ja: `${state.single.code}: アカウントあり`, en: `${state.single.code}: has an account` })
            : ctx.t({ ja: `${state.single.code}: アカウントなし`, en: `${state.single.code}: no account` })}
        </p>
      ) : (
        ''
      )}

      <h2>{ctx.h({ ja: '1件ずつ確認する', en: 'Check one code' })}</h2>
      <form method="post" action="/staff/account-check" novalidate>
        <CsrfField ctx={ctx} />
        {national ? <AgencyField ctx={ctx} id="agency-one" selected={state.agency} /> : ''}
        <div class="field">
          <label for="code">
            {ctx.h({ ja: '機関別符号', en: 'Agency-specific code' })}
            <span class="hint">{ctx.h({ ja: '英大文字と数字2〜7の20文字', en: '20 capital letters and digits 2–7' })}</span>
          </label>
          <input type="text" id="code" name="code" autocomplete="off" spellcheck="false" maxlength="64" value={state.code ?? ''} />
        </div>
        <button type="submit">{ctx.h({ ja: '確認する', en: 'Check' })}</button>
      </form>

      <h2>{ctx.h({ ja: 'まとめて確認する', en: 'Check many codes' })}</h2>
      <form method="post" action="/staff/account-check" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        {national ? <AgencyField ctx={ctx} id="agency-many" selected={state.agency} /> : ''}
        <div class="field">
          <label for="codes">
            {ctx.h({ ja: '機関別符号（1行に1件）', en: 'Agency-specific codes (one a line)' })}
            <span class="hint">{ctx.h({ ja: '一度に10,000件まで', en: 'Up to 10,000 at a time' })}</span>
          </label>
          <textarea id="codes" name="codes" rows="6" spellcheck="false" safe>
            {state.codes ?? ''}
          </textarea>
        </div>
        <div class="field">
          <label for="file">
            {ctx.h({ ja: 'または CSV ファイル', en: 'Or a CSV file' })}
            <span class="hint">{ctx.h({ ja: '1列目の機関別符号を読み取ります（見出し行があっても構いません）。UTF-8 または Shift_JIS。', en: 'Codes are read from the first column (a header line is fine). UTF-8 or Shift_JIS.' })}</span>
          </label>
          <input type="file" id="file" name="file" accept=".csv,.txt,text/csv,text/plain" />
        </div>
        <button type="submit">{ctx.h({ ja: 'まとめて確認する', en: 'Check all' })}</button>
      </form>

      {results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{ctx.h({ ja: '確認結果', en: 'Results' })}</h2>
          <p role="status" safe>
            {ctx.lang === 'ja'
              ? `${results.length}件のうち、アカウントあり ${withAccount}件、アカウントなし ${results.length - withAccount}件`
              : `Of ${results.length}: ${withAccount} with an account, ${results.length - withAccount} without`}
          </p>
          <form method="post" action="/staff/account-check.csv">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="codes" value={results.map((r) => r.code).join('\n')} />
            {national ? <input type="hidden" name="agency" value={state.agency ?? ''} /> : ''}
            <button type="submit" class="button-secondary">
              {ctx.h({ ja: '結果を CSV でダウンロード', en: 'Download the result as CSV' })}
            </button>
          </form>
          {results.length > SHOWN_ROWS ? (
            <p class="hint">
              {ctx.h({ ja: `画面には最初の${SHOWN_ROWS}件を表示しています。すべての結果は CSV にあります。`, en: `The first ${SHOWN_ROWS} are shown; the CSV has them all.` })}
            </p>
          ) : (
            ''
          )}
          <DataTable ctx={ctx} id="results-caption" caption={{ ja: '機関別符号ごとの結果', en: 'Result by code' }} columns={[{ ja: '機関別符号', en: 'Code' }, { ja: 'アカウント', en: 'Account' }]}>
            {results.slice(0, SHOWN_ROWS).map((r) => (
              <tr>
                <td>
                  <code safe>{r.code}</code>
                </td>
                <td>{r.hasAccount ? ctx.h({ ja: 'あり', en: 'Yes' }) : ctx.h({ ja: 'なし', en: 'No' })}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}

function noCodes(field: 'code' | 'codes'): AppError {
  return new AppError('identity.no_codes', 'bad_request', 'Enter at least one agency-specific code.', {
    ja: '機関別符号を入力してください。',
    fields: [{ field, rule: 'required', message: { en: 'Enter at least one agency-specific code', ja: '機関別符号を入力してください' } }],
  });
}

/** The uploaded file's text, UTF-8 or Shift_JIS (CP932) as the services import reads it. */
function fileText(file: string | Buffer | undefined): string {
  if (file === undefined || typeof file === 'string') return file ?? '';
  const decoded = decodeTextFile(file);
  if (decoded.ok) return decoded.text;
  throw new AppError('identity.bad_file', 'bad_request', NOT_A_TEXT_FILE.en, { ja: NOT_A_TEXT_FILE.ja, fields: [{ field: 'file', rule: 'encoding', message: NOT_A_TEXT_FILE }] });
}

type CheckBody = { agency?: string; code?: string; codes?: string; file?: string | Buffer };

function isNational(request: FastifyRequest): boolean {
  const p = request.principal as StaffPrincipal;
  return p.municipalityCode === null && p.roles.includes('national_admin');
}

export function registerAccountCheckPages(app: FastifyInstance, deps: { db: Db }): void {
  const { db } = deps;
  acceptMultipart(app);
  const auth = { staff: { roles: ACCOUNT_CHECK_ROLES } };

  app.get('/staff/account-check', { config: { auth: { ...auth, loginPage: '/staff/login' } }, schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, <AccountCheckPage ctx={pageContext(request, 'staff')} state={{}} national={isNational(request)} />),
  );

  async function check(request: FastifyRequest, codes: string[], agency: string | undefined) {
    const principal = request.principal as StaffPrincipal;
    if (isNational(request)) return checkNationalAgencyCodes({ db }, request, { principal, agency: agency ?? '', codes });
    return checkAgencyCodes({ db }, request, { principal, codes });
  }

  app.post<{ Body: CheckBody }>('/staff/account-check', { config: { auth }, bodyLimit: 2 * 1024 * 1024, schema: { hide: true } }, async (request, reply) => {
    const body = request.body ?? {};
    const single = typeof body.code === 'string' && body.code.trim() !== '';
    const agency = typeof body.agency === 'string' ? body.agency : undefined;
    const state: CheckState = { agency, code: single ? body.code : '', codes: typeof body.codes === 'string' ? body.codes : '' };
    try {
      if (single) {
        const [result] = await check(request, [body.code!], agency);
        state.single = result;
      } else {
        const codes = [...codesFromText(state.codes ?? ''), ...codesFromText(fileText(body.file))];
        if (codes.length === 0) throw noCodes('codes');
        state.results = await check(request, codes, agency);
      }
    } catch (error) {
      if (!isAppError(error) || error.status !== 400) throw error;
      // A single code's problem is about the single field.
      state.error = single ? new AppError(error.code, error.kind, error.message, { ja: error.ja, fields: error.fields.map((f) => (f.field === 'agency' ? f : { ...f, field: 'code' })) }) : error;
      return sendPage(reply, <AccountCheckPage ctx={pageContext(request, 'staff')} state={state} national={isNational(request)} />, 400);
    }
    return sendPage(reply, <AccountCheckPage ctx={pageContext(request, 'staff')} state={state} national={isNational(request)} />);
  });

  app.post<{ Body: CheckBody }>('/staff/account-check.csv', { config: { auth }, bodyLimit: 2 * 1024 * 1024, schema: { hide: true } }, async (request, reply) => {
    const codes = codesFromText(typeof request.body?.codes === 'string' ? request.body.codes : '');
    if (codes.length === 0) throw noCodes('codes');
    const results = await check(request, codes, typeof request.body?.agency === 'string' ? request.body.agency : undefined);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="account-check.csv"')
      .header('cache-control', 'no-store')
      .send(writeCsv([['code', 'has_account'], ...results.map((r) => [r.code, r.hasAccount ? 'yes' : 'no'])]));
  });
}
