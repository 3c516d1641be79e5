// The 15 national focus procedures (PRODUCT.md §5, seed 000 §2.1 A-1). All are My Number use
// procedures (番号法 第9条第1項), so they accept signed applications only (R3) and may carry
// notices (R6). Legal bases name the provision where it is certain and the law otherwise.
import type { ProcedureTable } from '../../platform/db/tables.ts';

type Procedure = Omit<ProcedureTable, 'focus' | 'sort'>;

const CHILD_ALLOWANCE = '児童手当法';

export const NATIONAL_PROCEDURES: readonly Procedure[] = [
  { id: 'child-allowance.certification', name: '児童手当等の受給資格及び児童手当の額についての認定請求', name_en: 'Claim for certification of eligibility and amount of the child allowance', category: 'child-allowance', legal_basis: `${CHILD_ALLOWANCE} 第7条`, my_number_procedure: true, needs_review: true },
  { id: 'child-allowance.amount-revision', name: '児童手当等の額の改定の請求及び届出', name_en: 'Claim and notification for revision of the child allowance amount', category: 'child-allowance', legal_basis: `${CHILD_ALLOWANCE} 第9条`, my_number_procedure: true, needs_review: true },
  { id: 'child-allowance.change-notice', name: '氏名変更・住所変更等の届出', name_en: 'Notification of a change of name, address and the like', category: 'child-allowance', legal_basis: `${CHILD_ALLOWANCE}施行規則`, my_number_procedure: true, needs_review: true },
  { id: 'child-allowance.loss-notice', name: '受給事由消滅の届出', name_en: 'Notification that the grounds for the allowance have ended', category: 'child-allowance', legal_basis: `${CHILD_ALLOWANCE}施行規則`, my_number_procedure: true, needs_review: true },
  { id: 'child-allowance.unpaid-claim', name: '未支払の児童手当等の請求', name_en: 'Claim for unpaid child allowance', category: 'child-allowance', legal_basis: `${CHILD_ALLOWANCE} 第12条`, my_number_procedure: true, needs_review: true },
  { id: 'child-allowance.donation', name: '児童手当等に係る寄附の申出', name_en: 'Offer to donate the child allowance', category: 'child-allowance', legal_basis: CHILD_ALLOWANCE, my_number_procedure: true, needs_review: true },
  { id: 'child-allowance.donation-change', name: '児童手当等に係る寄附変更等の申出', name_en: 'Change to a donation of the child allowance', category: 'child-allowance', legal_basis: CHILD_ALLOWANCE, my_number_procedure: true, needs_review: true },
  { id: 'child-allowance.school-fee-collection', name: '受給資格者の申出による学校給食費等の徴収等の申出', name_en: 'Request to pay school meal fees and the like from the allowance', category: 'child-allowance', legal_basis: `${CHILD_ALLOWANCE} 第21条`, my_number_procedure: true, needs_review: true },
  { id: 'child-allowance.school-fee-collection-change', name: '受給資格者の申出による学校給食費等の徴収等の変更等の申出', name_en: 'Change to paying school meal fees and the like from the allowance', category: 'child-allowance', legal_basis: `${CHILD_ALLOWANCE} 第21条`, my_number_procedure: true, needs_review: true },
  { id: 'child-allowance.status-report', name: '児童手当等の現況届', name_en: 'Annual status report for the child allowance', category: 'child-allowance', legal_basis: `${CHILD_ALLOWANCE}施行規則`, my_number_procedure: true, needs_review: true },
  { id: 'childcare.certification', name: '支給認定の申請', name_en: 'Application for childcare eligibility certification', category: 'childcare', legal_basis: '子ども・子育て支援法 第20条', my_number_procedure: true, needs_review: true },
  { id: 'childcare.facility-application', name: '保育施設等の利用申込', name_en: 'Application for a place in a childcare facility', category: 'childcare', legal_basis: '児童福祉法 第24条', my_number_procedure: true, needs_review: true },
  { id: 'childcare.status-report', name: '保育施設等の現況届', name_en: 'Status report for childcare facility use', category: 'childcare', legal_basis: '子ども・子育て支援法', my_number_procedure: true, needs_review: true },
  { id: 'single-parent.status-report-advance', name: '児童扶養手当の現況届の事前送信', name_en: 'Advance submission of the child-rearing allowance status report', category: 'single-parent', legal_basis: '児童扶養手当法施行規則', my_number_procedure: true, needs_review: true },
  { id: 'maternal-health.pregnancy-notification', name: '妊娠の届出', name_en: 'Notification of pregnancy', category: 'maternal-health', legal_basis: '母子保健法 第15条', my_number_procedure: true, needs_review: true },
];
