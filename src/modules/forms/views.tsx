// Rendering a form for residents (and for the builder's preview): one step with its current values
// and field errors, and the check-your-answers summary. Server-rendered, works without JavaScript:
// conditional parts whose condition is on the same page are shown with a note saying when they
// apply (validation ignores them otherwise); those depending on an earlier step are left out when
// they do not apply. Repeating groups add and remove rows by submitting the form with a named
// button (`_action=add:children`, `_action=remove:children:1`).
import type { PageContext } from '../../web/page.ts';
import type { Text } from '../../platform/i18n.ts';
import { holds, isRecord, valueAt, type Data } from './conditions.ts';
import { isGroup, joinPath, placedItems, sectionPath, type Condition, type FieldDef, type FormLayout, type GroupDef, type SectionDef, type StepDef } from './definition.ts';
import { ACTION_FIELD, ROW_MARKER } from './form-post.ts';
import type { FormVersion } from './form-version.ts';
import type { FieldError } from './validate.ts';

/** The id of a field's control: `children[0].name` → `f-children-0-name`. */
export function fieldIdOf(name: string): string {
  return `f-${name.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
}

const YES: Text = { ja: 'はい', en: 'Yes' };
const NO: Text = { ja: 'いいえ', en: 'No' };
const LOCAL_BADGE: Text = { ja: '市区町村独自の項目', en: 'Asked by your municipality' };
const REQUIRED_BADGE: Text = { ja: '必須', en: 'Required' };

function fieldByPath(layout: FormLayout, path: string, rowFields?: FieldDef[]): FieldDef | undefined {
  if (rowFields) return rowFields.find((f) => f.id === path);
  const found = placedItems(layout).find((p) => p.path === path);
  return found && !isGroup(found.item) ? found.item : undefined;
}

function valueLabel(field: FieldDef | undefined, value: unknown): Text {
  if (value === true) return YES;
  if (value === false) return NO;
  const option = field?.options?.find((o) => o.value === value);
  return option ? option.label : { ja: String(value), en: String(value) };
}

/** 「振込先」で「その他の口座」を選んだ場合 */
export function conditionText(layout: FormLayout, condition: Condition, rowFields?: FieldDef[]): Text {
  const field = fieldByPath(layout, condition.field, rowFields);
  const label = field?.label ?? { ja: condition.field, en: condition.field };
  if ('truthy' in condition) return { ja: `「${label.ja}」に回答した場合`, en: `If you answered “${label.en}”` };
  const values = 'equals' in condition ? [condition.equals] : 'in' in condition ? condition.in : [condition.includes];
  const labels = values.map((v) => valueLabel(field, v));
  const ja = labels.map((l) => `「${l.ja}」`).join('・');
  const en = labels.map((l) => `“${l.en}”`).join(' or ');
  return { ja: `「${label.ja}」で${ja}を選んだ場合に回答してください`, en: `Answer if you chose ${en} for “${label.en}”` };
}

function stepOfPath(layout: FormLayout, path: string): StepDef | undefined {
  return placedItems(layout).find((p) => p.path === path)?.step;
}

interface RenderState {
  ctx: PageContext;
  layout: FormLayout;
  step: StepDef;
  values: Data;
  errors: Map<string, FieldError>;
}

/** Whether a condition is shown with a note (on this page) or decided now (from an earlier step). */
function visibility(state: RenderState, condition: Condition | undefined): 'show' | 'note' | 'hide' {
  if (!condition) return 'show';
  if (stepOfPath(state.layout, condition.field)?.id === state.step.id) return 'note';
  return holds(condition, state.values) ? 'show' : 'hide';
}

function ErrorText(props: { ctx: PageContext; id: string; error: FieldError | undefined }): JSX.Element {
  return props.error ? (
    <p id={`${props.id}-error`} class="field-error" safe>
      {props.ctx.t(props.error.message)}
    </p>
  ) : (
    ''
  );
}

function describedBy(id: string, hasHint: boolean, hasError: boolean): string | undefined {
  return [hasHint ? `${id}-hint` : '', hasError ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Label(props: { ctx: PageContext; field: FieldDef; forId?: string }): JSX.Element {
  const { ctx, field } = props;
  const content = (
    <>
      <span safe>{ctx.t(field.label)}</span>
      {field.required ? (
        <span class="flag flag-required" safe>
          {ctx.t(REQUIRED_BADGE)}
        </span>
      ) : (
        ''
      )}
    </>
  );
  return props.forId ? <label for={props.forId}>{content}</label> : <legend class="form-legend">{content}</legend>;
}

function HintText(props: { ctx: PageContext; id: string; hint: Text[] }): JSX.Element {
  return props.hint.length > 0 ? (
    <span class="hint" id={`${props.id}-hint`} safe>
      {props.hint.map((h) => props.ctx.t(h)).join(' ')}
    </span>
  ) : (
    ''
  );
}

const INPUT_TYPE: Partial<Record<FieldDef['widget'], string>> = { text: 'text', date: 'date', tel: 'tel', email: 'email', 'postal-code': 'text', number: 'text' };

export function FieldView(props: { ctx: PageContext; field: FieldDef; name: string; value: unknown; error: FieldError | undefined; note?: Text | undefined }): JSX.Element {
  const { ctx, field, name, value, error } = props;
  const id = fieldIdOf(name);
  const hint = [field.help, props.note].filter((h): h is Text => h !== undefined);
  const invalid = error ? 'true' : undefined;
  const describe = describedBy(id, hint.length > 0, Boolean(error));
  const text = value === undefined || value === null ? '' : Array.isArray(value) ? '' : String(value);

  if (field.widget === 'radio' || field.widget === 'yes-no' || field.widget === 'checkbox') {
    const isSingleBox = field.widget === 'checkbox' && !(field.options && field.options.length > 0);
    if (isSingleBox) {
      return (
        <div class={error ? 'field field-check field-invalid' : 'field field-check'}>
          <ErrorText ctx={ctx} id={id} error={error} />
          <div class="choice">
            <input type="checkbox" id={id} name={name} value="true" checked={value === true} aria-invalid={invalid} aria-describedby={describe} />
            <Label ctx={ctx} field={field} forId={id} />
          </div>
          <HintText ctx={ctx} id={id} hint={hint} />
        </div>
      );
    }
    const choices =
      field.widget === 'yes-no'
        ? [
            { value: 'true', label: YES, checked: value === true },
            { value: 'false', label: NO, checked: value === false },
          ]
        : (field.options ?? []).map((o) => ({ value: o.value, label: o.label, checked: Array.isArray(value) ? value.includes(o.value) : value === o.value }));
    const type = field.widget === 'checkbox' ? 'checkbox' : 'radio';
    return (
      <fieldset class="field" id={id} aria-describedby={describe}>
        <Label ctx={ctx} field={field} />
        <HintText ctx={ctx} id={id} hint={hint} />
        <ErrorText ctx={ctx} id={id} error={error} />
        {choices.map((c, i) => (
          <div class="choice">
            <input type={type} id={`${id}-${i}`} name={name} value={c.value} checked={c.checked} />
            <label for={`${id}-${i}`} safe>
              {ctx.t(c.label)}
            </label>
          </div>
        ))}
      </fieldset>
    );
  }

  let control: JSX.Element;
  if (field.widget === 'textarea') {
    control = (
      <textarea id={id} name={name} rows="4" maxlength={field.maxLength} aria-invalid={invalid} aria-describedby={describe} safe>
        {text}
      </textarea>
    );
  } else if (field.widget === 'select') {
    control = (
      <select id={id} name={name} aria-invalid={invalid} aria-describedby={describe}>
        <option value="">{ctx.h({ ja: '選択してください', en: 'Choose' })}</option>
        {(field.options ?? []).map((o) => (
          <option value={o.value} selected={o.value === value} safe>
            {ctx.t(o.label)}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        type={INPUT_TYPE[field.widget] ?? 'text'}
        id={id}
        name={name}
        value={text}
        maxlength={field.maxLength}
        inputmode={field.widget === 'number' ? (field.integer ? 'numeric' : 'decimal') : field.widget === 'postal-code' ? 'numeric' : undefined}
        autocomplete={field.autocomplete}
        aria-invalid={invalid}
        aria-describedby={describe}
      />
    );
  }
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <Label ctx={ctx} field={field} forId={id} />
      <HintText ctx={ctx} id={id} hint={hint} />
      <ErrorText ctx={ctx} id={id} error={error} />
      {control}
    </div>
  );
}

function GroupView(props: { state: RenderState; group: GroupDef; path: string }): JSX.Element {
  const { state, group, path } = props;
  const { ctx } = state;
  const rows = valueAt(state.values, path);
  const list: Data[] = Array.isArray(rows) ? rows.map((r) => (isRecord(r) ? r : {})) : [];
  // An empty required group starts with one row to fill in.
  const shown = list.length === 0 && (group.minItems ?? 0) > 0 ? [{}] : list;
  const id = fieldIdOf(path);
  const error = state.errors.get(path);
  return (
    <fieldset class="field" id={id} aria-describedby={describedBy(id, Boolean(group.help), Boolean(error))}>
      <legend class="form-legend" safe>
        {ctx.t(group.label)}
      </legend>
      <HintText ctx={ctx} id={id} hint={group.help ? [group.help] : []} />
      <ErrorText ctx={ctx} id={id} error={error} />
      {shown.map((row, i) => {
        const rowName = `${path}[${i}]`;
        const rowLabel = { ja: `${group.itemLabel.ja} ${i + 1}`, en: `${group.itemLabel.en} ${i + 1}` };
        return (
          <fieldset class="child-row">
            <legend safe>{ctx.t(rowLabel)}</legend>
            <input type="hidden" name={`${rowName}.${ROW_MARKER}`} value="1" />
            {group.fields.map((f) => (
              <FieldView
                ctx={ctx}
                field={f}
                name={`${rowName}.${f.id}`}
                value={row[f.id]}
                error={state.errors.get(`${rowName}.${f.id}`)}
                note={f.when ? conditionText(state.layout, f.when, group.fields) : undefined}
              />
            ))}
            {shown.length > (group.minItems ?? 0) || shown.length > 1 ? (
              <button type="submit" class="button-secondary" name={ACTION_FIELD} value={`remove:${path}:${i}`} safe>
                {ctx.t({ ja: `${rowLabel.ja}を削除`, en: `Remove ${rowLabel.en.toLowerCase()}` })}
              </button>
            ) : (
              ''
            )}
          </fieldset>
        );
      })}
      {shown.length < (group.maxItems ?? 50) ? (
        <button type="submit" class="button-secondary" name={ACTION_FIELD} value={`add:${path}`} safe>
          {ctx.t({ ja: `${group.itemLabel.ja}を追加`, en: `Add a ${group.itemLabel.en.toLowerCase()}` })}
        </button>
      ) : (
        ''
      )}
    </fieldset>
  );
}

/** A section's title, with the badge that marks a municipality's own section (上乗せ). */
export function SectionTitle(props: { ctx: PageContext; section: SectionDef; badge?: Text }): JSX.Element {
  const { ctx, section } = props;
  return (
    <>
      <span safe>{ctx.t(section.title)}</span>
      {section.local ? (
        <span class="flag flag-optional" safe>
          {ctx.t(props.badge ?? LOCAL_BADGE)}
        </span>
      ) : (
        ''
      )}
    </>
  );
}

function SectionView(props: { state: RenderState; section: SectionDef }): JSX.Element {
  const { state, section } = props;
  const { ctx } = state;
  const seen = visibility(state, section.when);
  if (seen === 'hide') return '';
  const base = sectionPath(section);
  const note = seen === 'note' && section.when ? conditionText(state.layout, section.when) : undefined;
  const hint = [section.help, note].filter((h): h is Text => h !== undefined);
  const sectionId = `s-${section.id}`;
  return (
    <fieldset class={section.local ? 'form-section form-section-local' : 'form-section'} id={sectionId} data-local={section.local ? 'true' : undefined}>
      <legend class="form-legend">
        <SectionTitle ctx={ctx} section={section} />
      </legend>
      {hint.length > 0 ? (
        <p class="hint" safe>
          {hint.map((h) => ctx.t(h)).join(' ')}
        </p>
      ) : (
        ''
      )}
      {section.items.map((item) => {
        const path = joinPath(base, item.id);
        const itemSeen = visibility(state, item.when);
        if (itemSeen === 'hide') return '';
        if (isGroup(item)) return <GroupView state={state} group={item} path={path} />;
        const itemNote = itemSeen === 'note' && item.when ? conditionText(state.layout, item.when) : undefined;
        return <FieldView ctx={ctx} field={item} name={path} value={valueAt(state.values, path)} error={state.errors.get(path)} note={itemNote} />;
      })}
    </fieldset>
  );
}

/** The error summary of a form step: each problem links to its field. */
export function FormErrorSummary(props: { ctx: PageContext; errors: readonly FieldError[] }): JSX.Element {
  const { ctx, errors } = props;
  if (errors.length === 0) return '';
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title">{ctx.h({ ja: '入力内容を確認してください', en: 'There is a problem' })}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${fieldIdOf(e.field)}`} safe>
              {ctx.t(e.message)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface FormStepProps {
  ctx: PageContext;
  version: FormVersion;
  stepId: string;
  /** The data so far (all steps: conditions may depend on earlier answers). */
  values: Data;
  errors?: readonly FieldError[];
  /** Where the form posts. */
  action: string;
  /** Extra hidden fields (e.g. a draft id or version). */
  hidden?: Record<string, string>;
  submitLabel?: Text;
  /** A secondary link back (the previous step). */
  backHref?: string;
}

/** The fields of one step, without the <form> element (for pages that wrap their own). */
export function FormStepFields(props: Omit<FormStepProps, 'action' | 'hidden' | 'submitLabel' | 'backHref'>): JSX.Element {
  const { ctx, version, stepId, values } = props;
  const layout = version.definition.layout;
  const step = layout.steps.find((s) => s.id === stepId);
  if (!step) return '';
  const errors = new Map((props.errors ?? []).map((e) => [e.field, e]));
  const state: RenderState = { ctx, layout, step, values, errors };
  return (
    <>
      {step.sections.map((section) => (
        <SectionView state={state} section={section} />
      ))}
    </>
  );
}

/** One step of a form as a complete <form>: error summary, fields, and the continue button. */
export function FormStep(props: FormStepProps): JSX.Element {
  const { ctx } = props;
  const submit = props.submitLabel ?? { ja: '次へ進む', en: 'Continue' };
  return (
    <form method="post" action={props.action} novalidate>
      {/* Enter in a text box presses the first submit button: make that one "continue", not "add a row". */}
      <button type="submit" name={ACTION_FIELD} value="continue" class="visually-hidden" tabindex="-1" safe>
        {ctx.t(submit)}
      </button>
      <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <FormErrorSummary ctx={ctx} errors={props.errors ?? []} />
      <FormStepFields ctx={ctx} version={props.version} stepId={props.stepId} values={props.values} errors={props.errors ?? []} />
      <div class="button-row">
        <button type="submit" name={ACTION_FIELD} value="continue" safe>
          {ctx.t(submit)}
        </button>
        {props.backHref ? (
          <a href={props.backHref} class="back-link">
            {ctx.h({ ja: '前に戻る', en: 'Back' })}
          </a>
        ) : (
          ''
        )}
      </div>
    </form>
  );
}

function formatValue(ctx: PageContext, field: FieldDef, value: unknown): string {
  if (value === undefined || value === null || value === '') return ctx.t({ ja: '（未入力）', en: '(not answered)' });
  if (Array.isArray(value)) return value.map((v) => ctx.t(valueLabel(field, v))).join('、');
  if (field.widget === 'checkbox' && value === true) return ctx.t({ ja: 'チェックあり', en: 'Ticked' });
  return ctx.t(valueLabel(field, value));
}

/**
 * Check your answers: every visible answer of every step, with a link to change each step. Pass
 * the cleaned data (hidden parts dropped), so what is shown is what will be sent.
 */
export function CheckAnswers(props: {
  ctx: PageContext;
  version: FormVersion;
  data: Data;
  changeHref?: (stepId: string) => string;
  /** Several forms on one page (a bundle): headings one level down, ids kept apart. */
  nested?: { idPrefix: string };
}): JSX.Element {
  const { ctx, version, data, nested } = props;
  const layout = version.definition.layout;
  return (
    <div class="check-answers">
      {layout.steps.map((step) => {
        const headingId = `${nested ? `${nested.idPrefix}-` : ''}answers-${step.id}`;
        return (
          <section aria-labelledby={headingId}>
            {nested ? (
              <h3 id={headingId} safe>
                {ctx.t(step.title)}
              </h3>
            ) : (
              <h2 id={headingId} safe>
                {ctx.t(step.title)}
              </h2>
            )}
            {step.sections
              .filter((section) => holds(section.when, data))
              .map((section) => {
                const base = sectionPath(section);
                return (
                  <>
                    {nested ? (
                      <h4>
                        <SectionTitle ctx={ctx} section={section} />
                      </h4>
                    ) : (
                      <h3>
                        <SectionTitle ctx={ctx} section={section} />
                      </h3>
                    )}
                    <dl class="facts">
                      {section.items
                        .filter((item) => holds(item.when, data))
                        .map((item) => {
                          const path = joinPath(base, item.id);
                          if (!isGroup(item)) {
                            return (
                              <>
                                <dt safe>{ctx.t(item.label)}</dt>
                                <dd safe>{formatValue(ctx, item, valueAt(data, path))}</dd>
                              </>
                            );
                          }
                          const rows = valueAt(data, path);
                          const list = Array.isArray(rows) ? rows.filter(isRecord) : [];
                          return (
                            <>
                              <dt safe>{ctx.t(item.label)}</dt>
                              <dd>
                                {list.length === 0
                                  ? ctx.h({ ja: '（なし）', en: '(none)' })
                                  : list.map((row, i) => (
                                      <dl class="facts">
                                        <dt safe>{ctx.t({ ja: `${item.itemLabel.ja} ${i + 1}`, en: `${item.itemLabel.en} ${i + 1}` })}</dt>
                                        <dd>
                                          {item.fields
                                            .filter((f) => holds(f.when, row) && row[f.id] !== undefined)
                                            .map((f) => (
                                              <p safe>{`${ctx.t(f.label)}：${formatValue(ctx, f, row[f.id])}`}</p>
                                            ))}
                                        </dd>
                                      </dl>
                                    ))}
                              </dd>
                            </>
                          );
                        })}
                    </dl>
                  </>
                );
              })}
            {props.changeHref ? (
              <p>
                <a href={props.changeHref(step.id)}>
                  <span safe>{ctx.t({ ja: '変更する', en: 'Change' })}</span>
                  <span class="visually-hidden" safe>
                    {`（${ctx.t(step.title)}）`}
                  </span>
                </a>
              </p>
            ) : (
              ''
            )}
          </section>
        );
      })}
    </div>
  );
}
