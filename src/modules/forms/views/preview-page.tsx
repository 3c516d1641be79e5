// The preview of a form's draft, one step at a time, exactly as a resident will see it; a posted step
// shows the same checks (nothing is stored).
import { Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import type { FieldError } from '../validate.ts';
import { FormStep } from '../views.tsx';
import type { FormVersion } from '../form-version.ts';
import { BASE } from './builder-controls.tsx';

export function PreviewPage(props: {
  ctx: PageContext;
  form: { id: string; title: string; title_en: string };
  version: FormVersion;
  stepId: string;
  values: Record<string, unknown>;
  errors: FieldError[];
  checked: boolean;
}): JSX.Element {
  const { ctx, form, version, stepId, values, errors, checked } = props;
  const layout = version.definition.layout;
  const index = layout.steps.findIndex((s) => s.id === stepId);
  return (
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
    </Layout>
  );
}
