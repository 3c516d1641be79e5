// Where the resident is in a bundle: shared answers, each application, check and sign.
import type { PageContext } from '../../../web/page.ts';
import type { BundleView } from '../get-bundle.ts';

/** Where the resident is in the bundle: shared answers, each application, check and sign. */
export function BundleSteps(props: { ctx: PageContext; bundle: BundleView; current: 'overview' | 'shared' | 'check' }): JSX.Element {
  const { ctx, bundle } = props;
  const items: Array<{ id: string; title: { ja: string; en: string }; href: string }> = [
    { id: 'overview', title: { ja: '申請の一覧', en: 'Your applications' }, href: `/applications/bundles/${bundle.bundleKey}` },
    { id: 'shared', title: { ja: '共通の項目', en: 'Shared answers' }, href: `/applications/bundles/${bundle.bundleKey}/shared` },
    { id: 'check', title: { ja: '確認して署名', en: 'Check and sign' }, href: `/applications/bundles/${bundle.bundleKey}/check` },
  ];
  return (
    <nav aria-label={ctx.t({ ja: 'まとめて申請する手順', en: 'Steps of applying together' })}>
      <ol class="step-list">
        {items.map((s, i) =>
          s.id === props.current ? (
            <li>
              <strong aria-current="step" safe>{`${i + 1}. ${ctx.t(s.title)}`}</strong>
            </li>
          ) : (
            <li>
              <a href={s.href} safe>{`${i + 1}. ${ctx.t(s.title)}`}</a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
