// The card step, shared by a single draft's check page and a bundle's.
import { CsrfField } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';

export interface DemoCard {
  id: string;
  name: string;
  retriesLeft: number;
}

/**
 * The card step (apply-sign.js). One draft, or a bundle: then the script asks for the bundle's
 * signing payload over all its drafts and submits them with the one signature.
 */
export function SignForm(props: { ctx: PageContext; draftId?: string; bundle?: { key: string; draftIds: string[] }; cards: DemoCard[] | null; idempotencyKey: string }): JSX.Element {
  const { ctx, cards, bundle } = props;
  const action = bundle ? `/applications/bundles/${bundle.key}/submit` : `/applications/drafts/${props.draftId ?? ''}/submit`;
  return (
    <section aria-labelledby="sign-title">
      <h2 id="sign-title">{ctx.h({ ja: 'マイナンバーカードで署名して送信する', en: 'Sign with your My Number Card and send' })}</h2>
      <p id="sign-js-note" class="notice">
        {ctx.h({
          ja: 'カードでの署名には JavaScript を使います（ブラウザがカードに署名を依頼するため）。JavaScript が無効な場合は有効にしてから、このページを開き直してください。',
          en: 'Signing with a card uses JavaScript (the browser asks the card to sign). If JavaScript is off, turn it on and open this page again.',
        })}
      </p>
      {cards ? (
        <form
          id="sign-form"
          method="post"
          action={action}
          data-draft={bundle ? undefined : props.draftId}
          data-drafts={bundle ? bundle.draftIds.join(',') : undefined}
          data-key={props.idempotencyKey}
          data-lang={ctx.lang}
          data-msg-title={ctx.t({ ja: '送信できませんでした', en: 'The application was not sent' })}
          data-msg-card={ctx.t({ ja: 'カードを選んでください', en: 'Choose a card' })}
          data-msg-pin={ctx.t({ ja: '署名用電子証明書の暗証番号（英数字6〜16文字）を入力してください', en: 'Enter the signature PIN (6–16 letters and digits)' })}
          data-msg-working={ctx.t({ ja: 'カードで署名して送信しています…', en: 'Signing with the card and sending…' })}
          data-msg-network={ctx.t({ ja: '通信に失敗しました。もう一度お試しください（二重に申請されることはありません）。', en: 'The connection failed. Try again (you will not apply twice).' })}
          data-help-locked="/help/faq/card-pin-lockout"
          data-msg-locked-help={ctx.t({ ja: '暗証番号がロックされたときの手続（よくある質問）', en: 'What to do about a locked PIN (FAQ)' })}
        >
          <CsrfField ctx={ctx} />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <input type="hidden" name="method" value="signed" />
          <div id="sign-errors" tabindex="-1"></div>
          <fieldset id="cards">
            <legend>{ctx.h({ ja: '署名に使うテスト用カード（デモ）', en: 'Test card to sign with (demo)' })}</legend>
            {cards.map((card, i) => (
              <div class="choice">
                <input type="radio" id={`sign-card-${card.id}`} name="cardId" value={card.id} checked={i === 0} />
                <label for={`sign-card-${card.id}`} safe>
                  {`${card.name}（${card.id}）`}
                </label>
              </div>
            ))}
          </fieldset>
          <div class="field">
            <label for="sign-pin">{ctx.h({ ja: '署名用電子証明書の暗証番号（英数字6〜16文字）', en: 'Signature PIN (6–16 letters and digits)' })}</label>
            <p id="sign-pin-error" class="field-error" hidden></p>
            <input id="sign-pin" name="pin" type="password" autocomplete="off" inputmode="text" maxlength="16" aria-describedby="sign-pin-error" />
          </div>
          <p id="sign-status" role="status"></p>
          <button type="submit">{ctx.h({ ja: '署名して送信する', en: 'Sign and send' })}</button>
        </form>
      ) : (
        <p>
          {ctx.h({
            ja: 'ここにはテスト用カードがありません。実際のマイナンバーカードでの署名には、カードリーダーと公的個人認証サービスの利用者クライアントソフトが必要です（未対応）。',
            en: 'There are no test cards here. Signing with a real My Number Card needs a card reader and the JPKI client software, which are not supported yet.',
          })}
        </p>
      )}
      <script src="/assets/card-form.js" defer></script>
      <script src="/assets/apply-sign.js" defer></script>
    </section>
  );
}
