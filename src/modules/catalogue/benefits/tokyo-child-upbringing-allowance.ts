// 東京都 児童育成手当 (Tokyo's child upbringing allowance), 東京都児童育成手当に関する条例: the example
// of a prefectural rule in this catalogue. It applies only to residents of Tokyo (prefecture code 13;
// paid through the ward, city, town or village office). Two allowances:
//
// 育成手当: per child up to the first 31 March after the 18th birthday, to the
// person raising a child whose parents are divorced, one of whom died, is severely disabled, missing,
// has deserted the child for a year or more, is under a DV protection order or detained for a year or
// more, or who was born outside marriage — modelled by the `singleParent` flag.
//
// 障害手当: per child under 20 with 愛の手帳 1–3度, 身体障害者手帳 1–2級, or cerebral palsy or
// progressive muscular atrophy (the last two are not asked). Mental disability certificates are not
// among the conditions.
//
// Both are stopped when the claimant's 所得額 is at or over the limit for the number of dependants
// (set under the ordinance's rules: 3,604,000 yen for none, +380,000 yen each). The claimant is taken to be
// the first parent for 育成手当 and the parent with the higher income for 障害手当. Both may be paid
// for the same child. They are not indexed to prices.
import { ageOn, isUnderAgeForMonth, isWithinFiscalYearOfAge, pickInForce } from './dates.ts';
import { assessTokyoDisability, describeCertificates } from './disability.ts';
import { dependantsReason, highestParentIncome, limitFor, yen, type Household } from './household.ts';
import type { BenefitEstimate, Reason } from './types.ts';

export interface TokyoUpbringingTable {
  from: string;
  upbringingMonthly: number;
  disabilityMonthly: number;
  limitBase: number;
  limitStep: number;
}

// Sources: 東京都福祉局 児童育成手当 (via 東京都福祉保健財団 とうきょう福祉ナビゲーション
// https://www.fukunavi.or.jp/fukunavi/eip/20kuwashiku/20k_fukusu_service/teate/kosodateteate_hyo.html,
// and 東京女子医科大学 https://twmu.ac.jp/info-twmu/SW/seido-teate/teate/jido-ikusei.html): 13,500 and
// 15,500 yen per child a month. Income limits 3,604,000 / 3,984,000 / 4,364,000 / 4,744,000 /
// 5,124,000 / 5,504,000 yen for 0–5 dependants (渋谷区 手当所得制限限度額, as recorded by OpenFisca-Japan).
// The date these amounts took effect is NOT CONFIRMED: a December 2025 proposal in the Tokyo
// Metropolitan Assembly (日本共産党都議団, to raise them to 20,000 / 22,000 yen from 2026-10-01) says they
// have not changed for 29 years; whether any amendment passed is not confirmed. The table is keyed at
// the first date this catalogue estimates for, on which these amounts were in force.
export const TOKYO_UPBRINGING_TABLES: readonly TokyoUpbringingTable[] = [
  { from: '2023-04-01', upbringingMonthly: 13_500, disabilityMonthly: 15_500, limitBase: 3_604_000, limitStep: 380_000 },
];

export const TOKYO_PREFECTURE = '13';
// Article numbers are not cited: the ordinance's text was not in the sources we could search.
const LEGAL_BASIS = '東京都児童育成手当に関する条例';

function outsideTokyo(id: string, name: { ja: string; en: string }, from: string): BenefitEstimate {
  return {
    id,
    name,
    legalBasis: LEGAL_BASIS,
    parametersFrom: from,
    eligible: false,
    monthlyAmount: { min: 0, max: 0 },
    reasons: [{ code: `${id}.not-in-tokyo`, ja: '東京都（都道府県コード13）の区市町村に住所がある方の制度です。', en: 'A Tokyo Metropolitan scheme: only for residents of a municipality in Tokyo (prefecture 13).' }],
  };
}

/** The income test shared by both allowances, given the amount range before it. */
function applyIncomeTest(
  id: string,
  h: Household,
  income: number | undefined,
  limit: number,
  min: number,
  max: number,
  reasons: Reason[],
): { eligible: boolean; monthlyAmount: { min: number; max: number } } {
  reasons.push(dependantsReason(h, `${id}.dependants`));
  if (income === undefined) {
    reasons.push({
      code: `${id}.income-unknown`,
      ja: `所得が不明のため、所得制限限度額${yen(limit)}円以上で支給されない場合の0円を含む範囲を示します。`,
      en: `Income not given: the range includes nothing, which applies at or over the income limit of ${yen(limit)} yen.`,
    });
    return { eligible: true, monthlyAmount: { min: 0, max } };
  }
  if (income >= limit) {
    reasons.push({
      code: `${id}.over-income-limit`,
      ja: `所得${yen(income)}円が扶養親族等${h.dependants}人の場合の限度額${yen(limit)}円以上のため、支給されません。`,
      en: `Income of ${yen(income)} yen is at or over the limit of ${yen(limit)} yen for ${h.dependants} dependant(s): nothing is paid.`,
    });
    return { eligible: false, monthlyAmount: { min: 0, max: 0 } };
  }
  reasons.push({ code: `${id}.under-income-limit`, ja: `所得${yen(income)}円は限度額${yen(limit)}円未満です。`, en: `Income of ${yen(income)} yen is under the limit of ${yen(limit)} yen.` });
  return { eligible: true, monthlyAmount: { min, max } };
}

const UPBRINGING_ID = 'tokyo-child-upbringing-allowance';
const UPBRINGING_NAME = { ja: '児童育成手当（育成手当）', en: 'Tokyo child upbringing allowance (ikusei teate)' };

export function estimateTokyoUpbringingAllowance(h: Household): BenefitEstimate {
  const table = pickInForce(TOKYO_UPBRINGING_TABLES, h.date)!;
  if (h.prefecture !== TOKYO_PREFECTURE) return outsideTokyo(UPBRINGING_ID, UPBRINGING_NAME, table.from);
  const base = { id: UPBRINGING_ID, name: UPBRINGING_NAME, legalBasis: LEGAL_BASIS, parametersFrom: table.from };
  const reasons: Reason[] = [];
  if (!h.singleParent) {
    reasons.push({
      code: `${UPBRINGING_ID}.not-single-parent`,
      ja: 'ひとり親世帯等（父母の離婚・死亡など）に該当するとの回答がないため、対象になりません。',
      en: 'The household is not stated to be a single-parent household (divorce, death of a parent, …), which the allowance requires.',
    });
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }
  let children = 0;
  for (const child of h.children) {
    if (!child.supported) continue;
    if (isWithinFiscalYearOfAge(child.birthDate, 18, h.date)) children++;
    else {
      const age = ageOn(child.birthDate, h.date);
      reasons.push({ code: `${UPBRINGING_ID}.age-limit`, ja: `${age}歳の子は18歳到達後の最初の3月31日を過ぎているため対象外です。`, en: `The child aged ${age} is past the first 31 March after turning 18.` });
    }
  }
  if (children === 0) {
    reasons.unshift({ code: `${UPBRINGING_ID}.no-eligible-child`, ja: '対象となる児童がいません。', en: 'No child of the eligible age.' });
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }
  const amount = table.upbringingMonthly * children;
  reasons.push({
    code: `${UPBRINGING_ID}.children`,
    ja: `対象児童${children}人 × 月額${yen(table.upbringingMonthly)}円。`,
    en: `${children} eligible child(ren) × ${yen(table.upbringingMonthly)} yen a month.`,
  });
  const limit = limitFor(table.limitBase, table.limitStep, h.dependants);
  const result = applyIncomeTest(UPBRINGING_ID, h, h.parentIncomes.length > 0 ? h.parentIncomes[0] : undefined, limit, amount, amount, reasons);
  return { ...base, ...result, reasons };
}

const DISABILITY_ID = 'tokyo-child-disability-allowance';
const DISABILITY_NAME = { ja: '児童育成手当（障害手当）', en: 'Tokyo child upbringing allowance for disability (shōgai teate)' };

export function estimateTokyoDisabilityAllowance(h: Household): BenefitEstimate {
  const table = pickInForce(TOKYO_UPBRINGING_TABLES, h.date)!;
  if (h.prefecture !== TOKYO_PREFECTURE) return outsideTokyo(DISABILITY_ID, DISABILITY_NAME, table.from);
  const base = { id: DISABILITY_ID, name: DISABILITY_NAME, legalBasis: LEGAL_BASIS, parametersFrom: table.from };
  const reasons: Reason[] = [];
  let min = 0;
  let max = 0;
  for (const child of h.children) {
    if (!child.supported || !child.disability) continue;
    const age = ageOn(child.birthDate, h.date);
    const certificates = describeCertificates(child.disability);
    if (!isUnderAgeForMonth(child.birthDate, 20, h.date)) {
      reasons.push({ code: `${DISABILITY_ID}.age-limit`, ja: `${age}歳の子は20歳に達しているため対象外です。`, en: `The child aged ${age} has reached 20.` });
      continue;
    }
    const how = assessTokyoDisability(child.disability);
    if (!how) {
      reasons.push({
        code: `${DISABILITY_ID}.no-qualifying-grade`,
        ja: `${age}歳の子の${certificates.ja}は、支給対象（愛の手帳1〜3度、身体障害者手帳1〜2級程度）に当たりません。`,
        en: `The child aged ${age}'s ${certificates.en} is not among the qualifying grades (愛の手帳 1–3, physical grade 1–2).`,
      });
      continue;
    }
    if (how === 'likely') min += table.disabilityMonthly;
    max += table.disabilityMonthly;
    reasons.push({
      code: how === 'likely' ? `${DISABILITY_ID}.qualifying-grade` : `${DISABILITY_ID}.qualifying-grade-possible`,
      ja: `${age}歳の子（${certificates.ja}）は支給対象の程度${how === 'likely' ? 'です' : 'に当たる可能性があります（愛の手帳の度数によります）'}。月額${yen(table.disabilityMonthly)}円。`,
      en: `The child aged ${age} (${certificates.en}) ${how === 'likely' ? 'meets' : 'may meet (depending on the 愛の手帳 degree)'} the qualifying degree: ${yen(table.disabilityMonthly)} yen a month.`,
    });
  }
  if (max === 0) {
    if (reasons.length === 0) {
      reasons.push({ code: `${DISABILITY_ID}.no-disability`, ja: '障害のある20歳未満の子がいません。', en: 'No child under 20 with a qualifying disability.' });
    }
    return { ...base, eligible: false, monthlyAmount: { min: 0, max: 0 }, reasons };
  }
  const limit = limitFor(table.limitBase, table.limitStep, h.dependants);
  const result = applyIncomeTest(DISABILITY_ID, h, highestParentIncome(h), limit, min, max, reasons);
  return { ...base, ...result, reasons };
}
