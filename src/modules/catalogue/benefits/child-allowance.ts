// 児童手当 (child allowance), 児童手当法. Two rules, chosen by the date of the estimate:
//
// From 2024-10-01 (令和6年法律第47号, こども未来戦略「加速化プラン」): paid for every child up to the
// first 31 March after the 18th birthday (高校生年代まで; 第3条・第4条), no income limit, 15,000 yen a
// month under 3 and 10,000 yen from 3, and 30,000 yen for the third and later child (第6条). The
// order of children is counted from the eldest among the 支給要件児童: the paid children plus children
// up to the first 31 March after their 22nd birthday whom the claimant cares for and whose living
// costs they bear (監護に相当する日常生活上の世話及び必要な保護 + 生計費の負担; 第4条第1項第1号 as
// amended). Those older children are counted but not paid: a university student moves a younger
// sibling up to third place. Municipalities confirm it with a 「監護相当・生計費の負担についての
// 確認書」. The `supported` flag on a child models that fact; it defaults to true.
//
// Before 2024-10-01 (平成24年改正): paid up to the end of junior high school (15歳年度末); 15,000 yen
// under 3, 10,000 yen from 3 to the end of primary school (12歳年度末) — 15,000 yen for the third and
// later child — and 10,000 yen in junior high. The order counted children up to 18歳年度末 only.
// At or over the income limit (所得制限限度額, by number of dependants) the 特例給付 of 5,000 yen per
// child was paid instead (附則第2条); from June 2022 (令和4年6月分, 令和3年法律第50号) nothing was paid at
// or over the upper limit (所得上限限度額). The income tested is that of the claimant, the parent with
// the higher income (生計を維持する程度が高い者).
import { ageOn, isUnderAgeForMonth, isWithinFiscalYearOfAge, pickInForce } from './dates.ts';
import { dependantsReason, highestParentIncome, limitFor, yen, type Household } from './household.ts';
import type { BenefitEstimate, Reason } from './types.ts';

interface CurrentRule {
  from: string;
  kind: 'current';
  /** Monthly yen per child, by age band and order. */
  under3: { firstOrSecond: number; thirdOrLater: number };
  from3: { firstOrSecond: number; thirdOrLater: number };
  /** Last age band paid: up to the first 31 March after this birthday. */
  paidUpToAge: number;
  /** Children counted in the order up to the first 31 March after this birthday (if supported). */
  countedUpToAge: number;
}

interface FormerRule {
  from: string;
  kind: 'former';
  under3: number;
  primary: { firstOrSecond: number; thirdOrLater: number };
  juniorHigh: number;
  /** 特例給付 per child at or over the income limit. */
  special: number;
  /** 所得制限限度額 for no dependants, and the step per dependant (児童手当法施行令 第1条). */
  limitBase: number;
  /** 所得上限限度額 for no dependants; null before June 2022, when there was none. */
  upperLimitBase: number | null;
  limitStep: number;
  paidUpToAge: number;
  primaryUpToAge: number;
  countedUpToAge: number;
}

type Rule = CurrentRule | FormerRule;

// Sources: the national page (こども家庭庁「児童手当制度のご案内」) was not in the stored corpus we could
// search, so its address is not cited. The figures were checked against municipal pages reproducing
// it (all seen 2026-11):
//   富加町 https://www.town.tomika.gifu.jp/docs/564.html — before/after table of the 2024 amendment;
//   長南町 https://town.chonan.chiba.jp/?p=43117 — 2024 amounts, counting to 大学生年代;
//   恩納村 http://www.vill.onna.okinawa.jp/living/childcare/1700096343/1739501977 — order-of-children
//     examples ("21歳→第1子支給なし, 10歳→第2子10,000円, 5歳→第3子30,000円");
//   広川町 https://www.town.hirogawa.wakayama.jp/juumin/teate.html — 所得制限限度額 622/660/698/736/774/
//     812万円 and 所得上限限度額 858/896/934/972/1010/1048万円 for 0–5 dependants (June 2022 rule).
// The limits rise by 380,000 yen per dependant past the table.
export const CHILD_ALLOWANCE_RULES: readonly Rule[] = [
  {
    // 平成24年6月分から: income limit with 特例給付, no upper limit.
    from: '2012-06-01',
    kind: 'former',
    under3: 15_000,
    primary: { firstOrSecond: 10_000, thirdOrLater: 15_000 },
    juniorHigh: 10_000,
    special: 5_000,
    limitBase: 6_220_000,
    upperLimitBase: null,
    limitStep: 380_000,
    paidUpToAge: 15,
    primaryUpToAge: 12,
    countedUpToAge: 18,
  },
  {
    // 令和4年6月分から: no 特例給付 at or over the 所得上限限度額 (8,580,000 yen for no dependants).
    from: '2022-06-01',
    kind: 'former',
    under3: 15_000,
    primary: { firstOrSecond: 10_000, thirdOrLater: 15_000 },
    juniorHigh: 10_000,
    special: 5_000,
    limitBase: 6_220_000,
    upperLimitBase: 8_580_000,
    limitStep: 380_000,
    paidUpToAge: 15,
    primaryUpToAge: 12,
    countedUpToAge: 18,
  },
  {
    // 令和6年10月分から (first paid in December 2024).
    from: '2024-10-01',
    kind: 'current',
    under3: { firstOrSecond: 15_000, thirdOrLater: 30_000 },
    from3: { firstOrSecond: 10_000, thirdOrLater: 30_000 },
    paidUpToAge: 18,
    countedUpToAge: 22,
  },
];

const ID = 'child-allowance';
const NAME = { ja: '児童手当', en: 'Child allowance (jidō teate)' };
const ordinal = (k: number): string => (k === 1 ? '1st' : k === 2 ? '2nd' : k === 3 ? '3rd' : `${k}th`);

export function estimateChildAllowance(h: Household): BenefitEstimate {
  const rule = pickInForce(CHILD_ALLOWANCE_RULES, h.date)!;
  const reasons: Reason[] = [];
  let full = 0;
  let paidChildren = 0;
  let order = 0;

  for (const child of h.children) {
    const age = ageOn(child.birthDate, h.date);
    const who = { ja: `${age}歳の子`, en: `The child aged ${age}` };
    if (!child.supported) {
      reasons.push({ code: `${ID}.not-supported`, ja: `${who.ja}は養育（監護・生計費の負担）していないため、数えません。`, en: `${who.en} is not cared for and supported by the household, so is not counted.` });
      continue;
    }
    if (!isWithinFiscalYearOfAge(child.birthDate, rule.countedUpToAge, h.date)) {
      reasons.push({
        code: `${ID}.beyond-counting-age`,
        ja: `${who.ja}は${rule.countedUpToAge}歳到達後の最初の3月31日を過ぎているため、支給の対象にも子の数え方にも含まれません。`,
        en: `${who.en} is past the first 31 March after turning ${rule.countedUpToAge}: neither paid nor counted in the order of children.`,
      });
      continue;
    }
    order++;
    if (!isWithinFiscalYearOfAge(child.birthDate, rule.paidUpToAge, h.date)) {
      const band = rule.kind === 'current' ? { ja: '高校生年代', en: 'high-school age' } : { ja: '中学校修了', en: 'the end of junior high school' };
      reasons.push({
        code: `${ID}.counted-not-paid`,
        ja: `${who.ja}は${band.ja}（${rule.paidUpToAge}歳到達後の最初の3月31日）を過ぎたため支給されませんが、第${order}子として数えます。`,
        en: `${who.en} is past ${band.en} (the first 31 March after turning ${rule.paidUpToAge}) so is not paid, but counts as the ${ordinal(order)} child.`,
      });
      continue;
    }
    const under3 = isUnderAgeForMonth(child.birthDate, 3, h.date);
    let amount: number;
    if (rule.kind === 'current') {
      const band = under3 ? rule.under3 : rule.from3;
      amount = order >= 3 ? band.thirdOrLater : band.firstOrSecond;
    } else if (under3) {
      amount = rule.under3;
    } else if (isWithinFiscalYearOfAge(child.birthDate, rule.primaryUpToAge, h.date)) {
      amount = order >= 3 ? rule.primary.thirdOrLater : rule.primary.firstOrSecond;
    } else {
      amount = rule.juniorHigh;
    }
    full += amount;
    paidChildren++;
    reasons.push({
      code: `${ID}.child-amount`,
      ja: `${who.ja}（第${order}子${under3 ? '・3歳未満' : ''}）: 月額${yen(amount)}円。`,
      en: `${who.en} (${ordinal(order)} child${under3 ? ', under 3' : ''}): ${yen(amount)} yen a month.`,
    });
  }

  const base = { id: ID, name: NAME, legalBasis: '児童手当法 第4条・第6条', parametersFrom: rule.from };
  if (paidChildren === 0) {
    reasons.unshift({
      code: `${ID}.no-eligible-child`,
      ja: `支給対象となる子（${rule.kind === 'current' ? '18歳到達後の最初の3月31日まで' : '中学校修了まで'}）がいません。`,
      en: `No child of the paid ages (${rule.kind === 'current' ? 'up to the first 31 March after turning 18' : 'up to the end of junior high school'}).`,
    });
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }

  if (rule.kind === 'current') {
    reasons.push({ code: `${ID}.no-income-limit`, ja: '2024年10月分から所得制限はありません。', en: 'There is no income limit from October 2024.' });
    return { ...base, eligible: true, monthlyAmount: { min: full, max: full }, reasons };
  }

  // Former rule: the income test decides between the full amount, the 特例給付 and nothing.
  reasons.push({
    code: `${ID}.former-rule`,
    ja: `${rule.from}施行の改正前の制度（所得制限あり、中学校修了まで）で計算しました。`,
    en: `Estimated under the rule before the October 2024 amendment (income-tested, up to junior high school), in force from ${rule.from}.`,
  });
  reasons.push(dependantsReason(h, `${ID}.dependants`));
  const limit = limitFor(rule.limitBase, rule.limitStep, h.dependants);
  const upper = rule.upperLimitBase === null ? null : limitFor(rule.upperLimitBase, rule.limitStep, h.dependants);
  const special = rule.special * paidChildren;
  const income = highestParentIncome(h);
  if (income === undefined) {
    const min = upper === null ? special : 0;
    reasons.push({
      code: `${ID}.income-unknown`,
      ja: `所得が不明のため、所得制限限度額（${yen(limit)}円）未満なら月額${yen(full)}円、以上なら特例給付${yen(special)}円${upper === null ? '' : `、所得上限限度額（${yen(upper)}円）以上なら支給なし`}の範囲を示します。`,
      en: `Income not given: ${yen(full)} yen below the income limit (${yen(limit)} yen), the special benefit of ${yen(special)} yen at or over it${upper === null ? '' : `, nothing at or over the upper limit (${yen(upper)} yen)`}.`,
    });
    return { ...base, eligible: true, monthlyAmount: { min, max: full }, reasons };
  }
  if (income < limit) {
    reasons.push({ code: `${ID}.under-income-limit`, ja: `所得${yen(income)}円は所得制限限度額${yen(limit)}円未満です。`, en: `Income of ${yen(income)} yen is under the income limit of ${yen(limit)} yen.` });
    return { ...base, eligible: true, monthlyAmount: { min: full, max: full }, reasons };
  }
  if (upper === null || income < upper) {
    reasons.push({
      code: `${ID}.special-benefit`,
      ja: `所得${yen(income)}円が所得制限限度額${yen(limit)}円以上のため、特例給付（子1人月額${yen(rule.special)}円）になります。`,
      en: `Income of ${yen(income)} yen is at or over the income limit of ${yen(limit)} yen: the special benefit of ${yen(rule.special)} yen per child applies.`,
    });
    return { ...base, eligible: true, monthlyAmount: { min: special, max: special }, reasons };
  }
  reasons.push({
    code: `${ID}.over-upper-limit`,
    ja: `所得${yen(income)}円が所得上限限度額${yen(upper)}円以上のため、支給されません。`,
    en: `Income of ${yen(income)} yen is at or over the upper income limit of ${yen(upper)} yen: nothing is paid.`,
  });
  return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
}

