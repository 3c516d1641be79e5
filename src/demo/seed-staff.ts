// Demo staff (§3.3): for each demo municipality an administrator (second factor enrolled with a
// fixed demo secret, so the start banner can print it) and one person in each working role; a
// national administrator and Tokyo's prefecture viewer. Fixed passwords that already follow the
// rule, no forced change. Idempotent: existing login IDs are left alone.
import type { Db } from '../platform/db/index.ts';
import type { StaffRole } from '../platform/db/tables.ts';
import { ensureStaffAccounts, type StaffAccountSpec } from '../modules/identity/index.ts';
import type { DemoLogin } from './demo-data.ts';

/** The demo password of every demo staff account (12+ characters, letters and digits). */
export const DEMO_STAFF_PASSWORD = 'Kosodate-Demo-2026';
/** The demo administrators' authenticator secret (Base32). Never use a fixed secret outside the demo. */
export const DEMO_TOTP_SECRET = 'KOSODATEONESTOPDEMOADMIN';

const MUNICIPALITIES = [
  { code: '131130', prefix: 'shibuya', name: '渋谷区' },
  { code: '131121', prefix: 'setagaya', name: '世田谷区' },
  { code: '141003', prefix: 'yokohama', name: '横浜市' },
] as const;

const WORKING_ROLES: { role: StaffRole; suffix: string; label: string }[] = [
  { role: 'service_editor', suffix: 'editor', label: 'サービス編集' },
  { role: 'application_handler', suffix: 'handler', label: '申請受付' },
  { role: 'notice_sender', suffix: 'notices', label: 'お知らせ送信' },
  { role: 'records_clerk', suffix: 'records', label: '記録担当' },
];

export function demoStaffAccounts(): StaffAccountSpec[] {
  const accounts: StaffAccountSpec[] = [];
  for (const m of MUNICIPALITIES) {
    accounts.push({
      loginId: `${m.prefix}.admin`,
      displayName: `${m.name} 管理者`,
      municipalityCode: m.code,
      prefectureCode: null,
      roles: ['municipality_admin'],
      password: DEMO_STAFF_PASSWORD,
      totpSecret: DEMO_TOTP_SECRET,
    });
    for (const w of WORKING_ROLES) {
      accounts.push({
        loginId: `${m.prefix}.${w.suffix}`,
        displayName: `${m.name} ${w.label}`,
        municipalityCode: m.code,
        prefectureCode: null,
        roles: [w.role],
        password: DEMO_STAFF_PASSWORD,
      });
    }
  }
  accounts.push({
    loginId: 'national.admin',
    displayName: '国 管理者',
    municipalityCode: null,
    prefectureCode: null,
    roles: ['national_admin'],
    password: DEMO_STAFF_PASSWORD,
    totpSecret: DEMO_TOTP_SECRET,
  });
  accounts.push({
    loginId: 'tokyo.viewer',
    displayName: '東京都 閲覧者',
    municipalityCode: null,
    prefectureCode: '13',
    roles: ['prefecture_viewer'],
    password: DEMO_STAFF_PASSWORD,
  });
  return accounts;
}

export async function seedDemoStaff(db: Db): Promise<DemoLogin[]> {
  const accounts = demoStaffAccounts();
  await ensureStaffAccounts(db, accounts);
  return accounts.map((a) => ({
    who: `${a.displayName} (staff: ${a.roles.join(', ')})`,
    where: '/staff/login',
    login: a.loginId,
    secret: a.totpSecret ? `password ${a.password}, TOTP secret ${a.totpSecret}` : `password ${a.password}`,
  }));
}
