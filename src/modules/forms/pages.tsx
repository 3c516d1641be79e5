// The form builder in the staff console (§3.3, §3.4): a municipality's service editors list their
// forms, adopt a national template, add their own fields in marked local sections (上乗せ), build
// forms of their own, preview them as a resident sees them, publish versions and choose which form
// each service uses. Plain HTML forms, one edit per submit; no JavaScript. Thin handlers: read the
// form, call one use case, redirect or re-render with the error.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import type { Text } from '../../platform/i18n.ts';
import { ErrorSummary } from '../../web/error-summary.tsx';
import { CsrfField, Layout, TableScroll } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import type { StaffPrincipal } from '../identity/index.ts';
import { applyBuilderOp, optionsText, type BuilderOp, type FieldInput } from './builder-ops.ts';
import { cleanData } from './conditions.ts';
import { isGroup, joinPath, sectionPath, WIDGETS, type FieldDef, type FormLayout, type SectionDef, type Widget } from './definition.ts';
import { parseFormPost } from './form-post.ts';
import { draftVersionOf } from './form-version.ts';
import { findFormFor, listFormsFor, type FormDetail } from './read-forms.ts';
import { adoptTemplate, createOwnForm, linkServiceForm, publishForm, saveFormDraft, type FormWriter } from './save-form.ts';
import { validateCleanData } from './validate.ts';
import { FormStep } from './views.tsx';

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

function ListPage(props: { ctx: PageContext; own: Awaited<ReturnType<typeof listFormsFor>>['own']; templates: Awaited<ReturnType<typeof listFormsFor>>['templates']; error?: AppError | undefined }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: '申請フォーム', en: 'Application forms' }}>
      <ErrorSummary ctx={ctx} error={props.error} />
      <h2 id="own-forms">{ctx.h({ ja: 'この団体のフォーム', en: 'Your forms' })}</h2>
      {props.own.length === 0 ? (
        <p>{ctx.h({ ja: 'まだフォームがありません。国の様式を採用するか、独自のフォームを作成してください。', en: 'No forms yet. Adopt a national template or create your own.' })}</p>
      ) : (
        <TableScroll captionId="own-forms-caption">
          <table>
            <caption id="own-forms-caption">{ctx.h({ ja: 'この団体のフォーム', en: 'Your forms' })}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.h({ ja: 'フォーム', en: 'Form' })}</th>
                <th scope="col">{ctx.h({ ja: '種類', en: 'Kind' })}</th>
                <th scope="col">{ctx.h({ ja: '公開中の版', en: 'Published version' })}</th>
                <th scope="col">{ctx.h({ ja: '使っているサービス', en: 'Services' })}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </TableScroll>
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
        <TextInput ctx={ctx} name="title" label={{ ja: 'フォームの名前（日本語）', en: 'Title (Japanese)' }} value="" error={props.error} />
        <TextInput ctx={ctx} name="titleEn" label={{ ja: 'フォームの名前（英語）', en: 'Title (English)' }} value="" error={props.error} />
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

/** Choice fields of the form a condition can name: `path|value` with a readable label. */
function conditionChoices(layout: FormLayout, ctx: PageContext): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (const step of layout.steps) {
    for (const section of step.sections) {
      for (const item of section.items) {
        if (isGroup(item)) continue;
        const path = joinPath(sectionPath(section), item.id);
        const values = item.widget === 'yes-no' ? [{ value: 'true', label: { ja: 'はい', en: 'Yes' } }, { value: 'false', label: { ja: 'いいえ', en: 'No' } }] : item.widget === 'radio' || item.widget === 'select' ? (item.options ?? []) : [];
        for (const v of values) out.push({ value: `${path}|${v.value}`, label: `${ctx.t(item.label)} ＝ ${ctx.t(v.label)}` });
      }
    }
  }
  return out;
}

function FieldEditor(props: { ctx: PageContext; formId: string; revision: number; layout: FormLayout; section: SectionDef; field?: FieldDef | undefined; error?: AppError | undefined }): JSX.Element {
  const { ctx, field: f, section } = props;
  const prefix = `${section.id}-${f?.id ?? 'new'}`;
  const current = f?.when && 'equals' in f.when ? `${f.when.field}|${String(f.when.equals)}` : '';
  return (
    <form method="post" action={`${BASE}/${props.formId}/edit`} class="form-section">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="revision" value={String(props.revision)} />
      <input type="hidden" name="op" value={f ? 'update-field' : 'add-field'} />
      <input type="hidden" name="sectionId" value={section.id} />
      {f ? <input type="hidden" name="fieldId" value={f.id} /> : ''}
      <fieldset>
        <legend class="form-legend" safe>
          {f ? ctx.t({ ja: `項目「${f.label.ja}」を変更`, en: `Change “${f.label.en}”` }) : ctx.t({ ja: `「${section.title.ja}」に項目を追加`, en: `Add a field to “${section.title.en}”` })}
        </legend>
        <TextInput ctx={ctx} id={`${prefix}-labelJa`} name="labelJa" label={{ ja: '項目名（日本語）', en: 'Label (Japanese)' }} value={f?.label.ja ?? ''} error={props.error} />
        <TextInput ctx={ctx} id={`${prefix}-labelEn`} name="labelEn" label={{ ja: '項目名（英語）', en: 'Label (English)' }} value={f?.label.en ?? ''} error={props.error} />
        <div class="field">
          <label for={`${prefix}-widget`}>{ctx.h({ ja: '入力方法', en: 'Kind of answer' })}</label>
          <select id={`${prefix}-widget`} name="widget">
            {WIDGETS.map((w) => (
              <option value={w} selected={(f?.widget ?? 'text') === w} safe>
                {ctx.t(WIDGET_LABEL[w])}
              </option>
            ))}
          </select>
        </div>
        <div class="choice">
          <input type="checkbox" id={`${prefix}-required`} name="required" value="1" checked={Boolean(f?.required)} />
          <label for={`${prefix}-required`}>{ctx.h({ ja: '必須にする', en: 'Required' })}</label>
        </div>
        <TextInput
          ctx={ctx}
          id={`${prefix}-options`}
          name="options"
          textarea
          label={{ ja: '選択肢（選択式のとき）', en: 'Options (for choices)' }}
          hint={{ ja: '1行に1つ、「日本語 / English」の形で入力します。', en: 'One a line, as “日本語 / English”.' }}
          value={optionsText(f)}
          error={props.error}
        />
        <TextInput ctx={ctx} id={`${prefix}-helpJa`} name="helpJa" label={{ ja: '説明（日本語・任意）', en: 'Help (Japanese, optional)' }} value={f?.help?.ja ?? ''} />
        <TextInput ctx={ctx} id={`${prefix}-helpEn`} name="helpEn" label={{ ja: '説明（英語・任意）', en: 'Help (English, optional)' }} value={f?.help?.en ?? ''} />
        <div class="field">
          <label for={`${prefix}-condition`}>{ctx.h({ ja: '表示する条件（任意）', en: 'Show only when (optional)' })}</label>
          <select id={`${prefix}-condition`} name="condition">
            <option value="">{ctx.h({ ja: '常に表示する', en: 'Always' })}</option>
            {conditionChoices(props.layout, ctx).map((c) => (
              <option value={c.value} selected={c.value === current} safe>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{f ? ctx.h({ ja: '変更を保存', en: 'Save the change' }) : ctx.h({ ja: '項目を追加', en: 'Add the field' })}</button>
      </fieldset>
    </form>
  );
}

function OpButton(props: { ctx: PageContext; formId: string; revision: number; op: string; hidden: Record<string, string>; label: Text; context: string }): JSX.Element {
  return (
    <form method="post" action={`${BASE}/${props.formId}/edit`}>
      <CsrfField ctx={props.ctx} />
      <input type="hidden" name="revision" value={String(props.revision)} />
      <input type="hidden" name="op" value={props.op} />
      {Object.entries(props.hidden).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class="button-secondary">
        <span safe>{props.ctx.t(props.label)}</span>
        <span class="visually-hidden" safe>
          {`（${props.context}）`}
        </span>
      </button>
    </form>
  );
}

function EditorPage(props: { ctx: PageContext; detail: FormDetail; editing?: string | undefined; done?: string | undefined; error?: AppError | undefined }): JSX.Element {
  const { ctx, detail } = props;
  const { form } = detail;
  const layout = form.draft;
  const adopted = form.kind === 'adopted';
  const readOnly = form.kind === 'national_template';
  const latest = detail.versions[0];
  const rev = form.revision;
  return (
    <Layout ctx={ctx} title={{ ja: form.title, en: form.title_en }}>
      <p>
        <a href={BASE} class="back-link">
          {ctx.h({ ja: 'フォームの一覧へ', en: 'All forms' })}
        </a>
      </p>
      <Done ctx={ctx} done={props.done} />
      <ErrorSummary ctx={ctx} error={props.error} fieldId={(f) => (f.startsWith('fields.') || f.startsWith('sections.') ? 'form-layout' : f)} />
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
      <div id="form-layout" tabindex="-1">
        {layout.steps.map((step, stepIndex) => (
          <section aria-labelledby={`step-${step.id}`}>
            <h2 id={`step-${step.id}`} safe>
              {`${stepIndex + 1}. ${ctx.t(step.title)}`}
            </h2>
            {step.sections.map((section) => {
              const editable = !readOnly && (!adopted || Boolean(section.local));
              return (
                <section class={section.local ? 'form-section form-section-local' : 'form-section'} aria-labelledby={`sec-${section.id}`}>
                  <h3 id={`sec-${section.id}`}>
                    <span safe>{ctx.t(section.title)}</span>
                    {section.local ? (
                      <span class="flag flag-optional" safe>
                        {ctx.t({ ja: '市区町村独自の項目', en: 'Local' })}
                      </span>
                    ) : (
                      ''
                    )}
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
                      <OpButton ctx={ctx} formId={form.id} revision={rev} op="section-up" hidden={{ sectionId: section.id }} label={{ ja: '上へ', en: 'Move up' }} context={ctx.t(section.title)} />
                      <OpButton ctx={ctx} formId={form.id} revision={rev} op="section-down" hidden={{ sectionId: section.id }} label={{ ja: '下へ', en: 'Move down' }} context={ctx.t(section.title)} />
                      <OpButton ctx={ctx} formId={form.id} revision={rev} op="remove-section" hidden={{ sectionId: section.id }} label={{ ja: 'セクションを削除', en: 'Remove section' }} context={ctx.t(section.title)} />
                    </div>
                  ) : (
                    ''
                  )}
                  <ul>
                    {section.items.map((item) => (
                      <li>
                        <span safe>{ctx.t(item.label)}</span>{' '}
                        <span class="hint" safe>
                          {isGroup(item) ? ctx.t({ ja: '（繰り返し）', en: '(repeating)' }) : `（${ctx.t(WIDGET_LABEL[item.widget])}${item.required ? ctx.t({ ja: '・必須', en: ', required' }) : ''}${item.when ? ctx.t({ ja: '・条件付き', en: ', conditional' }) : ''}）`}
                        </span>
                        {editable && !isGroup(item) ? (
                          <div class="button-row">
                            <a href={`${BASE}/${form.id}?edit=${encodeURIComponent(`${section.id}/${item.id}`)}#edit-${section.id}-${item.id}`}>
                              <span safe>{ctx.t({ ja: '変更', en: 'Change' })}</span>
                              <span class="visually-hidden" safe>
                                {`（${ctx.t(item.label)}）`}
                              </span>
                            </a>
                            <OpButton ctx={ctx} formId={form.id} revision={rev} op="field-up" hidden={{ sectionId: section.id, fieldId: item.id }} label={{ ja: '上へ', en: 'Up' }} context={ctx.t(item.label)} />
                            <OpButton ctx={ctx} formId={form.id} revision={rev} op="field-down" hidden={{ sectionId: section.id, fieldId: item.id }} label={{ ja: '下へ', en: 'Down' }} context={ctx.t(item.label)} />
                            <OpButton ctx={ctx} formId={form.id} revision={rev} op="remove-field" hidden={{ sectionId: section.id, fieldId: item.id }} label={{ ja: '削除', en: 'Remove' }} context={ctx.t(item.label)} />
                          </div>
                        ) : (
                          ''
                        )}
                        {editable && !isGroup(item) && props.editing === `${section.id}/${item.id}` ? (
                          <div id={`edit-${section.id}-${item.id}`}>
                            <FieldEditor ctx={ctx} formId={form.id} revision={rev} layout={layout} section={section} field={item} error={props.error} />
                          </div>
                        ) : (
                          ''
                        )}
                      </li>
                    ))}
                  </ul>
                  {editable ? <FieldEditor ctx={ctx} formId={form.id} revision={rev} layout={layout} section={section} error={props.error} /> : ''}
                </section>
              );
            })}
            {readOnly ? (
              ''
            ) : (
              <form method="post" action={`${BASE}/${form.id}/edit`} class="form-section">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="revision" value={String(rev)} />
                <input type="hidden" name="op" value="add-section" />
                <input type="hidden" name="stepId" value={step.id} />
                <fieldset>
                  <legend class="form-legend" safe>
                    {adopted ? ctx.t({ ja: `「${step.title.ja}」に独自項目のセクションを追加`, en: `Add a local section to “${step.title.en}”` }) : ctx.t({ ja: `「${step.title.ja}」にセクションを追加`, en: `Add a section to “${step.title.en}”` })}
                  </legend>
                  <TextInput ctx={ctx} id={`${step.id}-titleJa`} name="titleJa" label={{ ja: '見出し（日本語）', en: 'Heading (Japanese)' }} value="" />
                  <TextInput ctx={ctx} id={`${step.id}-titleEn`} name="titleEn" label={{ ja: '見出し（英語）', en: 'Heading (English)' }} value="" />
                  <button type="submit" class="button-secondary">
                    {ctx.h({ ja: 'セクションを追加', en: 'Add the section' })}
                  </button>
                </fieldset>
              </form>
            )}
          </section>
        ))}
      </div>
      {form.kind === 'own' ? (
        <form method="post" action={`${BASE}/${form.id}/edit`} class="form-section">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="revision" value={String(rev)} />
          <input type="hidden" name="op" value="add-step" />
          <fieldset>
            <legend class="form-legend">{ctx.h({ ja: 'ステップ（ページ）を追加', en: 'Add a step (page)' })}</legend>
            <TextInput ctx={ctx} id="step-titleJa" name="titleJa" label={{ ja: 'ステップ名（日本語）', en: 'Step title (Japanese)' }} value="" />
            <TextInput ctx={ctx} id="step-titleEn" name="titleEn" label={{ ja: 'ステップ名（英語）', en: 'Step title (English)' }} value="" />
            <button type="submit" class="button-secondary">
              {ctx.h({ ja: 'ステップを追加', en: 'Add the step' })}
            </button>
          </fieldset>
        </form>
      ) : (
        ''
      )}
      {readOnly ? (
        ''
      ) : (
        <section aria-labelledby="services-heading">
          <h2 id="services-heading">{ctx.h({ ja: 'このフォームを使うサービス', en: 'Services that use this form' })}</h2>
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
        </section>
      )}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{ctx.h({ ja: '変更履歴', en: 'History' })}</h2>
        <ul>
          {detail.history.map((h) => (
            <li safe>{`${h.changed_at.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${h.change}${h.version ? ` v${h.version}` : ''} — ${h.changed_by ?? ''}`}</li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

function fieldInputOf(body: unknown): FieldInput {
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
  const titleJa = field(body, 'titleJa', 200).trim();
  const titleEn = field(body, 'titleEn', 200).trim();
  const needTitle = () => {
    const problems = [
      ...(titleJa ? [] : [{ field: 'titleJa', rule: 'required', message: { ja: '見出し（日本語）を入力してください', en: 'Enter the heading in Japanese' } }]),
      ...(titleEn ? [] : [{ field: 'titleEn', rule: 'required', message: { ja: '見出し（英語）を入力してください', en: 'Enter the heading in English' } }]),
    ];
    if (problems.length > 0) throw new AppError('forms.invalid_edit', 'bad_request', 'The change is not valid.', { ja: '入力内容に誤りがあります。', fields: problems });
  };
  switch (op) {
    case 'add-step':
      needTitle();
      return { op, titleJa, titleEn };
    case 'add-section':
      needTitle();
      return { op, stepId: field(body, 'stepId', 60), titleJa, titleEn };
    case 'remove-section':
    case 'section-up':
    case 'section-down':
      return { op, sectionId };
    case 'add-field':
      return { op, sectionId, field: fieldInputOf(body) };
    case 'update-field':
      return { op, sectionId, fieldId, field: fieldInputOf(body) };
    case 'remove-field':
    case 'field-up':
    case 'field-down':
      return { op, sectionId, fieldId };
    default:
      throw new AppError('forms.invalid_edit', 'bad_request', 'Unknown change.', { ja: '不明な操作です。' });
  }
}

export const formBuilderPages: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  const config = { auth: { staff: { roles: EDITOR_ROLES }, loginPage: '/staff/login' } };

  async function rerender(request: FastifyRequest, reply: FastifyReply, id: string, error: AppError, editing?: string): Promise<FastifyReply> {
    const detail = await findFormFor(deps, writerOf(request), id);
    return sendPage(reply, <EditorPage ctx={pageContext(request, 'staff')} detail={detail} error={error} editing={editing} />, error.status);
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
      return sendPage(reply, <ListPage ctx={pageContext(request, 'staff')} own={own} templates={templates} error={error} />, error.status);
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
      const editing = field(request.body, 'op') === 'update-field' ? `${field(request.body, 'sectionId')}/${field(request.body, 'fieldId')}` : undefined;
      return rerender(request, reply, form.id, error, editing);
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
    if (posted) {
      const parsed = parseFormPost(layout, request.body as Record<string, unknown>, { stepId });
      values = parsed.data;
      if (!parsed.action) errors = validateCleanData(version.id, version.definition, cleanData(layout, values), stepId);
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
