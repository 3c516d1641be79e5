// Test data for the benefit rules: households with sensible defaults, in one place.
import { toHousehold, type Household } from './household.ts';
import type { DisabilityInput, EstimateInput, MemberInput } from './types.ts';

export const SHIBUYA = '131130'; // 東京都渋谷区
export const YOKOHAMA = '141003'; // 神奈川県横浜市

export function parent(incomeAfterDeductions?: number, birthDate = '1985-05-05'): MemberInput {
  return { relation: 'parent', birthDate, ...(incomeAfterDeductions === undefined ? {} : { incomeAfterDeductions }) };
}

export function child(birthDate: string, extra: { disability?: DisabilityInput; supported?: boolean } = {}): MemberInput {
  return { relation: 'child', birthDate, ...extra };
}

export function estimateInput(
  date: string,
  members: MemberInput[],
  options: { municipality?: string; singleParent?: boolean; dependants?: number } = {},
): EstimateInput {
  return {
    date,
    municipality: options.municipality ?? SHIBUYA,
    household: {
      members,
      ...(options.singleParent === undefined ? {} : { singleParent: options.singleParent }),
      ...(options.dependants === undefined ? {} : { dependants: options.dependants }),
    },
  };
}

export function household(...args: Parameters<typeof estimateInput>): Household {
  return toHousehold(estimateInput(...args));
}

export const codes = (reasons: Array<{ code: string }>): string[] => reasons.map((r) => r.code);
