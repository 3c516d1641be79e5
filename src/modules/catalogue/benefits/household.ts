// The household as the rules see it: children in birth order, parents' incomes, the number of
// dependants and the prefecture. Built once per estimate and shared by every rule.
import { fiscalYearOf } from './dates.ts';
import type { DisabilityInput, EstimateInput, Reason } from './types.ts';

export interface Child {
  /** Index in the request's members array, for messages. */
  index: number;
  birthDate: string;
  supported: boolean;
  disability?: DisabilityInput;
}

export interface Household {
  date: string;
  prefecture: string;
  /** Oldest first: the laws count the order of children from the eldest (年長者から). */
  children: Child[];
  /** Parents in the order given; the first is taken as the claimant of a single-parent allowance. */
  parentIncomes: Array<number | undefined>;
  singleParent: boolean;
  dependants: number;
  /** Whether `dependants` was given or defaulted to the number of supported children. */
  dependantsGiven: boolean;
}

export function toHousehold(input: EstimateInput): Household {
  const children: Child[] = [];
  const parentIncomes: Array<number | undefined> = [];
  input.household.members.forEach((m, index) => {
    if (m.relation === 'child') {
      children.push({ index, birthDate: m.birthDate, supported: m.supported ?? true, ...(m.disability ? { disability: m.disability } : {}) });
    } else {
      parentIncomes.push(m.incomeAfterDeductions);
    }
  });
  children.sort((a, b) => (a.birthDate < b.birthDate ? -1 : a.birthDate > b.birthDate ? 1 : a.index - b.index));
  const given = input.household.dependants;
  return {
    date: input.date,
    prefecture: input.municipality.slice(0, 2),
    children,
    parentIncomes,
    singleParent: input.household.singleParent ?? false,
    dependants: given ?? children.filter((c) => c.supported).length,
    dependantsGiven: given !== undefined,
  };
}

/** The highest parent income, or undefined when there is no parent or any parent's income is missing. */
export function highestParentIncome(h: Household): number | undefined {
  if (h.parentIncomes.length === 0) return undefined;
  let max = 0;
  for (const income of h.parentIncomes) {
    if (income === undefined) return undefined;
    if (income > max) max = income;
  }
  return max;
}

/** The income limit for `dependants` from a limit for none and a fixed step per dependant. */
export function limitFor(base: number, step: number, dependants: number): number {
  return base + step * dependants;
}

/** A limit from a table indexed by the number of dependants, extended by `step` past its end. */
export function limitFromTable(table: readonly number[], step: number, dependants: number): number {
  const last = table.length - 1;
  return dependants <= last ? table[dependants]! : table[last]! + step * (dependants - last);
}

// Digits grouped by threes; toLocaleString would be several times slower on this hot path.
export const yen = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function dependantsReason(h: Household, code: string): Reason {
  return h.dependantsGiven
    ? { code, ja: `扶養親族等の数 ${h.dependants}人として所得制限限度額を適用しました。`, en: `Income limits applied for ${h.dependants} dependant(s).` }
    : {
        code,
        ja: `扶養親族等の数は指定がないため、子の数 ${h.dependants}人として所得制限限度額を適用しました。`,
        en: `Dependants not given: income limits applied for ${h.dependants}, the number of children listed.`,
      };
}

/**
 * The amounts of 児童扶養手当, 特別児童扶養手当 and 障害児福祉手当 are revised every April by the
 * national consumer price index (物価スライド). When the estimate's fiscal year is later than the
 * newest table we hold, say so rather than pretend the old amounts are confirmed.
 */
export function unrecordedRevisionReason(code: string, tableFrom: string, date: string): Reason | undefined {
  const tableYear = fiscalYearOf(tableFrom);
  const year = fiscalYearOf(date);
  if (year <= tableYear) return undefined;
  return {
    code,
    ja: `${year}年度の改定額は未収録のため、${tableYear}年度（${tableFrom}から）の額で計算しました。`,
    en: `The revised amounts for fiscal ${year} are not recorded yet: amounts of fiscal ${tableYear} (from ${tableFrom}) were used.`,
  };
}
