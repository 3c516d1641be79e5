// Response times of operation inquiries, for the national side (§3.10): per desk, the median and
// 90th percentile of the time to the first reply and to closing. Only timing columns are read, so
// the figures of every municipality are shown without any inquiry's text or contact.
import type { Db } from '../../platform/db/index.ts';
import { municipalityNames, responseTimes } from './repository.ts';

export interface ResponseTimeRow {
  /** null: the national helpdesk. */
  municipalityCode: string | null;
  name: string | null;
  received: number;
  replied: number;
  closed: number;
  /** Seconds; null when none replied (closed) yet. */
  firstReplyMedian: number | null;
  firstReplyP90: number | null;
  closeMedian: number | null;
  closeP90: number | null;
}

export const REPORT_DAYS = [30, 90, 365] as const;

export async function responseTimeReport(deps: { db: Db }, options: { days: number; now?: Date }): Promise<{ since: string; rows: ResponseTimeRow[] }> {
  const since = new Date((options.now ?? new Date()).getTime() - options.days * 24 * 3600 * 1000);
  const rows = await responseTimes(deps.db.kysely, since);
  const names = await municipalityNames(deps.db.kysely, rows.flatMap((r) => (r.municipalityCode ? [r.municipalityCode] : [])));
  return { since: since.toISOString(), rows: rows.map((r) => ({ ...r, name: r.municipalityCode ? (names.get(r.municipalityCode) ?? null) : null })) };
}
