// The shapes the benefit rules work on. The HTTP schema (schemas.ts) describes the same input for
// OpenAPI; these types are what the pure functions take and give.

/** "A" | "B" (療育手帳) or 1–4 (愛の手帳). */
export type IntellectualGrade = 'A' | 'B' | number;

/** Disability certificates a household member holds (the grade written on each). */
export interface DisabilityInput {
  /** 身体障害者手帳, 1 (most severe) – 7. */
  physicalGrade?: number;
  /** 療育手帳: "A" (重度) or "B" (中軽度) in most prefectures; Tokyo's 愛の手帳 1度 (最重度) – 4度 (軽度). */
  intellectualGrade?: IntellectualGrade;
  /** 精神障害者保健福祉手帳, 1 (most severe) – 3. */
  mentalGrade?: number;
}

export interface MemberInput {
  relation: 'parent' | 'child';
  birthDate: string;
  /** 所得額 used by the allowances' income tests: income after the allowance-specific deductions, yen a year. */
  incomeAfterDeductions?: number;
  disability?: DisabilityInput;
  /**
   * For a child: whether the parent cares for and bears the living costs of the child (監護に相当する
   * 日常生活上の世話及び必要な保護 + 生計費の負担). Decides whether an older child counts in 児童手当's
   * order of children. Defaults to true.
   */
  supported?: boolean;
}

export interface HouseholdInput {
  members: MemberInput[];
  singleParent?: boolean;
  /** 扶養親族等の数 for the income tests; defaults to the number of supported children listed. */
  dependants?: number;
}

export interface EstimateInput {
  /** The day the estimate is for (YYYY-MM-DD); amounts are those of that day's month. */
  date: string;
  /** 全国地方公共団体コード (6 digits). */
  municipality: string;
  household: HouseholdInput;
}

export interface Text {
  ja: string;
  en: string;
}

export interface Reason extends Text {
  /** Stable identifier of the reason, e.g. `child-allowance.age-limit`. */
  code: string;
}

export interface BenefitEstimate {
  id: string;
  name: Text;
  eligible: boolean;
  /** Yen per month. `min` < `max` when the outcome depends on facts not given (income, a doctor's assessment). */
  monthlyAmount: { min: number; max: number };
  reasons: Reason[];
  /** The law or ordinance the rule comes from. */
  legalBasis: string;
  /** The date the parameter table used took effect. */
  parametersFrom: string;
}

export interface EstimateResult {
  benefits: BenefitEstimate[];
}
