// One-stop for a life event in the resident's pages (PRODUCT.md §3.4, issue 6 point 5): choose the
// municipality's services for the event (a birth: 児童手当 認定請求, 乳幼児医療, 保育施設等の利用申込 …),
// answer the shared questions once (written into every draft), fill each draft's own steps with
// the usual step pages, then check all of them and sign once. Each becomes its own application with
// its own reference number and arrival time (R1). Everything but the card step works without
// JavaScript; without it, each draft can still be sent on its own where the service allows.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { ErrorSummary } from '../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../web/page.ts';
import { findMunicipalityName, LIFE_EVENTS, labelOf } from '../catalogue/index.ts';
import { CheckAnswers, FormStep, parseFormPost, SHARED_STEP_ID, type FieldError } from '../forms/index.ts';
import type { ResidentPrincipal } from '../identity/index.ts';
import type { ApplicationsDeps } from './deps.ts';
import { FORMS } from './forms.ts';
import { getBundle, getSentBundle, type BundleView } from './get-bundle.ts';
import { formatJapanTime, loadDemoCards, OriginalsNotice, SignForm, signingNeedsScript, StatusTag } from './pages.tsx';
import { residentHome } from './repository.ts';
import { saveSharedAnswers } from './save-shared-answers.ts';
import { listBundleCandidates, startBundle } from './start-bundle.ts';

const resident = { auth: { resident: true, loginPage: '/login' } } as const;
const hide = { hide: true } as const;
const MUNICIPALITY_CODE = /^\d{6}$/;

function residentOf(request: FastifyRequest): string {
  return (request.principal as ResidentPrincipal).residentId;
}

function lifeEventNotFound(): AppError {
  return new AppError('applications.life_event_not_found', 'not_found', 'There is no such life event.', { ja: '該当するライフイベントはありません。' });
}

function asList(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** Where the resident is in the bundle: shared answers, each application, check and sign. */
function BundleSteps(props: { ctx: PageContext; bundle: BundleView; current: 'overview' | 'shared' | 'check' }): JSX.Element {
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

export function registerBundlePages(app: FastifyInstance, deps: ApplicationsDeps): void {
  const demo = app.deps.config.demo;

  // --- choosing the services ----------------------------------------------------------------------------
  async function choosePage(request: FastifyRequest, reply: FastifyReply, input: { lifeEvent: string; municipality: string | null; chosen: string[] }, error: AppError | null, status = 200) {
    const ctx = pageContext(request, 'resident');
    const event = LIFE_EVENTS.find((e) => e.id === input.lifeEvent);
    if (!event) throw lifeEventNotFound();
    const code = input.municipality && MUNICIPALITY_CODE.test(input.municipality) ? input.municipality : await residentHome(deps.db.kysely, residentOf(request));
    const municipality = code ? await findMunicipalityName(deps.db.kysely, code) : undefined;
    const candidates = municipality ? await listBundleCandidates(deps, { municipalityCode: municipality.code, lifeEvent: event.id }) : [];
    const title = { ja: 'まとめて申請する', en: 'Apply for several services together' };
    return sendPage(
      reply,
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
                      checked={input.chosen.includes(c.serviceId)}
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
      </Layout>,
      status,
    );
  }

  app.get<{ Querystring: { lifeEvent?: string; municipality?: string } }>('/applications/bundles/new', { config: resident, schema: hide }, async (request, reply) =>
    choosePage(request, reply, { lifeEvent: request.query.lifeEvent ?? '', municipality: request.query.municipality ?? null, chosen: [] }, null),
  );

  app.post<{ Body: { lifeEvent?: string; municipality?: string; serviceIds?: string | string[] } }>('/applications/bundles/new', { config: resident, schema: hide }, async (request, reply) => {
    const chosen = asList(request.body?.serviceIds);
    const input = { lifeEvent: typeof request.body?.lifeEvent === 'string' ? request.body.lifeEvent : '', municipality: typeof request.body?.municipality === 'string' ? request.body.municipality : null, chosen };
    try {
      const { bundleKey } = await startBundle(deps, { residentId: residentOf(request), serviceIds: chosen });
      return reply.redirect(`/applications/bundles/${bundleKey}/shared`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return choosePage(request, reply, input, error, error.status === 404 ? 400 : error.status);
    }
  });

  // --- the overview -------------------------------------------------------------------------------------
  app.get<{ Params: { bundleKey: string } }>('/applications/bundles/:bundleKey', { config: resident, schema: hide }, async (request, reply) => {
    const ctx = pageContext(request, 'resident');
    const bundle = await getBundle(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={{ ja: 'まとめて申請する', en: 'Applying together' }}>
        <BundleSteps ctx={ctx} bundle={bundle} current="overview" />
        <p>
          {ctx.h({
            ja: '共通の項目を入力したら、申請ごとの残りの項目と添付書類を入力してください。すべてそろったら、まとめて確認し、一度の署名で送信します。',
            en: 'After the shared answers, fill in what each application still needs and attach its documents. When all are complete, check them together and send them with one signature.',
          })}
        </p>
        <p>
          <a href={`/applications/bundles/${bundle.bundleKey}/shared`}>{ctx.h({ ja: '共通の項目を入力・変更する', en: 'Enter or change the shared answers' })}</a>
        </p>
        <table>
          <caption>{ctx.h({ ja: 'まとめて申請する申請', en: 'The applications' })}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.h({ ja: '申請', en: 'Application' })}</th>
              <th scope="col">{ctx.h({ ja: '状態', en: 'Status' })}</th>
              <th scope="col">{ctx.h({ ja: '操作', en: 'Action' })}</th>
            </tr>
          </thead>
          <tbody>
            {bundle.drafts.map(({ draft, errors, ready }) => (
              <tr>
                <th scope="row" lang="ja" safe>
                  {draft.service.title}
                </th>
                <td>
                  {ready ? (
                    <strong>{ctx.h({ ja: '入力済み', en: 'Complete' })}</strong>
                  ) : (
                    <ul>
                      {errors.length > 0 ? <li safe>{ctx.t({ ja: `未入力・誤りのある項目：${errors.length}件`, en: `${errors.length} answers missing or wrong` })}</li> : ''}
                      {draft.attachmentCheck.missing.length > 0 ? (
                        <li safe>{ctx.t({ ja: `必須の添付書類がありません：${draft.attachmentCheck.missing.join('、')}`, en: `Required attachments missing: ${draft.attachmentCheck.missing.join(', ')}` })}</li>
                      ) : (
                        ''
                      )}
                    </ul>
                  )}
                </td>
                <td>
                  <a href={`/applications/drafts/${draft.id}`}>
                    <span safe>{ctx.t(ready ? { ja: '確認・変更する', en: 'Review' } : { ja: '入力する', en: 'Fill in' })}</span>
                    <span class="visually-hidden" lang="ja" safe>
                      {`（${draft.service.title}）`}
                    </span>
                  </a>
                  {' '}
                  <a href={`/applications/drafts/${draft.id}/attachments`}>
                    <span safe>{ctx.t({ ja: '添付書類', en: 'Attachments' })}</span>
                    <span class="visually-hidden" lang="ja" safe>
                      {`（${draft.service.title}）`}
                    </span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {bundle.ready ? (
          <p>
            <a class="button" href={`/applications/bundles/${bundle.bundleKey}/check`}>
              {ctx.h({ ja: 'まとめて確認し、署名する', en: 'Check all and sign' })}
            </a>
          </p>
        ) : bundle.drafts.length < 2 ? (
          <p>{ctx.h({ ja: 'まとめて申請するには、下書きが2件以上必要です。残りの下書きは、それぞれの画面から送信してください。', en: 'Applying together needs two drafts or more. Send the remaining draft from its own pages.' })}</p>
        ) : (
          <p>{ctx.h({ ja: 'すべての申請の入力が済むと、まとめて確認・署名できます。', en: 'When every application is complete, you can check and sign them together.' })}</p>
        )}
      </Layout>,
    );
  });

  // --- shared answers, once for all ---------------------------------------------------------------------
  async function sharedPage(request: FastifyRequest, reply: FastifyReply, bundle: BundleView, values: Record<string, unknown>, errors: FieldError[], status = 200) {
    const ctx = pageContext(request, 'resident');
    const hasShared = bundle.shared.definition.layout.steps[0]!.sections.length > 0;
    return sendPage(
      reply,
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
      </Layout>,
      status,
    );
  }

  app.get<{ Params: { bundleKey: string } }>('/applications/bundles/:bundleKey/shared', { config: resident, schema: hide }, async (request, reply) => {
    const bundle = await getBundle(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey });
    return sharedPage(request, reply, bundle, bundle.answers, []);
  });

  app.post<{ Params: { bundleKey: string }; Body: Record<string, unknown> }>('/applications/bundles/:bundleKey/shared', { config: resident, schema: hide }, async (request, reply) => {
    const residentId = residentOf(request);
    const { bundleKey } = request.params;
    const bundle = await getBundle(deps, { residentId, bundleKey });
    const { data, action } = parseFormPost(bundle.shared.definition.layout, request.body ?? {}, { stepId: SHARED_STEP_ID });
    // A row added or removed: saved as typed and shown again, not judged yet (as the step pages do).
    const { errors } = await saveSharedAnswers(deps, { residentId, bundleKey, answers: data, validate: !action });
    if (action) return sharedPage(request, reply, await getBundle(deps, { residentId, bundleKey }), data, []);
    if (errors.length > 0) return sharedPage(request, reply, await getBundle(deps, { residentId, bundleKey }), data, errors, 400);
    return reply.redirect(`/applications/bundles/${bundleKey}`, 303);
  });

  // --- check all, sign once -----------------------------------------------------------------------------
  async function checkPage(request: FastifyRequest, reply: FastifyReply, bundle: BundleView, error: AppError | null, status = 200) {
    const ctx = pageContext(request, 'resident');
    const originals = [...new Set(bundle.drafts.flatMap((d) => d.draft.attachmentCheck.originalsToBring))];
    return sendPage(
      reply,
      <Layout ctx={ctx} title={{ ja: 'まとめて確認して署名する', en: 'Check all and sign once' }}>
        <BundleSteps ctx={ctx} bundle={bundle} current="check" />
        <ErrorSummary ctx={ctx} error={error} fieldId={() => 'sign-title'} />
        {!bundle.ready ? (
          <div class="error-summary" role="alert" aria-labelledby="incomplete-title" tabindex="-1">
            <h2 id="incomplete-title">{ctx.h({ ja: 'まだ送信できません', en: 'You cannot send these yet' })}</h2>
            <ul>
              {bundle.drafts
                .filter((d) => !d.ready)
                .map((d) => (
                  <li>
                    <a href={`/applications/drafts/${d.draft.id}`} safe>
                      {ctx.t({ ja: `${d.draft.service.title}：入力が済んでいない項目があります`, en: `${d.draft.service.title}: not complete yet` })}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        {bundle.drafts.map(({ draft, version }, i) => (
          <section aria-labelledby={`application-${i + 1}`} class="bundle-application">
            <h2 id={`application-${i + 1}`} safe>
              {ctx.t({ ja: `申請${i + 1}：${draft.service.title}`, en: `Application ${i + 1}: ${draft.service.title}` })}
            </h2>
            <CheckAnswers
              ctx={ctx}
              version={version}
              data={FORMS.cleanFormData(version, draft.data)}
              changeHref={(stepId) => `/applications/drafts/${draft.id}/steps/${stepId}`}
              nested={{ idPrefix: `application-${i + 1}` }}
            />
            <h3>{ctx.h({ ja: '添付書類', en: 'Attachments' })}</h3>
            {draft.attachments.length > 0 ? (
              <ul>
                {draft.attachments.map((a) => (
                  <li safe>{a.name}</li>
                ))}
              </ul>
            ) : (
              <p>{ctx.h({ ja: '添付書類はありません。', en: 'No attachments.' })}</p>
            )}
          </section>
        ))}
        <OriginalsNotice ctx={ctx} originals={originals} />
        {bundle.ready ? (
          <>
            <p>
              {ctx.h({
                ja: '一度の署名で、上のすべての申請を送信します。それぞれ別の申請として市区町村に到達し、申請ごとに受付番号と到達日時が記録されます。署名には、各申請の入力内容と添付書類の内容（ハッシュ値）が含まれます。',
                en: 'One signature sends all the applications above. Each arrives at the municipality as its own application, with its own reference number and arrival time. The signature covers each application’s answers and the contents (hashes) of its attachments.',
              })}
            </p>
            <SignForm ctx={ctx} bundle={{ key: bundle.bundleKey, draftIds: bundle.drafts.map((d) => d.draft.id) }} cards={await loadDemoCards(deps.db, demo)} idempotencyKey={randomUUID()} />
            <p>
              {ctx.h({
                ja: '署名せずに送信できるサービス（簡易申請）は、それぞれの申請の確認画面から1件ずつ送信することもできます。',
                en: 'Services that accept applications without a signature (simple applications) can also be sent one by one from each application’s check page.',
              })}
            </p>
          </>
        ) : (
          ''
        )}
      </Layout>,
      status,
    );
  }

  app.get<{ Params: { bundleKey: string } }>('/applications/bundles/:bundleKey/check', { config: resident, schema: hide }, async (request, reply) => {
    const bundle = await getBundle(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey });
    return checkPage(request, reply, bundle, null);
  });

  // Without JavaScript the card cannot sign: the page says so (the script posts to the API instead).
  app.post<{ Params: { bundleKey: string } }>('/applications/bundles/:bundleKey/submit', { config: resident, schema: hide }, async (request, reply) => {
    const bundle = await getBundle(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey });
    const error = signingNeedsScript();
    return checkPage(request, reply, bundle, error, error.status);
  });

  // --- the receipts -------------------------------------------------------------------------------------
  app.get<{ Params: { bundleId: string } }>('/applications/bundles/sent/:bundleId', { config: resident, schema: hide }, async (request, reply) => {
    const ctx = pageContext(request, 'resident');
    const applications = await getSentBundle(deps, { residentId: residentOf(request), bundleId: request.params.bundleId });
    const originals = [...new Set(applications.flatMap((a) => a.originalsToBring))];
    return sendPage(
      reply,
      <Layout ctx={ctx} title={{ ja: '申請を受け付けました', en: 'Applications sent' }}>
        <p class="notice" role="status">
          {ctx.h({
            ja: 'すべての申請が市区町村に到達しました。申請ごとの受付番号と到達日時を控えてください。',
            en: 'All your applications have arrived at the municipality. Keep each reference number and arrival time.',
          })}
        </p>
        <table>
          <caption>{ctx.h({ ja: '送信した申請', en: 'Applications sent' })}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.h({ ja: '申請', en: 'Application' })}</th>
              <th scope="col">{ctx.h({ ja: '受付番号', en: 'Reference number' })}</th>
              <th scope="col">{ctx.h({ ja: '到達日時', en: 'Arrived at' })}</th>
              <th scope="col">{ctx.h({ ja: '状態', en: 'Status' })}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr>
                <th scope="row">
                  <a href={`/applications/${a.id}`} lang="ja" safe>
                    {a.service.title}
                  </a>
                </th>
                <td>
                  <strong class="reference" safe>
                    {a.reference}
                  </strong>
                </td>
                <td>
                  <time datetime={a.arrivedAt} safe>
                    {formatJapanTime(a.arrivedAt, ctx.lang)}
                  </time>
                </td>
                <td>
                  <StatusTag ctx={ctx} status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <OriginalsNotice ctx={ctx} originals={originals} />
        <p>
          <a href="/me/applications">{ctx.h({ ja: '申請の一覧へ', en: 'All your applications' })}</a>
        </p>
      </Layout>,
    );
  });
}
