// The demo's people and places: municipalities across two prefectures, residents with test My
// Number Cards, and the shape of the logins the start banner prints. Data only, so every seed file
// and the demo pages can share it without import cycles.
import type { ReceiptMethod } from '../platform/db/tables.ts';
import type { BasicFourInput } from '../modules/signatures/index.ts';

export interface DemoMunicipality {
  code: string;
  name: string;
  receiptMethod: ReceiptMethod;
  contactDepartment: string;
  mode: 'test' | 'live';
}

export const DEMO_MUNICIPALITIES: readonly DemoMunicipality[] = [
  { code: '131130', name: '東京都渋谷区', receiptMethod: 'lgwan_asp', contactDepartment: '子ども家庭部 子ども家庭支援課', mode: 'live' },
  { code: '131121', name: '東京都世田谷区', receiptMethod: 'dedicated_line', contactDepartment: '子ども・若者部 子ども家庭課', mode: 'live' },
  { code: '141003', name: '神奈川県横浜市', receiptMethod: 'existing_system', contactDepartment: 'こども青少年局 こども家庭課', mode: 'live' },
];

export interface DemoResident {
  /** The test card's id: fixed, so seeding twice gives the same card. */
  cardId: string;
  municipalityCode: string;
  resident: BasicFourInput;
  signaturePin: string;
  authenticationPin: string;
}

// Residents of the demo municipalities, each with a test My Number Card (TEST certificates only).
export const DEMO_RESIDENTS: readonly DemoResident[] = [
  {
    cardId: 'demo-yamada-hanako',
    municipalityCode: '131130',
    resident: { name: '山田 花子', sex: 'female', dateOfBirth: '1991-04-12', address: '東京都渋谷区宇田川町1番1号' },
    signaturePin: 'HANAKO2024',
    authenticationPin: '1111',
  },
  {
    cardId: 'demo-sato-kenta',
    municipalityCode: '131121',
    resident: { name: '佐藤 健太', sex: 'male', dateOfBirth: '1987-09-03', address: '東京都世田谷区太子堂四丁目1番1号' },
    signaturePin: 'KENTA2024',
    authenticationPin: '2222',
  },
  {
    cardId: 'demo-suzuki-misaki',
    municipalityCode: '141003',
    resident: { name: '鈴木 美咲', sex: 'female', dateOfBirth: '1995-01-20', address: '神奈川県横浜市中区港町一丁目1番地' },
    signaturePin: 'MISAKI2024',
    authenticationPin: '3333',
  },
];

/** A login the demo offers, printed at start. Modules with accounts contribute to this list. */
export interface DemoLogin {
  who: string;
  where: string;
  login: string;
  secret: string;
}
