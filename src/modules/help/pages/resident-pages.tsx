// The residents' help pages, without JavaScript: the FAQ with its search (/help) and one entry
// (/help/faq/:key), the operation inquiry form (/help/inquiry), and the resident's own inquiries
// with the replies (/me/inquiries).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import { isAppError, type AppError } from '../../../platform/errors.ts';
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import { pageContext, sendPage, type PageContext } from '../../../web/page.ts';
import { listMyApplications, type ApplicationReceipt } from '../../applications/index.ts';
import type { ResidentPrincipal } from '../../identity/index.ts';
import { listParticipating } from '../../municipalities/index.ts';
import { getPublicEntry, searchFaq, type PublicEntry } from '../faq.ts';
import { getMyInquiry, listMyInquiries, submitInquiry, INQUIRY_LIMITS, type MyInquiry, type MyInquiryDetail } from '../inquiries.ts';
import { TOPIC_KEYS, TOPICS } from '../national-faq.ts';
import { EMAIL_NOT_CONNECTED, field, Paragraphs, StatusTag, Time, topicLabel } from './common.tsx';

type Municipality = { code: string; name: string; prefectureName: string };

const optional = { auth: { optional: true } };
const resident = { auth: { resident: true, loginPage: '/login' } };
const hide = { hide: true };

function residentOf(request: FastifyRequest): ResidentPrincipal | null {
  return request.principal?.kind === 'resident' ? (request.principal as ResidentPrincipal) : null;
}

function query(request: FastifyRequest, name: string, max = 200): string {
  return field(request.query, name, max);
}

function MunicipalityOptions(props: { municipalities: Municipality[]; chosen: string }): JSX.Element {
  return (
    <>
      {props.municipalities.map((m) => (
        <option value={m.code} selected={m.code === props.chosen} lang="ja" safe>
          {`${m.prefectureName} ${m.name}`}
        </option>
      ))}
    </>
  );
}

// --- the FAQ ---------------------------------------------------------------------------------------------

function FaqList(props: { ctx: PageContext; entries: PublicEntry[]; headingLevel?: 'h2' | 'h3' }): JSX.Element {
  const { ctx } = props;
  return (
    <ul class="faq-list">
      {props.entries.map((e) => (
        <li>
          <a href={`/help/faq/${encodeURIComponent(e.key)}`} safe>
            {ctx.t(e.question)}
          </a>
          <span class="hint" safe>
            {ctx.t(topicLabel(e.topic))}
          </span>
        </li>
      ))}
    </ul>
  );
}

function HelpPage(props: { ctx: PageContext; q: string; municipality: string; topic: string; municipalities: Municipality[]; result: { total: number; items: PublicEntry[] } }): JSX.Element {
  const { ctx, q, result } = props;
  const searched = q !== '' || props.topic !== '';
  return (
    <Layout ctx={ctx} title={{ ja: 'よくある質問とお問い合わせ', en: 'Help: FAQ and inquiries' }}>
      <p class="lead">
        {ctx.h({
          ja: 'ログイン、暗証番号、電子署名、添付書類、受付、お知らせ、同意、記録、代理人など、操作についてのよくある質問です。解決しないときは、操作のお問い合わせを送ることができます。',
          en: 'Answers about signing in, PINs, signing, attachments, receipts, notices, consent, records and proxies. If they do not help, send an operation inquiry.',
        })}
      </p>
      <form method="get" action="/help" class="service-search" role="search">
        <div class="field field-wide">
          <label for="q">{ctx.h({ ja: 'キーワード', en: 'Keywords' })}</label>
          <input type="search" id="q" name="q" value={q} maxlength="200" />
        </div>
        <div class="field">
          <label for="municipality">{ctx.h({ ja: 'お住まいの市区町村（その市区町村の質問も探します）', en: 'Your municipality (its own questions are searched too)' })}</label>
          <select id="municipality" name="municipality">
            <option value="">{ctx.h({ ja: '指定しない（全国共通の質問のみ）', en: 'None (national questions only)' })}</option>
            <MunicipalityOptions municipalities={props.municipalities} chosen={props.municipality} />
          </select>
        </div>
        <div class="field">
          <label for="topic">{ctx.h({ ja: '分類', en: 'Topic' })}</label>
          <select id="topic" name="topic">
            <option value="">{ctx.h({ ja: 'すべて', en: 'All' })}</option>
            {TOPIC_KEYS.map((t) => (
              <option value={t} selected={t === props.topic} safe>
                {ctx.t(TOPICS[t])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{ctx.h({ ja: '探す', en: 'Search' })}</button>
      </form>
      <h2 id="results" aria-live="polite">
        {searched
          ? ctx.h({ ja: `${result.total}件見つかりました`, en: `${result.total} found` })
          : ctx.h({ ja: 'よくある質問', en: 'Frequently asked questions' })}
      </h2>
      {result.items.length === 0 ? (
        <p>{ctx.h({ ja: '該当する質問は見つかりませんでした。別の言葉で探すか、お問い合わせください。', en: 'No question matched. Try other words, or send us an inquiry.' })}</p>
      ) : (
        <FaqList ctx={ctx} entries={result.items} />
      )}
      <h2>{ctx.h({ ja: '解決しないときは', en: 'Still stuck?' })}</h2>
      <p>
        <a href="/help/inquiry">{ctx.h({ ja: '操作のお問い合わせを送る', en: 'Send an operation inquiry' })}</a>
        {ctx.user?.kind === 'resident' ? (
          <>
            {' · '}
            <a href="/me/inquiries">{ctx.h({ ja: '送ったお問い合わせと回答を見る', en: 'Your inquiries and their answers' })}</a>
          </>
        ) : (
          ''
        )}
      </p>
    </Layout>
  );
}

function EntryPage(props: { ctx: PageContext; entry: PublicEntry }): JSX.Element {
  const { ctx, entry } = props;
  return (
    <Layout ctx={ctx} title={entry.question}>
      <p class="caption" safe>
        {ctx.t(topicLabel(entry.topic))}
      </p>
      <section class="faq-answer" aria-label={ctx.t({ ja: '回答', en: 'Answer' })}>
        <Paragraphs text={ctx.t(entry.answer)} />
      </section>
      <p class="hint">
        {ctx.h({ ja: '最終更新: ', en: 'Last updated: ' })}
        <Time at={entry.publishedAt} />
      </p>
      <p class="back-link">
        <a href="/help">{ctx.h({ ja: 'よくある質問の一覧へ', en: 'All questions' })}</a>
        {' · '}
        <a href={`/help/inquiry?topic=${encodeURIComponent(entry.topic)}`}>{ctx.h({ ja: '解決しないときはお問い合わせ', en: 'Still stuck? Send an inquiry' })}</a>
      </p>
    </Layout>
  );
}

// --- the inquiry form ------------------------------------------------------------------------------------

interface InquiryFormProps {
  ctx: PageContext;
  signedIn: boolean;
  municipalities: Municipality[];
  applications: ApplicationReceipt[];
  values: Record<string, string>;
  error: AppError | null;
}

function fieldError(ctx: PageContext, error: AppError | null, name: string): JSX.Element {
  const f = error?.fields.find((p) => p.field === name);
  if (!f) return '';
  return (
    <p id={`${name}-error`} class="field-error" safe>
      {ctx.lang === 'ja' ? f.message.ja : f.message.en}
    </p>
  );
}

function InquiryForm(props: InquiryFormProps): JSX.Element {
  const { ctx, values, error } = props;
  const invalid = (name: string) => (error?.fields.some((f) => f.field === name) ? 'true' : undefined);
  const describedBy = (name: string, hint?: string) => [hint, error?.fields.some((f) => f.field === name) ? `${name}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <Layout ctx={ctx} title={{ ja: '操作のお問い合わせ', en: 'Operation inquiry' }}>
      <p class="lead">
        {ctx.h({
          ja: 'この基盤の使い方についてのお問い合わせを受け付けます。申請についてのお問い合わせはその申請の市区町村へ、それ以外は選んだ市区町村または全国の窓口（ヘルプデスク）へ届きます。審査の内容や結果については、申請先の担当課にお問い合わせください。',
          en: 'Ask about using the platform. An inquiry about one of your applications goes to that application’s municipality; others go to the municipality you choose or to the national helpdesk. For how an application is assessed or its result, contact the department you applied to.',
        })}
      </p>
      <p>
        <a href="/help">{ctx.h({ ja: '送る前に、よくある質問もご覧ください', en: 'Before you write, see if the FAQ answers it' })}</a>
      </p>
      <ErrorSummary ctx={ctx} error={error} />
      <form method="post" action="/help/inquiry" novalidate>
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="topic">{ctx.h({ ja: '分類', en: 'Topic' })}</label>
          <select id="topic" name="topic" aria-invalid={invalid('topic')} aria-describedby={describedBy('topic')}>
            {TOPIC_KEYS.map((t) => (
              <option value={t} selected={t === (values['topic'] || 'other')} safe>
                {ctx.t(TOPICS[t])}
              </option>
            ))}
          </select>
          {fieldError(ctx, error, 'topic')}
        </div>
        {props.signedIn && props.applications.length > 0 ? (
          <div class="field">
            <label for="applicationId">
              {ctx.h({ ja: '申請についてのお問い合わせ（任意）', en: 'About one of your applications (optional)' })}
              <span class="hint" id="applicationId-hint">{ctx.h({ ja: '選ぶと、その申請の市区町村へ届きます。', en: 'If you choose one, the inquiry goes to its municipality.' })}</span>
            </label>
            <select id="applicationId" name="applicationId" aria-invalid={invalid('applicationId')} aria-describedby={describedBy('applicationId', 'applicationId-hint')}>
              <option value="">{ctx.h({ ja: '申請についてではない', en: 'Not about an application' })}</option>
              {props.applications.map((a) => (
                <option value={a.id} selected={a.id === values['applicationId']} safe>
                  {`${a.reference} ${a.service.title}`}
                </option>
              ))}
            </select>
            {fieldError(ctx, error, 'applicationId')}
          </div>
        ) : (
          ''
        )}
        <div class="field">
          <label for="municipalityCode">
            {ctx.h({ ja: '問い合わせ先', en: 'Send to' })}
            <span class="hint" id="municipalityCode-hint">{ctx.h({ ja: '申請を選んだ場合は、その申請の市区町村へ届きます。', en: 'If you chose an application, it goes to that application’s municipality.' })}</span>
          </label>
          <select id="municipalityCode" name="municipalityCode" aria-invalid={invalid('municipalityCode')} aria-describedby={describedBy('municipalityCode', 'municipalityCode-hint')}>
            <option value="">{ctx.h({ ja: '全国の窓口（ヘルプデスク）', en: 'The national helpdesk' })}</option>
            <MunicipalityOptions municipalities={props.municipalities} chosen={values['municipalityCode'] ?? ''} />
          </select>
          {fieldError(ctx, error, 'municipalityCode')}
        </div>
        <div class="field">
          <label for="subject">{ctx.h({ ja: '件名（必須）', en: 'Subject (required)' })}</label>
          <input type="text" id="subject" name="subject" value={values['subject'] ?? ''} maxlength={String(INQUIRY_LIMITS.subject)} aria-invalid={invalid('subject')} aria-describedby={describedBy('subject')} />
          {fieldError(ctx, error, 'subject')}
        </div>
        <div class="field">
          <label for="body">
            {ctx.h({ ja: 'お問い合わせの内容（必須）', en: 'Your question (required)' })}
            <span class="hint" id="body-hint">
              {ctx.h({ ja: 'マイナンバー（個人番号）や暗証番号は書かないでください。', en: 'Never write your My Number or any PIN.' })}
            </span>
          </label>
          <textarea id="body" name="body" rows="8" maxlength={String(INQUIRY_LIMITS.body)} aria-invalid={invalid('body')} aria-describedby={describedBy('body', 'body-hint')} safe>
            {values['body'] ?? ''}
          </textarea>
          {fieldError(ctx, error, 'body')}
        </div>
        <div class="field">
          <label for="email">
            {props.signedIn ? ctx.h({ ja: '連絡先のメールアドレス（任意）', en: 'Contact e-mail address (optional)' }) : ctx.h({ ja: '連絡先のメールアドレス（必須）', en: 'Contact e-mail address (required)' })}
            <span class="hint" id="email-hint">
              {props.signedIn
                ? ctx.h({ ja: '回答は利用者フォルダの「お問い合わせ」に表示されます。', en: 'The answer appears under “Your inquiries” in your folder.' })
                : ctx.h({ ja: 'ログインしていないため、回答の連絡先として使います。', en: 'As you are not signed in, this is where we answer you.' })}{' '}
              {ctx.h(EMAIL_NOT_CONNECTED)}
            </span>
          </label>
          <input type="email" id="email" name="email" value={values['email'] ?? ''} maxlength={String(INQUIRY_LIMITS.email)} autocomplete="email" aria-invalid={invalid('email')} aria-describedby={describedBy('email', 'email-hint')} />
          {fieldError(ctx, error, 'email')}
        </div>
        <p class="hint">
          {ctx.h({
            ja: 'お問い合わせの内容と連絡先は、対応する職員だけが見られます。対応を終えてから一定の期間が過ぎると削除されます。',
            en: 'Only the staff who handle your inquiry can see its text and your contact address. They are deleted a set period after the inquiry is closed.',
          })}
        </p>
        <button type="submit">{ctx.h({ ja: '送信する', en: 'Send' })}</button>
      </form>
    </Layout>
  );
}

function SentPage(props: { ctx: PageContext; reference: string }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: 'お問い合わせを受け付けました', en: 'Inquiry sent' }}>
      <dl class="facts">
        <dt>{ctx.h({ ja: '受付番号', en: 'Reference' })}</dt>
        <dd>
          <strong class="reference" safe>
            {props.reference}
          </strong>
        </dd>
      </dl>
      <p>{ctx.h({ ja: '回答までしばらくお待ちください。お問い合わせの際は受付番号をお伝えください。', en: 'We will answer as soon as we can. Quote the reference if you contact us.' })}</p>
      <p class="notice notice-warn">{ctx.h(EMAIL_NOT_CONNECTED)}</p>
      <p class="back-link">
        <a href="/help">{ctx.h({ ja: 'よくある質問へ戻る', en: 'Back to the FAQ' })}</a>
      </p>
    </Layout>
  );
}

// --- my inquiries -------------------------------------------------------------------------------------

function deskName(ctx: PageContext, i: MyInquiry): string {
  return i.desk.municipalityCode ? (i.desk.name ?? i.desk.municipalityCode) : ctx.t({ ja: '全国の窓口（ヘルプデスク）', en: 'National helpdesk' });
}

function MyInquiriesPage(props: { ctx: PageContext; items: MyInquiry[] }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: 'お問い合わせ', en: 'Your inquiries' }}>
      <p>
        <a href="/help/inquiry">{ctx.h({ ja: '新しくお問い合わせを送る', en: 'Send a new inquiry' })}</a>
      </p>
      {props.items.length === 0 ? (
        <p>{ctx.h({ ja: 'まだお問い合わせはありません。', en: 'You have sent no inquiries yet.' })}</p>
      ) : (
        <ul class="faq-list">
          {props.items.map((i) => (
            <li>
              <a href={`/me/inquiries/${i.id}`} safe>
                {`${i.reference} ${i.subject ?? ctx.t({ ja: '（保存期間を過ぎたため削除されました）', en: '(deleted after the retention period)' })}`}
              </a>{' '}
              <StatusTag ctx={ctx} status={i.status} />
              <span class="hint">
                <span safe>{deskName(ctx, i)}</span> · <Time at={i.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

function MyInquiryPage(props: { ctx: PageContext; inquiry: MyInquiryDetail; sent: boolean }): JSX.Element {
  const { ctx, inquiry } = props;
  return (
    <Layout ctx={ctx} title={{ ja: 'お問い合わせの内容と回答', en: 'Your inquiry and its answer' }}>
      {props.sent ? (
        <p class="notice" role="status">
          {ctx.h({ ja: 'お問い合わせを受け付けました。回答はこのページに表示されます。', en: 'Your inquiry was sent. The answer will appear on this page.' })}
        </p>
      ) : (
        ''
      )}
      <dl class="facts">
        <dt>{ctx.h({ ja: '受付番号', en: 'Reference' })}</dt>
        <dd>
          <strong class="reference" safe>
            {inquiry.reference}
          </strong>
        </dd>
        <dt>{ctx.h({ ja: '状態', en: 'Status' })}</dt>
        <dd>
          <StatusTag ctx={ctx} status={inquiry.status} />
        </dd>
        <dt>{ctx.h({ ja: '問い合わせ先', en: 'Sent to' })}</dt>
        <dd safe>{deskName(ctx, inquiry)}</dd>
        <dt>{ctx.h({ ja: '送信日時', en: 'Sent at' })}</dt>
        <dd>
          <Time at={inquiry.createdAt} />
        </dd>
        <dt>{ctx.h({ ja: '件名', en: 'Subject' })}</dt>
        <dd safe>{inquiry.subject ?? '—'}</dd>
      </dl>
      <h2>{ctx.h({ ja: 'お問い合わせの内容', en: 'Your question' })}</h2>
      {inquiry.body === null ? <p>{ctx.h({ ja: '保存期間を過ぎたため削除されました。', en: 'Deleted after the retention period.' })}</p> : <Paragraphs text={inquiry.body} />}
      <h2>{ctx.h({ ja: '回答', en: 'Answers' })}</h2>
      {inquiry.messages.length === 0 ? (
        <p>{ctx.h({ ja: 'まだ回答はありません。', en: 'No answer yet.' })}</p>
      ) : (
        <ol class="timeline">
          {inquiry.messages.map((m) => (
            <li>
              <p class="hint">
                <Time at={m.createdAt} />
              </p>
              {m.body === null ? <p>{ctx.h({ ja: '保存期間を過ぎたため削除されました。', en: 'Deleted after the retention period.' })}</p> : <Paragraphs text={m.body} />}
            </li>
          ))}
        </ol>
      )}
      <p class="back-link">
        <a href="/me/inquiries">{ctx.h({ ja: 'お問い合わせの一覧へ', en: 'All your inquiries' })}</a>
      </p>
    </Layout>
  );
}

export function registerResidentHelpPages(app: FastifyInstance, deps: { db: Db }): void {
  const municipalities = () => listParticipating(deps.db.kysely);

  app.get('/help', { config: optional, schema: hide }, async (request, reply) => {
    const ctx = pageContext(request, 'resident');
    const q = query(request, 'q');
    const topic = query(request, 'topic', 40);
    const chosen = query(request, 'municipality', 10);
    const municipality = /^[0-9]{6}$/.test(chosen) ? chosen : (residentOf(request)?.homeMunicipalityCode ?? '');
    const result = await searchFaq(deps, { ...(q ? { q } : {}), ...(municipality ? { municipalityCode: municipality } : {}), ...(topic ? { topic } : {}) });
    return sendPage(reply, <HelpPage ctx={ctx} q={q} topic={topic} municipality={municipality} municipalities={await municipalities()} result={result} />);
  });

  app.get<{ Params: { key: string } }>('/help/faq/:key', { config: optional, schema: hide }, async (request, reply) => {
    const entry = await getPublicEntry(deps, request.params.key.slice(0, 100));
    return sendPage(reply, <EntryPage ctx={pageContext(request, 'resident')} entry={entry} />);
  });

  async function formProps(request: FastifyRequest, values: Record<string, string>, error: AppError | null): Promise<InquiryFormProps> {
    const me = residentOf(request);
    const applications = me ? (await listMyApplications(deps, { residentId: me.residentId, limit: 50 })).items : [];
    return { ctx: pageContext(request, 'resident'), signedIn: me !== null, municipalities: await municipalities(), applications, values, error };
  }

  app.get('/help/inquiry', { config: optional, schema: hide }, async (request, reply) => {
    const me = residentOf(request);
    const values = { topic: query(request, 'topic', 40), applicationId: query(request, 'application', 100), municipalityCode: query(request, 'municipality', 10) || (me?.homeMunicipalityCode ?? '') };
    return sendPage(reply, <InquiryForm {...await formProps(request, values, null)} />);
  });

  app.post('/help/inquiry', { config: optional, schema: hide }, async (request, reply) => {
    const names = ['topic', 'subject', 'body', 'email', 'municipalityCode', 'applicationId'] as const;
    const values = Object.fromEntries(names.map((n) => [n, field(request.body, n)])) as Record<(typeof names)[number], string>;
    const me = residentOf(request);
    try {
      const sent = await submitInquiry(deps, {
        residentId: me?.residentId ?? null,
        inquiry: {
          topic: values.topic,
          subject: values.subject,
          body: values.body,
          ...(values.email ? { email: values.email } : {}),
          ...(values.municipalityCode ? { municipalityCode: values.municipalityCode } : {}),
          ...(values.applicationId ? { applicationId: values.applicationId } : {}),
        },
      });
      return await reply.redirect(me ? `/me/inquiries/${sent.id}?sent=1` : `/help/inquiry/sent?ref=${encodeURIComponent(sent.reference)}`, 303);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'bad_request') throw error;
      return sendPage(reply, <InquiryForm {...await formProps(request, values, error)} />, error.status);
    }
  });

  app.get('/help/inquiry/sent', { config: optional, schema: hide }, async (request, reply) => {
    const ref = query(request, 'ref', 20);
    // Only the reference's own shape is echoed: the page shows nothing else from the address.
    return sendPage(reply, <SentPage ctx={pageContext(request, 'resident')} reference={/^HQ-[0-9]{8}$/.test(ref) ? ref : '—'} />);
  });

  app.get('/me/inquiries', { config: resident, schema: hide }, async (request, reply) => {
    const items = await listMyInquiries(deps, residentOf(request)!.residentId);
    return sendPage(reply, <MyInquiriesPage ctx={pageContext(request, 'resident')} items={items} />);
  });

  app.get<{ Params: { id: string } }>('/me/inquiries/:id', { config: resident, schema: hide }, async (request, reply) => {
    const inquiry = await getMyInquiry(deps, residentOf(request)!.residentId, request.params.id.slice(0, 100));
    return sendPage(reply, <MyInquiryPage ctx={pageContext(request, 'resident')} inquiry={inquiry} sent={query(request, 'sent', 2) === '1'} />);
  });
}
