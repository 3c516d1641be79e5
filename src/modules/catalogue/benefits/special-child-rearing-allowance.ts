// 特別児童扶養手当 (special child-rearing allowance), 特別児童扶養手当等の支給に関する法律 第3条・第4条.
//
// Paid to the parent raising a child under 20 whose disability is of grade 1 or 2 of 施行令 別表第3
// (判定 on a doctor's certificate, not on the certificates; see disability.ts for the guide used).
// Monthly amount per child by grade (法 第4条), revised each April by the consumer price index (自動
// 物価スライド). Not paid when the claimant's 所得額 is at or over the limit for the number of
// dependants (法 第6条 and the 施行令: 4,596,000 yen for none, +380,000 yen each); a
// spouse's or liable relative's limit (6,287,000 yen for none) is higher and is not modelled
// separately because the claimant is taken to be the parent with the higher income.
import { ageOn, isUnderAgeForMonth, pickInForce } from './dates.ts';
import { assessSpecialChildGrade, describeCertificates } from './disability.ts';
import { dependantsReason, highestParentIncome, limitFor, unrecordedRevisionReason, yen, type Household } from './household.ts';
import type { BenefitEstimate, Reason } from './types.ts';

export interface SpecialChildRearingTable {
  from: string;
  grade1: number;
  grade2: number;
  claimantLimitBase: number;
  limitStep: number;
}

// Sources: the national page (こども家庭庁「特別児童扶養手当について」) was not in the stored corpus we
// could search, so its address is not cited. Figures checked on municipal pages reproducing it:
//   FY2023 (from 2023-04-01) 志木市 — 53,700 / 35,760 yen;
//   FY2024 (from 2024-04-01) 大分市, 太良町 https://town.tara.lg.jp/kurashi/_1647/_1655/_1160.html —
//     55,350 / 36,860 yen, and the claimant limits 4,596,000 … 6,496,000 yen for 0–5 dependants;
//   FY2025 (from 2025-04-01) 笠岡市 https://www.city.kasaoka.okayama.jp/soshiki/20/8811.html, 利府町 —
//     56,800 / 37,830 yen.
// FY2026 (from 2026-04-01): NOT CONFIRMED; later dates use FY2025 and say so.
export const SPECIAL_CHILD_REARING_TABLES: readonly SpecialChildRearingTable[] = [
  { from: '2023-04-01', grade1: 53_700, grade2: 35_760, claimantLimitBase: 4_596_000, limitStep: 380_000 },
  { from: '2024-04-01', grade1: 55_350, grade2: 36_860, claimantLimitBase: 4_596_000, limitStep: 380_000 },
  { from: '2025-04-01', grade1: 56_800, grade2: 37_830, claimantLimitBase: 4_596_000, limitStep: 380_000 },
];

const ID = 'special-child-rearing-allowance';
const NAME = { ja: '特別児童扶養手当', en: 'Special child-rearing allowance (tokubetsu jidō fuyō teate)' };

export function estimateSpecialChildRearingAllowance(h: Household): BenefitEstimate {
  const table = pickInForce(SPECIAL_CHILD_REARING_TABLES, h.date)!;
  const base = { id: ID, name: NAME, legalBasis: '特別児童扶養手当等の支給に関する法律 第3条・第4条・第6条', parametersFrom: table.from };
  const reasons: Reason[] = [];
  const amountOf = (grade: 1 | 2 | undefined): number => (grade === 1 ? table.grade1 : grade === 2 ? table.grade2 : 0);
  let min = 0;
  let max = 0;
  for (const child of h.children) {
    if (!child.supported || !child.disability) continue;
    const age = ageOn(child.birthDate, h.date);
    const certificates = describeCertificates(child.disability);
    if (!isUnderAgeForMonth(child.birthDate, 20, h.date)) {
      reasons.push({ code: `${ID}.age-limit`, ja: `${age}歳の子は20歳に達しているため対象外です。`, en: `The child aged ${age} has reached 20.` });
      continue;
    }
    const grade = assessSpecialChildGrade(child.disability);
    if (!grade.possible) {
      reasons.push({
        code: `${ID}.no-qualifying-grade`,
        ja: `${age}歳の子の${certificates.ja}は、通常は支給対象の障害の程度（1級・2級）に当たりません。`,
        en: `The child aged ${age}'s ${certificates.en} does not usually reach the qualifying degree (grade 1 or 2).`,
      });
      continue;
    }
    min += amountOf(grade.likely);
    max += amountOf(grade.possible);
    reasons.push({
      code: grade.likely === grade.possible ? `${ID}.grade` : `${ID}.grade-possible`,
      ja: `${age}歳の子（${certificates.ja}）は${grade.possible}級の目安です${grade.likely === grade.possible ? '' : '（認定によっては対象外または下位の級）'}。認定は医師の診断書によります。`,
      en: `The child aged ${age} (${certificates.en}) is a guide for grade ${grade.possible}${grade.likely === grade.possible ? '' : ' (assessment may give a lower grade or none)'}; the grade is assessed on a doctor's certificate.`,
    });
  }
  if (max === 0) {
    if (reasons.length === 0) {
      reasons.push({ code: `${ID}.no-disability`, ja: '障害のある20歳未満の子がいません。', en: 'No child under 20 with a disability certificate.' });
    }
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }

  const stale = unrecordedRevisionReason(`${ID}.revision-not-recorded`, table.from, h.date);
  if (stale) reasons.push(stale);
  reasons.push(dependantsReason(h, `${ID}.dependants`));
  const limit = limitFor(table.claimantLimitBase, table.limitStep, h.dependants);
  const income = highestParentIncome(h);
  if (income === undefined) {
    reasons.push({
      code: `${ID}.income-unknown`,
      ja: `所得が不明のため、所得制限限度額${yen(limit)}円以上で支給停止となる場合の0円を含む範囲を示します。`,
      en: `Income not given: the range includes nothing, which applies at or over the income limit of ${yen(limit)} yen.`,
    });
    return { ...base, eligible: true, monthlyAmount: { min: 0, max }, reasons };
  }
  if (income >= limit) {
    reasons.push({
      code: `${ID}.over-income-limit`,
      ja: `所得${yen(income)}円が扶養親族等${h.dependants}人の場合の限度額${yen(limit)}円以上のため、支給されません。`,
      en: `Income of ${yen(income)} yen is at or over the limit of ${yen(limit)} yen for ${h.dependants} dependant(s): nothing is paid.`,
    });
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }
  reasons.push({ code: `${ID}.under-income-limit`, ja: `所得${yen(income)}円は限度額${yen(limit)}円未満です。`, en: `Income of ${yen(income)} yen is under the limit of ${yen(limit)} yen.` });
  return { ...base, eligible: true, monthlyAmount: { min, max }, reasons };
}
