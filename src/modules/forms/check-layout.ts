// Whether a layout is a form we can render and validate: identifiers, unique data paths, options
// where a widget needs them, conditions that name an existing field, and — for an adopted form —
// the national part unchanged (上乗せ・独自利用事務 goes only into sections marked local).
import canonicalize from 'canonicalize';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { isGroup, joinPath, placedItems, sectionPath, WIDGETS, type Condition, type FormLayout, type SectionDef } from './definition.ts';

const IDENT = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}(\.[a-zA-Z][a-zA-Z0-9_]{0,39}){0,2}$/;

function problem(field: string, rule: string, ja: string, en: string): FieldProblem {
  return { field, rule, message: { ja, en } };
}

export function layoutProblems(layout: FormLayout): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!Array.isArray(layout?.steps) || layout.steps.length === 0) return [problem('steps', 'minItems', 'ステップを1つ以上作成してください。', 'Add at least one step.')];
  const stepIds = new Set<string>();
  const sectionIds = new Set<string>();
  const paths = new Map<string, string>();
  for (const step of layout.steps) {
    if (!IDENT.test(step.id) || stepIds.has(step.id)) problems.push(problem(`steps.${step.id}`, 'id', `ステップのID「${step.id}」は英字で始まる重複しない英数字にしてください。`, `Step id “${step.id}” must be unique letters and digits.`));
    stepIds.add(step.id);
    if (!step.title?.ja?.trim() || !step.title?.en?.trim()) problems.push(problem(`steps.${step.id}.title`, 'required', 'ステップの名前を日本語と英語で入力してください。', 'Give the step a title in Japanese and English.'));
    for (const section of step.sections) {
      if (!IDENT.test(section.id) || sectionIds.has(section.id)) problems.push(problem(`sections.${section.id}`, 'id', `セクションのID「${section.id}」は英字で始まる重複しない英数字にしてください。`, `Section id “${section.id}” must be unique letters and digits.`));
      sectionIds.add(section.id);
      if (section.key !== undefined && (!KEY.test(section.key) || (!section.local && section.key.split('.')[0] === 'local'))) {
        problems.push(problem(`sections.${section.id}.key`, 'pattern', `データ名「${section.key}」は使えません（local は独自項目専用です）。`, `The data name “${section.key}” cannot be used (local is for local sections).`));
      }
      if (!section.title?.ja?.trim() || !section.title?.en?.trim()) problems.push(problem(`sections.${section.id}.title`, 'required', 'セクションの見出しを日本語と英語で入力してください。', 'Give the section a title in Japanese and English.'));
      const base = sectionPath(section);
      for (const item of section.items) {
        const path = joinPath(base, item.id);
        const at = `fields.${path}`;
        if (!IDENT.test(item.id)) problems.push(problem(at, 'id', `項目のID「${item.id}」は英字で始まる英数字にしてください。`, `Field id “${item.id}” must be letters and digits.`));
        if (paths.has(path)) problems.push(problem(at, 'unique', `データ名「${path}」が重複しています。`, `The data name “${path}” is used twice.`));
        if (!item.label?.ja?.trim() || !item.label?.en?.trim()) problems.push(problem(`${at}.label`, 'required', `項目「${item.id}」の名前を日本語と英語で入力してください。`, `Give field “${item.id}” a label in Japanese and English.`));
        paths.set(path, isGroup(item) ? 'group' : item.widget);
        const inner = isGroup(item) ? item.fields : [];
        const rowIds = new Set<string>();
        for (const f of inner) {
          if (!IDENT.test(f.id) || rowIds.has(f.id)) problems.push(problem(`${at}.${f.id}`, 'id', `繰り返し項目のID「${f.id}」が正しくないか重複しています。`, `Row field id “${f.id}” is wrong or used twice.`));
          rowIds.add(f.id);
        }
        for (const f of isGroup(item) ? item.fields : [item]) {
          if (!(WIDGETS as readonly string[]).includes(f.widget)) problems.push(problem(`${at}`, 'widget', `項目「${f.id}」の入力方法が正しくありません。`, `Field “${f.id}” has an unknown widget.`));
          if ((f.widget === 'select' || f.widget === 'radio') && !(f.options && f.options.length > 0)) {
            problems.push(problem(`${at}.options`, 'options', `項目「${f.label?.ja ?? f.id}」に選択肢を1つ以上入力してください。`, `Give “${f.label?.en ?? f.id}” at least one option.`));
          }
          if (f.pattern !== undefined) {
            try {
              new RegExp(f.pattern, 'u');
            } catch {
              problems.push(problem(`${at}.pattern`, 'pattern', `項目「${f.id}」の入力形式（正規表現）が正しくありません。`, `Field “${f.id}” has an invalid pattern.`));
            }
          }
        }
      }
    }
  }
  // Conditions name fields defined somewhere in the form (rows: a field of the same row).
  const checkCondition = (where: string, condition: Condition | undefined, rowFields?: Set<string>) => {
    if (!condition) return;
    const known = rowFields ? rowFields.has(condition.field) : paths.has(condition.field) && paths.get(condition.field) !== 'group';
    if (!known) problems.push(problem(where, 'condition', `表示条件の項目「${condition.field}」がありません。`, `The condition names “${condition.field}”, which is not a field.`));
  };
  for (const step of layout.steps) for (const section of step.sections) checkCondition(`sections.${section.id}.when`, section.when);
  for (const { item, path } of placedItems(layout)) {
    checkCondition(`fields.${path}.when`, item.when);
    if (isGroup(item)) {
      const rowFields = new Set(item.fields.map((f) => f.id));
      for (const f of item.fields) checkCondition(`fields.${path}.${f.id}.when`, f.when, rowFields);
    }
  }
  return problems;
}

export function invalidLayout(problems: FieldProblem[]): AppError {
  return new AppError('forms.invalid_layout', 'bad_request', 'The form is not valid.', { ja: 'フォームの内容に誤りがあります。', fields: problems });
}

export function assertLayout(layout: FormLayout): void {
  const problems = layoutProblems(layout);
  if (problems.length > 0) throw invalidLayout(problems);
}

/** What a draft may lack but a published form may not: a question in every repeating group. */
export function publishProblems(layout: FormLayout): FieldProblem[] {
  return placedItems(layout)
    .filter(({ item }) => isGroup(item) && item.fields.length === 0)
    .map(({ item, path }) => problem(`fields.${path}`, 'minItems', `繰り返し項目「${item.label.ja}」に項目を1つ以上追加してください。`, `Add at least one field to the repeating group “${item.label.en}”.`));
}

/** For an adopted form: the sections that are not local must be the template's, unchanged and in order. */
export function nationalPartProblems(template: FormLayout, layout: FormLayout): FieldProblem[] {
  const national = (l: FormLayout) =>
    canonicalize(
      l.steps
        .filter((s) => s.sections.some((x) => !x.local))
        .map((s) => ({ id: s.id, title: s.title, sections: s.sections.filter((x: SectionDef) => !x.local) })),
    );
  return national(template) === national(layout)
    ? []
    : [problem('layout', 'national', '国の様式の部分は変更できません。独自の項目は「独自項目」のセクションに追加してください。', 'The national part cannot be changed. Add your own fields in a local section.')];
}
