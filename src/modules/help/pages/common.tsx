// What the help pages share: reading posted fields, labels, times, and the FAQ answer's paragraphs.
import type { Text } from '../../../platform/i18n.ts';
import { formatJst } from '../../../web/format.ts';
import type { PageContext } from '../../../web/page.ts';
import { TOPICS } from '../national-faq.ts';
import type { InquiryStatus } from '../tables.ts';

/** A posted field as one string (a repeated field gives its first value), cut at `max`. */
export function field(body: unknown, name: string, max = 20000): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, max) : '';
}

export function topicLabel(topic: string): Text {
  return (TOPICS as Record<string, Text>)[topic] ?? TOPICS.other;
}

export const STATUS_LABEL: Record<InquiryStatus, Text> = {
  open: { ja: '未回答', en: 'Awaiting reply' },
  answered: { ja: '回答済み', en: 'Answered' },
  closed: { ja: '対応終了', en: 'Closed' },
};

export function StatusTag(props: { ctx: PageContext; status: InquiryStatus }): JSX.Element {
  const cls = props.status === 'open' ? 'status status-warn' : 'status status-ok';
  return (
    <span class={cls} safe>
      {props.ctx.t(STATUS_LABEL[props.status])}
    </span>
  );
}

export function Time(props: { at: string | null }): JSX.Element {
  if (!props.at) return '—';
  return (
    <time datetime={props.at} safe>
      {formatJst(new Date(props.at))}
    </time>
  );
}

/** Text written with line breaks, as paragraphs (no inline style: CSP). */
export function Paragraphs(props: { text: string; lang?: string }): JSX.Element {
  return (
    <>
      {props.text
        .split(/\n+/)
        .filter((p) => p.trim() !== '')
        .map((p) => (
          <p lang={props.lang} safe>
            {p}
          </p>
        ))}
    </>
  );
}

/** A duration in seconds for people: minutes, hours or days. */
export function formatDuration(seconds: number | null, lang: 'ja' | 'en'): string {
  if (seconds === null) return '—';
  const minutes = seconds / 60;
  if (minutes < 60) return lang === 'ja' ? `${Math.round(minutes)}分` : `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return lang === 'ja' ? `${hours.toFixed(1)}時間` : `${hours.toFixed(1)} h`;
  const days = hours / 24;
  return lang === 'ja' ? `${days.toFixed(1)}日` : `${days.toFixed(1)} days`;
}

/** The plain statement every page that mentions e-mail makes (the platform sends none yet). */
export const EMAIL_NOT_CONNECTED: Text = {
  ja: 'メールの送信は、まだこの基盤に接続されていません。メールでの回答は送信待ちとして記録されますが、届きません。',
  en: 'Sending e-mail is not connected to the platform yet: an answer by e-mail is recorded as waiting to be sent, but it does not arrive.',
};
