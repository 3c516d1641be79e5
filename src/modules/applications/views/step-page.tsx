// One step of a draft's form, with what was saved and the errors of the step just posted.
import { CsrfField, Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import { FormStep, type FieldError, type FormVersion } from '../../forms/index.ts';
import type { DraftView } from '../get-draft.ts';
import { DraftHeading } from './draft-heading.tsx';

export function StepPage(props: { ctx: PageContext; draft: DraftView; version: FormVersion; stepId: string; errors: FieldError[] }): JSX.Element {
  const { ctx, draft, version, stepId, errors } = props;
  const steps = version.definition.layout.steps;
  const index = steps.findIndex((s) => s.id === stepId);
  const step = steps[index]!;
  return (
    <Layout ctx={ctx} title={step.title}>
      <DraftHeading ctx={ctx} draft={draft} version={version} current={step.id} />
      <FormStep
        ctx={ctx}
        version={version}
        stepId={step.id}
        values={draft.data}
        errors={errors}
        action={`/applications/drafts/${draft.id}/steps/${step.id}`}
        hidden={{ expectedVersion: String(draft.version) }}
        {...(index > 0 ? { backHref: `/applications/drafts/${draft.id}/steps/${steps[index - 1]!.id}` } : {})}
      />
      <form method="post" action={`/applications/drafts/${draft.id}/discard`} class="secondary-actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button-secondary">{ctx.h({ ja: 'この下書きを削除する', en: 'Delete this draft' })}</button>
      </form>
    </Layout>
  );
}
