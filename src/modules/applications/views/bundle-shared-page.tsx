// The answers every form of a bundle asks, entered once for all.
import { Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import { FormStep, SHARED_STEP_ID, type FieldError } from '../../forms/index.ts';
import type { BundleView } from '../get-bundle.ts';
import { BundleSteps } from './bundle-steps.tsx';

export function BundleSharedPage(props: { ctx: PageContext; bundle: BundleView; values: Record<string, unknown>; errors: FieldError[] }): JSX.Element {
  const { ctx, bundle, values, errors } = props;
  const hasShared = bundle.shared.definition.layout.steps[0]!.sections.length > 0;
  return (
    <Layout ctx={ctx} title={{ ja: '共通の項目', en: 'Shared answers' }}>
      <BundleSteps ctx={ctx} bundle={bundle} current="shared" />
      <p>{ctx.h({ ja: 'ここで入力した内容は、次のすべての申請書に記入されます。申請ごとに変えたい項目は、あとで各申請の画面で変更できます。', en: 'What you enter here goes into each of these forms. You can change an answer for one application later on its own pages.' })}</p>
      <ul>
        {bundle.drafts.map((d) => (
          <li lang="ja" safe>
            {d.draft.service.title}
          </li>
        ))}
      </ul>
      {hasShared ? (
        <FormStep
          ctx={ctx}
          version={bundle.shared}
          stepId={SHARED_STEP_ID}
          values={values}
          errors={errors}
          action={`/applications/bundles/${bundle.bundleKey}/shared`}
          submitLabel={{ ja: '保存して次へ進む', en: 'Save and continue' }}
        />
      ) : (
        <p>
          {ctx.h({ ja: 'これらの申請書に共通の項目はありません。', en: 'These forms have no answers in common.' })}{' '}
          <a href={`/applications/bundles/${bundle.bundleKey}`}>{ctx.h({ ja: '申請の一覧へ進む', en: 'Continue to the applications' })}</a>
        </p>
      )}
    </Layout>
  );
}
