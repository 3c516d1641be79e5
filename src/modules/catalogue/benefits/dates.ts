// Calendar arithmetic for the benefit rules. Dates are ISO `YYYY-MM-DD` strings, which compare
// correctly as strings; months are `YYYY-MM`.
//
// Ages follow 年齢計算ニ関スル法律 and 民法 第143条: a person "reaches" age N at the end of the day
// before their Nth birthday. That is why a child born on 1 April is a school year ahead, and why
// the laws' "N歳に達する日以後の最初の三月三十一日" (the first 31 March on or after the day the child
// reaches N; 児童手当法 第3条, 児童扶養手当法 第3条) falls a year early for them.

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Whether `iso` is a real calendar date written as YYYY-MM-DD. */
export function isCalendarDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * The day on which a person born on `birth` reaches `age` (the day before the birthday). Integer
 * arithmetic rather than Date: the rules call this several times per child per estimate.
 */
export function dayReaching(birth: string, age: number): string {
  let y = Number(birth.slice(0, 4)) + age;
  let m = Number(birth.slice(5, 7));
  let d = Number(birth.slice(8, 10));
  // Someone born on 29 February reaches an age on 28 February in a common year (the day before 1 March).
  if (m === 2 && d === 29 && !isLeapYear(y)) return `${y}-02-28`;
  if (d > 1) d--;
  else if (m > 1) {
    m--;
    d = daysInMonth(y, m);
  } else {
    y--;
    m = 12;
    d = 31;
  }
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The first 31 March on or after the day the person reaches `age` (N歳に達する日以後の最初の3月31日). */
export function fiscalYearEndAfterReaching(birth: string, age: number): string {
  const reached = dayReaching(birth, age);
  const year = Number(reached.slice(0, 4));
  const month = Number(reached.slice(5, 7));
  return `${month >= 4 ? year + 1 : year}-03-31`;
}

/** Whether, on `date`, the person is still within "up to the first 31 March after reaching `age`". */
export function isWithinFiscalYearOfAge(birth: string, age: number, date: string): boolean {
  return date <= fiscalYearEndAfterReaching(birth, age);
}

/**
 * Whether the month of `date` is a month paid as "under `age`". Allowances are monthly and a change
 * of entitlement takes effect from the month after the month in which it happens (児童手当法 第8条・
 * 第9条, and the like provisions on 支給期間 of the other allowances): the month in which the child
 * reaches the age is still paid at the younger rate.
 */
export function isUnderAgeForMonth(birth: string, age: number, date: string): boolean {
  return date.slice(0, 7) <= dayReaching(birth, age).slice(0, 7);
}

/** The Japanese fiscal year (April–March) that `date` falls in, e.g. 2025 for 2026-03-31. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

/** Completed years of age on `date` (for messages only; the rules use the functions above). */
export function ageOn(birth: string, date: string): number {
  let age = Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
  if (date.slice(5) < birth.slice(5)) age--;
  return age;
}

/** A dated parameter table: the entry in force on `date` is the last whose `from` is not after it. */
export interface Dated {
  /** The day the parameters took effect (YYYY-MM-DD). */
  readonly from: string;
}

export function pickInForce<T extends Dated>(tables: readonly T[], date: string): T | undefined {
  let found: T | undefined;
  for (const table of tables) {
    if (table.from <= date) found = table;
    else break;
  }
  return found;
}
