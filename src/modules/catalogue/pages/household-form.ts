// The household form of the life-event pages: what the resident typed, read into an estimate input
// for the benefit rules, with each problem named at its field. Pure, so it is tested without HTTP.
import type { Text } from '../../../platform/i18n.ts';
import { isValidLocalGovernmentCode } from '../../municipalities/index.ts';
import { isCalendarDate } from '../benefits/dates.ts';
import type { DisabilityInput, EstimateInput, MemberInput } from '../benefits/types.ts';

export const DEFAULT_CHILD_ROWS = 4;
export const MAX_CHILD_ROWS = 10;

export interface ChildValues {
  birthDate: string;
  physical: string;
  intellectual: string;
  mental: string;
}

/** The form as typed: strings, shown back as they were when the form is re-rendered. */
export interface HouseholdValues {
  municipality: string;
  municipalityCode: string;
  singleParent: boolean;
  income1: string;
  income2: string;
  children: ChildValues[];
}

export interface FieldError {
  /** The id of the input, for the error summary's link. */
  field: string;
  message: Text;
}

const PHYSICAL = ['1', '2', '3', '4', '5', '6', '7'];
const INTELLECTUAL = ['A', 'B', '1', '2', '3', '4'];
const MENTAL = ['1', '2', '3'];

export const GRADE_CHOICES = { physical: PHYSICAL, intellectual: INTELLECTUAL, mental: MENTAL } as const;

function str(value: unknown, max = 40): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** Reads the posted body; `rows` (and the "more rows" button) decide how many child rows there are. */
export function readHouseholdValues(body: Record<string, unknown>): { values: HouseholdValues; rows: number } {
  const posted = Number.parseInt(str(body.rows), 10);
  let rows = Number.isFinite(posted) ? Math.min(Math.max(posted, 1), MAX_CHILD_ROWS) : DEFAULT_CHILD_ROWS;
  if (body.more !== undefined) rows = Math.min(rows + 2, MAX_CHILD_ROWS);
  const children: ChildValues[] = [];
  for (let i = 1; i <= rows; i++) {
    children.push({
      birthDate: str(body[`child-${i}-birth`]),
      physical: str(body[`child-${i}-physical`], 2),
      intellectual: str(body[`child-${i}-intellectual`], 2),
      mental: str(body[`child-${i}-mental`], 2),
    });
  }
  return {
    rows,
    values: {
      municipality: str(body.municipality, 6),
      municipalityCode: str(body.municipalityCode, 20),
      singleParent: body.singleParent === 'yes',
      income1: str(body.income1),
      income2: str(body.income2),
      children,
    },
  };
}

export function emptyHouseholdValues(municipality = ''): HouseholdValues {
  return {
    municipality,
    municipalityCode: '',
    singleParent: false,
    income1: '',
    income2: '',
    children: Array.from({ length: DEFAULT_CHILD_ROWS }, () => ({ birthDate: '', physical: '', intellectual: '', mental: '' })),
  };
}

/** 2024/4/1, ２０２４－０４－０１ → 2024-04-01; anything else stays as typed (and fails the check). */
function normalizeDate(value: string): string {
  const v = value.normalize('NFKC').trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v;
}

/** 2,300,000 / ２３０万円 is not accepted as 万; yen only, commas and 円 allowed. */
function parseYen(value: string): number | null | 'invalid' {
  const v = value.normalize('NFKC').replace(/[,\s円]/g, '');
  if (v === '') return null;
  if (!/^\d{1,11}$/.test(v)) return 'invalid';
  return Number(v);
}

export interface ParsedHousehold {
  municipalityCode: string;
  input: EstimateInput;
  singleParent: boolean;
  children: Array<{ birthDate: string; disability?: DisabilityInput }>;
  incomeGiven: boolean;
}

/**
 * Checks the form and builds the estimate for `today`. Parents' birth dates are not asked: the
 * benefit rules use only a parent's income, so an adult's date stands in for it.
 */
export function parseHousehold(values: HouseholdValues, today: string): { ok: true; household: ParsedHousehold } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  let municipalityCode = values.municipality;
  const typedCode = values.municipalityCode.normalize('NFKC').trim();
  if (typedCode) {
    if (!/^\d{6}$/.test(typedCode) || !isValidLocalGovernmentCode(typedCode)) {
      errors.push({
        field: 'municipalityCode',
        message: { ja: '地方公共団体コードは6桁の数字（検査数字を含む）で入力してください。例：131130', en: 'Enter the 6-digit local government code, including its check digit, e.g. 131130.' },
      });
    } else {
      municipalityCode = typedCode;
    }
  } else if (!/^\d{6}$/.test(municipalityCode) || !isValidLocalGovernmentCode(municipalityCode)) {
    errors.push({ field: 'municipality', message: { ja: 'お住まいの市区町村を選んでください。', en: 'Choose the municipality you live in.' } });
  }

  const children: ParsedHousehold['children'] = [];
  values.children.forEach((c, index) => {
    const n = index + 1;
    const hasGrade = c.physical !== '' || c.intellectual !== '' || c.mental !== '';
    if (c.birthDate.trim() === '') {
      if (hasGrade) {
        errors.push({ field: `child-${n}-birth`, message: { ja: `${n}人目のお子さんの生年月日を入力してください。`, en: `Enter the date of birth of child ${n}.` } });
      }
      return;
    }
    const birthDate = normalizeDate(c.birthDate);
    if (!isCalendarDate(birthDate)) {
      errors.push({
        field: `child-${n}-birth`,
        message: { ja: `${n}人目のお子さんの生年月日を、例のように入力してください（例：2024-04-01）。`, en: `Enter the date of birth of child ${n} as in the example (e.g. 2024-04-01).` },
      });
      return;
    }
    if (birthDate > today) {
      errors.push({
        field: `child-${n}-birth`,
        message: { ja: `${n}人目のお子さんの生年月日が、今日より後になっています。生まれる前のお子さんは入力しないでください。`, en: `The date of birth of child ${n} is after today. Leave out children not yet born.` },
      });
      return;
    }
    const disability: DisabilityInput = {};
    if (PHYSICAL.includes(c.physical)) disability.physicalGrade = Number(c.physical);
    if (INTELLECTUAL.includes(c.intellectual)) disability.intellectualGrade = /^\d$/.test(c.intellectual) ? Number(c.intellectual) : (c.intellectual as 'A' | 'B');
    if (MENTAL.includes(c.mental)) disability.mentalGrade = Number(c.mental);
    children.push({ birthDate, ...(Object.keys(disability).length > 0 ? { disability } : {}) });
  });

  const incomes: Array<number | null> = [];
  for (const [field, value, label] of [
    ['income1', values.income1, { ja: '保護者1', en: 'parent 1' }],
    ['income2', values.income2, { ja: '保護者2', en: 'parent 2' }],
  ] as const) {
    if (field === 'income2' && values.singleParent) continue;
    const parsed = parseYen(value);
    if (parsed === 'invalid') {
      errors.push({
        field,
        message: { ja: `${label.ja}の所得額は、円単位の数字で入力してください（例：2,300,000）。`, en: `Enter the income of ${label.en} in yen, in figures (e.g. 2,300,000).` },
      });
    }
    incomes.push(parsed === 'invalid' ? null : parsed);
  }
  if (errors.length > 0) return { ok: false, errors };

  const adult = `${Number(today.slice(0, 4)) - 35}-01-01`;
  const members: MemberInput[] = incomes.map((income) => ({ relation: 'parent', birthDate: adult, ...(income === null ? {} : { incomeAfterDeductions: income }) }));
  for (const c of children) members.push({ relation: 'child', birthDate: c.birthDate, ...(c.disability ? { disability: c.disability } : {}) });
  return {
    ok: true,
    household: {
      municipalityCode,
      singleParent: values.singleParent,
      children,
      incomeGiven: incomes.some((i) => i !== null),
      input: { date: today, municipality: municipalityCode, household: { members, singleParent: values.singleParent } },
    },
  };
}
