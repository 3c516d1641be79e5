// The list of a municipality's forms, the national templates to adopt, and a new form of its own.
import type { AppError } from '../../../platform/errors.ts';
import { DataTable } from '../../../web/data-table.tsx';
import { ErrorSummary } from '../../../web/error-summary.tsx';
import { CsrfField, Layout } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import type { listFormsFor } from '../read-forms.ts';
import { BASE, field, KIND_LABEL, TextInput } from './builder-controls.tsx';

export type FormLists = Awaited<ReturnType<typeof listFormsFor>>;

export function ListPage(props: { ctx: PageContext; own: FormLists['own']; templates: FormLists['templates']; error?: AppError | undefined; posted?: unknown }): JSX.Element {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={{ ja: '申請フォーム', en: 'Application forms' }}>
      <ErrorSummary ctx={ctx} error={props.error} />
      <h2 id="own-forms">{ctx.h({ ja: 'この団体のフォーム', en: 'Your forms' })}</h2>
      {props.own.length === 0 ? (
        <p>{ctx.h({ ja: 'まだフォームがありません。国の様式を採用するか、独自のフォームを作成してください。', en: 'No forms yet. Adopt a national template or create your own.' })}</p>
      ) : (
        <DataTable ctx={ctx} id="own-forms-caption" caption={{ ja: 'この団体のフォーム', en: 'Your forms' }}
          columns={[{ ja: 'フォーム', en: 'Form' }, { ja: '種類', en: 'Kind' }, { ja: '公開中の版', en: 'Published version' }, { ja: '使っているサービス', en: 'Services' }]}>
          {props.own.map((f) => (
            <tr>
              <td>
                <a href={`${BASE}/${f.id}`} safe>
                  {ctx.lang === 'ja' ? f.title : f.title_en}
                </a>
              </td>
              <td safe>{ctx.t(KIND_LABEL[f.kind]!)}</td>
              <td safe>{f.latest_version === null ? ctx.t({ ja: '未公開', en: 'Not published' }) : `${f.latest_version}`}</td>
              <td safe>{String(f.services)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 id="templates">{ctx.h({ ja: '国の様式（15手続）を採用する', en: 'Adopt a national template' })}</h2>
      <p>{ctx.h({ ja: '国の様式の項目はそのまま使われます。独自の項目（上乗せ・独自利用事務）は採用後に追加できます。', en: 'The national part stays as it is; you can add your own fields after adopting.' })}</p>
      <ul class="term-list">
        {props.templates.map((t) => (
          <li>
            <form method="post" action={`${BASE}/adopt`} class="button-row">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="templateFormId" value={t.id} />
              <span safe>{ctx.lang === 'ja' ? t.title : t.title_en}</span>
              <button type="submit" class="button-secondary">
                <span safe>{ctx.t({ ja: '採用する', en: 'Adopt' })}</span>
                <span class="visually-hidden" safe>
                  {`（${ctx.lang === 'ja' ? t.title : t.title_en}）`}
                </span>
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h2>{ctx.h({ ja: '独自のフォームを作る', en: 'Create a form of your own' })}</h2>
      <form method="post" action={BASE}>
        <CsrfField ctx={ctx} />
        <TextInput ctx={ctx} name="title" label={{ ja: 'フォームの名前（日本語）', en: 'Title (Japanese)' }} value={field(props.posted, 'title', 200)} error={props.error} />
        <TextInput ctx={ctx} name="titleEn" label={{ ja: 'フォームの名前（英語）', en: 'Title (English)' }} value={field(props.posted, 'titleEn', 200)} error={props.error} />
        <button type="submit">{ctx.h({ ja: '作成する', en: 'Create' })}</button>
      </form>
    </Layout>
  );
}
