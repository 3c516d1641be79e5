// The inquiry desk's pages, without JavaScript: the queue, one inquiry with assign / reply / close.
// Registered twice: in the staff console for a municipality's staff (/staff/help/inquiries) and in
// the national administration for the national helpdesk (/admin/help/inquiries). Which inquiries a
// caller sees follows from their account (help/access.ts) and row-level security.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import type { StaffRole } from '../../../platform/db/tables.ts';
import { isAppError, type AppError } from '../../../platform/errors.ts';
import { DataTable } from '../../../web/data-table.tsx';
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import { pageContext, sendPage, type Area, type PageContext } from '../../../web/page.ts';
import { deskActorOf } from '../access.ts';
import { assignInquiry, closeInquiry, getDeskInquiry, listDeskQueue, replyToInquiry, INQUIRY_LIMITS, type DeskInquiry, type QueueView } from '../inquiries.ts';
import type { InquiryStatus } from '../tables.ts';
import { EMAIL_NOT_CONNECTED, field, Paragraphs, STATUS_LABEL, StatusTag, Time, topicLabel } from './common.tsx';

export interface DeskPagesOptions {
  base: string;
  area: Area;
  roles: StaffRole[];
}

const STATUSES: InquiryStatus[] = ['open', 'answered', 'closed'];

const CHANGE_LABEL: Record<string, { ja: string; en: string }> = {
  received: { ja: '受付', en: 'Received' },
  assigned: { ja: '担当者の割当て', en: 'Assigned' },
  replied: { ja: '回答', en: 'Replied' },
  closed: { ja: '対応終了', en: 'Closed' },
  erased: { ja: '個人情報の削除（保存期間の経過）', en: 'Personal data erased (retention period)' },
};

function QueuePage(props: { ctx: PageContext; base: string; items: QueueView[]; status: InquiryStatus | null; national: boolean }): JSX.Element {
  const { ctx, base } = props;
  return (
    <Layout ctx={ctx} title={props.national ? { ja: '全国の窓口のお問い合わせ', en: 'National helpdesk inquiries' } : { ja: '操作のお問い合わせ', en: 'Operation inquiries' }}>
      <p class="lead">
        {ctx.h({
          ja: '住民から届いた操作のお問い合わせです。担当者を決め、回答し、対応を終えたら終了にしてください。最初の回答と終了までの時間は国に集計されます。',
          en: 'Operation inquiries from residents. Assign each, reply, and close it when done. The time to the first reply and to closing is reported to the national side.',
        })}
      </p>
      <form method="get" action={base} class="service-search">
        <div class="field">
          <label for="status">{ctx.h({ ja: '状態', en: 'Status' })}</label>
          <select id="status" name="status">
            <option value="">{ctx.h({ ja: '対応中（未回答・回答済み）', en: 'In progress (awaiting reply, answered)' })}</option>
            {STATUSES.map((s) => (
              <option value={s} selected={s === props.status} safe>
                {ctx.t(STATUS_LABEL[s])}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button-secondary">
          {ctx.h({ ja: '絞り込む', en: 'Filter' })}
        </button>
      </form>
      {props.items.length === 0 ? (
        <p>{ctx.h({ ja: '該当するお問い合わせはありません。', en: 'No inquiries.' })}</p>
      ) : (
        <DataTable
          ctx={ctx}
          id="queue"
          caption={{ ja: 'お問い合わせの一覧', en: 'Inquiries' }}
          columns={[
            { ja: '受付番号', en: 'Reference' },
            { ja: '件名', en: 'Subject' },
            { ja: '分類', en: 'Topic' },
            { ja: '状態', en: 'Status' },
            { ja: '担当者', en: 'Assigned to' },
            { ja: '受付日時', en: 'Received' },
          ]}
        >
          {props.items.map((i) => (
            <tr>
              <td>
                <a href={`${base}/${i.id}`} safe>
                  {i.reference}
                </a>
              </td>
              <td safe>{i.subject ?? '—'}</td>
              <td safe>{ctx.t(topicLabel(i.topic))}</td>
              <td>
                <StatusTag ctx={ctx} status={i.status} />
              </td>
              <td safe>{i.assigneeName ?? ctx.t({ ja: '未割当て', en: 'Unassigned' })}</td>
              <td>
                <Time at={i.createdAt} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}

function InquiryPage(props: { ctx: PageContext; base: string; inquiry: DeskInquiry; done: string; error: AppError | null; me: string }): JSX.Element {
  const { ctx, base, inquiry, error } = props;
  const action = `${base}/${inquiry.id}`;
  const DONE: Record<string, { ja: string; en: string }> = {
    assigned: { ja: '担当者を割り当てました。', en: 'Assigned.' },
    replied: { ja: '回答を送りました。', en: 'Reply sent.' },
    'replied-email': { ja: '回答を送りました。メールは送信待ちとして記録しました（メールの送信はまだ接続されていません）。', en: 'Reply sent. The e-mail is recorded as waiting (sending e-mail is not connected yet).' },
    closed: { ja: '対応を終了しました。', en: 'Closed.' },
  };
  const done = DONE[props.done];
  return (
    <Layout ctx={ctx} title={{ ja: `お問い合わせ ${inquiry.reference}`, en: `Inquiry ${inquiry.reference}` }}>
      {done ? (
        <p class="notice" role="status" safe>
          {ctx.t(done)}
        </p>
      ) : (
        ''
      )}
      <ErrorSummary ctx={ctx} error={error} fieldId={(f) => (f === 'assignee' ? 'assignee' : 'reply-body')} />
      <dl class="facts">
        <dt>{ctx.h({ ja: '状態', en: 'Status' })}</dt>
        <dd>
          <StatusTag ctx={ctx} status={inquiry.status} />
        </dd>
        <dt>{ctx.h({ ja: '分類', en: 'Topic' })}</dt>
        <dd safe>{ctx.t(topicLabel(inquiry.topic))}</dd>
        <dt>{ctx.h({ ja: '受付日時', en: 'Received' })}</dt>
        <dd>
          <Time at={inquiry.createdAt} />
        </dd>
        <dt>{ctx.h({ ja: '差出人', en: 'From' })}</dt>
        <dd>
          {inquiry.signedIn ? ctx.h({ ja: 'ログイン中の利用者（回答は利用者フォルダに表示）', en: 'A signed-in resident (the reply shows in their folder)' }) : ctx.h({ ja: 'ログインしていない利用者', en: 'A visitor, not signed in' })}
        </dd>
        <dt>{ctx.h({ ja: '連絡先', en: 'Contact' })}</dt>
        <dd safe>{inquiry.contactEmail ?? '—'}</dd>
        {inquiry.applicationId ? (
          <>
            <dt>{ctx.h({ ja: '関連する申請', en: 'About application' })}</dt>
            <dd>
              <code safe>{inquiry.applicationId}</code>
            </dd>
          </>
        ) : (
          ''
        )}
        <dt>{ctx.h({ ja: '件名', en: 'Subject' })}</dt>
        <dd safe>{inquiry.subject ?? '—'}</dd>
      </dl>
      <h2>{ctx.h({ ja: 'お問い合わせの内容', en: 'Question' })}</h2>
      {inquiry.body === null ? <p>{ctx.h({ ja: '保存期間を過ぎたため削除されました。', en: 'Erased after the retention period.' })}</p> : <Paragraphs text={inquiry.body} />}
      <h2>{ctx.h({ ja: '回答', en: 'Replies' })}</h2>
      {inquiry.messages.length === 0 ? (
        <p>{ctx.h({ ja: 'まだ回答していません。', en: 'No reply yet.' })}</p>
      ) : (
        <ol class="timeline">
          {inquiry.messages.map((m) => (
            <li>
              <p class="hint">
                <Time at={m.createdAt} /> <span safe>{m.staffName ?? ''}</span>
              </p>
              {m.body === null ? <p>{ctx.h({ ja: '保存期間を過ぎたため削除されました。', en: 'Erased after the retention period.' })}</p> : <Paragraphs text={m.body} />}
            </li>
          ))}
        </ol>
      )}
      {inquiry.status === 'closed' ? (
        ''
      ) : (
        <>
          <section aria-labelledby="assign-title">
            <h2 id="assign-title">{ctx.h({ ja: '担当者', en: 'Assignment' })}</h2>
            <form method="post" action={`${action}/assign`}>
              <CsrfField ctx={ctx} />
              <div class="field">
                <label for="assignee">{ctx.h({ ja: '担当する職員', en: 'Member of staff' })}</label>
                <select id="assignee" name="assignee">
                  {inquiry.staff.map((s) => (
                    <option value={s.id} selected={s.id === (inquiry.assignedTo ?? props.me)} safe>
                      {s.id === props.me ? `${s.displayName}（${ctx.t({ ja: '自分', en: 'me' })}）` : s.displayName}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="button-secondary">
                {ctx.h({ ja: '割り当てる', en: 'Assign' })}
              </button>
            </form>
          </section>
          <section aria-labelledby="reply-title">
            <h2 id="reply-title">{ctx.h({ ja: '回答する', en: 'Reply' })}</h2>
            <p class="hint">
              {inquiry.signedIn
                ? ctx.h({ ja: '回答は住民の利用者フォルダの「お問い合わせ」に表示されます。', en: 'The reply appears in the resident’s folder under “Your inquiries”.' })
                : ctx.h({ ja: 'ログインしていない住民への回答は、連絡先へのメールとして記録されます。', en: 'A reply to a visitor is recorded as an e-mail to their contact address.' })}{' '}
              {inquiry.contactEmail ? ctx.h(EMAIL_NOT_CONNECTED) : ''}
            </p>
            <form method="post" action={`${action}/reply`}>
              <CsrfField ctx={ctx} />
              <div class="field">
                <label for="reply-body">{ctx.h({ ja: '回答（必須）', en: 'Reply (required)' })}</label>
                <textarea id="reply-body" name="body" rows="6" maxlength={String(INQUIRY_LIMITS.reply)} aria-invalid={error && error.code === 'help.invalid_reply' ? 'true' : undefined}></textarea>
              </div>
              <button type="submit">{ctx.h({ ja: '回答を送る', en: 'Send the reply' })}</button>
            </form>
          </section>
          <section aria-labelledby="close-title">
            <h2 id="close-title">{ctx.h({ ja: '対応の終了', en: 'Close' })}</h2>
            <form method="post" action={`${action}/close`}>
              <CsrfField ctx={ctx} />
              <button type="submit" class="button-secondary">
                {ctx.h({ ja: '対応を終了する', en: 'Close the inquiry' })}
              </button>
            </form>
          </section>
        </>
      )}
      <h2 id="history-title">{ctx.h({ ja: '履歴', en: 'History' })}</h2>
      <DataTable ctx={ctx} id="history" caption={{ ja: '対応の履歴', en: 'History' }} columns={[{ ja: '日時', en: 'When' }, { ja: '内容', en: 'Change' }, { ja: '職員', en: 'Staff' }]}>
        {inquiry.history.map((h) => (
          <tr>
            <td>
              <Time at={h.changedAt} />
            </td>
            <td safe>{ctx.t(CHANGE_LABEL[h.change] ?? { ja: h.change, en: h.change })}</td>
            <td safe>{h.staffName ?? '—'}</td>
          </tr>
        ))}
      </DataTable>
      <p class="back-link">
        <a href={base}>{ctx.h({ ja: 'お問い合わせの一覧へ', en: 'All inquiries' })}</a>
      </p>
    </Layout>
  );
}

export function registerDeskPages(app: FastifyInstance, deps: { db: Db }, options: DeskPagesOptions): void {
  const { base, area } = options;
  const config = { auth: { staff: { roles: options.roles }, loginPage: '/staff/login' } };
  const hide = { hide: true };

  app.get(base, { config, schema: hide }, async (request, reply) => {
    const actor = deskActorOf(request);
    const wanted = field(request.query, 'status', 20);
    const status = (STATUSES as string[]).includes(wanted) ? (wanted as InquiryStatus) : null;
    const items = await listDeskQueue(deps, actor, status ? { status } : {});
    return sendPage(reply, <QueuePage ctx={pageContext(request, area)} base={base} items={items} status={status} national={actor.desk === null} />);
  });

  async function show(request: Parameters<typeof deskActorOf>[0], id: string, done: string, error: AppError | null) {
    const actor = deskActorOf(request);
    const inquiry = await getDeskInquiry(deps, actor, id);
    return <InquiryPage ctx={pageContext(request, area)} base={base} inquiry={inquiry} done={done} error={error} me={actor.staffId} />;
  }

  app.get<{ Params: { id: string } }>(`${base}/:id`, { config, schema: hide }, async (request, reply) => {
    return sendPage(reply, await show(request, request.params.id, field(request.query, 'done', 20), null));
  });

  /** Runs a desk action; a refused input shows the inquiry again with the problem. */
  function action(name: string, run: (id: string, body: unknown, actor: ReturnType<typeof deskActorOf>) => Promise<string>) {
    app.post<{ Params: { id: string } }>(`${base}/:id/${name}`, { config, schema: hide }, async (request, reply) => {
      const { id } = request.params;
      try {
        const done = await run(id, request.body, deskActorOf(request));
        return await reply.redirect(`${base}/${id}?done=${done}`, 303);
      } catch (error) {
        if (!isAppError(error) || error.kind !== 'bad_request') throw error;
        return sendPage(reply, await show(request, id, '', error), error.status);
      }
    });
  }

  action('assign', async (id, body, actor) => {
    await assignInquiry(deps, actor, id, field(body, 'assignee', 100));
    return 'assigned';
  });
  action('reply', async (id, body, actor) => {
    const { emailRecorded } = await replyToInquiry(deps, actor, id, { body: field(body, 'body') });
    return emailRecorded ? 'replied-email' : 'replied';
  });
  action('close', async (id, _body, actor) => {
    await closeInquiry(deps, actor, id);
    return 'closed';
  });
}
