// The FAQ editor, without JavaScript: the entries the caller keeps (drafts included), a new entry,
// one entry's working copy with publish / unpublish and its history. Registered in the staff
// console for municipal administrators (/staff/help/faq: their municipality's entries) and in the
// national administration (/admin/help/faq: the national FAQ).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import type { StaffRole } from '../../../platform/db/tables.ts';
import { isAppError, type AppError } from '../../../platform/errors.ts';
import { DataTable } from '../../../web/data-table.tsx';
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import { pageContext, sendPage, type Area, type PageContext } from '../../../web/page.ts';
import { editorOf } from '../access.ts';
import { createEntry, getEntryForEditor, listEntriesForEditor, setEntryPublished, updateEntry, type EditorEntry, type EntryHistoryItem } from '../faq.ts';
import { TOPIC_KEYS, TOPICS } from '../national-faq.ts';
import { field, Paragraphs, topicLabel } from './common.tsx';

export interface FaqEditorOptions {
  base: string;
  area: Area;
  roles: StaffRole[];
}

type Values = Record<'topic' | 'questionJa' | 'questionEn' | 'answerJa' | 'answerEn' | 'sortOrder', string>;

function valuesOf(entry: EditorEntry): Values {
  const c = entry.content;
  return { topic: c.topic, questionJa: c.questionJa, questionEn: c.questionEn, answerJa: c.answerJa, answerEn: c.answerEn, sortOrder: String(entry.sortOrder) };
}

function posted(body: unknown): Values {
  return {
    topic: field(body, 'topic', 40),
    questionJa: field(body, 'questionJa', 2000),
    questionEn: field(body, 'questionEn', 2000),
    answerJa: field(body, 'answerJa'),
    answerEn: field(body, 'answerEn'),
    sortOrder: field(body, 'sortOrder', 10),
  };
}

function StatusOf(props: { ctx: PageContext; entry: EditorEntry }): JSX.Element {
  const { ctx, entry } = props;
  if (entry.status === 'draft') return <span class="status status-warn">{ctx.h({ ja: '下書き', en: 'Draft' })}</span>;
  return entry.changedSincePublished ? (
    <span class="status status-warn">{ctx.h({ ja: '公開中（未公開の変更あり）', en: 'Published (unpublished changes)' })}</span>
  ) : (
    <span class="status status-ok">{ctx.h({ ja: '公開中', en: 'Published' })}</span>
  );
}

function EntryFields(props: { ctx: PageContext; values: Values; error: AppError | null }): JSX.Element {
  const { ctx, values, error } = props;
  const invalid = (name: string) => (error?.fields.some((f) => f.field === name) ? 'true' : undefined);
  return (
    <>
      <div class="field">
        <label for="topic">{ctx.h({ ja: '分類', en: 'Topic' })}</label>
        <select id="topic" name="topic" aria-invalid={invalid('topic')}>
          {TOPIC_KEYS.map((t) => (
            <option value={t} selected={t === values.topic} safe>
              {ctx.t(TOPICS[t])}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="questionJa">{ctx.h({ ja: '質問（日本語・必須）', en: 'Question in Japanese (required)' })}</label>
        <input type="text" id="questionJa" name="questionJa" lang="ja" value={values.questionJa} maxlength="300" aria-invalid={invalid('questionJa')} />
      </div>
      <div class="field">
        <label for="questionEn">
          {ctx.h({ ja: '質問（英語）', en: 'Question in English' })}
          <span class="hint">{ctx.h({ ja: '空欄の場合は日本語を表示します。', en: 'Left empty, the Japanese is shown.' })}</span>
        </label>
        <input type="text" id="questionEn" name="questionEn" lang="en" value={values.questionEn} maxlength="300" />
      </div>
      <div class="field">
        <label for="answerJa">{ctx.h({ ja: '回答（日本語・必須）', en: 'Answer in Japanese (required)' })}</label>
        <textarea id="answerJa" name="answerJa" lang="ja" rows="8" maxlength="8000" aria-invalid={invalid('answerJa')} safe>
          {values.answerJa}
        </textarea>
      </div>
      <div class="field">
        <label for="answerEn">{ctx.h({ ja: '回答（英語）', en: 'Answer in English' })}</label>
        <textarea id="answerEn" name="answerEn" lang="en" rows="8" maxlength="8000" safe>
          {values.answerEn}
        </textarea>
      </div>
      <div class="field">
        <label for="sortOrder">{ctx.h({ ja: '表示順（小さいほど先）', en: 'Order (smaller first)' })}</label>
        <input type="text" id="sortOrder" name="sortOrder" inputmode="numeric" value={values.sortOrder} maxlength="5" aria-invalid={invalid('sortOrder')} />
      </div>
    </>
  );
}

function ListPage(props: { ctx: PageContext; base: string; national: boolean; entries: EditorEntry[]; values: Values; error: AppError | null }): JSX.Element {
  const { ctx, base } = props;
  return (
    <Layout ctx={ctx} title={props.national ? { ja: '全国共通のよくある質問', en: 'National FAQ' } : { ja: 'よくある質問（市区町村独自）', en: 'Your municipality’s FAQ' }}>
      <p class="lead">
        {props.national
          ? ctx.h({ ja: 'すべての住民に表示される全国共通の質問と回答です。変更は下書きとして保存し、公開すると住民に表示されます。', en: 'Questions and answers every resident sees. Changes are saved as a draft and reach residents when published.' })
          : ctx.h({
              ja: '全国共通の質問に加えて、この市区町村の住民に表示される独自の質問と回答です。変更は下書きとして保存し、公開すると住民に表示されます。',
              en: 'Your own questions and answers, shown to your residents beside the national ones. Changes are saved as a draft and reach residents when published.',
            })}
      </p>
      {props.entries.length === 0 ? (
        <p>{ctx.h({ ja: 'まだ項目はありません。', en: 'No entries yet.' })}</p>
      ) : (
        <DataTable ctx={ctx} id="entries" caption={{ ja: '項目の一覧', en: 'Entries' }} columns={[{ ja: '質問', en: 'Question' }, { ja: '分類', en: 'Topic' }, { ja: '状態', en: 'Status' }, { ja: '表示順', en: 'Order', numeric: true }]}>
          {props.entries.map((e) => (
            <tr>
              <td>
                <a href={`${base}/${e.id}`} lang="ja" safe>
                  {e.content.questionJa}
                </a>
              </td>
              <td safe>{ctx.t(topicLabel(e.content.topic))}</td>
              <td>
                <StatusOf ctx={ctx} entry={e} />
              </td>
              <td class="num" safe>
                {String(e.sortOrder)}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 id="new-title">{ctx.h({ ja: '新しい項目', en: 'New entry' })}</h2>
      <ErrorSummary ctx={ctx} error={props.error} />
      <form method="post" action={base} novalidate aria-labelledby="new-title">
        <CsrfField ctx={ctx} />
        <EntryFields ctx={ctx} values={props.values} error={props.error} />
        <button type="submit">{ctx.h({ ja: '下書きとして保存', en: 'Save as draft' })}</button>
      </form>
    </Layout>
  );
}

const CHANGE_LABEL: Record<string, { ja: string; en: string }> = {
  created: { ja: '作成', en: 'Created' },
  edited: { ja: '編集', en: 'Edited' },
  published: { ja: '公開', en: 'Published' },
  unpublished: { ja: '公開停止', en: 'Unpublished' },
};

function EntryPage(props: { ctx: PageContext; base: string; entry: EditorEntry; history: EntryHistoryItem[]; values: Values; error: AppError | null; done: string }): JSX.Element {
  const { ctx, base, entry } = props;
  const action = `${base}/${entry.id}`;
  const DONE: Record<string, { ja: string; en: string }> = {
    created: { ja: '下書きを作成しました。', en: 'Draft created.' },
    saved: { ja: '下書きを保存しました。公開するまで住民には表示されません。', en: 'Draft saved. Residents see it once it is published.' },
    published: { ja: '公開しました。', en: 'Published.' },
    unpublished: { ja: '公開を停止しました。', en: 'Withdrawn from residents.' },
  };
  const done = DONE[props.done];
  return (
    <Layout ctx={ctx} title={{ ja: 'よくある質問の編集', en: 'Edit FAQ entry' }}>
      {done ? (
        <p class="notice" role="status" safe>
          {ctx.t(done)}
        </p>
      ) : (
        ''
      )}
      <p>
        <StatusOf ctx={ctx} entry={entry} />{' '}
        {entry.status === 'published' ? (
          <a href={`/help/faq/${encodeURIComponent(entry.slug ?? entry.id)}`}>{ctx.h({ ja: '住民向けの表示を見る', en: 'See it as residents do' })}</a>
        ) : (
          ''
        )}
      </p>
      <ErrorSummary ctx={ctx} error={props.error} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="revision" value={String(entry.revision)} />
        <EntryFields ctx={ctx} values={props.values} error={props.error} />
        <button type="submit">{ctx.h({ ja: '下書きを保存', en: 'Save the draft' })}</button>
      </form>
      <section aria-labelledby="publish-title">
        <h2 id="publish-title">{ctx.h({ ja: '公開', en: 'Publishing' })}</h2>
        {entry.status === 'draft' || entry.changedSincePublished ? (
          <form method="post" action={`${action}/publish`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="revision" value={String(entry.revision)} />
            <button type="submit">{ctx.h({ ja: '保存した内容を公開する', en: 'Publish the saved draft' })}</button>
          </form>
        ) : (
          ''
        )}
        {entry.status === 'published' ? (
          <form method="post" action={`${action}/unpublish`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="revision" value={String(entry.revision)} />
            <button type="submit" class="button-secondary">
              {ctx.h({ ja: '公開を停止する', en: 'Withdraw from residents' })}
            </button>
          </form>
        ) : (
          ''
        )}
      </section>
      {entry.published ? (
        <section aria-labelledby="published-title">
          <h2 id="published-title">{ctx.h({ ja: '住民に表示されている内容', en: 'What residents read now' })}</h2>
          <p lang="ja">
            <strong safe>{entry.published.questionJa}</strong>
          </p>
          <Paragraphs text={entry.published.answerJa} lang="ja" />
        </section>
      ) : (
        ''
      )}
      <h2>{ctx.h({ ja: '履歴', en: 'History' })}</h2>
      <DataTable ctx={ctx} id="history" caption={{ ja: '変更の履歴', en: 'Changes' }} columns={[{ ja: '版', en: 'Revision', numeric: true }, { ja: '日時', en: 'When' }, { ja: '変更', en: 'Change' }, { ja: '変更者', en: 'By' }, { ja: 'その時の質問', en: 'Question then' }]}>
        {props.history.map((h) => (
          <tr>
            <td class="num" safe>
              {String(h.revision)}
            </td>
            <td>
              <time datetime={h.changedAt} safe>
                {h.changedAt.slice(0, 16).replace('T', ' ')}
              </time>
            </td>
            <td safe>{ctx.t(CHANGE_LABEL[h.change] ?? { ja: h.change, en: h.change })}</td>
            <td safe>{h.changedBy ?? '—'}</td>
            <td lang="ja" safe>
              {h.snapshot.questionJa}
            </td>
          </tr>
        ))}
      </DataTable>
      <p class="back-link">
        <a href={base}>{ctx.h({ ja: '項目の一覧へ', en: 'All entries' })}</a>
      </p>
    </Layout>
  );
}

const EMPTY: Values = { topic: 'other', questionJa: '', questionEn: '', answerJa: '', answerEn: '', sortOrder: '100' };

function revisionOf(body: unknown): number | undefined {
  const raw = field(body, 'revision', 12);
  return /^[0-9]{1,9}$/.test(raw) ? Number(raw) : undefined;
}

export function registerFaqEditorPages(app: FastifyInstance, deps: { db: Db }, options: FaqEditorOptions): void {
  const { base, area } = options;
  const config = { auth: { staff: { roles: options.roles }, loginPage: '/staff/login' } };
  const hide = { hide: true };
  const national = (request: FastifyRequest) => editorOf(request).kind === 'national';

  app.get(base, { config, schema: hide }, async (request, reply) => {
    const entries = await listEntriesForEditor(deps, editorOf(request));
    return sendPage(reply, <ListPage ctx={pageContext(request, area)} base={base} national={national(request)} entries={entries} values={EMPTY} error={null} />);
  });

  app.post(base, { config, schema: hide }, async (request, reply) => {
    const values = posted(request.body);
    try {
      const entry = await createEntry(deps, editorOf(request), values);
      return await reply.redirect(`${base}/${entry.id}?done=created`, 303);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'bad_request') throw error;
      const entries = await listEntriesForEditor(deps, editorOf(request));
      return sendPage(reply, <ListPage ctx={pageContext(request, area)} base={base} national={national(request)} entries={entries} values={values} error={error} />, error.status);
    }
  });

  async function show(request: FastifyRequest, id: string, values: Values | null, error: AppError | null, done: string) {
    const { entry, history } = await getEntryForEditor(deps, editorOf(request), id);
    return <EntryPage ctx={pageContext(request, area)} base={base} entry={entry} history={history} values={values ?? valuesOf(entry)} error={error} done={done} />;
  }

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const idOf = (id: string) => (UUID.test(id) ? id.toLowerCase() : '00000000-0000-0000-0000-000000000000');

  app.get<{ Params: { id: string } }>(`${base}/:id`, { config, schema: hide }, async (request, reply) => {
    return sendPage(reply, await show(request, idOf(request.params.id), null, null, field(request.query, 'done', 20)));
  });

  app.post<{ Params: { id: string } }>(`${base}/:id`, { config, schema: hide }, async (request, reply) => {
    const id = idOf(request.params.id);
    const values = posted(request.body);
    try {
      const revision = revisionOf(request.body);
      await updateEntry(deps, editorOf(request), id, { ...values, ...(revision === undefined ? {} : { revision }) });
      return await reply.redirect(`${base}/${id}?done=saved`, 303);
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'bad_request' && error.kind !== 'conflict')) throw error;
      return sendPage(reply, await show(request, id, values, error, ''), error.status);
    }
  });

  for (const [name, publish] of [['publish', true], ['unpublish', false]] as const) {
    app.post<{ Params: { id: string } }>(`${base}/:id/${name}`, { config, schema: hide }, async (request, reply) => {
      const id = idOf(request.params.id);
      try {
        await setEntryPublished(deps, editorOf(request), id, publish, revisionOf(request.body));
        return await reply.redirect(`${base}/${id}?done=${publish ? 'published' : 'unpublished'}`, 303);
      } catch (error) {
        if (!isAppError(error) || error.kind !== 'conflict') throw error;
        return sendPage(reply, await show(request, id, null, error, ''), error.status);
      }
    });
  }
}
