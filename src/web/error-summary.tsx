// The error summary at the top of a form (GOV.UK pattern): the problem in the reader's language and
// each field problem as a link to its field, so keyboard and screen-reader users can jump there.
import type { AppError } from '../platform/errors.ts';
import type { PageContext } from './page.ts';

export function ErrorSummary(props: { ctx: PageContext; error: AppError | null | undefined; fieldId?: (field: string) => string }): JSX.Element {
  const { ctx, error } = props;
  if (!error) return '';
  const idOf = props.fieldId ?? ((f: string) => f);
  const message = ctx.lang === 'ja' ? error.ja : error.message;
  const items =
    error.fields.length > 0
      ? error.fields.map((f) => ({ href: `#${idOf(f.field)}`, text: ctx.lang === 'ja' ? f.message.ja : f.message.en }))
      : [{ href: '#main', text: message }];
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 id="error-summary-title">{ctx.h({ ja: '入力内容を確認してください', en: 'There is a problem' })}</h2>
      {error.fields.length > 0 ? <p safe>{message}</p> : ''}
      <ul>
        {items.map((i) => (
          <li>
            <a href={i.href} safe>
              {i.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
