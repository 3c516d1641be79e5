// What the form builder's pages share: where they live, reading a posted value, the notices after
// an edit, text inputs with their problems, and the editor forms a failed edit is shown again in.
import type { PropsWithChildren } from '@kitajs/html';
import type { AppError } from '../../../platform/errors.ts';
import type { Text } from '../../../platform/i18n.ts';
import { CsrfField } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import type { FieldInput } from '../builder-ops.ts';

export const BASE = '/staff/forms';

export type Body = Record<string, unknown>;

export function field(body: unknown, name: string, max = 2000): string {
  const value = (body as Body | undefined)?.[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, max) : '';
}

export const KIND_LABEL: Record<string, Text> = {
  national_template: { ja: '国の様式', en: 'National template' },
  adopted: { ja: '国の様式を採用（独自項目あり）', en: 'Adopted national template' },
  own: { ja: '独自の様式', en: 'Own form' },
};

export const DONE: Record<string, Text> = {
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

export function Done(props: { ctx: PageContext; done: string | undefined }): JSX.Element {
  const message = props.done ? DONE[props.done] : undefined;
  return message ? (
    <p class="notice" role="status" safe>
      {props.ctx.t(message)}
    </p>
  ) : (
    ''
  );
}

export function problemAt(ctx: PageContext, error: AppError | undefined, name: string): string | null {
  const found = error?.fields.filter((f) => f.field === name) ?? [];
  return found.length > 0 ? found.map((f) => ctx.t(f.message)).join(' / ') : null;
}

export function TextInput(props: { ctx: PageContext; name: string; id?: string; label: Text; value: string; error?: AppError | undefined; hint?: Text; textarea?: boolean }): JSX.Element {
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


/**
 * The id prefix of each editor form on the page. A failed edit is shown again in the form it came
 * from — its problems at its inputs, what the clerk typed kept — and the error summary links there.
 */
export const EDITOR = {
  field: (sectionId: string, fieldId?: string, groupId?: string) => {
    const at = groupId ? `${sectionId}-${groupId}` : sectionId;
    return fieldId ? `${at}-${fieldId}` : `new-field-${at}`;
  },
  group: (sectionId: string) => `new-group-${sectionId}`,
  section: (stepId: string) => `new-section-${stepId}`,
  step: 'new-step',
};

/** The inputs of the editor forms that problems can name (the rest concern the layout as a whole). */
export const EDITOR_INPUTS = new Set(['labelJa', 'labelEn', 'options', 'titleJa', 'titleEn', 'itemJa', 'itemEn', 'maxItems']);

export interface Attempt {
  editor: string;
  body: unknown;
}

export function attemptOf(body: unknown): Attempt {
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
export function EditForm(props: PropsWithChildren<{ ctx: PageContext; formId: string; revision: number; op: string; hidden?: Record<string, string>; class?: string }>): JSX.Element {
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

export interface EditorProps {
  ctx: PageContext;
  formId: string;
  revision: number;
  attempt?: Attempt | undefined;
  error?: AppError | undefined;
}

/** The error and typed values of a failed attempt, for the editor it came from only. */
export function retryOf(props: EditorProps, editor: string): { error: AppError | undefined; body: unknown } | undefined {
  return props.attempt?.editor === editor ? { error: props.error, body: props.attempt.body } : undefined;
}

/** A field editor's posted inputs (also shown again in the editor after a refused edit). */
export function postedFieldInput(body: unknown): FieldInput {
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
