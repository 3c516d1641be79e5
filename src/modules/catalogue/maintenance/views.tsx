// Views of service maintenance in the staff console: the list, the edit form (every field of a
// service, attachments with 必須 / 原本 flags, works without JavaScript), the preview as residents
// will see it, the history, the bulk import and the national side's pre-registration.
import type { PropsWithChildren } from '@kitajs/html';
import type { ServiceStatus } from '../../../platform/db/tables.ts';
import type { AppError } from '../../../platform/errors.ts';
import type { Text } from '../../../platform/i18n.ts';
import { DataTable } from '../../../web/data-table.tsx';
import { formatJst } from '../../../web/format.ts';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import { ErrorSummary as SharedErrorSummary } from '../../../web/error-summary.tsx';
import type { ServiceInput } from '../service-input.ts';
import { APPLY_METHODS, CATEGORIES, LIFE_EVENTS, labelOf, type Term } from '../taxonomy.ts';
import type { ImportReport } from './import-services.ts';
import type { HistoryEntry } from './read-services.ts';
import type { ServiceRow } from './save-service.ts';

export const STATUS_LABEL: Record<ServiceStatus, Text> = {
  draft: { ja: '下書き', en: 'Draft' },
  published: { ja: '公開中', en: 'Published' },
  unpublished: { ja: '公開停止', en: 'Unpublished' },
};

const STATUS_CLASS: Record<ServiceStatus, string> = { draft: 'status status-warn', published: 'status status-ok', unpublished: 'status' };

const CHANGE_LABEL: Record<string, Text> = {
  created: { ja: '作成', en: 'Created' },
  updated: { ja: '更新', en: 'Updated' },
  published: { ja: '公開', en: 'Published' },
  unpublished: { ja: '公開停止', en: 'Unpublished' },
  imported: { ja: '一括取込', en: 'Imported' },
  pre_registered: { ja: '国による事前登録', en: 'Pre-registered by the national side' },
  adopted: { ja: '採用', en: 'Adopted' },
};


/** Where the pages of one side live: a municipality's console, or the national side's. */
export interface Area {
  base: '/staff/services' | '/staff/national/services';
  national: boolean;
}

export interface Procedure {
  id: string;
  name: string;
  name_en: string;
}

// --- errors ---------------------------------------------------------------------------------------------

/** The id of the form control for a problem's JSON pointer (/attachments/0/name → attachment-0-name). */
export function fieldIdOf(pointer: string): string {
  const [, head = '', index, prop] = pointer.split('/');
  if (head === 'attachments') return index === undefined ? 'attachment-0-name' : `attachment-${index}-${prop === 'note' ? 'note' : 'name'}`;
  if (head === 'relatedLinks') return index === undefined ? 'link-0-title' : `link-${index}-${prop === 'url' ? 'url' : 'title'}`;
  if (['categories', 'lifeEvents', 'applyMethods'].includes(head)) return head;
  if (head === '' || head.includes(',')) return 'title';
  return head;
}

export function ErrorSummary(props: { ctx: PageContext; error: AppError | undefined }): JSX.Element {
  return <SharedErrorSummary ctx={props.ctx} error={props.error} fieldId={fieldIdOf} />;
}

function problemAt(ctx: PageContext, error: AppError | undefined, id: string): string | null {
  const found = error?.fields.filter((f) => fieldIdOf(f.field) === id) ?? [];
  return found.length > 0 ? found.map((f) => ctx.t(f.message)).join(' / ') : null;
}

function FieldError(props: { id: string; problem: string | null }): JSX.Element {
  return props.problem ? (
    <p id={`${props.id}-error`} class="field-error" safe>
      {props.problem}
    </p>
  ) : (
    ''
  );
}

// --- form fields ----------------------------------------------------------------------------------------

interface FieldProps {
  ctx: PageContext;
  name: string;
  label: Text;
  hint?: Text;
  value: string | null | undefined;
  error: AppError | undefined;
}

function described(name: string, hint: boolean, problem: string | null): string | undefined {
  return [hint ? `${name}-hint` : '', problem ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Hint(props: { ctx: PageContext; name: string; hint?: Text | undefined }): JSX.Element {
  return props.hint ? (
    <span class="hint" id={`${props.name}-hint`} safe>
      {props.ctx.t(props.hint)}
    </span>
  ) : (
    ''
  );
}

function Input(props: FieldProps & { type?: 'text' | 'date' | 'url'; maxlength?: number }): JSX.Element {
  const { ctx, name } = props;
  const problem = problemAt(ctx, props.error, name);
  return (
    <div class="field">
      <label for={name}>{ctx.h(props.label)}</label>
      <Hint ctx={ctx} name={name} hint={props.hint} />
      <input
        type={props.type ?? 'text'}
        id={name}
        name={name}
        value={props.value ?? ''}
        maxlength={props.maxlength}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={described(name, Boolean(props.hint), problem)}
      />
      <FieldError id={name} problem={problem} />
    </div>
  );
}

function Area(props: FieldProps & { rows?: number }): JSX.Element {
  const { ctx, name } = props;
  const problem = problemAt(ctx, props.error, name);
  return (
    <div class="field">
      <label for={name}>{ctx.h(props.label)}</label>
      <Hint ctx={ctx} name={name} hint={props.hint} />
      <textarea id={name} name={name} rows={String(props.rows ?? 4)} aria-invalid={problem ? 'true' : undefined} aria-describedby={described(name, Boolean(props.hint), problem)} safe>
        {props.value ?? ''}
      </textarea>
      <FieldError id={name} problem={problem} />
    </div>
  );
}

function Checkboxes(props: { ctx: PageContext; name: string; legend: Text; terms: ReadonlyArray<{ id: string; label: Text }>; checked: readonly string[]; error: AppError | undefined }): JSX.Element {
  const { ctx, name } = props;
  const problem = problemAt(ctx, props.error, name);
  return (
    <fieldset id={name} aria-describedby={problem ? `${name}-error` : undefined}>
      <legend>{ctx.h(props.legend)}</legend>
      {props.terms.map((term) => (
        <div class="choice">
          <input type="checkbox" id={`${name}-${term.id}`} name={name} value={term.id} checked={props.checked.includes(term.id)} />
          <label for={`${name}-${term.id}`} safe>
            {ctx.t(term.label)}
          </label>
        </div>
      ))}
      <FieldError id={name} problem={problem} />
    </fieldset>
  );
}

/** Extra empty rows for attachments and links, so a form without JavaScript can add some. */
const BLANK_ROWS = 2;

function AttachmentRows(props: { ctx: PageContext; rows: NonNullable<ServiceInput['attachments']>; error: AppError | undefined }): JSX.Element {
  const { ctx } = props;
  const rows = [...props.rows, ...Array.from({ length: BLANK_ROWS }, () => ({ name: '', required: false, originalRequired: false, note: '' }))];
  return (
    <fieldset id="attachments">
      <legend>{ctx.h({ ja: '添付書類', en: 'Attachments' })}</legend>
      <p class="hint">{ctx.h({ ja: '書類名を空にした行は保存されません。行が足りないときは保存すると空の行が増えます。', en: 'Rows with no name are not saved. Save to get more empty rows.' })}</p>
      <input type="hidden" name="attachmentRows" value={String(rows.length)} />
      {rows.map((row, i) => (
        <fieldset>
          <legend safe>{ctx.t({ ja: `添付書類 ${i + 1}`, en: `Attachment ${i + 1}` })}</legend>
          <Input ctx={ctx} name={`attachment-${i}-name`} label={{ ja: '書類名', en: 'Document' }} value={row.name} error={props.error} maxlength={200} />
          <div class="choice">
            <input type="checkbox" id={`attachment-${i}-required`} name={`attachment-${i}-required`} value="1" checked={row.required} />
            <label for={`attachment-${i}-required`}>{ctx.h({ ja: '必須', en: 'Required' })}</label>
          </div>
          <div class="choice">
            <input type="checkbox" id={`attachment-${i}-original`} name={`attachment-${i}-original`} value="1" checked={row.originalRequired} />
            <label for={`attachment-${i}-original`}>{ctx.h({ ja: '別途原本の提出が必要', en: 'The original must also be submitted' })}</label>
          </div>
          <Input ctx={ctx} name={`attachment-${i}-note`} label={{ ja: '補足', en: 'Note' }} value={row.note ?? ''} error={props.error} maxlength={500} />
        </fieldset>
      ))}
    </fieldset>
  );
}

function LinkRows(props: { ctx: PageContext; rows: NonNullable<ServiceInput['relatedLinks']>; error: AppError | undefined }): JSX.Element {
  const { ctx } = props;
  const rows = [...props.rows, ...Array.from({ length: BLANK_ROWS }, () => ({ title: '', url: '' }))];
  return (
    <fieldset id="relatedLinks">
      <legend>{ctx.h({ ja: '関連リンク', en: 'Related links' })}</legend>
      <input type="hidden" name="linkRows" value={String(rows.length)} />
      {rows.map((row, i) => (
        <fieldset>
          <legend safe>{ctx.t({ ja: `リンク ${i + 1}`, en: `Link ${i + 1}` })}</legend>
          <Input ctx={ctx} name={`link-${i}-title`} label={{ ja: 'リンクの名前', en: 'Link text' }} value={row.title} error={props.error} maxlength={200} />
          <Input ctx={ctx} name={`link-${i}-url`} type="url" label={{ ja: 'URL', en: 'URL' }} value={row.url} error={props.error} maxlength={2000} />
        </fieldset>
      ))}
    </fieldset>
  );
}

function ProcedureSelect(props: { ctx: PageContext; procedures: Procedure[]; value: string | null | undefined; error: AppError | undefined }): JSX.Element {
  const { ctx } = props;
  const problem = problemAt(ctx, props.error, 'procedureId');
  return (
    <div class="field">
      <label for="procedureId">{ctx.h({ ja: '国の手続（15手続）', en: 'National procedure (one of the 15)' })}</label>
      <span class="hint" id="procedureId-hint">
        {ctx.h({ ja: '市区町村独自の制度なら「なし」のままにします。', en: 'Leave as “none” for a scheme of your own.' })}
      </span>
      <select id="procedureId" name="procedureId" aria-describedby={problem ? 'procedureId-hint procedureId-error' : 'procedureId-hint'} aria-invalid={problem ? 'true' : undefined}>
        <option value="">{ctx.h({ ja: 'なし（独自の制度）', en: 'None (own scheme)' })}</option>
        {props.procedures.map((p) => (
          <option value={p.id} selected={props.value === p.id} safe>
            {ctx.lang === 'ja' ? p.name : p.name_en}
          </option>
        ))}
      </select>
      <FieldError id="procedureId" problem={problem} />
    </div>
  );
}

// --- the pages ------------------------------------------------------------------------------------------

function Done(props: { ctx: PageContext; done: string | undefined }): JSX.Element {
  const messages: Record<string, Text> = {
    created: { ja: 'サービスを作成しました（下書き）。', en: 'The service was created as a draft.' },
    saved: { ja: '保存しました。', en: 'Saved.' },
    published: { ja: '公開しました。住民向けの画面に表示されます。', en: 'Published: residents can now see it.' },
    unpublished: { ja: '公開を停止しました。', en: 'Unpublished: residents no longer see it.' },
    adopted: { ja: '採用しました。内容を確認して公開してください。', en: 'Adopted. Check it and publish it.' },
    imported: { ja: '取り込みました。', en: 'Imported.' },
  };
  const message = props.done ? messages[props.done] : undefined;
  return message ? (
    <p class="notice" role="status">
      {props.ctx.h(message)}
    </p>
  ) : (
    ''
  );
}

export function ServiceListPage(
  props: PropsWithChildren<{
  ctx: PageContext;
  area: Area;
  rows: ServiceRow[];
  total: number;
  status: ServiceStatus | undefined;
  offset: number;
  limit: number;
  done?: string | undefined;
  }>,
): JSX.Element {
  const { ctx, area } = props;
  const filters: Array<{ value: ServiceStatus | undefined; label: Text }> = [{ value: undefined, label: { ja: 'すべて', en: 'All' } }, ...(['draft', 'published', 'unpublished'] as const).map((s) => ({ value: s, label: STATUS_LABEL[s] }))];
  const query = (offset: number) => `${area.base}?${props.status ? `status=${props.status}&` : ''}offset=${offset}`;
  return (
    <Layout ctx={ctx} title={area.national ? { ja: '国のサービス', en: 'National services' } : { ja: 'サービスの管理', en: 'Services' }}>
      <Done ctx={ctx} done={props.done} />
      <p class="lead">
        {area.national
          ? ctx.h({ ja: 'すべての市区町村で表示される国のサービスを登録し、市区町村のためにサービスを事前登録します。', en: 'Register national services shown in every municipality, and pre-register services for a municipality.' })
          : ctx.h({ ja: '住民向けに表示するサービスを登録・編集し、公開します。', en: 'Register, edit and publish the services residents see.' })}
      </p>
      <div class="button-row">
        <a class="button-link" href={`${area.base}/new`}>
          {ctx.h({ ja: 'サービスを作成する', en: 'Create a service' })}
        </a>
        {area.national ? (
          ''
        ) : (
          <>
            <a class="button-link" href="/staff/services/import">
              {ctx.h({ ja: 'ファイルから一括取込', en: 'Import from a file' })}
            </a>
            <a href="/staff/services/export.csv">{ctx.h({ ja: 'CSV で書き出す', en: 'Export as CSV' })}</a>
            <a href="/staff/services/export.json">{ctx.h({ ja: 'JSON で書き出す', en: 'Export as JSON' })}</a>
          </>
        )}
      </div>
      <nav aria-label={ctx.t({ ja: '状態で絞り込む', en: 'Filter by status' })}>
        <ul class="pagination">
          {filters.map((f) => (
            <li>
              <a href={f.value ? `${area.base}?status=${f.value}` : area.base} aria-current={props.status === f.value ? 'page' : undefined} safe>
                {ctx.t(f.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="result-count" role="status" safe>
        {ctx.t({ ja: `${props.total}件`, en: `${props.total} services` })}
      </p>
      {props.rows.length > 0 ? (
        <DataTable ctx={ctx} id="services-caption" caption={{ ja: 'サービスの一覧（更新の新しい順）', en: 'Services, most recently changed first' }}
          columns={[{ ja: 'サービス名', en: 'Service' }, { ja: '状態', en: 'Status' }, { ja: '版', en: 'Version', numeric: true }, { ja: '更新日時', en: 'Updated' }]}>
          {props.rows.map((s) => (
            <tr>
              <td>
                <a href={`${area.base}/${s.id}`} safe>
                  {s.title}
                </a>
                {s.pre_registered_at && !s.adopted_at ? (
                  <>
                    {' '}
                    <span class="status status-warn">{ctx.h({ ja: '国が事前登録・未採用', en: 'Pre-registered, not adopted' })}</span>
                  </>
                ) : (
                  ''
                )}
              </td>
              <td>
                <span class={STATUS_CLASS[s.status]} safe>
                  {ctx.t(STATUS_LABEL[s.status])}
                </span>
              </td>
              <td class="num" safe>
                {String(s.version)}
              </td>
              <td safe>{formatJst(s.updated_at)}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>{ctx.h({ ja: 'サービスはまだありません。', en: 'There are no services yet.' })}</p>
      )}
      {props.total > props.limit ? (
        <nav aria-label={ctx.t({ ja: 'ページ', en: 'Pages' })}>
          <ul class="pagination">
            {props.offset > 0 ? (
              <li>
                <a href={query(Math.max(0, props.offset - props.limit))}>{ctx.h({ ja: '前へ', en: 'Previous' })}</a>
              </li>
            ) : (
              ''
            )}
            {props.offset + props.limit < props.total ? (
              <li>
                <a href={query(props.offset + props.limit)}>{ctx.h({ ja: '次へ', en: 'Next' })}</a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </nav>
      ) : (
        ''
      )}
      {props.children}
    </Layout>
  );
}

export interface FormPageProps {
  ctx: PageContext;
  area: Area;
  procedures: Procedure[];
  values: ServiceInput;
  /** The service being edited; none for a new one. */
  service?: ServiceRow | undefined;
  /** The version the editor saw (optimistic concurrency). */
  version?: number | undefined;
  /** National side, new service: for whom (empty: a national service). */
  ownerCode?: string | undefined;
  error?: AppError | undefined;
  done?: string | undefined;
}

export function ServiceFormPage(props: FormPageProps): JSX.Element {
  const { ctx, area, values: v, service, error } = props;
  const action = service ? `${area.base}/${service.id}` : area.base;
  const title: Text = service ? { ja: 'サービスの編集', en: 'Edit service' } : { ja: 'サービスの作成', en: 'Create a service' };
  return (
    <Layout ctx={ctx} title={title}>
      <Done ctx={ctx} done={props.done} />
      {service ? <ServiceStatusPanel ctx={ctx} area={area} service={service} /> : ''}
      <ErrorSummary ctx={ctx} error={error} />
      {error?.code === 'catalogue.version_conflict' && service ? (
        <p>
          <a href={`${area.base}/${service.id}`}>{ctx.h({ ja: '最新の内容を開く（入力した内容は失われます）', en: 'Open the latest version (what you entered here is lost)' })}</a>
        </p>
      ) : (
        ''
      )}
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        {props.version !== undefined ? <input type="hidden" name="version" value={String(props.version)} /> : ''}
        {area.national && !service ? (
          <Input
            ctx={ctx}
            name="ownerCode"
            label={{ ja: '事前登録する市区町村（全国地方公共団体コード）', en: 'Pre-register for a municipality (local government code)' }}
            hint={{ ja: '空欄なら、すべての市区町村で表示される国のサービスとして登録します。例：131130', en: 'Leave empty for a national service shown in every municipality. E.g. 131130' }}
            value={props.ownerCode}
            error={error}
            maxlength={6}
          />
        ) : (
          ''
        )}
        <h2>{ctx.h({ ja: '概要', en: 'Overview' })}</h2>
        <Input ctx={ctx} name="title" label={{ ja: 'サービス名（制度名）', en: 'Name of the service' }} value={v.title} error={error} maxlength={200} />
        <Area ctx={ctx} name="summary" label={{ ja: '概要', en: 'Summary' }} value={v.summary} error={error} rows={3} />
        <Area ctx={ctx} name="support" label={{ ja: '支援内容', en: 'What it provides' }} value={v.support} error={error} rows={6} />
        <ProcedureSelect ctx={ctx} procedures={props.procedures} value={v.procedureId} error={error} />
        <Checkboxes ctx={ctx} name="categories" legend={{ ja: '分類', en: 'Categories' }} terms={CATEGORIES} checked={v.categories ?? []} error={error} />
        <Checkboxes ctx={ctx} name="lifeEvents" legend={{ ja: 'ライフイベント', en: 'Life events' }} terms={LIFE_EVENTS} checked={v.lifeEvents ?? []} error={error} />
        <Input ctx={ctx} name="tags" label={{ ja: 'キーワード', en: 'Keywords' }} hint={{ ja: '読点（、）またはコンマで区切ります', en: 'Separated by commas' }} value={(v.tags ?? []).join('、')} error={error} />

        <h2>{ctx.h({ ja: '対象と申請', en: 'Who and how' })}</h2>
        <Area ctx={ctx} name="eligibility" label={{ ja: '対象者', en: 'Who is eligible' }} value={v.eligibility} error={error} rows={3} />
        <Area ctx={ctx} name="applicant" label={{ ja: '申請する人', en: 'Who applies' }} value={v.applicant} error={error} rows={2} />
        <Checkboxes ctx={ctx} name="applyMethods" legend={{ ja: '申請の方法', en: 'How to apply' }} terms={APPLY_METHODS} checked={v.applyMethods ?? []} error={error} />
        <Area ctx={ctx} name="howToApply" label={{ ja: '利用・申請方法の説明', en: 'How to apply, explained' }} value={v.howToApply} error={error} rows={4} />
        <Input ctx={ctx} name="acceptanceStart" type="date" label={{ ja: '受付開始日', en: 'Applications open' }} hint={{ ja: '例：2026-04-01', en: 'E.g. 2026-04-01' }} value={v.acceptanceStart} error={error} />
        <Input ctx={ctx} name="acceptanceEnd" type="date" label={{ ja: '受付終了日', en: 'Applications close' }} hint={{ ja: '例：2027-03-31', en: 'E.g. 2027-03-31' }} value={v.acceptanceEnd} error={error} />
        <Input ctx={ctx} name="deadlineNote" label={{ ja: '期限の説明', en: 'Deadline, in words' }} hint={{ ja: '例：出生日の翌日から15日以内', en: 'E.g. within 15 days of the birth' }} value={v.deadlineNote} error={error} maxlength={1000} />

        <h2>{ctx.h({ ja: '書類', en: 'Documents' })}</h2>
        <AttachmentRows ctx={ctx} rows={v.attachments ?? []} error={error} />
        <Area ctx={ctx} name="thingsToBring" label={{ ja: '持ち物', en: 'Things to bring' }} hint={{ ja: '1行に1つ', en: 'One a line' }} value={(v.thingsToBring ?? []).join('\n')} error={error} rows={3} />

        <h2>{ctx.h({ ja: '根拠と問い合わせ先', en: 'Basis and contact' })}</h2>
        <Input ctx={ctx} name="legalBasis" label={{ ja: '根拠法令', en: 'Legal basis' }} value={v.legalBasis} error={error} maxlength={500} />
        <Input ctx={ctx} name="department" label={{ ja: '担当部署', en: 'Responsible department' }} value={v.department} error={error} maxlength={200} />
        <Area ctx={ctx} name="contact" label={{ ja: 'お問い合わせ先', en: 'Contact' }} value={v.contact} error={error} rows={2} />
        <Input ctx={ctx} name="detailUrl" type="url" label={{ ja: '詳しい案内のページ（URL）', en: 'Page with details (URL)' }} value={v.detailUrl} error={error} maxlength={2000} />
        <LinkRows ctx={ctx} rows={v.relatedLinks ?? []} error={error} />

        <button type="submit">{service ? ctx.h({ ja: '保存する', en: 'Save' }) : ctx.h({ ja: '下書きとして作成する', en: 'Create as a draft' })}</button>
      </form>
      <p class="back-link">
        <a href={area.base}>{ctx.h({ ja: 'サービスの一覧へ戻る', en: 'Back to the services' })}</a>
      </p>
    </Layout>
  );
}

/** State of a service with its actions: preview, history, publish or unpublish, adopt. */
function ServiceStatusPanel(props: { ctx: PageContext; area: Area; service: ServiceRow }): JSX.Element {
  const { ctx, area, service: s } = props;
  const awaitingAdoption = Boolean(s.pre_registered_at && !s.adopted_at);
  return (
    <section aria-labelledby="state-title">
      <h2 id="state-title">{ctx.h({ ja: '公開の状態', en: 'Publication' })}</h2>
      {awaitingAdoption ? (
        <div class="notice notice-warn">
          <p>
            {area.national
              ? ctx.h({ ja: 'このサービスは市区町村のために事前登録したもので、まだ採用されていません。', en: 'You pre-registered this service for the municipality; it has not adopted it yet.' })
              : ctx.h({
                  ja: 'このサービスは国が事前登録しました。内容を確認し、採用してから公開してください。',
                  en: 'The national side pre-registered this service for you. Review it, adopt it, then publish it.',
                })}
          </p>
          {area.national ? (
            ''
          ) : (
            <form method="post" action={`${area.base}/${s.id}/adopt`}>
              <CsrfField ctx={ctx} />
              <button type="submit">{ctx.h({ ja: '採用する', en: 'Adopt' })}</button>
            </form>
          )}
        </div>
      ) : (
        ''
      )}
      <dl class="facts">
        <dt>{ctx.h({ ja: '状態', en: 'Status' })}</dt>
        <dd>
          <span class={STATUS_CLASS[s.status]} safe>
            {ctx.t(STATUS_LABEL[s.status])}
          </span>
        </dd>
        <dt>{ctx.h({ ja: '版', en: 'Version' })}</dt>
        <dd safe>{String(s.version)}</dd>
        <dt>{ctx.h({ ja: '更新日時', en: 'Updated' })}</dt>
        <dd safe>{formatJst(s.updated_at)}</dd>
        {s.external_id ? (
          <>
            <dt>{ctx.h({ ja: 'サービスID', en: 'Service ID' })}</dt>
            <dd>
              <code class="wrap" safe>
                {s.external_id}
              </code>
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      <div class="button-row">
        <a href={`${area.base}/${s.id}/preview`}>{ctx.h({ ja: 'プレビュー', en: 'Preview' })}</a>
        <a href={`${area.base}/${s.id}/history`}>{ctx.h({ ja: '変更履歴', en: 'History' })}</a>
        {awaitingAdoption && !area.national ? (
          ''
        ) : (
          <form method="post" action={`${area.base}/${s.id}/${s.status === 'published' ? 'unpublish' : 'publish'}`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(s.version)} />
            <button type="submit" class={s.status === 'published' ? 'button-secondary' : undefined}>
              {s.status === 'published' ? ctx.h({ ja: '公開を停止する', en: 'Unpublish' }) : ctx.h({ ja: '公開する', en: 'Publish' })}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}

function termList(ctx: PageContext, terms: readonly Term[], ids: readonly string[]): string {
  return ids.map((id) => ctx.t(labelOf(terms, id))).join('、');
}

/** The service as residents will see it. */
export function ServicePreviewPage(props: { ctx: PageContext; area: Area; service: ServiceRow; procedure: Procedure | undefined }): JSX.Element {
  const { ctx, area, service: s } = props;
  const attachments = s.attachments as NonNullable<ServiceInput['attachments']>;
  const links = s.related_links as NonNullable<ServiceInput['relatedLinks']>;
  const methods = APPLY_METHODS.filter((m) => s.apply_methods.includes(m.id));
  const facts: Array<[Text, string]> = [
    [{ ja: '対象者', en: 'Who is eligible' }, s.eligibility],
    [{ ja: '申請する人', en: 'Who applies' }, s.applicant],
    [{ ja: '受付期間', en: 'Applications accepted' }, [s.acceptance_start, s.acceptance_end].some(Boolean) ? `${s.acceptance_start ?? ''} 〜 ${s.acceptance_end ?? ''}` : ''],
    [{ ja: '期限', en: 'Deadline' }, s.deadline_note],
    [{ ja: '根拠法令', en: 'Legal basis' }, s.legal_basis || props.procedure?.name || ''],
    [{ ja: '担当部署', en: 'Department' }, s.department],
    [{ ja: 'お問い合わせ先', en: 'Contact' }, s.contact],
    [{ ja: '分類', en: 'Categories' }, termList(ctx, CATEGORIES, s.categories)],
  ];
  return (
    <Layout ctx={ctx} title={{ ja: `プレビュー：${s.title}`, en: `Preview: ${s.title}` }}>
      <p class="notice" role="note">
        {ctx.h({ ja: '住民向けの画面での見え方です。', en: 'This is how residents will see the service.' })}{' '}
        <span class={STATUS_CLASS[s.status]} safe>
          {ctx.t(STATUS_LABEL[s.status])}
        </span>
      </p>
      <article class="service-preview" aria-labelledby="preview-title">
        <h2 id="preview-title" safe>
          {s.title}
        </h2>
        {s.summary ? <p class="lead service-text" safe>{s.summary}</p> : ''}
        {s.support ? <p class="service-text" safe>{s.support}</p> : ''}
        <dl class="facts">
          {facts
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <>
                <dt>{ctx.h(label)}</dt>
                <dd class="service-text" safe>
                  {value}
                </dd>
              </>
            ))}
        </dl>
        <h3>{ctx.h({ ja: '申請の方法', en: 'How to apply' })}</h3>
        {methods.length > 0 ? (
          <ul>
            {methods.map((m) => (
              <li safe>{ctx.t(m.label)}</li>
            ))}
          </ul>
        ) : (
          ''
        )}
        {s.how_to_apply ? <p class="service-text" safe>{s.how_to_apply}</p> : ''}
        {attachments.length > 0 ? (
          <>
            <h3>{ctx.h({ ja: '添付書類', en: 'Attachments' })}</h3>
            <ul>
              {attachments.map((a) => (
                <li>
                  <span safe>{a.name}</span>
                  {a.required ? (
                    <>
                      {' '}
                      <span class="status status-error">{ctx.h({ ja: '必須', en: 'Required' })}</span>
                    </>
                  ) : (
                    ''
                  )}
                  {a.originalRequired ? (
                    <>
                      {' '}
                      <span class="status status-warn">{ctx.h({ ja: '別途原本の提出が必要', en: 'Original to be submitted separately' })}</span>
                    </>
                  ) : (
                    ''
                  )}
                  {a.note ? <span class="hint" safe>{a.note}</span> : ''}
                </li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
        {s.things_to_bring.length > 0 ? (
          <>
            <h3>{ctx.h({ ja: '持ち物', en: 'Things to bring' })}</h3>
            <ul>
              {s.things_to_bring.map((t) => (
                <li safe>{t}</li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
        {s.detail_url || links.length > 0 ? (
          <>
            <h3>{ctx.h({ ja: '関連リンク', en: 'Related links' })}</h3>
            <ul>
              {s.detail_url ? (
                <li>
                  <a href={s.detail_url}>{ctx.h({ ja: '詳しい案内', en: 'Details' })}</a>
                </li>
              ) : (
                ''
              )}
              {links.map((l) => (
                <li>
                  <a href={l.url} safe>
                    {l.title}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
      </article>
      <p class="back-link">
        <a href={`${area.base}/${s.id}`}>{ctx.h({ ja: '編集に戻る', en: 'Back to editing' })}</a>
      </p>
    </Layout>
  );
}

const COLUMN_LABEL: Record<string, Text> = {
  title: { ja: 'サービス名', en: 'name' },
  summary: { ja: '概要', en: 'summary' },
  support: { ja: '支援内容', en: 'support' },
  eligibility: { ja: '対象者', en: 'eligibility' },
  applicant: { ja: '申請する人', en: 'who applies' },
  how_to_apply: { ja: '申請方法', en: 'how to apply' },
  acceptance_start: { ja: '受付開始日', en: 'opening date' },
  acceptance_end: { ja: '受付終了日', en: 'closing date' },
  deadline_note: { ja: '期限', en: 'deadline' },
  detail_url: { ja: '詳細URL', en: 'detail URL' },
  contact: { ja: 'お問い合わせ先', en: 'contact' },
  department: { ja: '担当部署', en: 'department' },
  legal_basis: { ja: '根拠法令', en: 'legal basis' },
  procedure_id: { ja: '国の手続', en: 'national procedure' },
  categories: { ja: '分類', en: 'categories' },
  life_events: { ja: 'ライフイベント', en: 'life events' },
  apply_methods: { ja: '申請の方法', en: 'ways to apply' },
  tags: { ja: 'キーワード', en: 'keywords' },
  attachments: { ja: '添付書類', en: 'attachments' },
  things_to_bring: { ja: '持ち物', en: 'things to bring' },
  related_links: { ja: '関連リンク', en: 'related links' },
  status: { ja: '状態', en: 'status' },
  open_data: { ja: 'オープンデータ項目', en: 'open-data fields' },
  adopted_at: { ja: '採用', en: 'adoption' },
  external_id: { ja: 'サービスID', en: 'service ID' },
};

export function ServiceHistoryPage(props: { ctx: PageContext; area: Area; service: ServiceRow; history: HistoryEntry[] }): JSX.Element {
  const { ctx, area, service } = props;
  return (
    <Layout ctx={ctx} title={{ ja: `変更履歴：${service.title}`, en: `History: ${service.title}` }}>
      <DataTable ctx={ctx} id="history-caption" caption={{ ja: '版ごとの変更（新しい順）', en: 'Changes by version, newest first' }}
        columns={[{ ja: '版', en: 'Version', numeric: true }, { ja: '変更', en: 'Change' }, { ja: '変更した人', en: 'By' }, { ja: '日時', en: 'When' }, { ja: '変わった項目', en: 'What changed' }]}>
        {props.history.map((h) => (
          <tr>
            <td class="num" safe>
              {String(h.version)}
            </td>
            <td safe>{ctx.t(CHANGE_LABEL[h.change] ?? { ja: h.change, en: h.change })}</td>
            <td>
              <code safe>{h.changedBy ?? ''}</code>
            </td>
            <td safe>{formatJst(h.changedAt)}</td>
            <td safe>{h.changed.map((c) => ctx.t(COLUMN_LABEL[c] ?? { ja: c, en: c })).join('、')}</td>
          </tr>
        ))}
      </DataTable>
      <p class="back-link">
        <a href={`${area.base}/${service.id}`}>{ctx.h({ ja: '編集に戻る', en: 'Back to editing' })}</a>
      </p>
    </Layout>
  );
}

// --- import ---------------------------------------------------------------------------------------------

function ReportSummary(props: { ctx: PageContext; report: ImportReport }): JSX.Element {
  const { ctx, report: r } = props;
  return (
    <dl class="facts">
      <dt>{ctx.h({ ja: 'レコード数', en: 'Records' })}</dt>
      <dd safe>{String(r.total)}</dd>
      <dt>{r.dryRun ? ctx.h({ ja: '作成される', en: 'Would be created' }) : ctx.h({ ja: '作成した', en: 'Created' })}</dt>
      <dd safe>{String(r.created)}</dd>
      <dt>{r.dryRun ? ctx.h({ ja: '更新される', en: 'Would be updated' }) : ctx.h({ ja: '更新した', en: 'Updated' })}</dt>
      <dd safe>{String(r.updated)}</dd>
      <dt>{ctx.h({ ja: '変更なし', en: 'Unchanged' })}</dt>
      <dd safe>{String(r.unchanged)}</dd>
      <dt>{ctx.h({ ja: '取り込めない', en: 'Rejected' })}</dt>
      <dd safe>{String(r.rejected.length)}</dd>
    </dl>
  );
}

export function ImportPage(props: { ctx: PageContext; report?: ImportReport; content?: Buffer; error?: AppError }): JSX.Element {
  const { ctx, report } = props;
  return (
    <Layout ctx={ctx} title={{ ja: 'サービスの一括取込', en: 'Import services' }}>
      <ErrorSummary ctx={ctx} error={props.error} />
      {report && !report.dryRun ? (
        <p class="notice" role="status">
          {ctx.h({ ja: '取り込みました。', en: 'The file was imported.' })}
        </p>
      ) : (
        ''
      )}
      {report ? (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{report.dryRun ? ctx.h({ ja: '取り込む前の確認', en: 'What the import would do' }) : ctx.h({ ja: '取込の結果', en: 'What the import did' })}</h2>
          <ReportSummary ctx={ctx} report={report} />
          {report.rejected.length > 0 ? (
            <DataTable ctx={ctx} id="rejected-caption" caption={{ ja: '取り込めないレコード', en: 'Rejected records' }}
              columns={[{ ja: '行', en: 'Row', numeric: true }, { ja: 'サービスID', en: 'Service ID' }, { ja: '理由', en: 'Reasons' }]}>
              {report.rejected.map((r) => (
                <tr>
                  <td class="num" safe>
                    {String(r.row)}
                  </td>
                  <td>
                    <code class="wrap" safe>
                      {r.externalId ?? ''}
                    </code>
                  </td>
                  <td>
                    <ul>
                      {r.reasons.map((reason) => (
                        <li safe>{ctx.t(reason.message)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : (
            ''
          )}
          {report.dryRun && props.content !== undefined && report.created + report.updated > 0 ? (
            <form method="post" action="/staff/services/import" enctype="multipart/form-data">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="content" value={props.content.toString('base64')} />
              <input type="hidden" name="confirm" value="1" />
              <p>
                {ctx.h({
                  ja: '取り込めないレコードは飛ばし、ほかのレコードを1件ずつ保存します。新しく作るサービスは下書きになります。',
                  en: 'Rejected records are skipped; every other record is saved on its own. New services are created as drafts.',
                })}
              </p>
              <button type="submit">{ctx.h({ ja: 'この内容で取り込む', en: 'Import now' })}</button>
            </form>
          ) : (
            ''
          )}
        </section>
      ) : (
        ''
      )}
      <h2>{ctx.h({ ja: 'ファイルを選ぶ', en: 'Choose a file' })}</h2>
      <p>
        {ctx.h({
          ja: 'オープンデータの制度レコードの形式（サービスID、タイトル（制度名）、概要 …）の CSV（UTF-8 または Shift_JIS）または JSON を取り込みます。同じサービスIDのサービスは更新され、内容が同じものは変更されません。まず確認画面で結果を確かめてから取り込みます。',
          en: 'Import CSV (UTF-8 or Shift_JIS) or JSON in the open-data 制度 record layout (サービスID, タイトル（制度名）, 概要 …). A service with the same サービスID is updated; one with the same content is left alone. You see what would happen before anything is saved.',
        })}
      </p>
      <form method="post" action="/staff/services/import" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="file">{ctx.h({ ja: 'ファイル（CSV または JSON）', en: 'File (CSV or JSON)' })}</label>
          <input type="file" id="file" name="file" accept=".csv,.json,text/csv,application/json" aria-invalid={props.error ? 'true' : undefined} />
        </div>
        <button type="submit">{ctx.h({ ja: '確認する', en: 'Check the file' })}</button>
      </form>
      <p class="back-link">
        <a href="/staff/services">{ctx.h({ ja: 'サービスの一覧へ戻る', en: 'Back to the services' })}</a>
      </p>
    </Layout>
  );
}

// --- national -------------------------------------------------------------------------------------------

export interface PreRegistration {
  id: string;
  title: string;
  municipality_code: string | null;
  status: ServiceStatus;
  pre_registered_at: Date | null;
  adopted_at: Date | null;
}

export function PreRegistrationsSection(props: { ctx: PageContext; rows: PreRegistration[] }): JSX.Element {
  const { ctx } = props;
  return (
    <section aria-labelledby="pre-title">
      <h2 id="pre-title">{ctx.h({ ja: '市区町村への事前登録', en: 'Pre-registered for municipalities' })}</h2>
      {props.rows.length === 0 ? (
        <p>{ctx.h({ ja: '事前登録したサービスはありません。', en: 'Nothing has been pre-registered.' })}</p>
      ) : (
        <DataTable ctx={ctx} id="pre-caption" caption={{ ja: '事前登録したサービスと採用の状況', en: 'Pre-registered services and whether they were adopted' }}
          columns={[{ ja: 'サービス名', en: 'Service' }, { ja: '市区町村コード', en: 'Municipality' }, { ja: '事前登録', en: 'Pre-registered' }, { ja: '採用', en: 'Adopted' }]}>
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={`/staff/national/services/${r.id}`} safe>
                  {r.title}
                </a>
              </td>
              <td safe>{r.municipality_code ?? ''}</td>
              <td safe>{formatJst(r.pre_registered_at)}</td>
              <td safe>{r.adopted_at ? formatJst(r.adopted_at) : ctx.t({ ja: '未採用', en: 'Not yet' })}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
