// The editors of a form's parts: a field (with its condition), a repeating group, a section or step
// title, and the buttons that move or remove an item.
import type { Text } from '../../../platform/i18n.ts';
import type { PageContext } from '../../../web/page.ts';
import { inputOfField } from '../builder-ops.ts';
import { isGroup, joinPath, sectionPath, WIDGETS, type FieldDef, type FormLayout, type GroupDef, type SectionDef, type Widget } from '../definition.ts';
import { BASE, EDITOR, EditForm, field, postedFieldInput, retryOf, TextInput, type EditorProps } from './builder-controls.tsx';

export const WIDGET_LABEL: Record<Widget, Text> = {
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

export function FieldEditor(props: EditorProps & { layout: FormLayout; section: SectionDef; group?: GroupDef | undefined; field?: FieldDef | undefined }): JSX.Element {
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
export function GroupEditor(props: EditorProps & { section: SectionDef }): JSX.Element {
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
export function TitleEditor(props: EditorProps & { op: 'add-section' | 'add-step'; editor: string; hidden?: Record<string, string>; legend: string; label: Text; submit: Text }): JSX.Element {
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

export function OpButton(props: { ctx: PageContext; formId: string; revision: number; op: string; hidden: Record<string, string>; label: Text; context: string }): JSX.Element {
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
export function ItemLine(props: { ctx: PageContext; item: FieldDef | GroupDef }): JSX.Element {
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
export function ItemButtons(props: { ctx: PageContext; formId: string; revision: number; section: SectionDef; group?: GroupDef; item: FieldDef | GroupDef }): JSX.Element {
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

