// The form builder in the staff console (§3.3, §3.4): a municipality's service editors list their
// forms, adopt a national template, add their own fields in marked local sections (上乗せ), build
// forms of their own, preview them as a resident sees them, publish versions and choose which form
// each service uses. Plain HTML forms, one edit per submit; no JavaScript. Thin handlers: read the
// form, call one use case, redirect or re-render with the error.
import type { PropsWithChildren } from '@kitajs/html';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { Text } from '../../platform/i18n.ts';
import { ErrorSummary } from '../../web/error-summary.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { CsrfField, Layout } from '../../web/layout.tsx';
import { formatJst } from '../../web/format.ts';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import type { StaffPrincipal } from '../identity/index.ts';
import { applyBuilderOp, inputOfField, type BuilderOp, type FieldInput } from './builder-ops.ts';
import { cleanData } from './conditions.ts';
import { isGroup, joinPath, sectionPath, WIDGETS, type FieldDef, type FormLayout, type GroupDef, type SectionDef, type Widget } from './definition.ts';
import { parseFormPost } from './form-post.ts';
import { draftVersionOf } from './form-version.ts';
import { findFormFor, listFormsFor, type FormDetail } from './read-forms.ts';
import { adoptTemplate, createOwnForm, linkServiceForm, publishForm, saveFormDraft, takeNewestTemplate, type FormWriter } from './save-form.ts';
import type { FormChange } from './tables.ts';
import { validateCleanData } from './validate.ts';
import { FormStep, SectionTitle } from './views.tsx';

const EDITOR_ROLES: StaffRole[] = ['service_editor', 'municipality_admin'];
const BASE = '/staff/forms';

type Body = Record<string, unknown>;

function field(body: unknown, name: string, max = 2000): string {
  const value = (body as Body | undefined)?.[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, max) : '';
}

function writerOf(request: FastifyRequest): FormWriter & { kind: 'municipality' } {
  const p = request.principal as StaffPrincipal;
  if (!p.municipalityCode) throw new AppError('identity.role_required', 'forbidden', 'Your account belongs to no municipality.', { ja: 'このアカウントは市区町村に属していません。' });
  return { kind: 'municipality', municipalityCode: p.municipalityCode, label: p.loginId };
}

const WIDGET_LABEL: Record<Widget, Text> = {
  text: { ja: '1行の文字', en: 'Text' },
  textarea: { ja: '複数行の文字', en: 'Long text' },
  date: { ja: '日付', en: 'Date' },
  select: { ja: 'プルダウンで選択', en: 'Drop-down' },
  radio: { ja: 'ひとつ選択（ラジオボタン）', en: 'One choice (radios)' },
  checkbox: { ja: '複数選択（チェックボックス）', en: 'Several choices (checkboxes)' },
  number: { ja: '数値', en: 'Number' },
  tel: { ja: '電話番号', en: 'Phone number' },
  email: { ja: 'メールアドレス', en: 'Email address' },
  'postal-code': { ja: '郵便番号', en: 'Postal code' },
  'yes-no': { ja: 'はい／いいえ', en: 'Yes / no' },
};

const KIND_LABEL: Record<string, Text> = {
  national_template: { ja: '国の様式', en: 'National template' },
  adopted: { ja: '国の様式を採用（独自項目あり）', en: 'Adopted national template' },
  own: { ja: '独自の様式', en: 'Own form' },
};

const DONE: Record<string, Text> = {
  created: { ja: 'フォームを作成しました。', en: 'The form was created.' },
  adopted: { ja: '国の様式を採用しました。独自の項目は「独自項目のセクション」に追加できます。', en: 'Adopted. Add your own fields in a local section.' },
  saved: { ja: '保存しました（未公開）。公開すると住民の申請画面に反映されます。', en: 'Saved as a draft. Publish to show it to residents.' },
  published: { ja: '新しい版を公開しました。', en: 'A new version was published.' },
  linked: { ja: 'サービスで使うフォームを設定しました。', en: 'The service now uses this form.' },
  'template-taken': {
    ja: '国の様式の新しい版を下書きに反映しました。独自の項目はそのまま残っています。確認してから公開してください。',
    en: 'The national template’s new version is in the draft, with your local sections kept. Check it, then publish.',
  },
  'template-current': { ja: 'このフォームは国の様式の最新の版を使っています。', en: 'This form already uses the newest national template.' },
};

function Done(props: { ctx: PageContext; done: string | undefined }): JSX.Element {
  const message = props.done ? DONE[props.done] : undefined;
  return message ? (
    <p class="notice" role="status" safe>
      {props.ctx.t(message)}
    </p>
  ) : (
    ''
  );
}

type FormLists = Awaited<ReturnType<typeof listFormsFor>>;

function ListPage(props: { ctx: PageContext; own: FormLists['own']; templates: FormLists['templates']; error?: AppError | undefined; posted?: unknown }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: '申請フォーム', en: 'Application forms' }}>
      <ErrorSummary ctx={ctx} error={props.error} />
      <h2 id="own-forms">{ctx.h({ ja: 'この団体のフォーム', en: 'Your forms' })}</h2>
      {props.own.length === 0 ? (
        <p>{ctx.h({ ja: 'まだフォームがありません。国の様式を採用するか、独自のフォームを作成してください。', en: 'No forms yet. Adopt a national template or create your own.' })}</p>
      ) : (
        <DataTable ctx={ctx} id="own-forms-caption" caption={{ ja: 'この団体のフォーム', en: 'Your forms' }}
          columns={[{ ja: 'フォーム', en: 'Form' }, { ja: '種類', en: 'Kind' }, { ja: '公開中の版', en: 'Published version' }, { ja: '使っているサービス', en: 'Services' }]}>
          {props.own.map((f) => (
            <tr>
              <td>
                <a href={`${BASE}/${f.id}`} safe>
                  {ctx.lang === 'ja' ? f.title : f.title_en}
                </a>
              </td>
              <td safe>{ctx.t(KIND_LABEL[f.kind]!)}</td>
              <td safe>{f.latest_version === null ? ctx.t({ ja: '未公開', en: 'Not published' }) : `${f.latest_version}`}</td>
              <td safe>{String(f.services)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 id="templates">{ctx.h({ ja: '国の様式（15手続）を採用する', en: 'Adopt a national template' })}</h2>
      <p>{ctx.h({ ja: '国の様式の項目はそのまま使われます。独自の項目（上乗せ・独自利用事務）は採用後に追加できます。', en: 'The national part stays as it is; you can add your own fields after adopting.' })}</p>
      <ul class="term-list">
        {props.templates.map((t) => (
          <li>
            <form method="post" action={`${BASE}/adopt`} class="button-row">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="templateFormId" value={t.id} />
              <span safe>{ctx.lang === 'ja' ? t.title : t.title_en}</span>
              <button type="submit" class="button-secondary">
                <span safe>{ctx.t({ ja: '採用する', en: 'Adopt' })}</span>
                <span class="visually-hidden" safe>
                  {`（${ctx.lang === 'ja' ? t.title : t.title_en}）`}
                </span>
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h2>{ctx.h({ ja: '独自のフォームを作る', en: 'Create a form of your own' })}</h2>
      <form method="post" action={BASE}>
        <CsrfField ctx={ctx} />
        <TextInput ctx={ctx} name="title" label={{ ja: 'フォームの名前（日本語）', en: 'Title (Japanese)' }} value={field(props.posted, 'title', 200)} error={props.error} />
        <TextInput ctx={ctx} name="titleEn" label={{ ja: 'フォームの名前（英語）', en: 'Title (English)' }} value={field(props.posted, 'titleEn', 200)} error={props.error} />
        <button type="submit">{ctx.h({ ja: '作成する', en: 'Create' })}</button>
      </form>
    </Layout>
  );
}

function problemAt(ctx: PageContext, error: AppError | undefined, name: string): string | null {
  const found = error?.fields.filter((f) => f.field === name) ?? [];
  return found.length > 0 ? found.map((f) => ctx.t(f.message)).join(' / ') : null;
}

function TextInput(props: { ctx: PageContext; name: string; id?: string; label: Text; value: string; error?: AppError | undefined; hint?: Text; textarea?: boolean }): JSX.Element {
  const { ctx } = props;
  const id = props.id ?? props.name;
  const problem = problemAt(ctx, props.error, props.name);
  const describe = [props.hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id} safe>
        {ctx.t(props.label)}
      </label>
      {props.hint ? (
        <span class="hint" id={`${id}-hint`} safe>
          {ctx.t(props.hint)}
        </span>
      ) : (
        ''
      )}
      {problem ? (
        <p class="field-error" id={`${id}-error`} safe>
          {problem}
        </p>
      ) : (
        ''
      )}
      {props.textarea ? (
        <textarea id={id} name={props.name} rows="4" aria-describedby={describe} aria-invalid={problem ? 'true' : undefined} safe>
          {props.value}
        </textarea>
      ) : (
        <input type="text" id={id} name={props.name} value={props.value} aria-describedby={describe} aria-invalid={problem ? 'true' : undefined} />
      )}
    </div>
  );
}

/** The answers of a choice field a condition can name: `path|value` with a readable label. */
function choicesOf(ctx: PageContext, item: FieldDef, path: string): { value: string; label: string }[] {
  const values = item.widget === 'yes-no' ? [{ value: 'true', label: { ja: 'はい', en: 'Yes' } }, { value: 'false', label: { ja: 'いいえ', en: 'No' } }] : item.widget === 'radio' || item.widget === 'select' ? (item.options ?? []) : [];
  return values.map((v) => ({ value: `${path}|${v.value}`, label: `${ctx.t(item.label)} ＝ ${ctx.t(v.label)}` }));
}

/**
 * What a field's condition can name: the form's choice fields, or for a row field its row's (by id);
 * never the field itself (it would never be shown).
 */
function conditionChoices(layout: FormLayout, ctx: PageContext, group: GroupDef | undefined, self: FieldDef | undefined): { value: string; label: string }[] {
  if (group) return group.fields.flatMap((f) => (f === self ? [] : choicesOf(ctx, f, f.id)));
  return layout.steps.flatMap((step) =>
    step.sections.flatMap((section) => section.items.flatMap((item) => (isGroup(item) || item === self ? [] : choicesOf(ctx, item, joinPath(sectionPath(section), item.id))))),
  );
}

/**
 * The id prefix of each editor form on the page. A failed edit is shown again in the form it came
 * from — its problems at its inputs, what the clerk typed kept — and the error summary links there.
 */
const EDITOR = {
  field: (sectionId: string, fieldId?: string, groupId?: string) => {
    const at = groupId ? `${sectionId}-${groupId}` : sectionId;
    return fieldId ? `${at}-${fieldId}` : `new-field-${at}`;
  },
  group: (sectionId: string) => `new-group-${sectionId}`,
  section: (stepId: string) => `new-section-${stepId}`,
  step: 'new-step',
};

/** The inputs of the editor forms that problems can name (the rest concern the layout as a whole). */
const EDITOR_INPUTS = new Set(['labelJa', 'labelEn', 'options', 'titleJa', 'titleEn', 'itemJa', 'itemEn', 'maxItems']);

interface Attempt {
  editor: string;
  body: unknown;
}

function attemptOf(body: unknown): Attempt {
  const sectionId = field(body, 'sectionId', 60);
  const groupId = field(body, 'groupId', 60) || undefined;
  const editors: Record<string, string> = {
    'add-field': EDITOR.field(sectionId, undefined, groupId),
    'update-field': EDITOR.field(sectionId, field(body, 'fieldId', 60), groupId),
    'add-group': EDITOR.group(sectionId),
    'add-section': EDITOR.section(field(body, 'stepId', 60)),
    'add-step': EDITOR.step,
  };
  return { editor: editors[field(body, 'op', 30)] ?? '', body };
}

/** One edit of the draft: a form that posts `op` with the revision it was made on. */
function EditForm(props: PropsWithChildren<{ ctx: PageContext; formId: string; revision: number; op: string; hidden?: Record<string, string>; class?: string }>): JSX.Element {
  return (
    <form method="post" action={`${BASE}/${props.formId}/edit`} class={props.class}>
      <CsrfField ctx={props.ctx} />
      <input type="hidden" name="revision" value={String(props.revision)} />
      <input type="hidden" name="op" value={props.op} />
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      {props.children}
    </form>
  );
}

interface EditorProps {
  ctx: PageContext;
  formId: string;
  revision: number;
  attempt?: Attempt | undefined;
  error?: AppError | undefined;
}

/** The error and typed values of a failed attempt, for the editor it came from only. */
function retryOf(props: EditorProps, editor: string): { error: AppError | undefined; body: unknown } | undefined {
  return props.attempt?.editor === editor ? { error: props.error, body: props.attempt.body } : undefined;
}

function FieldEditor(props: EditorProps & { layout: FormLayout; section: SectionDef; group?: GroupDef | undefined; field?: FieldDef | undefined }): JSX.Element {
  const { ctx, field: f, section, group } = props;
  const prefix = EDITOR.field(section.id, f?.id, group?.id);
  const retry = retryOf(props, prefix);
  const input = retry ? postedFieldInput(retry.body) : inputOfField(f);
  const hidden = { sectionId: section.id, ...(group ? { groupId: group.id } : {}), ...(f ? { fieldId: f.id } : {}) };
  const into = group ? { ja: `繰り返し項目「${group.label.ja}」`, en: `the repeating group “${group.label.en}”` } : { ja: `「${section.title.ja}」`, en: `“${section.title.en}”` };
  return (
    <EditForm ctx={ctx} formId={props.formId} revision={props.revision} op={f ? 'update-field' : 'add-field'} hidden={hidden} class="form-section">
      <fieldset>
        <legend class="form-legend" safe>
          {f ? ctx.t({ ja: `項目「${f.label.ja}」を変更`, en: `Change “${f.label.en}”` }) : ctx.t({ ja: `${into.ja}に項目を追加`, en: `Add a field to ${into.en}` })}
        </legend>
        <TextInput ctx={ctx} id={`${prefix}-labelJa`} name="labelJa" label={{ ja: '項目名（日本語）', en: 'Label (Japanese)' }} value={input.labelJa} error={retry?.error} />
        <TextInput ctx={ctx} id={`${prefix}-labelEn`} name="labelEn" label={{ ja: '項目名（英語）', en: 'Label (English)' }} value={input.labelEn} error={retry?.error} />
        <div class="field">
          <label for={`${prefix}-widget`}>{ctx.h({ ja: '入力方法', en: 'Kind of answer' })}</label>
          <select id={`${prefix}-widget`} name="widget">
            {WIDGETS.map((w) => (
              <option value={w} selected={input.widget === w} safe>
                {ctx.t(WIDGET_LABEL[w])}
              </option>
            ))}
          </select>
        </div>
        <div class="choice">
          <input type="checkbox" id={`${prefix}-required`} name="required" value="1" checked={input.required} />
          <label for={`${prefix}-required`}>{ctx.h({ ja: '必須にする', en: 'Required' })}</label>
        </div>
        <TextInput
          ctx={ctx}
          id={`${prefix}-options`}
          name="options"
          textarea
          label={{ ja: '選択肢（選択式のとき）', en: 'Options (for choices)' }}
          hint={{ ja: '1行に1つ、「日本語 / English」の形で入力します。', en: 'One a line, as “日本語 / English”.' }}
          value={input.options}
          error={retry?.error}
        />
        <TextInput ctx={ctx} id={`${prefix}-helpJa`} name="helpJa" label={{ ja: '説明（日本語・任意）', en: 'Help (Japanese, optional)' }} value={input.helpJa} />
        <TextInput ctx={ctx} id={`${prefix}-helpEn`} name="helpEn" label={{ ja: '説明（英語・任意）', en: 'Help (English, optional)' }} value={input.helpEn} />
        <div class="field">
          <label for={`${prefix}-condition`}>{ctx.h({ ja: '表示する条件（任意）', en: 'Show only when (optional)' })}</label>
          <select id={`${prefix}-condition`} name="condition">
            <option value="">{ctx.h({ ja: '常に表示する', en: 'Always' })}</option>
            {conditionChoices(props.layout, ctx, group, f).map((c) => (
              <option value={c.value} selected={c.value === input.condition} safe>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{f ? ctx.h({ ja: '変更を保存', en: 'Save the change' }) : ctx.h({ ja: '項目を追加', en: 'Add the field' })}</button>
      </fieldset>
    </EditForm>
  );
}

/** Adds a repeating group to a section: its heading, the name of one row and the most rows. */
function GroupEditor(props: EditorProps & { section: SectionDef }): JSX.Element {
  const { ctx, section } = props;
  const editor = EDITOR.group(section.id);
  const retry = retryOf(props, editor);
  const typed = (name: string) => (retry ? field(retry.body, name, 200) : '');
  return (
    <EditForm ctx={ctx} formId={props.formId} revision={props.revision} op="add-group" hidden={{ sectionId: section.id }} class="form-section">
      <fieldset>
        <legend class="form-legend" safe>
          {ctx.t({ ja: `「${section.title.ja}」に繰り返し項目を追加`, en: `Add a repeating group to “${section.title.en}”` })}
        </legend>
        <p class="hint">{ctx.h({ ja: '家族や希望する施設のように、同じ項目を何件でも入力できるまとまりです。追加したあとで、1件ごとに尋ねる項目を追加します。', en: 'A set of questions answered once for each of several things, such as family members or preferred facilities. Add its questions after adding it.' })}</p>
        <TextInput ctx={ctx} id={`${editor}-titleJa`} name="titleJa" label={{ ja: '見出し（日本語）', en: 'Heading (Japanese)' }} value={typed('titleJa')} error={retry?.error} />
        <TextInput ctx={ctx} id={`${editor}-titleEn`} name="titleEn" label={{ ja: '見出し（英語）', en: 'Heading (English)' }} value={typed('titleEn')} error={retry?.error} />
        <TextInput ctx={ctx} id={`${editor}-itemJa`} name="itemJa" label={{ ja: '1件の呼び名（日本語）', en: 'Name of one row (Japanese)' }} hint={{ ja: '「家族 1」「家族 2」のように番号を付けて表示します。', en: 'Shown numbered: “Member 1”, “Member 2”.' }} value={typed('itemJa')} error={retry?.error} />
        <TextInput ctx={ctx} id={`${editor}-itemEn`} name="itemEn" label={{ ja: '1件の呼び名（英語）', en: 'Name of one row (English)' }} value={typed('itemEn')} error={retry?.error} />
        <TextInput ctx={ctx} id={`${editor}-maxItems`} name="maxItems" label={{ ja: '最大件数（任意・初期値 10）', en: 'Most rows (optional, default 10)' }} value={typed('maxItems')} error={retry?.error} />
        <button type="submit" class="button-secondary">
          {ctx.h({ ja: '繰り返し項目を追加', en: 'Add the repeating group' })}
        </button>
      </fieldset>
    </EditForm>
  );
}

/** Adds a titled part (a section to a step, or a step to the form): a heading in both languages. */
function TitleEditor(props: EditorProps & { op: 'add-section' | 'add-step'; editor: string; hidden?: Record<string, string>; legend: string; label: Text; submit: Text }): JSX.Element {
  const { ctx, editor, label } = props;
  const retry = retryOf(props, editor);
  return (
    <EditForm ctx={ctx} formId={props.formId} revision={props.revision} op={props.op} hidden={props.hidden} class="form-section">
      <fieldset>
        <legend class="form-legend" safe>
          {props.legend}
        </legend>
        <TextInput ctx={ctx} id={`${editor}-titleJa`} name="titleJa" label={{ ja: `${label.ja}（日本語）`, en: `${label.en} (Japanese)` }} value={retry ? field(retry.body, 'titleJa', 200) : ''} error={retry?.error} />
        <TextInput ctx={ctx} id={`${editor}-titleEn`} name="titleEn" label={{ ja: `${label.ja}（英語）`, en: `${label.en} (English)` }} value={retry ? field(retry.body, 'titleEn', 200) : ''} error={retry?.error} />
        <button type="submit" class="button-secondary" safe>
          {ctx.t(props.submit)}
        </button>
      </fieldset>
    </EditForm>
  );
}

function OpButton(props: { ctx: PageContext; formId: string; revision: number; op: string; hidden: Record<string, string>; label: Text; context: string }): JSX.Element {
  return (
    <EditForm ctx={props.ctx} formId={props.formId} revision={props.revision} op={props.op} hidden={props.hidden}>
      <button type="submit" class="button-secondary">
        <span safe>{props.ctx.t(props.label)}</span>
        <span class="visually-hidden" safe>
          {`（${props.context}）`}
        </span>
      </button>
    </EditForm>
  );
}

/** A field or repeating group as the builder lists it: its label and what kind of answer it takes. */
function ItemLine(props: { ctx: PageContext; item: FieldDef | GroupDef }): JSX.Element {
  const { ctx, item } = props;
  const kind = isGroup(item)
    ? ctx.t({ ja: `（繰り返し・最大${item.maxItems ?? 10}件）`, en: ` (repeating, at most ${item.maxItems ?? 10})` })
    : `（${ctx.t(WIDGET_LABEL[item.widget])}${item.required ? ctx.t({ ja: '・必須', en: ', required' }) : ''}${item.when ? ctx.t({ ja: '・条件付き', en: ', conditional' }) : ''}）`;
  return (
    <>
      <span safe>{ctx.t(item.label)}</span>{' '}
      <span class="hint" safe>
        {kind}
      </span>
    </>
  );
}

/** Change (fields only), move and remove, for a section's item or a repeating group's row field. */
function ItemButtons(props: { ctx: PageContext; formId: string; revision: number; section: SectionDef; group?: GroupDef; item: FieldDef | GroupDef }): JSX.Element {
  const { ctx, section, group, item } = props;
  const hidden = { sectionId: section.id, ...(group ? { groupId: group.id } : {}), fieldId: item.id };
  const op = { ctx, formId: props.formId, revision: props.revision, hidden, context: ctx.t(item.label) };
  const editPath = group ? `${section.id}/${group.id}/${item.id}` : `${section.id}/${item.id}`;
  return (
    <div class="button-row">
      {isGroup(item) ? (
        ''
      ) : (
        <a href={`${BASE}/${props.formId}?edit=${encodeURIComponent(editPath)}#edit-${editPath.replaceAll('/', '-')}`}>
          <span safe>{ctx.t({ ja: '変更', en: 'Change' })}</span>
          <span class="visually-hidden" safe>
            {`（${ctx.t(item.label)}）`}
          </span>
        </a>
      )}
      <OpButton {...op} op="field-up" label={{ ja: '上へ', en: 'Up' }} />
      <OpButton {...op} op="field-down" label={{ ja: '下へ', en: 'Down' }} />
      <OpButton {...op} op="remove-field" label={{ ja: '削除', en: 'Remove' }} />
    </div>
  );
}

const CHANGE_LABEL: Record<FormChange, Text> = {
  created: { ja: '作成', en: 'Created' },
  adopted: { ja: '国の様式を採用', en: 'Adopted' },
  edited: { ja: '下書きを変更', en: 'Draft changed' },
  published: { ja: '公開', en: 'Published' },
  linked: { ja: 'サービスに設定', en: 'Linked to a service' },
  unlinked: { ja: 'サービスから解除', en: 'Unlinked from a service' },
};

function EditorPage(props: { ctx: PageContext; detail: FormDetail; editing?: string | undefined; done?: string | undefined; error?: AppError | undefined; attempt?: Attempt | undefined }): JSX.Element {
  const { ctx, detail } = props;
  const { form } = detail;
  const layout = form.draft;
  const adopted = form.kind === 'adopted';
  const readOnly = form.kind === 'national_template';
  const latest = detail.versions[0];
  const rev = form.revision;
  const editor: EditorProps = { ctx, formId: form.id, revision: rev, attempt: props.attempt, error: props.error };
  const attemptEditor = props.attempt?.editor;
  return (
    <Layout ctx={ctx} title={{ ja: form.title, en: form.title_en }}>
      <p>
        <a href={BASE} class="back-link">
          {ctx.h({ ja: 'フォームの一覧へ', en: 'All forms' })}
        </a>
      </p>
      <Done ctx={ctx} done={props.done} />
      <ErrorSummary ctx={ctx} error={props.error} fieldId={(f) => (attemptEditor && EDITOR_INPUTS.has(f) ? `${attemptEditor}-${f}` : 'form-layout')} />
      <dl class="facts">
        <dt>{ctx.h({ ja: '種類', en: 'Kind' })}</dt>
        <dd safe>{ctx.t(KIND_LABEL[form.kind]!)}</dd>
        <dt>{ctx.h({ ja: '公開中の版', en: 'Published version' })}</dt>
        <dd safe>{latest ? `${latest.version}` : ctx.t({ ja: '未公開', en: 'Not published' })}</dd>
        <dt>{ctx.h({ ja: '編集中の下書き', en: 'Draft revision' })}</dt>
        <dd safe>{String(rev)}</dd>
      </dl>
      <div class="button-row">
        <a class="button-link" href={`${BASE}/${form.id}/preview`}>
          {ctx.h({ ja: '住民の画面でプレビュー', en: 'Preview as a resident' })}
        </a>
        {readOnly ? (
          ''
        ) : (
          <form method="post" action={`${BASE}/${form.id}/publish`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="revision" value={String(rev)} />
            <button type="submit">{ctx.h({ ja: '下書きを新しい版として公開', en: 'Publish the draft as a new version' })}</button>
          </form>
        )}
      </div>
      {adopted ? (
        <p class="notice">{ctx.h({ ja: '国の様式の部分は変更できません。独自の項目は「市区町村独自の項目」のセクションに追加してください。', en: 'The national part cannot be changed. Add your own fields in local sections.' })}</p>
      ) : (
        ''
      )}
      {adopted && detail.newerTemplate && !readOnly ? (
        <section class="notice" aria-labelledby="newer-template">
          <h2 id="newer-template" safe>
            {ctx.t({ ja: `国の様式に新しい版（第${detail.newerTemplate.version}版）があります`, en: `The national template has a new version (${detail.newerTemplate.version})` })}
          </h2>
          <p>
            {ctx.h({
              ja: '反映すると、国の様式の部分が新しい版に置き換わり、独自の項目のセクションはそのまま残ります。下書きへの変更なので、確認してから公開してください。',
              en: 'Taking it replaces the national part with the new version and keeps your local sections. It changes the draft: check it, then publish.',
            })}
          </p>
          <form method="post" action={`${BASE}/${form.id}/take-template`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="revision" value={String(rev)} />
            <button type="submit">{ctx.h({ ja: '新しい版を下書きに反映する', en: 'Take the new version into the draft' })}</button>
          </form>
        </section>
      ) : (
        ''
      )}
      <div id="form-layout" tabindex="-1">
        {layout.steps.map((step, stepIndex) => (
          <section aria-labelledby={`step-${step.id}`}>
            <h2 id={`step-${step.id}`} safe>
              {`${stepIndex + 1}. ${ctx.t(step.title)}`}
            </h2>
            {step.sections.map((section) => {
              const editable = !readOnly && (!adopted || Boolean(section.local));
              const ops = (hidden: Record<string, string>, context: string) => ({ ctx, formId: form.id, revision: rev, hidden, context });
              return (
                <section class={section.local ? 'form-section form-section-local' : 'form-section'} aria-labelledby={`sec-${section.id}`}>
                  <h3 id={`sec-${section.id}`}>
                    <SectionTitle ctx={ctx} section={section} badge={{ ja: '市区町村独自の項目', en: 'Local' }} />
                    {section.when ? (
                      <span class="hint" safe>
                        {ctx.t({ ja: '（条件付きで表示）', en: '(shown on a condition)' })}
                      </span>
                    ) : (
                      ''
                    )}
                  </h3>
                  {editable ? (
                    <div class="button-row">
                      <OpButton {...ops({ sectionId: section.id }, ctx.t(section.title))} op="section-up" label={{ ja: '上へ', en: 'Move up' }} />
                      <OpButton {...ops({ sectionId: section.id }, ctx.t(section.title))} op="section-down" label={{ ja: '下へ', en: 'Move down' }} />
                      <OpButton {...ops({ sectionId: section.id }, ctx.t(section.title))} op="remove-section" label={{ ja: 'セクションを削除', en: 'Remove section' }} />
                    </div>
                  ) : (
                    ''
                  )}
                  <ul>
                    {section.items.map((item) => (
                      <li>
                        <ItemLine ctx={ctx} item={item} />
                        {editable ? <ItemButtons ctx={ctx} formId={form.id} revision={rev} section={section} item={item} /> : ''}
                        {editable && !isGroup(item) && (props.editing === `${section.id}/${item.id}` || attemptEditor === EDITOR.field(section.id, item.id)) ? (
                          <div id={`edit-${section.id}-${item.id}`}>
                            <FieldEditor {...editor} layout={layout} section={section} field={item} />
                          </div>
                        ) : (
                          ''
                        )}
                        {isGroup(item) ? (
                          <>
                            <ul>
                              {item.fields.map((f) => (
                                <li>
                                  <ItemLine ctx={ctx} item={f} />
                                  {editable ? <ItemButtons ctx={ctx} formId={form.id} revision={rev} section={section} group={item} item={f} /> : ''}
                                  {editable && (props.editing === `${section.id}/${item.id}/${f.id}` || attemptEditor === EDITOR.field(section.id, f.id, item.id)) ? (
                                    <div id={`edit-${section.id}-${item.id}-${f.id}`}>
                                      <FieldEditor {...editor} layout={layout} section={section} group={item} field={f} />
                                    </div>
                                  ) : (
                                    ''
                                  )}
                                </li>
                              ))}
                            </ul>
                            {editable ? <FieldEditor {...editor} layout={layout} section={section} group={item} /> : ''}
                          </>
                        ) : (
                          ''
                        )}
                      </li>
                    ))}
                  </ul>
                  {editable ? <FieldEditor {...editor} layout={layout} section={section} /> : ''}
                  {editable ? <GroupEditor {...editor} section={section} /> : ''}
                </section>
              );
            })}
            {readOnly ? (
              ''
            ) : (
              <TitleEditor
                {...editor}
                op="add-section"
                editor={EDITOR.section(step.id)}
                hidden={{ stepId: step.id }}
                legend={adopted ? ctx.t({ ja: `「${step.title.ja}」に独自項目のセクションを追加`, en: `Add a local section to “${step.title.en}”` }) : ctx.t({ ja: `「${step.title.ja}」にセクションを追加`, en: `Add a section to “${step.title.en}”` })}
                label={{ ja: '見出し', en: 'Heading' }}
                submit={{ ja: 'セクションを追加', en: 'Add the section' }}
              />
            )}
          </section>
        ))}
      </div>
      {form.kind === 'own' ? (
        <TitleEditor
          {...editor}
          op="add-step"
          editor={EDITOR.step}
          legend={ctx.t({ ja: 'ステップ（ページ）を追加', en: 'Add a step (page)' })}
          label={{ ja: 'ステップ名', en: 'Step title' }}
          submit={{ ja: 'ステップを追加', en: 'Add the step' }}
        />
      ) : (
        ''
      )}
      {readOnly ? (
        ''
      ) : (
        <section aria-labelledby="services-heading">
          <h2 id="services-heading">{ctx.h({ ja: 'このフォームを使うサービス', en: 'Services that use this form' })}</h2>
          {detail.services.length === 0 ? (
            <p>{ctx.h({ ja: 'この団体のサービスはまだありません。「サービス」で作成すると、ここで選べます。', en: 'There are no services yet. Create one under Services to choose it here.' })}</p>
          ) : (
            <form method="post" action={`${BASE}/${form.id}/link`}>
              <CsrfField ctx={ctx} />
              <div class="field">
                <label for="serviceId">{ctx.h({ ja: 'サービス', en: 'Service' })}</label>
                <select id="serviceId" name="serviceId">
                  {detail.services.map((s) => (
                    <option value={s.id} safe>
                      {`${s.title}${s.form_id === form.id ? ctx.t({ ja: '（このフォームを使用中）', en: ' (uses this form)' }) : ''}`}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="button-secondary">
                {ctx.h({ ja: 'このフォームを使う', en: 'Use this form' })}
              </button>
            </form>
          )}
        </section>
      )}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{ctx.h({ ja: '変更履歴', en: 'History' })}</h2>
        <ul>
          {detail.history.map((h) => (
            <li safe>{`${formatJst(h.changed_at)} — ${ctx.t(CHANGE_LABEL[h.change])}${h.version ? ` v${h.version}` : ''} — ${h.changed_by ?? ''}`}</li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

function postedFieldInput(body: unknown): FieldInput {
  return {
    labelJa: field(body, 'labelJa', 200),
    labelEn: field(body, 'labelEn', 200),
    widget: field(body, 'widget', 20),
    required: field(body, 'required') === '1',
    helpJa: field(body, 'helpJa', 500),
    helpEn: field(body, 'helpEn', 500),
    options: field(body, 'options', 5000),
    condition: field(body, 'condition', 200),
  };
}

function opOf(body: unknown): BuilderOp {
  const op = field(body, 'op', 30);
  const sectionId = field(body, 'sectionId', 60);
  const fieldId = field(body, 'fieldId', 60);
  const group = field(body, 'groupId', 60) ? { groupId: field(body, 'groupId', 60) } : {};
  const titleJa = field(body, 'titleJa', 200);
  const titleEn = field(body, 'titleEn', 200);
  switch (op) {
    case 'add-step':
      return { op, titleJa, titleEn };
    case 'add-section':
      return { op, stepId: field(body, 'stepId', 60), titleJa, titleEn };
    case 'remove-section':
    case 'section-up':
    case 'section-down':
      return { op, sectionId };
    case 'add-group':
      return { op, sectionId, group: { titleJa, titleEn, itemJa: field(body, 'itemJa', 100), itemEn: field(body, 'itemEn', 100), maxItems: field(body, 'maxItems', 10) } };
    case 'add-field':
      return { op, sectionId, ...group, field: postedFieldInput(body) };
    case 'update-field':
      return { op, sectionId, ...group, fieldId, field: postedFieldInput(body) };
    case 'remove-field':
    case 'field-up':
    case 'field-down':
      return { op, sectionId, ...group, fieldId };
    default:
      throw new AppError('forms.invalid_edit', 'bad_request', 'Unknown change.', { ja: '不明な操作です。' });
  }
}

export const formBuilderPages: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  const config = { auth: { staff: { roles: EDITOR_ROLES }, loginPage: '/staff/login' } };

  async function rerender(request: FastifyRequest, reply: FastifyReply, id: string, error: AppError, attempt?: Attempt): Promise<FastifyReply> {
    const detail = await findFormFor(deps, writerOf(request), id);
    return sendPage(reply, <EditorPage ctx={pageContext(request, 'staff')} detail={detail} error={error} attempt={attempt} />, error.status);
  }

  app.get(BASE, { schema: { hide: true }, config }, async (request, reply) => {
    const { own, templates } = await listFormsFor(deps, writerOf(request));
    return sendPage(reply, <ListPage ctx={pageContext(request, 'staff')} own={own} templates={templates} />);
  });

  app.post(BASE, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    try {
      const form = await createOwnForm(deps, writer, { title: { ja: field(request.body, 'title', 200), en: field(request.body, 'titleEn', 200) } });
      return await reply.redirect(`${BASE}/${form.id}?done=created`, 303);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'bad_request') throw error;
      const { own, templates } = await listFormsFor(deps, writer);
      return sendPage(reply, <ListPage ctx={pageContext(request, 'staff')} own={own} templates={templates} error={error} posted={request.body} />, error.status);
    }
  });

  app.post(`${BASE}/adopt`, { schema: { hide: true }, config }, async (request, reply) => {
    const form = await adoptTemplate(deps, writerOf(request), { templateFormId: field(request.body, 'templateFormId', 60) });
    return reply.redirect(`${BASE}/${form.id}?done=adopted`, 303);
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string; edit?: string } }>(`${BASE}/:id`, { schema: { hide: true }, config }, async (request, reply) => {
    const detail = await findFormFor(deps, writerOf(request), request.params.id);
    return sendPage(reply, <EditorPage ctx={pageContext(request, 'staff')} detail={detail} done={request.query.done} editing={request.query.edit} />);
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/edit`, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    const { form } = await findFormFor(deps, writer, request.params.id);
    const revision = Number.parseInt(field(request.body, 'revision', 10), 10);
    try {
      const op = opOf(request.body);
      const layout = applyBuilderOp(form.draft, op, form.kind === 'adopted');
      await saveFormDraft(deps, writer, { formId: form.id, layout, ...(Number.isInteger(revision) ? { expectedRevision: revision } : {}), summary: op.op });
      return await reply.redirect(`${BASE}/${form.id}?done=saved`, 303);
    } catch (error) {
      if (!isAppError(error) || !['bad_request', 'conflict'].includes(error.kind)) throw error;
      return rerender(request, reply, form.id, error, attemptOf(request.body));
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/publish`, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    const { form } = await findFormFor(deps, writer, request.params.id);
    const revision = Number.parseInt(field(request.body, 'revision', 10), 10);
    try {
      await publishForm(deps, writer, { formId: form.id, ...(Number.isInteger(revision) ? { expectedRevision: revision } : {}) });
      return await reply.redirect(`${BASE}/${form.id}?done=published`, 303);
    } catch (error) {
      if (!isAppError(error) || !['bad_request', 'conflict'].includes(error.kind)) throw error;
      return rerender(request, reply, form.id, error);
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/take-template`, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    const { form } = await findFormFor(deps, writer, request.params.id);
    const revision = Number.parseInt(field(request.body, 'revision', 10), 10);
    try {
      const taken = await takeNewestTemplate(deps, writer, { formId: form.id, ...(Number.isInteger(revision) ? { expectedRevision: revision } : {}) });
      return await reply.redirect(`${BASE}/${form.id}?done=${taken.templateVersion === null ? 'template-current' : 'template-taken'}`, 303);
    } catch (error) {
      if (!isAppError(error) || !['bad_request', 'conflict'].includes(error.kind)) throw error;
      return rerender(request, reply, form.id, error);
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/link`, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    const { form } = await findFormFor(deps, writer, request.params.id);
    await linkServiceForm(deps, writer, { serviceId: field(request.body, 'serviceId', 60), formId: form.id });
    return reply.redirect(`${BASE}/${form.id}?done=linked`, 303);
  });

  // The preview: the draft exactly as a resident will see it, one step at a time; posting checks
  // the answers with the same validation (nothing is stored).
  async function preview(request: FastifyRequest<{ Params: { id: string }; Querystring: { step?: string } }>, reply: FastifyReply, posted: boolean): Promise<FastifyReply> {
    const { form } = await findFormFor(deps, writerOf(request), request.params.id);
    const version = draftVersionOf(form);
    const layout = version.definition.layout;
    const stepId = layout.steps.find((s) => s.id === request.query.step)?.id ?? layout.steps[0]?.id ?? '';
    const ctx = pageContext(request, 'staff');
    let values = {};
    let errors: ReturnType<typeof validateCleanData> = [];
    let checked = false;
    if (posted) {
      const parsed = parseFormPost(layout, request.body as Record<string, unknown>, { stepId });
      values = parsed.data;
      checked = !parsed.action;
      if (checked) errors = validateCleanData(version.id, version.definition, cleanData(layout, values), stepId);
    }
    const index = layout.steps.findIndex((s) => s.id === stepId);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={{ ja: `プレビュー：${form.title}`, en: `Preview: ${form.title_en}` }}>
        <p class="notice">{ctx.h({ ja: 'これはプレビューです。入力内容は保存されません。「次へ進む」で入力チェックを確認できます。', en: 'This is a preview; nothing is saved. Continue to see the checks.' })}</p>
        <nav aria-label={ctx.t({ ja: 'ステップ', en: 'Steps' })}>
          <ol>
            {layout.steps.map((s) => (
              <li>
                <a href={`${BASE}/${form.id}/preview?step=${encodeURIComponent(s.id)}`} aria-current={s.id === stepId ? 'step' : undefined} safe>
                  {ctx.t(s.title)}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <h2 safe>{`${index + 1}. ${ctx.t(layout.steps[index]?.title ?? { ja: '', en: '' })}`}</h2>
        {checked && errors.length === 0 ? (
          <p class="notice" role="status">
            {ctx.h({ ja: 'このステップの入力内容に誤りはありません（プレビューのため次へは進みません）。', en: 'No problems on this step. (A preview does not go on to the next step.)' })}
          </p>
        ) : (
          ''
        )}
        <FormStep ctx={ctx} version={version} stepId={stepId} values={values} errors={errors} action={`${BASE}/${form.id}/preview?step=${encodeURIComponent(stepId)}`} />
        <p>
          <a href={`${BASE}/${form.id}`}>{ctx.h({ ja: '編集に戻る', en: 'Back to editing' })}</a>
        </p>
      </Layout>,
      posted && errors.length > 0 ? 400 : 200,
    );
  }
  app.get<{ Params: { id: string }; Querystring: { step?: string } }>(`${BASE}/:id/preview`, { schema: { hide: true }, config }, (request, reply) => preview(request, reply, false));
  app.post<{ Params: { id: string }; Querystring: { step?: string } }>(`${BASE}/:id/preview`, { schema: { hide: true }, config }, (request, reply) => preview(request, reply, true));
};
