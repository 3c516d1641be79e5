import type { AppError } from '../platform/errors.ts';
import type { Text } from '../platform/i18n.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page.ts';

/** Errors a resident can resolve with an FAQ entry (the help module's national FAQ, /help/faq/…). */
const HELP_FOR: Record<string, { href: string; label: Text }> = {
  'signatures.pin_locked': { href: '/help/faq/card-pin-lockout', label: { ja: '暗証番号がロックされたときの手続（よくある質問）', en: 'What to do about a locked PIN (FAQ)' } },
};

export function ErrorPage(props: { ctx: PageContext; error: AppError; requestId: string }): JSX.Element {
  const { ctx, error } = props;
  const title =
    error.status === 404
      ? { ja: 'ページが見つかりません', en: 'Page not found' }
      : error.status >= 500
        ? { ja: 'システムエラー', en: 'System error' }
        : { ja: 'リクエストを処理できませんでした', en: 'The request could not be processed' };
  return (
    <Layout ctx={ctx} title={title}>
      <p class="lead" safe>
        {ctx.lang === 'ja' ? error.ja : error.message}
      </p>
      {error.fields.length > 0 ? (
        <div class="error-summary" role="alert">
          <ul>
            {error.fields.map((f) => (
              <li safe>{`${f.field}: ${ctx.lang === 'ja' ? f.message.ja : f.message.en}`}</li>
            ))}
          </ul>
        </div>
      ) : (
        ''
      )}
      {HELP_FOR[error.code] ? (
        <p>
          <a href={HELP_FOR[error.code]!.href} safe>
            {ctx.t(HELP_FOR[error.code]!.label)}
          </a>
        </p>
      ) : (
        ''
      )}
      <p class="back-link">
        <a href="/">{ctx.h({ ja: 'トップページへ戻る', en: 'Back to the home page' })}</a>
      </p>
      <p class="hint" safe>
        {`${ctx.t({ ja: 'お問い合わせの際はこの番号をお伝えください', en: 'Quote this reference if you contact us' })}: ${props.requestId}`}
      </p>
    </Layout>
  );
}
