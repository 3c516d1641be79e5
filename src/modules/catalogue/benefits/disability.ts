// From disability certificates to the grades the allowances use. None of the allowances is decided
// by a certificate: each has its own schedule of conditions judged on a doctor's certificate
// (特別児童扶養手当等の支給に関する法律施行令 別表第1 and 別表第3; 東京都児童育成手当に関する条例
// 施行規則). The certificates are only the usual guide the municipalities publish, so each mapping
// says whether a grade is `likely` to qualify or only `possible`, and the estimate gives a range for
// the latter.
//
// Guides used: 特別児童扶養手当 1級 ≈ 身体障害者手帳 1–2級, 療育手帳 A, 精神 1級; 2級 ≈ 身体 3級 and part
// of 4級, 療育手帳 B in part (e.g. 利府町, 港区 pages, 2025); 障害児福祉手当 ≈ 身体 1級 and part of 2級,
// 療育手帳 マルA (最重度) (入間市 page, 2025); 東京都 障害手当: 愛の手帳 1–3度, 身体 1–2級, 脳性麻痺・
// 進行性筋萎縮症 (東京都福祉局 and 区市町村 pages).
import type { DisabilityInput } from './types.ts';

export type Likelihood = 'likely' | 'possible';

export interface Assessment<T> {
  /** Best outcome the certificates make likely; undefined if none. */
  likely?: T;
  /** Best outcome the certificates make possible (at least as good as `likely`); undefined if none. */
  possible?: T;
}

/** 特別児童扶養手当 grade (1 = 1級, the higher amount; 2 = 2級). */
export type SpecialGrade = 1 | 2;

function better(a: SpecialGrade | undefined, b: SpecialGrade | undefined): SpecialGrade | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

/** The 特別児童扶養手当 grade a certificate points to, and how firmly. */
export function assessSpecialChildGrade(d: DisabilityInput | undefined): Assessment<SpecialGrade> {
  if (!d) return {};
  const found: Array<[SpecialGrade, Likelihood]> = [];
  const p = d.physicalGrade;
  if (p !== undefined) {
    if (p <= 2) found.push([1, 'likely']);
    else if (p === 3) found.push([2, 'likely']);
    else if (p === 4) found.push([2, 'possible']);
  }
  const i = d.intellectualGrade;
  if (i === 'A' || i === 1 || i === 2) found.push([1, 'likely']);
  else if (i === 3) found.push([2, 'likely']);
  else if (i === 'B') found.push([2, 'possible']);
  const m = d.mentalGrade;
  if (m === 1) found.push([1, 'likely']);
  else if (m === 2) found.push([2, 'likely']);
  let likely: SpecialGrade | undefined;
  let possible: SpecialGrade | undefined;
  for (const [grade, how] of found) {
    if (how === 'likely') likely = better(likely, grade);
    possible = better(possible, grade);
  }
  return { ...(likely ? { likely } : {}), ...(possible ? { possible } : {}) };
}

/** Whether the certificates point to 障害児福祉手当's "重度障害児" (needs constant care; 施行令 別表第1). */
export function assessSevereDisability(d: DisabilityInput | undefined): Likelihood | undefined {
  if (!d) return undefined;
  if (d.physicalGrade === 1 || d.intellectualGrade === 1) return 'likely';
  if (d.physicalGrade === 2 || d.intellectualGrade === 'A' || d.intellectualGrade === 2 || d.mentalGrade === 1) return 'possible';
  return undefined;
}

/**
 * Whether the certificates meet Tokyo's 障害手当 (東京都児童育成手当に関する条例: 愛の手帳 1–3度,
 * 身体障害者手帳 1–2級 程度). A 療育手帳 from another prefecture is read as A ≈ 1–2度, B ≈ 3–4度.
 * Mental disability certificates are not among the conditions.
 */
export function assessTokyoDisability(d: DisabilityInput | undefined): Likelihood | undefined {
  if (!d) return undefined;
  const i = d.intellectualGrade;
  if ((d.physicalGrade !== undefined && d.physicalGrade <= 2) || i === 1 || i === 2 || i === 3 || i === 'A') return 'likely';
  if (i === 'B') return 'possible';
  return undefined;
}

/** A short bilingual description of the certificates, for reasons. */
export function describeCertificates(d: DisabilityInput): { ja: string; en: string } {
  const ja: string[] = [];
  const en: string[] = [];
  if (d.physicalGrade !== undefined) {
    ja.push(`身体障害者手帳${d.physicalGrade}級`);
    en.push(`physical disability certificate grade ${d.physicalGrade}`);
  }
  if (d.intellectualGrade !== undefined) {
    const tokyo = typeof d.intellectualGrade === 'number';
    ja.push(tokyo ? `愛の手帳${d.intellectualGrade}度` : `療育手帳${d.intellectualGrade}`);
    en.push(`intellectual disability certificate ${d.intellectualGrade}`);
  }
  if (d.mentalGrade !== undefined) {
    ja.push(`精神障害者保健福祉手帳${d.mentalGrade}級`);
    en.push(`mental disability certificate grade ${d.mentalGrade}`);
  }
  return { ja: ja.join('・'), en: en.join(', ') };
}
