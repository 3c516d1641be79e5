// The heading of every page of a draft: the service, the way back to a bundle, and the steps.
import type { PageContext } from '../../../web/page.ts';
import type { FormVersion } from '../../forms/index.ts';
import type { DraftView } from '../get-draft.ts';

function Steps(props: { ctx: PageContext; version: FormVersion; current: string; draftId: string }): JSX.Element {
  const { ctx, version, current, draftId } = props;
  const steps = [
    ...version.definition.layout.steps.map((s) => ({ id: s.id, title: s.title, href: `/applications/drafts/${draftId}/steps/${s.id}` })),
    { id: '_attachments', title: { ja: '添付書類', en: 'Attachments' }, href: `/applications/drafts/${draftId}/attachments` },
    { id: '_check', title: { ja: '確認と送信', en: 'Check and send' }, href: `/applications/drafts/${draftId}/check` },
  ];
  return (
    <nav aria-label={ctx.t({ ja: '申請の手順', en: 'Application steps' })}>
      <ol class="step-list">
        {steps.map((s, i) => (
          <li>
            {s.id === current ? (
              <strong aria-current="step" safe>{`${i + 1}. ${ctx.t(s.title)}`}</strong>
            ) : (
              <a href={s.href} safe>{`${i + 1}. ${ctx.t(s.title)}`}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Under the page's heading: which service, and the steps with the current one marked. */
export function DraftHeading(props: { ctx: PageContext; draft: DraftView; version: FormVersion; current: string }): JSX.Element {
  const { ctx, draft, version } = props;
  return (
    <>
      <p class="caption" lang="ja" safe>
        {draft.service.title}
      </p>
      {draft.bundleKey ? (
        <p>
          <a href={`/applications/bundles/${draft.bundleKey}`}>{ctx.h({ ja: 'まとめて申請する一覧に戻る', en: 'Back to the applications you are making together' })}</a>
        </p>
      ) : (
        ''
      )}
      <Steps ctx={ctx} version={version} current={props.current} draftId={draft.id} />
    </>
  );
}
