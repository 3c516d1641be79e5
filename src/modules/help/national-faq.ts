// The national FAQ (利用者向け FAQ, seed 000 §3.5 E-1 ハ): reference data loaded at every start,
// like the national procedures. An entry is inserted only when its slug is absent, so national
// administrators' later edits are never overwritten. Other pages link to these slugs (the login
// page and the PIN-locked error to card-pin-lockout, the receipt to receipts), so a slug never
// changes once shipped.
import type { FaqContent } from './tables.ts';

export const TOPICS = {
  login: { ja: 'ログイン', en: 'Signing in' },
  pin: { ja: '暗証番号', en: 'PINs' },
  signing: { ja: '電子署名', en: 'Signing' },
  attachments: { ja: '添付書類', en: 'Attachments' },
  receipts: { ja: '受付・到達', en: 'Receipts' },
  notices: { ja: 'お知らせ', en: 'Notices' },
  consent: { ja: 'オンラインでの通知への同意', en: 'Consent to online notices' },
  records: { ja: '記録', en: 'Records' },
  provision_log: { ja: '情報提供の記録', en: 'Provision log' },
  proxies: { ja: '代理人', en: 'Proxies' },
  inquiries: { ja: 'お問い合わせ', en: 'Inquiries' },
  other: { ja: 'その他', en: 'Other' },
} as const;

export type Topic = keyof typeof TOPICS;
export const TOPIC_KEYS = Object.keys(TOPICS) as Topic[];

export interface NationalEntry {
  slug: string;
  sortOrder: number;
  content: FaqContent & { topic: Topic };
}

/** The slugs other pages link to: kept stable (a test follows each link). */
export const FAQ_SLUGS = { pinLockout: 'card-pin-lockout', receipts: 'receipts' } as const;

export const NATIONAL_FAQ: readonly NationalEntry[] = [
  {
    slug: 'card-login',
    sortOrder: 10,
    content: {
      topic: 'login',
      questionJa: 'マイナンバーカードでログインするには、何が必要ですか。',
      questionEn: 'What do I need to sign in with my My Number Card?',
      answerJa:
        'マイナンバーカードと、カードを読み取れる機器（カードリーダーを接続したパソコン、またはマイナンバーカードの読み取りに対応したスマートフォン）、カードを受け取ったときに設定した「利用者証明用電子証明書の暗証番号」（数字4桁）が必要です。\n' +
        'ログインでは、カードの利用者証明用電子証明書で本人であることを確認します。マイナンバー（個人番号）そのものは使いません。初めてログインすると、お知らせ・申請・記録・同意をまとめて確認できる利用者フォルダが作られます。\n' +
        '30分間操作をしないと、安全のため自動的にログアウトします。もう一度ログインしてください。',
      answerEn:
        'You need your My Number Card, a device that can read it (a computer with a card reader, or a smartphone that can read the My Number Card), and the 4-digit PIN of the authentication certificate that you set when you received the card.\n' +
        'Signing in uses the card’s authentication certificate to confirm that it is you. Your My Number itself is never used. Your first sign-in opens your folder, where your notices, applications, records and consents are kept.\n' +
        'After 30 minutes without activity you are signed out for your safety. Sign in again.',
    },
  },
  {
    slug: FAQ_SLUGS.pinLockout,
    sortOrder: 20,
    content: {
      topic: 'pin',
      questionJa: '暗証番号を間違えて、ロックされてしまいました。どうすればよいですか。',
      questionEn: 'I entered the wrong PIN and it is locked. What do I do?',
      answerJa:
        'マイナンバーカードの暗証番号は、決められた回数続けて間違えるとロックされます。\n' +
        '・利用者証明用電子証明書の暗証番号（ログインに使う数字4桁）：3回続けて間違えるとロックされます。\n' +
        '・署名用電子証明書の暗証番号（申請の電子署名に使う英数字6〜16文字）：5回続けて間違えるとロックされます。\n' +
        'ロックされた暗証番号は、この基盤やお住まいの市区町村の担当課の電話では解除できません。マイナンバーカードを持って、住民登録をしている市区町村の窓口（マイナンバーカードの交付窓口）でロックの解除と暗証番号の再設定をしてください。本人確認を行います。窓口の受付時間や予約の要否は市区町村によって異なりますので、事前にご確認ください。\n' +
        'ロックされるのは間違えた方の暗証番号だけです。たとえば署名用の暗証番号がロックされても、利用者証明用の暗証番号でログインすることはできます。',
      answerEn:
        'Each PIN of the My Number Card locks after a set number of wrong tries in a row.\n' +
        '- The authentication certificate PIN (4 digits, used to sign in) locks after 3 wrong tries.\n' +
        '- The signature certificate PIN (6 to 16 letters and digits, used to sign applications) locks after 5 wrong tries.\n' +
        'A locked PIN cannot be unlocked by this platform or over the phone. Take your My Number Card to the counter of the municipality where you are registered as a resident (where My Number Cards are issued) to unlock it and set a new PIN; they will confirm your identity. Opening hours and whether you need an appointment differ between municipalities, so check first.\n' +
        'Only the PIN you got wrong is locked: if the signature PIN is locked, you can still sign in with the authentication PIN.',
    },
  },
  {
    slug: 'certificate-expiry',
    sortOrder: 30,
    content: {
      topic: 'pin',
      questionJa: '「電子証明書の有効期限が切れています」と表示されました。',
      questionEn: 'I am told that my certificate has expired.',
      answerJa:
        'マイナンバーカードの電子証明書の有効期限は、発行日から5回目の誕生日までです（カード自体の有効期限とは異なります）。期限が切れた電子証明書ではログインや電子署名ができません。住民登録をしている市区町村の窓口で電子証明書を更新してください。更新の案内は、期限の2〜3か月前に地方公共団体情報システム機構（J-LIS）から届きます。\n' +
        '住所や氏名が変わったときは、署名用電子証明書が失効します。市区町村の窓口で新しい署名用電子証明書の発行を受けてください。',
      answerEn:
        'The certificates on the My Number Card are valid until your fifth birthday after they were issued (which differs from the card’s own expiry). An expired certificate cannot be used to sign in or to sign. Renew it at the counter of the municipality where you are registered; J-LIS sends a reminder two to three months before it expires.\n' +
        'When your address or name changes, the signature certificate is revoked. Ask your municipality’s counter for a new one.',
    },
  },
  {
    slug: 'signing',
    sortOrder: 40,
    content: {
      topic: 'signing',
      questionJa: '申請に電子署名が必要なのはなぜですか。どの暗証番号を使いますか。',
      questionEn: 'Why do applications need a signature, and which PIN do I use?',
      answerJa:
        '児童手当の認定請求など、法令で本人の申請であることの確認が求められる手続では、マイナンバーカードの署名用電子証明書による電子署名が必要です。署名には「署名用電子証明書の暗証番号」（英大文字と数字を組み合わせた6〜16文字）を使います。ログインに使う数字4桁の暗証番号とは別のものです。\n' +
        '電子署名は、申請の内容と添付書類の全体に対して行われます。署名の後に内容が変わると、署名の検証で分かります。\n' +
        '手続によっては、市区町村が認めている場合に限り、署名なしの「簡易申請」もできます。\n' +
        '署名に使えるのは、ログインしているあなた自身のカード、または登録された代理人のカードだけです。',
      answerEn:
        'Procedures in which the law requires confirming that the applicant applied, such as the certification claim for the child allowance, need a signature made with the signature certificate of the My Number Card. Signing uses the signature certificate PIN (6 to 16 upper-case letters and digits, with at least one of each) — not the 4-digit PIN you sign in with.\n' +
        'The signature covers the whole application with its attachments: any later change shows when the signature is checked.\n' +
        'Some procedures also accept a simple application without a signature, where the municipality allows it.\n' +
        'Only your own card (the one you signed in with) or the card of a registered proxy can sign your application.',
    },
  },
  {
    slug: 'attachments',
    sortOrder: 50,
    content: {
      topic: 'attachments',
      questionJa: '添付できるファイルの種類と大きさを教えてください。',
      questionEn: 'Which files can I attach, and how large may they be?',
      answerJa:
        'PDF、JPEG、PNG のファイルを添付できます。1ファイルの大きさは10MBまで、1つの申請につき20ファイルまでです。ファイルの種類は拡張子ではなく内容で判断します。スマートフォンで書類を撮影した画像も添付できます。文字が読み取れることを確認してください。\n' +
        '書類によっては、オンラインで添付したうえで、原本を別に提出（郵送や窓口への持参）する必要があります。その場合は申請の確認画面と受付の画面に表示されます。\n' +
        '添付書類は申請と一緒に電子署名の対象になります。',
      answerEn:
        'You can attach PDF, JPEG and PNG files: up to 10 MB each and 20 files per application. The type is judged from the file’s content, not its name. Photos of documents taken with a smartphone are fine; make sure the text is legible.\n' +
        'For some documents the original must also be submitted separately (by post or at the counter) after attaching a copy. If so, the check page and the receipt say so.\n' +
        'Attachments are covered by the application’s signature.',
    },
  },
  {
    slug: FAQ_SLUGS.receipts,
    sortOrder: 60,
    content: {
      topic: 'receipts',
      questionJa: '申請が届いたかどうかは、どこで確認できますか。「到達日時」とは何ですか。',
      questionEn: 'How do I know my application arrived? What is the “arrived at” time?',
      answerJa:
        '申請を送信すると、受付番号と到達日時を記載した受付の画面が表示されます。同じ内容は利用者フォルダの「申請の一覧」でいつでも確認できます。\n' +
        '到達日時は、申請がこの基盤に記録され、市区町村が見られる状態になった時刻です（情報通信技術を活用した行政の推進等に関する法律 第6条第3項）。市区町村が申請をダウンロードした時刻ではありません。到達日時は後から変わりません。\n' +
        '申請の状態（受付、審査中、追加の書類の依頼、完了など）が変わると、申請の一覧と申請の詳細に表示されます。お問い合わせの際は受付番号をお伝えください。',
      answerEn:
        'When you send an application you see a receipt with its reference number and arrival time. The same is always in “Your applications” in your folder.\n' +
        'The arrival time is when the application was recorded on this platform and became viewable by the municipality (Act on Promotion of Administrative Procedures Using Information and Communications Technology, Article 6(3)) — not when the municipality downloaded it. It never changes.\n' +
        'When the status changes (received, in review, more information requested, completed, …) your applications list and the application’s page show it. Quote the reference number when you contact us.',
    },
  },
  {
    slug: 'notices',
    sortOrder: 70,
    content: {
      topic: 'notices',
      questionJa: '市区町村からのお知らせは、いつ届いたことになりますか。',
      questionEn: 'When is a notice from my municipality considered delivered?',
      answerJa:
        'お知らせは、あなたの利用者フォルダに記録され、見られる状態になった時点で届いたものとされます。開いて読んだかどうかは関係ありません。届いた日時と、あなたが読んだ日時は別に記録されます。\n' +
        '読むべき期限のあるお知らせを期限までに読まなかった場合は、市区町村から郵送などで改めて連絡することがあります。\n' +
        'お知らせによっては、選択肢から回答するものがあります。回答の期限と、回答を後から変更できるかどうかはお知らせに表示されます。',
      answerEn:
        'A notice is deemed delivered when it is recorded in your folder and viewable, whether or not you open it. The time it was delivered and the time you read it are recorded separately.\n' +
        'If you do not read a notice by its read-by date, your municipality may contact you again, for example by post.\n' +
        'Some notices ask a question with fixed answers; the notice shows the deadline and whether you may change your answer later.',
    },
  },
  {
    slug: 'consent-online-dispositions',
    sortOrder: 80,
    content: {
      topic: 'consent',
      questionJa: '決定通知などをオンラインで受け取るには、同意が必要ですか。同意は取り消せますか。',
      questionEn: 'Do I need to consent to receive decisions online? Can I withdraw it?',
      answerJa:
        '処分通知（認定や支給の決定通知など）をオンラインで受け取るには、アカウントがあることに加え、その種類の通知について「オンラインで受け取ることに同意する」と回答していることが必要です。同意の確認は、選択肢付きのお知らせとして届きます。\n' +
        '同意していない場合や「同意しない」と回答した場合、通知は従来どおり書面で届きます。同意はいつでも取り消すことができ、取り消した後に送られる通知は書面になります。',
      answerEn:
        'To receive a disposition notice (a decision on certification or payment, for example) online, you need an account and must have answered “I agree” to receiving that kind of notice online. The question comes as a notice with choices.\n' +
        'If you have not agreed, or answered that you do not agree, the notice comes on paper as before. You can withdraw your consent at any time; notices sent after that come on paper.',
    },
  },
  {
    slug: 'records',
    sortOrder: 90,
    content: {
      topic: 'records',
      questionJa: '子どもの予防接種の記録は見られますか。',
      questionEn: 'Can I see my child’s vaccination records?',
      answerJa:
        '市区町村が登録した定期接種の記録（副本）を、利用者フォルダで確認できます。記録は接種からおおむね2か月以内に登録されるため、最近の接種がまだ表示されないことがあります。\n' +
        '転入した場合は、前の市区町村の記録が照会によって引き継がれます。記録に誤りがあると思われる場合は、接種を受けた当時お住まいだった市区町村にお問い合わせください。訂正されると、その記録を受け取った市区町村にも知らされます。',
      answerEn:
        'Your folder shows the routine vaccination records (copies) that municipalities registered. Records are registered within about two months of the vaccination, so a recent one may not show yet.\n' +
        'After a move, your new municipality obtains the records from the previous one. If a record seems wrong, ask the municipality where you lived at the time; a correction is passed on to every municipality that received the record.',
    },
  },
  {
    slug: 'provision-log',
    sortOrder: 100,
    content: {
      topic: 'provision_log',
      questionJa: '自分の情報がいつ、どこに提供されたかを確認できますか。',
      questionEn: 'Can I see when and to whom my information was provided?',
      answerJa:
        'はい。市区町村の間で予防接種の記録などをやり取りしたときは、その都度、いつ・どこからどこへ・何を提供したかが記録され、利用者フォルダの「情報提供の記録」で確認できます。この記録はやり取りと同時に作られ、後から消したり書き換えたりできません。',
      answerEn:
        'Yes. Each time municipalities exchange your information, such as vaccination records, the platform records when, from whom, to whom and what was provided, and you can read it under “Provision log” in your folder. The record is made together with the exchange and cannot be deleted or changed later.',
    },
  },
  {
    slug: 'proxies',
    sortOrder: 110,
    content: {
      topic: 'proxies',
      questionJa: '家族や代理人が、私の代わりに申請できますか。',
      questionEn: 'Can a family member or a proxy apply for me?',
      answerJa:
        '申請は、ログインしているアカウントの本人のマイナンバーカードで署名するのが原則です。本人以外のカードで署名された申請は、その人があなたの代理人として登録されている場合に限って受け付けられます。\n' +
        '代理人の登録については、手続を行う市区町村にお問い合わせください。お子さんの手続は、通常は保護者ご自身のアカウントから、保護者として申請します。',
      answerEn:
        'An application is normally signed with the My Number Card of the account holder who is signed in. An application signed with someone else’s card is accepted only if that person is registered as your proxy.\n' +
        'Ask the municipality you are applying to about registering a proxy. For your child’s procedures you usually apply as the parent, from your own account.',
    },
  },
  {
    slug: 'inquiries',
    sortOrder: 120,
    content: {
      topic: 'inquiries',
      questionJa: '操作方法が分からないときは、どこに問い合わせればよいですか。',
      questionEn: 'Where do I ask if I cannot work out how to do something?',
      answerJa:
        'まずこのよくある質問で探してください。解決しない場合は「操作のお問い合わせ」から送ることができます。申請についてのお問い合わせはその申請の市区町村へ、それ以外は選んだ市区町村または全国の窓口（ヘルプデスク）へ届きます。\n' +
        'ログインして送った場合、回答は利用者フォルダの「お問い合わせ」に表示されます。ログインせずに送る場合は、連絡先のメールアドレスを入力してください（メールでの回答の送信は準備中で、まだ届きません）。\n' +
        '申請の審査の内容や結果については、申請先の市区町村の担当課にお問い合わせください。',
      answerEn:
        'Look in these FAQs first. If that does not help, send an operation inquiry. An inquiry about one of your applications goes to that application’s municipality; others go to the municipality you choose or to the national helpdesk.\n' +
        'If you are signed in, the answer appears under “Your inquiries” in your folder. If you are not, give an e-mail address to contact you (sending answers by e-mail is not connected yet, so none arrives for now).\n' +
        'For questions about how your application is being assessed or its result, contact the department of the municipality you applied to.',
    },
  },
];
