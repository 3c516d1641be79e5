// Small page parts shared by the identity pages: the error summary linked to the fields, times in
// Japan time, and the numbers of a pager.
import type { AppError } from '../../platform/errors.ts';
import type { PageContext } from '../../web/page.ts';

export { ErrorSummary } from '../../web/error-summary.tsx';

/** The message of the first problem about a field, for the line under it. */
export function fieldMessage(ctx: PageContext, error: AppError | null | undefined, field: string): string | null {
  const problem = error?.fields.find((f) => f.field === field);
  return problem ? (ctx.lang === 'ja' ? problem.message.ja : problem.message.en) : null;
}

const JST = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A time as people in Japan read it: 2026-11-21 09:30:00 (Japan time). */
export function formatJst(value: Date | null | undefined): string {
  return value ? JST.format(value) : '';
}
