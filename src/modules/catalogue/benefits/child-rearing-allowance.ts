// 児童扶養手当 (child-rearing allowance for single-parent households), 児童扶養手当法 and its 施行令.
//
// Who: a parent raising, alone, a child up to the first 31 March after the 18th birthday, or under 20
// with a disability of the degree in 施行令 別表第1 (中度以上; 法 第3条第1項). Modelled by the
// `singleParent` flag: the law's grounds (divorce, death, a parent's severe disability, desertion,
// DV protection order, detention, birth outside marriage; 法 第4条) are not asked one by one.
//
// How much (法 第5条, 第5条の2): a base amount for the first child plus an addition for the second
// and for each later child. The amounts are revised each April by the consumer price index
// (法 第5条の2, 物価スライド). From November 2024 (令和6年11月分, 令和6年法律第47号 and 施行令 改正) the
// third-and-later addition became equal to the second-child addition and the income limits were
// raised (full payment from 690,000 yen instead of 490,000 yen for no dependants; partial payment
// up to 2,080,000 yen instead of 1,920,000 yen).
//
// Income test (法 第9条・第9条の2, 施行令 第2条の4): the claimant's 所得額 (income after the allowance's
// deductions, incl. 80% of child support received) under the full-payment limit → full amounts; at
// or over the partial-payment limit → nothing; in between each part is reduced:
//   part = (full − 10) − (所得額 − full-payment limit) × coefficient, rounded to the nearest 10 yen,
// where the coefficient is (highest partial − lowest partial) ÷ (partial limit − full limit), to 7
// decimals. We derive it from the table rather than store it: it reproduces every coefficient we
// could check (0.0256619 for the FY2025 base amount, 東金市 page https://www.city.togane.chiba.jp/0000000309.html;
// 0.0226993 for FY2018; 0.0186879, 0.0028844, 0.0017283 for the 2010s amounts). Any other member
// entered as a parent is treated as a liable relative living with the claimant (扶養義務者), whose
// own income limit stops the whole allowance (法 第10条).
import { ageOn, isUnderAgeForMonth, isWithinFiscalYearOfAge, pickInForce } from './dates.ts';
import { assessSpecialChildGrade } from './disability.ts';
import { dependantsReason, limitFor, unrecordedRevisionReason, yen, type Household } from './household.ts';
import type { BenefitEstimate, Reason } from './types.ts';

interface Parts {
  first: number;
  second: number;
  thirdOrLater: number;
}

export interface ChildRearingTable {
  from: string;
  /** 全部支給 monthly amounts. */
  full: Parts;
  /** Lowest 一部支給 monthly amounts (the highest is full − 10 yen). */
  partialMin: Parts;
  /** Income limits for no dependants; each dependant adds `limitStep` (施行令 第2条の4). */
  fullLimitBase: number;
  partialLimitBase: number;
  /** Limit for a liable relative living with the claimant (扶養義務者等). */
  supporterLimitBase: number;
  limitStep: number;
}

// Sources: こども家庭庁「児童扶養手当について」 https://www.cfa.go.jp/policies/hitori-oya/fuyou-teate (the
// national page, as cited by OpenFisca-Japan; its text was not in the corpus we could search).
// Figures checked on municipal pages that reproduce it (seen 2026-11):
//   FY2023 (from 2023-04-01) 東神楽町 — 44,140 (44,130–10,410); 10,420 (10,410–5,210); 6,250 (6,240–3,130);
//   FY2024 (from 2024-04-01) 西都市 http://www.city.saito.lg.jp/kenko_kyoiku/0206_1703310000000026.html —
//     45,500 (45,490–10,740); 10,750 (10,740–5,380); 6,450 (6,440–3,230); limits 490,000 / 1,920,000 /
//     2,360,000 yen for no dependants;
//   November 2024 (from 2024-11-01) 世田谷区, 目黒区 and https://tori-hitorioya.com/s/index.php?view=5717 —
//     "第3子以降の加算額…第2子の加算額と同額", higher limits;
//   FY2025 (from 2025-04-01) 平戸市 https://www.city.hirado.nagasaki.jp/kurashi/learn/childcare/jifu.html —
//     46,690 (46,680–11,010); 11,030 (11,020–5,520); limits 690,000 / 2,080,000 / 2,360,000 yen; and
//     武蔵村山市 (+380,000 yen per dependant).
// FY2026 (from 2026-04-01): NOT CONFIRMED — not found in the sources available; estimates for later
// dates use FY2025 and say so in their reasons.
export const CHILD_REARING_TABLES: readonly ChildRearingTable[] = [
  {
    from: '2023-04-01',
    full: { first: 44_140, second: 10_420, thirdOrLater: 6_250 },
    partialMin: { first: 10_410, second: 5_210, thirdOrLater: 3_130 },
    fullLimitBase: 490_000,
    partialLimitBase: 1_920_000,
    supporterLimitBase: 2_360_000,
    limitStep: 380_000,
  },
  {
    from: '2024-04-01',
    full: { first: 45_500, second: 10_750, thirdOrLater: 6_450 },
    partialMin: { first: 10_740, second: 5_380, thirdOrLater: 3_230 },
    fullLimitBase: 490_000,
    partialLimitBase: 1_920_000,
    supporterLimitBase: 2_360_000,
    limitStep: 380_000,
  },
  {
    // 令和6年11月分から: third-and-later addition = second-child addition; higher income limits.
    from: '2024-11-01',
    full: { first: 45_500, second: 10_750, thirdOrLater: 10_750 },
    partialMin: { first: 10_740, second: 5_380, thirdOrLater: 5_380 },
    fullLimitBase: 690_000,
    partialLimitBase: 2_080_000,
    supporterLimitBase: 2_360_000,
    limitStep: 380_000,
  },
  {
    from: '2025-04-01',
    full: { first: 46_690, second: 11_030, thirdOrLater: 11_030 },
    partialMin: { first: 11_010, second: 5_520, thirdOrLater: 5_520 },
    fullLimitBase: 690_000,
    partialLimitBase: 2_080_000,
    supporterLimitBase: 2_360_000,
    limitStep: 380_000,
  },
];

/** The reduction coefficient of a part (施行令 第2条の4 第2項), to 7 decimals. */
export function partialCoefficient(table: ChildRearingTable, part: keyof Parts): number {
  const span = table.partialLimitBase - table.fullLimitBase;
  return Math.round(((table.full[part] - 10 - table.partialMin[part]) / span) * 1e7) / 1e7;
}

/** Monthly amount for `children` eligible children at a known 所得額 (before the 扶養義務者 test). */
export function childRearingAmount(table: ChildRearingTable, children: number, income: number, dependants: number): number {
  if (children === 0) return 0;
  const fullLimit = limitFor(table.fullLimitBase, table.limitStep, dependants);
  const partialLimit = limitFor(table.partialLimitBase, table.limitStep, dependants);
  if (income >= partialLimit) return 0;
  const part = (name: keyof Parts): number => {
    if (income < fullLimit) return table.full[name];
    const reduced = Math.round((table.full[name] - 10 - (income - fullLimit) * partialCoefficient(table, name)) / 10) * 10;
    return Math.max(reduced, table.partialMin[name]);
  };
  let amount = part('first');
  if (children >= 2) amount += part('second');
  if (children >= 3) amount += part('thirdOrLater') * (children - 2);
  return amount;
}

const ID = 'child-rearing-allowance';
const NAME = { ja: '児童扶養手当', en: 'Child-rearing allowance (jidō fuyō teate)' };

export function estimateChildRearingAllowance(h: Household): BenefitEstimate {
  const table = pickInForce(CHILD_REARING_TABLES, h.date)!;
  const base = { id: ID, name: NAME, legalBasis: '児童扶養手当法 第4条・第5条・第9条, 同法施行令 第2条の4', parametersFrom: table.from };
  const reasons: Reason[] = [];
  if (!h.singleParent) {
    reasons.push({
      code: `${ID}.not-single-parent`,
      ja: 'ひとり親世帯等（父母の離婚・死亡など）に該当するとの回答がないため、対象になりません。',
      en: 'The household is not stated to be a single-parent household (divorce, death of a parent, …), which the allowance requires.',
    });
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }

  let certain = 0;
  let possible = 0;
  for (const child of h.children) {
    const age = ageOn(child.birthDate, h.date);
    if (!child.supported) {
      reasons.push({ code: `${ID}.not-supported`, ja: `${age}歳の子は監護していないため対象外です。`, en: `The child aged ${age} is not cared for by the household.` });
      continue;
    }
    if (isWithinFiscalYearOfAge(child.birthDate, 18, h.date)) {
      certain++;
      continue;
    }
    const grade = assessSpecialChildGrade(child.disability);
    if (isUnderAgeForMonth(child.birthDate, 20, h.date) && grade.possible) {
      if (grade.likely) certain++;
      else possible++;
      reasons.push({
        code: `${ID}.disabled-child-to-20`,
        ja: `${age}歳の子は障害があるため20歳未満まで対象になります${grade.likely ? '' : '（障害の程度の認定によります）'}。`,
        en: `The child aged ${age} counts until 20 because of a disability${grade.likely ? '' : ' (subject to assessment of its degree)'}.`,
      });
      continue;
    }
    reasons.push({
      code: `${ID}.age-limit`,
      ja: `${age}歳の子は18歳到達後の最初の3月31日を過ぎているため対象外です。`,
      en: `The child aged ${age} is past the first 31 March after turning 18.`,
    });
  }
  const most = certain + possible;
  if (most === 0) {
    reasons.unshift({ code: `${ID}.no-eligible-child`, ja: '対象となる児童がいません。', en: 'No child of the eligible age.' });
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }

  const stale = unrecordedRevisionReason(`${ID}.revision-not-recorded`, table.from, h.date);
  if (stale) reasons.push(stale);
  reasons.push(dependantsReason(h, `${ID}.dependants`));
  const fullLimit = limitFor(table.fullLimitBase, table.limitStep, h.dependants);
  const partialLimit = limitFor(table.partialLimitBase, table.limitStep, h.dependants);
  const supporterLimit = limitFor(table.supporterLimitBase, table.limitStep, h.dependants);
  const fullAmount = childRearingAmount(table, most, 0, h.dependants);
  const [claimant, ...supporters] = h.parentIncomes;

  // A liable relative's income at or over their limit stops the whole allowance (法 第10条).
  const supporterOver = supporters.some((s) => s !== undefined && s >= supporterLimit);
  const supporterUnknown = supporters.some((s) => s === undefined);
  if (supporterOver) {
    reasons.push({
      code: `${ID}.supporter-over-limit`,
      ja: `同居の扶養義務者の所得が限度額${yen(supporterLimit)}円以上のため、支給されません。`,
      en: `A liable relative in the household has income at or over ${yen(supporterLimit)} yen: nothing is paid.`,
    });
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }

  if (claimant === undefined || supporterUnknown) {
    reasons.push({
      code: `${ID}.income-unknown`,
      ja: `所得が不明のため、全部支給（所得${yen(fullLimit)}円未満）の月額${yen(fullAmount)}円から、支給停止（${yen(partialLimit)}円以上）の0円までの範囲を示します。`,
      en: `Income not given: from the full ${yen(fullAmount)} yen a month (income under ${yen(fullLimit)} yen) down to nothing (income of ${yen(partialLimit)} yen or more).`,
    });
    return { ...base, eligible: true, monthlyAmount: { min: 0, max: fullAmount }, reasons };
  }

  const min = childRearingAmount(table, certain, claimant, h.dependants);
  const max = childRearingAmount(table, most, claimant, h.dependants);
  if (claimant < fullLimit) {
    reasons.push({
      code: `${ID}.full-payment`,
      ja: `所得${yen(claimant)}円が全部支給の限度額${yen(fullLimit)}円未満のため、全部支給です。`,
      en: `Income of ${yen(claimant)} yen is under the full-payment limit of ${yen(fullLimit)} yen: paid in full.`,
    });
  } else if (claimant < partialLimit) {
    reasons.push({
      code: `${ID}.partial-payment`,
      ja: `所得${yen(claimant)}円が全部支給の限度額${yen(fullLimit)}円以上、一部支給の限度額${yen(partialLimit)}円未満のため、一部支給です。`,
      en: `Income of ${yen(claimant)} yen is at or over the full-payment limit of ${yen(fullLimit)} yen and under the limit of ${yen(partialLimit)} yen: partly paid.`,
    });
  } else {
    reasons.push({
      code: `${ID}.over-income-limit`,
      ja: `所得${yen(claimant)}円が扶養親族等${h.dependants}人の場合の限度額${yen(partialLimit)}円以上のため、支給されません。`,
      en: `Income of ${yen(claimant)} yen is at or over the limit of ${yen(partialLimit)} yen for ${h.dependants} dependant(s): nothing is paid.`,
    });
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }
  return { ...base, eligible: max > 0, monthlyAmount: { min, max }, reasons };
}
