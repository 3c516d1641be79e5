// The form builder's edits as pure functions on a layout: what a clerk does with the HTML forms
// of the console (add, change, remove and reorder sections and fields). Validation of the result
// is check-layout.ts's job; the use case (save-form.ts) saves it with its history row.
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { isGroup, WIDGETS, type Condition, type FieldDef, type FormLayout, type GroupDef, type ItemDef, type SectionDef, type Widget } from './definition.ts';

function fail(en: string, ja: string, field = 'op'): AppError {
  return new AppError('forms.invalid_edit', 'bad_request', en, { ja, fields: [{ field, rule: 'edit', message: { ja, en } }] });
}

function sectionOf(layout: FormLayout, sectionId: string): { section: SectionDef; list: SectionDef[]; index: number } {
  for (const step of layout.steps) {
    const index = step.sections.findIndex((s) => s.id === sectionId);
    if (index >= 0) return { section: step.sections[index]!, list: step.sections, index };
  }
  throw fail('There is no such section.', 'セクションが見つかりません。');
}

/** The list a field edit works on: the section's items, or a repeating group's row fields. */
function listOf(section: SectionDef, groupId: string | undefined): { list: ItemDef[]; group: GroupDef | null } {
  if (!groupId) return { list: section.items, group: null };
  const group = section.items.find((i) => i.id === groupId);
  if (!group || !isGroup(group)) throw fail('There is no such repeating group.', '繰り返し項目が見つかりません。', 'groupId');
  return { list: group.fields, group };
}

/** The most rows a repeating group may have. */
export const MAX_GROUP_ROWS = 50;

/** Only sections a municipality may change: all of its own form, the local ones of an adopted form. */
export function assertEditable(section: SectionDef, adopted: boolean): void {
  if (adopted && !section.local) throw fail('The national part cannot be changed.', '国の様式の部分は変更できません。');
}

function move<T>(list: T[], index: number, delta: number): void {
  const to = index + delta;
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item!);
}

/** An identifier from English text: "Preferred date" → preferredDate; unique among `taken`. */
export function identifierOf(text: string, taken: Set<string>, fallback: string): string {
  const words = text.normalize('NFKD').replace(/[^A-Za-z0-9 ]+/g, ' ').trim().split(/\s+/).filter(Boolean).slice(0, 5);
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  if (!/^[a-zA-Z]/.test(base)) base = fallback;
  return uniqueIdentifier(base.slice(0, 30), taken);
}

/** `base`, or `base2`, `base3`… : the first not among `taken`. */
export function uniqueIdentifier(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  return id;
}

export interface FieldInput {
  labelJa: string;
  labelEn: string;
  widget: string;
  required: boolean;
  helpJa: string;
  helpEn: string;
  /** One option a line: 「日本語 / English」. */
  options: string;
  /** `path|value` of a choice field, or ''. */
  condition: string;
  maxLength?: number | undefined;
}

export function optionsOf(text: string, previous: FieldDef['options'] = []): NonNullable<FieldDef['options']> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 50)
    .map((line, i) => {
      const [ja, en] = line.split(/\s*[/／]\s*/);
      // Keep the value of an option whose Japanese label is unchanged, so answers keep their meaning.
      const kept = previous.find((o) => o.label.ja === ja?.trim());
      return { value: kept?.value ?? `option${i + 1}`, label: { ja: (ja ?? '').trim(), en: (en ?? ja ?? '').trim() } };
    })
    .map((o, i, all) => (all.findIndex((x) => x.value === o.value) === i ? o : { ...o, value: `option${i + 1}_${i}` }));
}

export function optionsText(field: FieldDef | undefined): string {
  return (field?.options ?? []).map((o) => `${o.label.ja} / ${o.label.en}`).join('\n');
}

/** The builder's inputs for an existing field (or a new one): the inverse of `fieldOf`. */
export function inputOfField(field: FieldDef | undefined): FieldInput {
  return {
    labelJa: field?.label.ja ?? '',
    labelEn: field?.label.en ?? '',
    widget: field?.widget ?? 'text',
    required: Boolean(field?.required),
    helpJa: field?.help?.ja ?? '',
    helpEn: field?.help?.en ?? '',
    options: optionsText(field),
    condition: field?.when && 'equals' in field.when ? `${field.when.field}|${String(field.when.equals)}` : '',
  };
}

function required(field: string, ja: string, en: string): FieldProblem {
  return { field, rule: 'required', message: { ja, en } };
}

// What the clerk typed is checked here, named by the inputs they typed into, so that the page can
// show each problem at its input; check-layout.ts then checks the whole layout (ids, conditions).
function assertInput(problems: FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('forms.invalid_edit', 'bad_request', 'The change is not valid.', { ja: '入力内容に誤りがあります。', fields: problems });
}

function titleProblems(titleJa: string, titleEn: string, what: { ja: string; en: string }): FieldProblem[] {
  return [
    ...(titleJa.trim() ? [] : [required('titleJa', `${what.ja}（日本語）を入力してください`, `Enter the ${what.en} in Japanese`)]),
    ...(titleEn.trim() ? [] : [required('titleEn', `${what.ja}（英語）を入力してください`, `Enter the ${what.en} in English`)]),
  ];
}

function fieldInputProblems(input: FieldInput): FieldProblem[] {
  const needsOptions = (input.widget === 'select' || input.widget === 'radio') && optionsOf(input.options).length === 0;
  return [
    ...(input.labelJa.trim() ? [] : [required('labelJa', '項目名（日本語）を入力してください', 'Enter the label in Japanese')]),
    ...(input.labelEn.trim() ? [] : [required('labelEn', '項目名（英語）を入力してください', 'Enter the label in English')]),
    ...(needsOptions ? [required('options', '選択肢を1行に1つ入力してください', 'Enter the options, one a line')] : []),
  ];
}

function conditionOf(text: string): Condition | undefined {
  if (!text) return undefined;
  const bar = text.indexOf('|');
  if (bar <= 0) return undefined;
  const field = text.slice(0, bar);
  const raw = text.slice(bar + 1);
  return { field, equals: raw === 'true' ? true : raw === 'false' ? false : raw };
}

export function fieldOf(input: FieldInput, id: string, previous?: FieldDef): FieldDef {
  const widget = (WIDGETS as readonly string[]).includes(input.widget) ? (input.widget as Widget) : 'text';
  const choice = widget === 'select' || widget === 'radio' || widget === 'checkbox';
  const help = input.helpJa.trim() || input.helpEn.trim() ? { ja: input.helpJa.trim(), en: input.helpEn.trim() || input.helpJa.trim() } : undefined;
  const when = conditionOf(input.condition);
  const options = choice ? optionsOf(input.options, previous?.options) : [];
  return {
    id,
    label: { ja: input.labelJa.trim().slice(0, 200), en: input.labelEn.trim().slice(0, 200) },
    widget,
    ...(input.required ? { required: true } : {}),
    ...(help ? { help } : {}),
    ...(options.length > 0 ? { options } : {}),
    ...(when ? { when } : {}),
    ...(input.maxLength ? { maxLength: input.maxLength } : {}),
    ...(previous?.pattern ? { pattern: previous.pattern } : {}),
    ...(previous?.patternHint ? { patternHint: previous.patternHint } : {}),
    ...(previous?.prefill ? { prefill: previous.prefill } : {}),
  };
}

export interface GroupInput {
  /** The group's heading (「同居している家族」). */
  titleJa: string;
  titleEn: string;
  /** One row's name, numbered on the page (「家族 1」). */
  itemJa: string;
  itemEn: string;
  /** The most rows, as typed ('' for the default). */
  maxItems: string;
}

// Field edits name a repeating group's row field with `groupId` (the group's id in the section).
export type BuilderOp =
  | { op: 'add-section'; stepId: string; titleJa: string; titleEn: string }
  | { op: 'remove-section' | 'section-up' | 'section-down'; sectionId: string }
  | { op: 'add-group'; sectionId: string; group: GroupInput }
  | { op: 'add-field'; sectionId: string; groupId?: string; field: FieldInput }
  | { op: 'update-field'; sectionId: string; groupId?: string; fieldId: string; field: FieldInput }
  | { op: 'remove-field' | 'field-up' | 'field-down'; sectionId: string; groupId?: string; fieldId: string }
  | { op: 'add-step'; titleJa: string; titleEn: string };

function groupInputProblems(input: GroupInput): FieldProblem[] {
  const max = input.maxItems.trim();
  const badMax = max !== '' && !(/^[0-9]+$/.test(max) && Number(max) >= 1 && Number(max) <= MAX_GROUP_ROWS);
  return [
    ...titleProblems(input.titleJa, input.titleEn, { ja: '見出し', en: 'heading' }),
    ...(input.itemJa.trim() ? [] : [required('itemJa', '1件の呼び名（日本語）を入力してください', 'Enter the name of one row in Japanese')]),
    ...(input.itemEn.trim() ? [] : [required('itemEn', '1件の呼び名（英語）を入力してください', 'Enter the name of one row in English')]),
    ...(badMax ? [{ field: 'maxItems', rule: 'range', message: { ja: `最大件数は1から${MAX_GROUP_ROWS}までの数字で入力してください`, en: `Enter the most rows as a number from 1 to ${MAX_GROUP_ROWS}` } }] : []),
  ];
}

/** Applies one edit to a copy of the layout. `adopted`: only local sections change, new ones are local. */
export function applyBuilderOp(layout: FormLayout, op: BuilderOp, adopted: boolean): FormLayout {
  const next = structuredClone(layout);
  switch (op.op) {
    case 'add-step': {
      if (adopted) throw fail('Steps of a national form cannot be added; add a local section to a step.', '国の様式にはステップを追加できません。既存のステップに独自項目のセクションを追加してください。');
      assertInput(titleProblems(op.titleJa, op.titleEn, { ja: 'ステップ名', en: 'step title' }));
      const taken = new Set(next.steps.map((s) => s.id));
      next.steps.push({ id: identifierOf(op.titleEn, taken, `step${next.steps.length + 1}`), title: { ja: op.titleJa.trim(), en: op.titleEn.trim() }, sections: [] });
      return next;
    }
    case 'add-section': {
      const step = next.steps.find((s) => s.id === op.stepId);
      if (!step) throw fail('There is no such step.', 'ステップが見つかりません。', 'stepId');
      assertInput(titleProblems(op.titleJa, op.titleEn, { ja: '見出し', en: 'heading' }));
      const taken = new Set(next.steps.flatMap((s) => s.sections.map((x) => x.id)));
      const id = identifierOf(op.titleEn, taken, `section${taken.size + 1}`);
      const keys = new Set(next.steps.flatMap((s) => s.sections.map((x) => x.key ?? '')));
      step.sections.push({ id, key: identifierOf(op.titleEn, keys, id), title: { ja: op.titleJa.trim(), en: op.titleEn.trim() }, ...(adopted ? { local: true } : {}), items: [] });
      return next;
    }
    case 'remove-section':
    case 'section-up':
    case 'section-down': {
      const { section, list, index } = sectionOf(next, op.sectionId);
      assertEditable(section, adopted);
      if (op.op === 'remove-section') list.splice(index, 1);
      else move(list, index, op.op === 'section-up' ? -1 : 1);
      return next;
    }
    case 'add-group': {
      const { section } = sectionOf(next, op.sectionId);
      assertEditable(section, adopted);
      assertInput(groupInputProblems(op.group));
      const taken = new Set(section.items.map((i) => i.id));
      const max = op.group.maxItems.trim();
      section.items.push({
        kind: 'group',
        id: identifierOf(op.group.titleEn, taken, `group${taken.size + 1}`),
        label: { ja: op.group.titleJa.trim().slice(0, 200), en: op.group.titleEn.trim().slice(0, 200) },
        itemLabel: { ja: op.group.itemJa.trim().slice(0, 100), en: op.group.itemEn.trim().slice(0, 100) },
        maxItems: max ? Number(max) : 10,
        fields: [],
      });
      return next;
    }
    case 'add-field': {
      const { section } = sectionOf(next, op.sectionId);
      assertEditable(section, adopted);
      const { list } = listOf(section, op.groupId);
      assertInput(fieldInputProblems(op.field));
      const taken = new Set(list.map((i) => i.id));
      list.push(fieldOf(op.field, identifierOf(op.field.labelEn, taken, `field${taken.size + 1}`)));
      return next;
    }
    case 'update-field': {
      const { section } = sectionOf(next, op.sectionId);
      assertEditable(section, adopted);
      const { list } = listOf(section, op.groupId);
      const index = list.findIndex((i) => i.id === op.fieldId);
      const previous = list[index];
      if (!previous || isGroup(previous)) throw fail('There is no such field.', '項目が見つかりません。');
      assertInput(fieldInputProblems(op.field));
      list[index] = fieldOf(op.field, previous.id, previous);
      return next;
    }
    default: {
      const { section } = sectionOf(next, op.sectionId);
      assertEditable(section, adopted);
      const { list } = listOf(section, op.groupId);
      const index = list.findIndex((i) => i.id === op.fieldId);
      if (index < 0) throw fail('There is no such field.', '項目が見つかりません。');
      if (op.op === 'remove-field') list.splice(index, 1);
      else move(list, index, op.op === 'field-up' ? -1 : 1);
      return next;
    }
  }
}
