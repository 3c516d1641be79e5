// The JPKI certificate profile in one place: how the basic four items (基本4情報) are written into
// and read from a signature certificate, test CA names, and the validity rule of end-entity certificates.
import { JPKI_ADDRESS, JPKI_ADDRESS_SUBSTITUTE, JPKI_DATE_OF_BIRTH, JPKI_NAME, JPKI_NAME_SUBSTITUTE, JPKI_SEX } from './oids.ts';
import type { NameAttribute } from './build-certificate.ts';
import type { Purpose } from './test-pki-store.ts';

export type Sex = 'male' | 'female' | 'unknown';

/** The basic four items as the platform uses them. */
export interface BasicFourItems {
  name: string;
  sex: Sex;
  /** YYYY-MM-DD (Gregorian). */
  dateOfBirth: string;
  address: string;
  /**
   * Positions of substitute characters (代替文字) — one '0' or '1' per character, '1' where the
   * register's character could not be written in the certificate's character set and was substituted.
   */
  nameSubstitute: string;
  addressSubstitute: string;
}

export type BasicFourInput = Omit<BasicFourItems, 'nameSubstitute' | 'addressSubstitute'> & Partial<Pick<BasicFourItems, 'nameSubstitute' | 'addressSubstitute'>>;

// JPKI writes sex as 1 (male), 2 (female), 3 (unknown).
const SEX_CODE: Record<Sex, string> = { male: '1', female: '2', unknown: '3' };
const SEX_BY_CODE: Record<string, Sex> = { '1': 'male', '2': 'female', '3': 'unknown' };

// JPKI writes the date of birth as an era digit followed by the Gregorian YYYYMMDD
// (1 明治, 2 大正, 3 昭和, 4 平成, 5 令和), e.g. 419900102 for 1990-01-02.
const ERAS: Array<{ code: string; from: string }> = [
  { code: '5', from: '2019-05-01' },
  { code: '4', from: '1989-01-08' },
  { code: '3', from: '1926-12-25' },
  { code: '2', from: '1912-07-30' },
  { code: '1', from: '1868-01-25' },
];

export function encodeDateOfBirth(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new RangeError(`not a date: ${date}`);
  const era = ERAS.find((e) => date >= e.from);
  if (!era) throw new RangeError(`date of birth before the Meiji era: ${date}`);
  return era.code + date.replaceAll('-', '');
}

export function decodeDateOfBirth(value: string): string {
  const m = /^[1-5](\d{4})(\d{2})(\d{2})$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : value;
}

export function basicFourOtherNames(items: BasicFourInput): Array<{ oid: string; value: string }> {
  const zeros = (s: string) => '0'.repeat([...s].length);
  // The order of a real card: name, date of birth, sex, address, then the substitute positions.
  return [
    { oid: JPKI_NAME, value: items.name },
    { oid: JPKI_DATE_OF_BIRTH, value: encodeDateOfBirth(items.dateOfBirth) },
    { oid: JPKI_SEX, value: SEX_CODE[items.sex] },
    { oid: JPKI_ADDRESS, value: items.address },
    { oid: JPKI_NAME_SUBSTITUTE, value: items.nameSubstitute ?? zeros(items.name) },
    { oid: JPKI_ADDRESS_SUBSTITUTE, value: items.addressSubstitute ?? zeros(items.address) },
  ];
}

/** The basic four items from subjectAltName otherNames, or null when the certificate carries none. */
export function basicFourFrom(otherNames: ReadonlyMap<string, string>): BasicFourItems | null {
  const name = otherNames.get(JPKI_NAME);
  if (name === undefined) return null;
  return {
    name,
    sex: SEX_BY_CODE[otherNames.get(JPKI_SEX) ?? ''] ?? 'unknown',
    dateOfBirth: decodeDateOfBirth(otherNames.get(JPKI_DATE_OF_BIRTH) ?? ''),
    address: otherNames.get(JPKI_ADDRESS) ?? '',
    nameSubstitute: otherNames.get(JPKI_NAME_SUBSTITUTE) ?? '',
    addressSubstitute: otherNames.get(JPKI_ADDRESS_SUBSTITUTE) ?? '',
  };
}

/**
 * JPKI end-entity certificates are valid until the 5th birthday after the day of issue
 * (発行の日後5回目の誕生日). Ends at the end of that day in Japan (23:59:59 JST = 14:59:59Z).
 * A 29 February birthday falls on 28 February in common years.
 */
export function validityEnd(issuedAt: Date, dateOfBirth: string): Date {
  const [, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const jst = new Date(issuedAt.getTime() + 9 * 3600_000);
  const issueYear = jst.getUTCFullYear();
  const birthdayIn = (year: number) => {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const d = month === 2 && day === 29 && !leap ? 28 : day;
    return Date.UTC(year, month - 1, d, 14, 59, 59);
  };
  // The first birthday strictly after the day of issue, then four more.
  const issueDayEnd = Date.UTC(issueYear, jst.getUTCMonth(), jst.getUTCDate(), 14, 59, 59);
  const firstYear = birthdayIn(issueYear) > issueDayEnd ? issueYear : issueYear + 1;
  return new Date(birthdayIn(firstYear + 4));
}

/** JPKI-like CA names, marked TEST so no one mistakes them for J-LIS. */
export function testAuthorityName(purpose: Purpose): NameAttribute[] {
  return [
    { type: 'C', value: 'JP' },
    { type: 'O', value: 'JPKI TEST' },
    { type: 'OU', value: purpose === 'signature' ? 'TEST JPKI for digital signature' : 'TEST JPKI for user authentication' },
    { type: 'OU', value: 'Kosodate One-Stop test PKI (not J-LIS)' },
  ];
}

/** End-entity subject: like JPKI, no personal data in the subject; the CN is a random issue number. */
export function testSubjectName(issueNumber: string): NameAttribute[] {
  return [
    { type: 'C', value: 'JP' },
    { type: 'O', value: 'JPKI TEST' },
    { type: 'CN', value: issueNumber },
  ];
}
