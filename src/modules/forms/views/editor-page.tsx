// A form in the builder: its steps, sections and fields with their editors, publishing, a national
// template's new version, the services that use it, and its history.
import type { AppError } from '../../../platform/errors.ts';
import type { Text } from '../../../platform/i18n.ts';
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { formatJst } from '../../../web/format.ts';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import { isGroup } from '../definition.ts';
import type { FormDetail } from '../read-forms.ts';
import type { FormChange } from '../tables.ts';
import { SectionTitle } from '../views.tsx';
import { BASE, Done, EDITOR, EDITOR_INPUTS, KIND_LABEL, type Attempt, type EditorProps } from './builder-controls.tsx';
import { FieldEditor, GroupEditor, ItemButtons, ItemLine, OpButton, TitleEditor } from './field-editors.tsx';

export const CHANGE_LABEL: Record<FormChange, Text> = {
  created: { ja: '作成', en: 'Created' },
  adopted: { ja: '国の様式を採用', en: 'Adopted' },
  edited: { ja: '下書きを変更', en: 'Draft changed' },
  published: { ja: '公開', en: 'Published' },
  linked: { ja: 'サービスに設定', en: 'Linked to a service' },
  unlinked: { ja: 'サービスから解除', en: 'Unlinked from a service' },
};

export function EditorPage(props: { ctx: PageContext; detail: FormDetail; editing?: string | undefined; done?: string | undefined; error?: AppError | undefined; attempt?: Attempt | undefined }): JSX.Element {
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
