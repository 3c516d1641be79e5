// Choosing the municipality's services to apply for together for a life event.
import type { AppError } from '../../../platform/errors.ts';
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import { labelOf, LIFE_EVENTS } from '../../catalogue/index.ts';
import type { BundleCandidate } from '../start-bundle.ts';

export function BundleChoosePage(props: { ctx: PageContext; event: { id: string }; municipality: { code: string; name: string; prefectureName: string } | undefined; candidates: BundleCandidate[]; chosen: string[]; error: AppError | null }): JSX.Element {
  const { ctx, event, municipality, candidates, error } = props;
  const title = { ja: 'まとめて申請する', en: 'Apply for several services together' };
  return (
    <Layout ctx={ctx} title={title}>
      <p class="caption" safe>
        {ctx.t(labelOf(LIFE_EVENTS, event.id))}
      </p>
      <ErrorSummary ctx={ctx} error={error} fieldId={() => (candidates[0] ? `service-${candidates[0].serviceId}` : 'service-choice')} />
      {!municipality ? (
        <p>
          {ctx.h({ ja: 'お住まいの市区町村が分かりません。ライフイベントのページで市区町村を選んでから、もう一度お試しください。', en: 'We do not know where you live. Choose your municipality on the life event page, then try again.' })}{' '}
          <a href={`/life-events/${event.id}`}>{ctx.h({ ja: 'ライフイベントのページへ', en: 'Go to the life event page' })}</a>
        </p>
      ) : candidates.length < 2 ? (
        <p safe>
          {ctx.t({
            ja: `${municipality.prefectureName}${municipality.name}では、このライフイベントでまとめてオンライン申請できるサービスが2件未満です。サービスのページから1件ずつ申請してください。`,
            en: `${municipality.name} has fewer than two services for this life event that can be applied for online together. Apply for each from its service page.`,
          })}
        </p>
      ) : (
        <>
          <p>
            {ctx.h({
              ja: '申請するサービスを選んでください。氏名・住所・お子さんのことなど、どの申請書にも書く項目は一度だけ入力すれば、すべての申請書に記入されます。最後にマイナンバーカードで一度署名すると、それぞれが別の申請として届きます。',
              en: 'Choose the services to apply for. Answers that every form asks — your name, address, your children — are entered once and go into every form. At the end you sign once with your My Number Card, and each arrives as its own application.',
            })}
          </p>
          <form method="post" action="/applications/bundles/new" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="lifeEvent" value={event.id} />
            <input type="hidden" name="municipality" value={municipality.code} />
            <fieldset id="service-choice" aria-describedby={error ? 'service-choice-error' : undefined}>
              <legend safe>
                {ctx.t({ ja: `${municipality.prefectureName}${municipality.name}で申請できるサービス`, en: `Services you can apply for in ${municipality.name}` })}
              </legend>
              {error ? (
                <p class="field-error" id="service-choice-error" safe>
                  {ctx.t(error.fields[0]?.message ?? { ja: error.ja, en: error.message })}
                </p>
              ) : (
                ''
              )}
              {candidates.map((c) => (
                <div class="choice">
                  <input
                    type="checkbox"
                    id={`service-${c.serviceId}`}
                    name="serviceIds"
                    value={c.serviceId}
                    checked={props.chosen.includes(c.serviceId)}
                    aria-invalid={error ? 'true' : undefined}
                    aria-describedby={c.summary ? `service-${c.serviceId}-hint` : undefined}
                  />
                  <label for={`service-${c.serviceId}`} lang="ja" safe>
                    {c.title}
                  </label>
                  {c.summary ? (
                    <p class="hint" id={`service-${c.serviceId}-hint`} lang="ja" safe>
                      {c.summary}
                    </p>
                  ) : (
                    ''
                  )}
                </div>
              ))}
            </fieldset>
            <button type="submit">{ctx.h({ ja: '選んだサービスの申請を始める', en: 'Start these applications' })}</button>
          </form>
        </>
      )}
    </Layout>
  );
}
