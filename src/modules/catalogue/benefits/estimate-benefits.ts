// estimateBenefits(input): which cash benefits a household may receive in the month of `date`, how
// much, and why. Pure: no database, no clock; the rules and their dated parameter tables are code
// (ADR 0011). The HTTP route and the benchmark call it as it is.
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import { isValidLocalGovernmentCode } from '../../municipalities/index.ts';
import { estimateChildAllowance } from './child-allowance.ts';
import { estimateChildRearingAllowance } from './child-rearing-allowance.ts';
import { isCalendarDate } from './dates.ts';
import { estimateDisabledChildWelfareAllowance } from './disabled-child-welfare-allowance.ts';
import { toHousehold } from './household.ts';
import { estimateSpecialChildRearingAllowance } from './special-child-rearing-allowance.ts';
import { estimateTokyoDisabilityAllowance, estimateTokyoUpbringingAllowance } from './tokyo-child-upbringing-allowance.ts';
import type { EstimateInput, EstimateResult } from './types.ts';

/** The earliest date every table covers: FY2023, the oldest amounts we could confirm for all benefits. */
export const EARLIEST_ESTIMATE_DATE = '2023-04-01';

const RULES = [
  estimateChildAllowance,
  estimateChildRearingAllowance,
  estimateSpecialChildRearingAllowance,
  estimateDisabledChildWelfareAllowance,
  estimateTokyoUpbringingAllowance,
  estimateTokyoDisabilityAllowance,
] as const;

function problem(field: string, rule: string, en: string, ja: string): FieldProblem {
  return { field, rule, message: { en, ja } };
}

/** Checks what a schema cannot: real dates, their order, the check digit, a non-empty household. */
export function validateEstimateInput(input: EstimateInput): FieldProblem[] {
  const fields: FieldProblem[] = [];
  if (!isCalendarDate(input.date)) {
    fields.push(problem('/date', 'date', 'Not a calendar date (YYYY-MM-DD).', '日付（YYYY-MM-DD）として正しくありません。'));
  } else if (input.date < EARLIEST_ESTIMATE_DATE) {
    fields.push(
      problem('/date', 'minimum', `Estimates are available from ${EARLIEST_ESTIMATE_DATE}.`, `${EARLIEST_ESTIMATE_DATE}以降の日付を指定してください。`),
    );
  }
  if (!isValidLocalGovernmentCode(input.municipality)) {
    fields.push(problem('/municipality', 'checkDigit', 'Not a valid local government code (check digit).', '地方公共団体コード（検査数字）が正しくありません。'));
  } else {
    // The prefecture decides which prefectural and municipal rules apply (first two digits, 01–47).
    const prefecture = Number(input.municipality.slice(0, 2));
    if (prefecture < 1 || prefecture > 47) {
      fields.push(problem('/municipality', 'prefecture', 'The first two digits are not a prefecture (01–47).', '先頭2桁が都道府県コード（01〜47）ではありません。'));
    }
  }
  const members = input.household.members;
  if (members.length === 0) {
    fields.push(problem('/household/members', 'minItems', 'List at least one household member.', '世帯員を1人以上入力してください。'));
  }
  members.forEach((m, i) => {
    const field = `/household/members/${i}/birthDate`;
    if (!isCalendarDate(m.birthDate)) {
      fields.push(problem(field, 'date', 'Not a calendar date (YYYY-MM-DD).', '日付（YYYY-MM-DD）として正しくありません。'));
    } else if (isCalendarDate(input.date) && m.birthDate > input.date) {
      fields.push(problem(field, 'notAfterDate', 'The birth date is after the date of the estimate.', '生年月日が試算日より後になっています。'));
    }
  });
  return fields;
}

export function estimateBenefits(input: EstimateInput): EstimateResult {
  const fields = validateEstimateInput(input);
  if (fields.length > 0) {
    throw new AppError('catalogue.invalid_household', 'bad_request', 'The household cannot be estimated as given.', {
      ja: '入力された世帯の内容では試算できません。',
      fields,
    });
  }
  const household = toHousehold(input);
  return { benefits: RULES.map((rule) => rule(household)) };
}
