// How an application's state reads on the resident's pages: its status, its timeline, the arrival
// time in Japan (a legal fact, R1), file sizes and the originals still to bring (R5).
import type { Text } from '../../../platform/i18n.ts';
import type { PageContext } from '../../../web/page.ts';
import type { TimelineEntry } from '../present.ts';
import type { ApplicationStatus } from '../tables.ts';

const STATUS: Record<ApplicationStatus, Text> = {
  arrived: { ja: '到達', en: 'Arrived' },
  received: { ja: '受付済み', en: 'Received' },
  in_review: { ja: '審査中', en: 'In review' },
  info_requested: { ja: '補正・追加の依頼あり', en: 'More information requested' },
  accepted: { ja: '承認', en: 'Accepted' },
  rejected: { ja: '却下', en: 'Rejected' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
};

const EVENT: Record<string, Text> = {
  arrived: { ja: '申請が到達しました', en: 'Your application arrived' },
  received: { ja: '市区町村が受け付けました', en: 'The municipality received it' },
  in_review: { ja: '審査が始まりました', en: 'Review started' },
  info_requested: { ja: '補正・追加の依頼がありました', en: 'More information was requested' },
  accepted: { ja: '承認されました', en: 'Accepted' },
  rejected: { ja: '却下されました', en: 'Rejected' },
  withdrawn: { ja: '取り下げました', en: 'You withdrew it' },
  reply: { ja: '依頼に回答しました', en: 'You replied' },
  resident_reply: { ja: '依頼に回答しました', en: 'You replied' },
  signature_reverified: { ja: '署名を再検証しました', en: 'The signature was checked again' },
};

const JAPAN_CLOCK = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** A date and time as the clock in Japan shows it, to the second (2026/12/07 21:51:06). */
export function japanClock(iso: string): string {
  return JAPAN_CLOCK.format(new Date(iso));
}

/** A date and time in Japan, to the second: the arrival time is a legal fact (R1). */
export function formatJapanTime(iso: string, lang: 'ja' | 'en'): string {
  const parts = japanClock(iso);
  return lang === 'ja' ? `${parts}（日本時間）` : `${parts} (Japan time)`;
}

export function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Where the application stands, for lists and the receipt. */
export function StatusTag(props: { ctx: PageContext; status: ApplicationStatus }): JSX.Element {
  return (
    <span class={`status status-${props.status}`} safe>
      {props.ctx.t(STATUS[props.status])}
    </span>
  );
}

export function OriginalsNotice(props: { ctx: PageContext; originals: string[] }): JSX.Element {
  const { ctx, originals } = props;
  if (originals.length === 0) return '';
  return (
    <div class="notice" role="note">
      <h2>{ctx.h({ ja: '原本の提出が必要な書類', en: 'Originals to submit separately' })}</h2>
      <p>
        {ctx.h({
          ja: '次の書類は、オンラインで添付したうえで、別途原本を窓口へ持参するか郵送してください。',
          en: 'Attach these online, and also bring or post the originals to the municipality.',
        })}
      </p>
      <ul>
        {originals.map((o) => (
          <li lang="ja" safe>
            {o}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Timeline(props: { ctx: PageContext; entries: TimelineEntry[] }): JSX.Element {
  const { ctx } = props;
  return (
    <ol class="timeline">
      {props.entries.map((e) => (
        <li>
          <p>
            <strong safe>{ctx.t(EVENT[e.kind] ?? (e.status ? STATUS[e.status] : { ja: e.kind, en: e.kind }))}</strong>{' '}
            <time datetime={e.at} safe>
              {formatJapanTime(e.at, ctx.lang)}
            </time>
          </p>
          {e.message ? (
            <p class="timeline-message" lang="ja" safe>
              {e.message}
            </p>
          ) : (
            ''
          )}
          {e.attachments.length > 0 ? (
            <ul>
              {e.attachments.map((a) => (
                <li safe>{`${a.name}（${size(a.size)}）`}</li>
              ))}
            </ul>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  );
}
