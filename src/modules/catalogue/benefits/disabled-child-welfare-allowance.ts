// 障害児福祉手当 (welfare allowance for children with severe disabilities), 特別児童扶養手当等の
// 支給に関する法律 第17条 and following.
//
// Paid to the child (not the parent) under 20 who lives at home and, because of a severe
// disability (重度障害児: 施行令 第1条 and 別表第1), needs constant care in daily life. Not paid to a
// child in an institution, or receiving a pension for the disability (第17条 ただし書); neither is
// modelled. A flat monthly amount (第18条) revised each April by the consumer price index (自動物価
// スライド). Stopped when the child's own income, or that of a spouse or liable
// relative (the parents, 扶養義務者) living with them, is at or over the limit (第20条・第21条). The
// child's own limit (3,604,000 yen for no dependants) is not modelled: children rarely have income.
import { ageOn, isUnderAgeForMonth, pickInForce } from './dates.ts';
import { assessSevereDisability, describeCertificates } from './disability.ts';
import { dependantsReason, highestParentIncome, limitFromTable, unrecordedRevisionReason, yen, type Household } from './household.ts';
import type { BenefitEstimate, Reason } from './types.ts';

export interface DisabledChildWelfareTable {
  from: string;
  monthly: number;
  /** 扶養義務者 income limits for 0, 1, 2, … dependants (set by the 施行令). */
  supporterLimits: readonly number[];
  /** Added per dependant past the end of `supporterLimits`. */
  supporterLimitStep: number;
}

// Sources: 厚生労働省「障害児福祉手当について」 https://www.mhlw.go.jp/bunya/shougaihoken/jidou/hukushi.html
// (the national page, referred to by OpenFisca-Japan; not itself in the stored corpus). Figures
// checked on municipal pages: FY2023 松野町 https://www.town.matsuno.ehime.jp/soshiki/11/1372.html
// (14,850 → 15,220 yen); FY2024 宗像市 https://city.munakata.lg.jp/kiji0031762/index.html (15,690);
// FY2025 笠岡市, 別海町 https://www.betsukai.jp/kurashi/fukushi/syogai_fukushi/syougaizifukusiteate
// (16,100 yen, and the 扶養義務者 limits 6,287,000 / 6,536,000 / 6,749,000 / 6,962,000 / 7,175,000 /
// 7,388,000 yen for 0–5 dependants). The step of 213,000 yen past 5 dependants continues the table's
// last differences and is NOT CONFIRMED. FY2026: NOT CONFIRMED.
const SUPPORTER_LIMITS = [6_287_000, 6_536_000, 6_749_000, 6_962_000, 7_175_000, 7_388_000] as const;
export const DISABLED_CHILD_WELFARE_TABLES: readonly DisabledChildWelfareTable[] = [
  { from: '2023-04-01', monthly: 15_220, supporterLimits: SUPPORTER_LIMITS, supporterLimitStep: 213_000 },
  { from: '2024-04-01', monthly: 15_690, supporterLimits: SUPPORTER_LIMITS, supporterLimitStep: 213_000 },
  { from: '2025-04-01', monthly: 16_100, supporterLimits: SUPPORTER_LIMITS, supporterLimitStep: 213_000 },
];

const ID = 'disabled-child-welfare-allowance';
const NAME = { ja: '障害児福祉手当', en: 'Welfare allowance for children with severe disabilities (shōgaiji fukushi teate)' };

export function estimateDisabledChildWelfareAllowance(h: Household): BenefitEstimate {
  const table = pickInForce(DISABLED_CHILD_WELFARE_TABLES, h.date)!;
  const base = { id: ID, name: NAME, legalBasis: '特別児童扶養手当等の支給に関する法律 第17条・第18条・第20条・第21条', parametersFrom: table.from };
  const reasons: Reason[] = [];
  let min = 0;
  let max = 0;
  for (const child of h.children) {
    if (!child.disability) continue;
    const age = ageOn(child.birthDate, h.date);
    const certificates = describeCertificates(child.disability);
    if (!isUnderAgeForMonth(child.birthDate, 20, h.date)) {
      reasons.push({ code: `${ID}.age-limit`, ja: `${age}歳の子は20歳に達しているため対象外です。`, en: `The child aged ${age} has reached 20.` });
      continue;
    }
    const severe = assessSevereDisability(child.disability);
    if (!severe) {
      reasons.push({
        code: `${ID}.no-qualifying-grade`,
        ja: `${age}歳の子の${certificates.ja}は、通常は常時介護を要する重度障害児に当たりません。`,
        en: `The child aged ${age}'s ${certificates.en} does not usually mean a severe disability needing constant care.`,
      });
      continue;
    }
    if (severe === 'likely') min += table.monthly;
    max += table.monthly;
    reasons.push({
      code: severe === 'likely' ? `${ID}.severe` : `${ID}.severe-possible`,
      ja: `${age}歳の子（${certificates.ja}）は重度障害児に当たる${severe === 'likely' ? '目安です' : '可能性があります'}。常時介護を要するかは医師の診断書で認定されます。`,
      en: `The child aged ${age} (${certificates.en}) ${severe === 'likely' ? 'is a guide for' : 'may meet'} the severe-disability condition; whether constant care is needed is assessed on a doctor's certificate.`,
    });
  }
  if (max === 0) {
    if (reasons.length === 0) {
      reasons.push({ code: `${ID}.no-disability`, ja: '重度の障害のある20歳未満の子がいません。', en: 'No child under 20 with a severe disability.' });
    }
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }

  const stale = unrecordedRevisionReason(`${ID}.revision-not-recorded`, table.from, h.date);
  if (stale) reasons.push(stale);
  reasons.push(dependantsReason(h, `${ID}.dependants`));
  const limit = limitFromTable(table.supporterLimits, table.supporterLimitStep, h.dependants);
  const income = highestParentIncome(h);
  if (income === undefined) {
    reasons.push({
      code: `${ID}.income-unknown`,
      ja: `保護者（扶養義務者）の所得が不明のため、限度額${yen(limit)}円以上で支給停止となる場合の0円を含む範囲を示します。`,
      en: `Parents' income not given: the range includes nothing, which applies when a parent's income is at or over ${yen(limit)} yen.`,
    });
    return { ...base, eligible: true, monthlyAmount: { min: 0, max }, reasons };
  }
  if (income >= limit) {
    reasons.push({
      code: `${ID}.over-income-limit`,
      ja: `保護者の所得${yen(income)}円が扶養親族等${h.dependants}人の場合の扶養義務者の限度額${yen(limit)}円以上のため、支給されません。`,
      en: `A parent's income of ${yen(income)} yen is at or over the liable relatives' limit of ${yen(limit)} yen for ${h.dependants} dependant(s): nothing is paid.`,
    });
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }
  reasons.push({ code: `${ID}.under-income-limit`, ja: `保護者の所得${yen(income)}円は限度額${yen(limit)}円未満です。`, en: `Parents' income of ${yen(income)} yen is under the limit of ${yen(limit)} yen.` });
  return { ...base, eligible: true, monthlyAmount: { min, max }, reasons };
}
