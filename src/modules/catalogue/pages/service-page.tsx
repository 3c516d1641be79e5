// /services/:id — everything a resident needs about one service (PRODUCT.md §3.2): overview,
// eligibility, who applies, the acceptance period and whether it is open, attachments with their
// 必須 and 原本 flags (R5), things to bring, legal basis, the responsible department, related
// links, and how to apply — saying plainly that online application is not available yet.
import type { PropsWithChildren } from '@kitajs/html';
import type { Text } from '../../../platform/i18n.ts';
import { Layout, TableScroll } from '../../../web/layout.tsx';
import type { PageContext } from '../../../web/page.ts';
import type { ServiceAttachment, ServiceLink } from '../../../platform/db/tables.ts';
import type { ServiceDetail } from './repository.ts';
import { AcceptanceBadge, acceptanceOf, applyMethodLabel, categoryLabel, formatDate, Lines, lifeEventLabel, ownerText, TermList } from './views.tsx';

const METHOD_TEXT: Record<string, Text> = {
  signed_online: {
    ja: 'マイナンバーカードの署名用電子証明書で電子署名して、オンラインで申請します。',
    en: 'Apply online, signing with the signature certificate of your My Number Card.',
  },
  simple_online: {
    ja: '電子署名なしで、オンラインのフォームから申請します。',
    en: 'Apply with an online form, without a signature.',
  },
  print_and_post: {
    ja: '申請書を印刷して記入し、添付書類とともに担当課へ郵送します。申請書は担当課にお問い合わせください。',
    en: 'Print and fill in the form, and post it with the attachments to the department. Ask the department for the form.',
  },
  counter: {
    ja: '担当窓口で申請します。',
    en: 'Apply in person at the counter.',
  },
};

function Section(props: PropsWithChildren<{ ctx: PageContext; id: string; title: Text }>): JSX.Element {
  return (
    <section class="service-section" aria-labelledby={props.id}>
      <h2 id={props.id} safe>
        {props.ctx.t(props.title)}
      </h2>
      {props.children}
    </section>
  );
}

function Attachments(props: { ctx: PageContext; attachments: ServiceAttachment[] }): JSX.Element {
  const { ctx } = props;
  const anyOriginal = props.attachments.some((a) => a.originalRequired);
  return (
    <>
      {anyOriginal ? (
        <div class="original-notice">
          <p>
            <strong>{ctx.h({ ja: '別途原本の提出が必要な書類があります。', en: 'Some documents must also be submitted as originals.' })}</strong>
          </p>
          <p>
            {ctx.h({
              ja: '「別途原本の提出が必要」と書かれた書類は、オンラインで写しを添付した場合でも、原本を担当窓口へ郵送または持参してください。原本が届くまで審査が進まないことがあります。',
              en: 'For each document marked “original required”, send or bring the original to the department even if you attached a copy online. The application may not be processed until the original arrives.',
            })}
          </p>
        </div>
      ) : (
        ''
      )}
      <TableScroll captionId="attachments-caption">
        <table class="attachments">
          <caption id="attachments-caption">{ctx.h({ ja: '添付書類の一覧', en: 'Documents to attach' })}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.h({ ja: '書類', en: 'Document' })}</th>
              <th scope="col">{ctx.h({ ja: '必須', en: 'Required' })}</th>
              <th scope="col">{ctx.h({ ja: '原本', en: 'Original' })}</th>
            </tr>
          </thead>
          <tbody>
            {props.attachments.map((a) => (
              <tr>
                <td>
                  <span lang="ja" safe>
                    {a.name}
                  </span>
                  {a.note ? (
                    <span class="attachment-note" lang="ja" safe>
                      {a.note}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td>
                  {a.required ? (
                    <span class="flag flag-required">{ctx.h({ ja: '必須', en: 'Required' })}</span>
                  ) : (
                    <span class="flag flag-optional">{ctx.h({ ja: '該当する場合', en: 'If it applies' })}</span>
                  )}
                </td>
                <td>
                  {a.originalRequired ? (
                    <span class="flag flag-original">{ctx.h({ ja: '別途原本の提出が必要', en: 'Original required separately' })}</span>
                  ) : (
                    <span class="flag-none">{ctx.h({ ja: '写しで可', en: 'A copy is enough' })}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

function HowToApply(props: { ctx: PageContext; s: ServiceDetail; applyHref: string | null }): JSX.Element {
  const { ctx, s } = props;
  // R3: a My Number use procedure, or one that needs review, takes signed applications only.
  const signedOnly = s.myNumberProcedure === true || s.needsReview === true;
  const methods = s.apply_methods.filter((m) => !(signedOnly && m === 'simple_online'));
  const online = methods.filter((m) => m === 'signed_online' || m === 'simple_online');
  return (
    <>
      {s.how_to_apply ? <Lines text={s.how_to_apply} lang="ja" /> : ''}
      {methods.length > 0 ? (
        <ul class="apply-methods">
          {methods.map((m) => (
            <li class="apply-method">
              <h3 class="apply-method-title" safe>
                {ctx.t(applyMethodLabel(m))}
              </h3>
              <p safe>{ctx.t(METHOD_TEXT[m] ?? { ja: '', en: '' })}</p>
              {m === 'counter' && s.contact ? (
                <p safe>{ctx.t({ ja: '窓口は下の「担当課・お問い合わせ先」をご覧ください。', en: 'See “Department and contact” below for the counter.' })}</p>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{ctx.h({ ja: '申請方法は、担当課にお問い合わせください。', en: 'Ask the department how to apply.' })}</p>
      )}
      {online.length > 0 && props.applyHref ? (
        <p class="apply-online">
          <a class="button" href={props.applyHref}>
            {ctx.h({ ja: 'オンラインで申請する', en: 'Apply online' })}
          </a>{' '}
          {ctx.h({ ja: '（マイナンバーカードでログインします）', en: '(you sign in with your My Number Card)' })}
        </p>
      ) : online.length > 0 ? (
        <div class="online-pending" role="note">
          <p>
            <strong>{ctx.h({ ja: 'オンライン申請は準備中です。', en: 'Online application is coming.' })}</strong>{' '}
            {ctx.h({
              ja: 'このサイトからのオンライン申請はまだ利用できません。それまでは、窓口など他の方法で申請してください。',
              en: 'You cannot apply online on this site yet. Until then, please apply another way, such as at the counter.',
            })}
          </p>
        </div>
      ) : (
        ''
      )}
      {signedOnly ? (
        <p class="signed-only">
          {ctx.h({
            ja: 'この手続はマイナンバーを利用する手続のため、オンラインではマイナンバーカードによる電子署名付きの申請だけを受け付けます（電子署名のない簡易申請はできません）。',
            en: 'This is a My Number procedure: online, only applications signed with a My Number Card are accepted (no simple applications without a signature).',
          })}
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/** `applyHref`: where to apply online, when the service takes online applications and has a form. */
export function ServicePage(props: { ctx: PageContext; s: ServiceDetail; today: string; applyHref?: string | null }): JSX.Element {
  const { ctx, s, today } = props;
  const owner = ownerText({ ...s, municipalityCode: s.municipality_code, prefectureCode: s.prefecture_code });
  const attachments = (s.attachments ?? []) as ServiceAttachment[];
  const links = (s.related_links ?? []) as ServiceLink[];
  const state = acceptanceOf(s.acceptance_start, s.acceptance_end, today);
  const legalBasis = s.legal_basis || s.procedureLegalBasis || '';
  return (
    <Layout ctx={ctx} title={{ ja: s.title, en: s.title }} titleLang="ja">
      <p class="service-owner">
        <span lang={s.municipality_code || s.prefecture_code ? 'ja' : undefined} safe>
          {ctx.t(owner)}
        </span>
        {s.department ? (
          <span class="service-department" lang="ja" safe>
            {s.department}
          </span>
        ) : (
          ''
        )}
      </p>
      <div class="service-badges">
        <AcceptanceBadge ctx={ctx} start={s.acceptance_start} end={s.acceptance_end} today={today} />
        {s.myNumberProcedure ? <span class="status status-info">{ctx.h({ ja: 'マイナンバー利用事務', en: 'My Number procedure' })}</span> : ''}
      </div>
      <TermList ctx={ctx} ids={s.categories} label={categoryLabel} name={{ ja: '分類', en: 'Categories' }} />

      <nav class="toc" aria-label={ctx.t({ ja: 'このページの内容', en: 'On this page' })}>
        <ul>
          <li>
            <a href="#overview">{ctx.h({ ja: '概要', en: 'Overview' })}</a>
          </li>
          <li>
            <a href="#eligibility">{ctx.h({ ja: '対象となる方', en: 'Who is eligible' })}</a>
          </li>
          <li>
            <a href="#period">{ctx.h({ ja: '受付期間・期限', en: 'When to apply' })}</a>
          </li>
          <li>
            <a href="#how">{ctx.h({ ja: '申請方法', en: 'How to apply' })}</a>
          </li>
          {attachments.length > 0 ? (
            <li>
              <a href="#attachments">{ctx.h({ ja: '添付書類', en: 'Documents' })}</a>
            </li>
          ) : (
            ''
          )}
          <li>
            <a href="#contact">{ctx.h({ ja: 'お問い合わせ先', en: 'Contact' })}</a>
          </li>
        </ul>
      </nav>

      <Section ctx={ctx} id="overview" title={{ ja: '概要', en: 'Overview' }}>
        {s.summary ? <Lines text={s.summary} lang="ja" /> : <p>{ctx.h({ ja: '（概要は登録されていません）', en: '(No overview given.)' })}</p>}
        {s.support ? (
          <>
            <h3>{ctx.h({ ja: '支援の内容', en: 'What you get' })}</h3>
            <Lines text={s.support} lang="ja" />
          </>
        ) : (
          ''
        )}
      </Section>

      <Section ctx={ctx} id="eligibility" title={{ ja: '対象となる方', en: 'Who is eligible' }}>
        {s.eligibility ? <Lines text={s.eligibility} lang="ja" /> : <p>{ctx.h({ ja: '担当課にお問い合わせください。', en: 'Ask the department.' })}</p>}
        {s.applicant ? (
          <>
            <h3>{ctx.h({ ja: '申請する方', en: 'Who applies' })}</h3>
            <Lines text={s.applicant} lang="ja" />
          </>
        ) : (
          ''
        )}
        {s.life_events.length > 0 ? (
          <>
            <h3>{ctx.h({ ja: '関係するライフイベント', en: 'Related life events' })}</h3>
            <ul class="inline-links">
              {s.life_events.map((id) => (
                <li>
                  <a href={`/life-events/${encodeURIComponent(id)}`} safe>
                    {ctx.t(lifeEventLabel(id))}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : (
          ''
        )}
      </Section>

      <Section ctx={ctx} id="period" title={{ ja: '受付期間・期限', en: 'When to apply' }}>
        <dl class="facts">
          <dt>{ctx.h({ ja: '受付期間', en: 'Acceptance period' })}</dt>
          <dd safe>
            {s.acceptance_start || s.acceptance_end
              ? `${s.acceptance_start ? formatDate(ctx, s.acceptance_start) : ''} 〜 ${s.acceptance_end ? formatDate(ctx, s.acceptance_end) : ''}`
              : ctx.t({ ja: '随時（期間の定めはありません）', en: 'Any time (no fixed period)' })}
          </dd>
          <dt>{ctx.h({ ja: '現在の受付', en: 'Now' })}</dt>
          <dd>
            {state === 'open' || state === 'always'
              ? ctx.h({ ja: '受け付けています', en: 'Accepting applications' })
              : state === 'not-yet'
                ? ctx.h({ ja: '受付開始前です', en: 'Not open yet' })
                : ctx.h({ ja: '受付を終了しました', en: 'Closed' })}
          </dd>
          {s.deadline_note ? (
            <>
              <dt>{ctx.h({ ja: '期限・注意', en: 'Deadline' })}</dt>
              <dd lang="ja" safe>
                {s.deadline_note}
              </dd>
            </>
          ) : (
            ''
          )}
        </dl>
      </Section>

      <Section ctx={ctx} id="how" title={{ ja: '申請方法', en: 'How to apply' }}>
        <HowToApply ctx={ctx} s={s} applyHref={state === 'open' || state === 'always' ? (props.applyHref ?? null) : null} />
      </Section>

      {attachments.length > 0 ? (
        <Section ctx={ctx} id="attachments" title={{ ja: '添付書類', en: 'Documents to attach' }}>
          <Attachments ctx={ctx} attachments={attachments} />
        </Section>
      ) : (
        ''
      )}

      {s.things_to_bring.length > 0 ? (
        <Section ctx={ctx} id="bring" title={{ ja: '窓口へ持参するもの', en: 'What to bring to the counter' }}>
          <ul>
            {s.things_to_bring.map((t) => (
              <li lang="ja" safe>
                {t}
              </li>
            ))}
          </ul>
        </Section>
      ) : (
        ''
      )}

      {s.procedure_id || legalBasis ? (
        <Section ctx={ctx} id="legal" title={{ ja: '根拠法令・国の手続', en: 'Legal basis and national procedure' }}>
          <dl class="facts">
            {legalBasis ? (
              <>
                <dt>{ctx.h({ ja: '根拠法令', en: 'Legal basis' })}</dt>
                <dd lang="ja" safe>
                  {legalBasis}
                </dd>
              </>
            ) : (
              ''
            )}
            {s.procedure_id && s.procedureName ? (
              <>
                <dt>{ctx.h({ ja: '国の手続', en: 'National procedure' })}</dt>
                <dd>
                  <span safe>{ctx.lang === 'ja' ? s.procedureName : (s.procedureNameEn ?? s.procedureName)}</span>
                  <span class="hint">{ctx.h({ ja: '子育てワンストップサービスの対象手続です。', en: 'A procedure of the Childcare One-Stop Service.' })}</span>
                </dd>
                <dt>{ctx.h({ ja: 'マイナンバー利用事務', en: 'My Number procedure' })}</dt>
                <dd>
                  {s.myNumberProcedure
                    ? ctx.h({ ja: 'はい（電子署名付きの申請のみ）', en: 'Yes (signed applications only)' })
                    : ctx.h({ ja: 'いいえ', en: 'No' })}
                </dd>
              </>
            ) : (
              ''
            )}
          </dl>
        </Section>
      ) : (
        ''
      )}

      <Section ctx={ctx} id="contact" title={{ ja: '担当課・お問い合わせ先', en: 'Department and contact' }}>
        <dl class="facts">
          <dt>{ctx.h({ ja: '担当', en: 'Department' })}</dt>
          <dd lang="ja" safe>
            {s.department || ctx.t(owner)}
          </dd>
          <dt>{ctx.h({ ja: 'お問い合わせ先', en: 'Contact' })}</dt>
          <dd>{s.contact ? <Lines text={s.contact} lang="ja" /> : ctx.h({ ja: '登録されていません', en: 'Not given' })}</dd>
        </dl>
      </Section>

      {links.length > 0 || s.detail_url ? (
        <Section ctx={ctx} id="links" title={{ ja: '関連リンク', en: 'Related links' }}>
          <ul>
            {s.detail_url ? (
              <li>
                <a href={s.detail_url} rel="noopener noreferrer">
                  {ctx.h({ ja: 'このサービスの詳しい説明（外部サイト）', en: 'Full description of this service (external site)' })}
                </a>
              </li>
            ) : (
              ''
            )}
            {links.map((l) => (
              <li>
                <a href={l.url} rel="noopener noreferrer" lang="ja" safe>
                  {l.title}
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : (
        ''
      )}

      <p class="back-link">
        <a href="/services">{ctx.h({ ja: 'サービスの検索へ戻る', en: 'Back to the service search' })}</a>
      </p>
    </Layout>
  );
}
