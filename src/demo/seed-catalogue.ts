// The demo catalogue (PRODUCT.md §3.2, §5): for each demo municipality its offer of the 15 national
// focus procedures and a handful of its own services (some still drafts, so the console has work),
// Tokyo's 児童育成手当 as a prefectural service, and the real open 制度 records of Civichat — the
// national schemes for everyone and Shibuya's childcare schemes for 渋谷区. Every service is written
// through createService, so each has its version history. Idempotent: a service whose external id
// already exists for its owner is left alone.
import type { Db } from '../platform/db/index.ts';
import {
  createService,
  ensureNationalProcedures,
  findServicesByExternalIds,
  importServices,
  inputOfRow,
  listServiceExternalKeys,
  serviceExternalKey,
  updateService,
  type Owner,
  type ServiceInput,
  type Writer,
} from '../modules/catalogue/index.ts';
import { inferTerms, readCivichatRecords, type OpenSystemRecord } from './civichat.ts';

interface Office {
  department: string;
  phone: string;
}

interface CatalogueMunicipality {
  code: string;
  /** As residents say it: 渋谷区, 横浜市. */
  name: string;
  counter: string;
  hours: string;
  offices: { allowance: Office; childcare: Office; maternal: Office; singleParent: Office; support: Office; school: Office };
}

// Departments are the real ones' names; every telephone number is fictional (03-0000-xxxx, 045-000-xxxx).
const MUNICIPALITIES: readonly CatalogueMunicipality[] = [
  {
    code: '131130',
    name: '渋谷区',
    counter: '渋谷区役所（渋谷区宇田川町1番1号）',
    hours: '平日 8時30分〜17時',
    offices: {
      allowance: { department: '子ども家庭部 子ども家庭支援課 児童手当係', phone: '03-0000-1101' },
      childcare: { department: '子ども家庭部 保育課 入園相談係', phone: '03-0000-1201' },
      maternal: { department: '健康推進部 地域保健課（渋谷区保健所）', phone: '03-0000-1301' },
      singleParent: { department: '子ども家庭部 子ども家庭支援課 ひとり親支援係', phone: '03-0000-1401' },
      support: { department: '子ども家庭部 子育て支援課', phone: '03-0000-1501' },
      school: { department: '教育委員会事務局 学務課', phone: '03-0000-1601' },
    },
  },
  {
    code: '131121',
    name: '世田谷区',
    counter: '世田谷区役所 または お住まいの地域の総合支所 子ども家庭支援課',
    hours: '平日 8時30分〜17時15分',
    offices: {
      allowance: { department: '子ども・若者部 子ども家庭課 児童手当担当', phone: '03-0000-2101' },
      childcare: { department: '保育部 保育課 入園担当', phone: '03-0000-2201' },
      maternal: { department: '世田谷保健所 健康推進課', phone: '03-0000-2301' },
      singleParent: { department: '子ども・若者部 子ども家庭課 ひとり親支援担当', phone: '03-0000-2401' },
      support: { department: '子ども・若者部 子ども家庭課', phone: '03-0000-2501' },
      school: { department: '教育委員会事務局 学務課', phone: '03-0000-2601' },
    },
  },
  {
    code: '141003',
    name: '横浜市',
    counter: 'お住まいの区の区役所 こども家庭支援課',
    hours: '平日 8時45分〜17時',
    offices: {
      allowance: { department: 'こども青少年局 こども家庭課（受付は各区役所 こども家庭支援課）', phone: '045-000-1101' },
      childcare: { department: 'こども青少年局 保育・教育運営課（受付は各区役所 こども家庭支援課）', phone: '045-000-1201' },
      maternal: { department: '各区福祉保健センター こども家庭支援課', phone: '045-000-1301' },
      singleParent: { department: 'こども青少年局 こども家庭課 ひとり親家庭支援担当', phone: '045-000-1401' },
      support: { department: 'こども青少年局 子育て支援課', phone: '045-000-1501' },
      school: { department: '教育委員会事務局 学校支援・地域連携課', phone: '045-000-1601' },
    },
  },
];

function contactOf(m: CatalogueMunicipality, office: Office): string {
  return `${m.name} ${office.department}\n電話：${office.phone}（${m.hours}）`;
}

const MY_NUMBER_CARD = 'マイナンバーカード（お持ちでない場合は、個人番号が確認できる書類と本人確認書類）';
const ACCOUNT = { name: '請求者名義の振込先口座が確認できるもの（通帳またはキャッシュカードの写し）', required: true, originalRequired: false };
const INSURANCE = {
  name: '請求者の健康保険の資格確認書または資格情報のお知らせの写し',
  required: true,
  originalRequired: false,
  note: '請求者が加入している年金・健康保険の種類を確認するために使います。',
};
const SEPARATE_CUSTODY = {
  name: '別居監護申立書',
  required: false,
  originalRequired: true,
  note: 'お子さんと別居している場合に必要です。署名した原本を、申請後に担当窓口へ郵送または持参してください。',
};
const ALLOWANCE_LINK = { title: '児童手当制度のご案内（こども家庭庁）', url: 'https://www.cfa.go.jp/policies/kokoseido/jidouteate/' };

type Template = { office: keyof CatalogueMunicipality['offices']; input: (m: CatalogueMunicipality) => Omit<ServiceInput, 'department' | 'contact'> };

const SIGNED_AND_COUNTER: ServiceInput['applyMethods'] = ['signed_online', 'counter'];

/** The municipality's offer of each national focus procedure (PRODUCT.md §5), keyed by procedure id. */
const PROCEDURE_TEMPLATES: Record<string, Template> = {
  'child-allowance.certification': {
    office: 'allowance',
    input: (m) => ({
      title: '児童手当の認定請求（出生・転入したとき）',
      summary: 'お子さんが生まれたときや、他の市区町村から転入したときに、児童手当を受け取るための請求です。',
      support: '高校生年代（18歳到達後最初の3月31日まで）のお子さんを養育している方に、児童手当を支給します。\n3歳未満：月額15,000円（第3子以降は30,000円）\n3歳以上高校生年代まで：月額10,000円（第3子以降は30,000円）\n所得制限はありません。偶数月に前月分までの2か月分を支給します。',
      eligibility: `${m.name}に住民登録があり、高校生年代までのお子さんを養育している方（父母のうち、生計を維持する程度の高い方）。公務員の方は勤務先に請求してください。`,
      applicant: '父母のうち所得の高い方など、お子さんの生計を主に維持している方（受給者となる方）が請求します。',
      howToApply: 'マイナンバーカードで電子署名してオンラインで請求するか、窓口で請求書を提出してください。',
      deadlineNote: '出生日・転入日（前住所地の転出予定日）の翌日から15日以内に請求してください。15日を過ぎると、請求した月の翌月分からの支給となり、さかのぼって受け取ることはできません。',
      legalBasis: '児童手当法 第7条',
      procedureId: 'child-allowance.certification',
      categories: ['child-allowance', 'benefits'],
      lifeEvents: ['birth', 'moving-in'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '出生', '転入'],
      attachments: [ACCOUNT, INSURANCE, SEPARATE_CUSTODY],
      thingsToBring: [MY_NUMBER_CARD, '請求者名義の通帳またはキャッシュカード'],
      relatedLinks: [ALLOWANCE_LINK],
      benefitIds: ['child-allowance'],
    }),
  },
  'child-allowance.amount-revision': {
    office: 'allowance',
    input: (m) => ({
      title: '児童手当の額の改定の請求・届出（第2子以降が生まれたとき など）',
      summary: '児童手当を受け取っている方に、養育するお子さんが増えたり減ったりしたときの手続です。',
      support: 'お子さんが増えた場合は、請求した月の翌月分から手当額が増額されます。大学生年代のお子さんを養育している場合は、第3子以降の数え方に含めることができます。',
      eligibility: `${m.name}で児童手当を受給している方`,
      applicant: '児童手当の受給者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで請求するか、窓口で額改定認定請求書を提出してください。',
      deadlineNote: 'お子さんが増えたときは、出生日などの翌日から15日以内に請求してください。',
      legalBasis: '児童手当法 第9条',
      procedureId: 'child-allowance.amount-revision',
      categories: ['child-allowance', 'benefits'],
      lifeEvents: ['birth'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '額改定', '大学生年代'],
      attachments: [
        { name: '監護相当・生計費の負担についての確認書', required: false, originalRequired: false, note: '大学生年代のお子さんを第3子以降の数え方に含める場合に必要です。' },
        SEPARATE_CUSTODY,
      ],
      thingsToBring: [MY_NUMBER_CARD],
      relatedLinks: [ALLOWANCE_LINK],
      benefitIds: ['child-allowance'],
    }),
  },
  'child-allowance.change-notice': {
    office: 'allowance',
    input: (m) => ({
      title: '児童手当の氏名変更・住所変更等の届出',
      summary: '受給者やお子さんの氏名・住所、振込先口座、加入している年金などが変わったときの届出です。',
      eligibility: `${m.name}で児童手当を受給している方`,
      applicant: '児童手当の受給者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで届け出るか、窓口で届出書を提出してください。',
      deadlineNote: '変更があったときは、すみやかに届け出てください。',
      legalBasis: '児童手当法施行規則',
      procedureId: 'child-allowance.change-notice',
      categories: ['child-allowance'],
      lifeEvents: ['moving-in'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '住所変更', '口座変更'],
      attachments: [{ name: '変更後の振込先口座が確認できるもの（通帳またはキャッシュカードの写し）', required: false, originalRequired: false, note: '口座を変更する場合に必要です。' }],
      thingsToBring: [MY_NUMBER_CARD],
      relatedLinks: [ALLOWANCE_LINK],
    }),
  },
  'child-allowance.loss-notice': {
    office: 'allowance',
    input: (m) => ({
      title: '児童手当の受給事由消滅の届出',
      summary: `${m.name}から転出するとき、お子さんを養育しなくなったとき、公務員になったときなどの届出です。`,
      eligibility: `${m.name}で児童手当を受給している方`,
      applicant: '児童手当の受給者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで届け出るか、窓口で届出書を提出してください。',
      deadlineNote: '受給する理由がなくなったときは、すみやかに届け出てください。届出が遅れると、手当を返還していただくことがあります。',
      legalBasis: '児童手当法施行規則',
      procedureId: 'child-allowance.loss-notice',
      categories: ['child-allowance'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '転出'],
      thingsToBring: [MY_NUMBER_CARD],
      relatedLinks: [ALLOWANCE_LINK],
    }),
  },
  'child-allowance.unpaid-claim': {
    office: 'allowance',
    input: (m) => ({
      title: '未支払の児童手当の請求',
      summary: '児童手当の受給者が亡くなったとき、支払われていなかった手当をお子さんが請求する手続です。',
      eligibility: `${m.name}で児童手当を受給していた方が亡くなり、未支払の手当がある場合の、その手当の対象だったお子さん`,
      applicant: '対象だったお子さん（未成年の場合は法定代理人）',
      howToApply: 'マイナンバーカードで電子署名してオンラインで請求するか、窓口で請求書を提出してください。',
      legalBasis: '児童手当法 第12条',
      procedureId: 'child-allowance.unpaid-claim',
      categories: ['child-allowance'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '未支払'],
      attachments: [
        { name: '受給者が亡くなったことと、請求者との関係が分かる戸籍謄本', required: true, originalRequired: true, note: '原本を担当窓口へ郵送または持参してください。確認後に返却します。' },
        ACCOUNT,
      ],
      thingsToBring: [MY_NUMBER_CARD],
    }),
  },
  'child-allowance.donation': {
    office: 'allowance',
    input: (m) => ({
      title: '児童手当の寄附の申出',
      summary: `受け取る児童手当の全部または一部を${m.name}に寄附し、子どもの健やかな育ちを支援する事業に役立てていただく申出です。`,
      eligibility: `${m.name}で児童手当を受給している方`,
      applicant: '児童手当の受給者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで申し出るか、窓口で申出書を提出してください。',
      legalBasis: '児童手当法 第20条',
      procedureId: 'child-allowance.donation',
      categories: ['child-allowance'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '寄附'],
    }),
  },
  'child-allowance.donation-change': {
    office: 'allowance',
    input: (m) => ({
      title: '児童手当の寄附の変更等の申出',
      summary: '児童手当の寄附の額を変えるときや、寄附をやめるときの申出です。',
      eligibility: `${m.name}に児童手当の寄附を申し出ている方`,
      applicant: '児童手当の受給者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで申し出るか、窓口で申出書を提出してください。',
      legalBasis: '児童手当法 第20条',
      procedureId: 'child-allowance.donation-change',
      categories: ['child-allowance'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '寄附'],
    }),
  },
  'child-allowance.school-fee-collection': {
    office: 'allowance',
    input: (m) => ({
      title: '児童手当からの学校給食費等の徴収等の申出',
      summary: '児童手当から、お子さんの学校給食費などを支払うことを申し出る手続です。',
      eligibility: `${m.name}で児童手当を受給し、お子さんが区市立の小・中学校に通っている方`,
      applicant: '児童手当の受給者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで申し出るか、窓口で申出書を提出してください。',
      legalBasis: '児童手当法 第21条',
      procedureId: 'child-allowance.school-fee-collection',
      categories: ['child-allowance', 'education'],
      lifeEvents: ['school'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '学校給食費'],
      thingsToBring: [MY_NUMBER_CARD],
    }),
  },
  'child-allowance.school-fee-collection-change': {
    office: 'allowance',
    input: (m) => ({
      title: '児童手当からの学校給食費等の徴収等の変更等の申出',
      summary: '児童手当から学校給食費などを支払う申出の内容を変えるとき、やめるときの手続です。',
      eligibility: `${m.name}に学校給食費等の徴収等を申し出ている方`,
      applicant: '児童手当の受給者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで申し出るか、窓口で申出書を提出してください。',
      legalBasis: '児童手当法 第21条',
      procedureId: 'child-allowance.school-fee-collection-change',
      categories: ['child-allowance', 'education'],
      lifeEvents: ['school'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '学校給食費'],
    }),
  },
  'child-allowance.status-report': {
    office: 'allowance',
    input: (m) => ({
      title: '児童手当の現況届',
      summary: '令和4年6月から、現況届は原則として提出不要になりました。提出が必要な方には、6月上旬に案内をお送りします。',
      eligibility: `${m.name}で児童手当を受給している方のうち、配偶者からの暴力等により住民票の住所地と異なる市区町村で受給している方、離婚協議中で配偶者と別居している方、法人である未成年後見人・施設等の受給者の方など`,
      applicant: '案内が届いた児童手当の受給者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで提出するか、案内に同封の現況届を窓口に提出してください。',
      acceptanceStart: '2027-06-01',
      acceptanceEnd: '2027-06-30',
      deadlineNote: '提出がないと、6月分以降の手当を受け取れなくなります。',
      legalBasis: '児童手当法施行規則 第4条',
      procedureId: 'child-allowance.status-report',
      categories: ['child-allowance'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童手当', '現況届'],
      attachments: [INSURANCE],
      thingsToBring: [MY_NUMBER_CARD],
      relatedLinks: [ALLOWANCE_LINK],
    }),
  },
  'childcare.certification': {
    office: 'childcare',
    input: (m) => ({
      title: '保育の必要性の認定（支給認定）の申請',
      summary: '保育所・認定こども園・地域型保育などを利用するために、お子さんの保育の必要性の認定を受ける申請です。保育施設等の利用申込と同時に申請できます。',
      support: '認定の区分（1号・2号・3号）と、保育を必要とする時間（保育標準時間・保育短時間）を認定し、支給認定証を交付します。',
      eligibility: `${m.name}に住所があり（転入予定を含む）、保護者の就労・妊娠出産・疾病・介護などにより家庭で保育できない小学校就学前のお子さん`,
      applicant: 'お子さんの保護者',
      howToApply: '保育施設等の利用申込と一緒に申請してください。マイナンバーカードで電子署名してオンラインで申請するか、窓口に提出してください。',
      deadlineNote: '利用を希望する月の前々月の10日ごろまでに申請してください（4月入園の一次受付は別に定める期間）。',
      legalBasis: '子ども・子育て支援法 第20条',
      procedureId: 'childcare.certification',
      categories: ['childcare'],
      lifeEvents: ['nursery', 'moving-in'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['保育', '支給認定', '保育園', '保育所'],
      attachments: [
        { name: '就労証明書（保護者それぞれ）', required: true, originalRequired: false, note: '勤務先に作成を依頼してください。自営業の方は就労状況申告書と営業の実態が分かる書類。' },
        { name: '診断書（保護者の疾病・障害による場合）', required: false, originalRequired: true, note: '医師が作成した診断書の原本を、担当窓口へ郵送または持参してください。' },
        { name: '課税証明書（1月1日に区市町村外に住んでいた方）', required: false, originalRequired: true, note: '前住所地で発行された証明書の原本を郵送または持参してください。マイナンバーによる情報連携で確認できる場合は不要です。' },
      ],
      thingsToBring: [MY_NUMBER_CARD, '母子健康手帳（妊娠・出産による申請の場合）'],
    }),
  },
  'childcare.facility-application': {
    office: 'childcare',
    input: (m) => ({
      title: '保育施設等の利用申込（令和9年4月入園 一次受付）',
      summary: `${m.name}内の認可保育所、認定こども園（保育部分）、小規模保育などの利用申込です。令和9年4月入園の一次受付を行っています。`,
      support: '申込内容と保育の必要性の指数をもとに利用調整を行い、結果を通知します。第6希望まで記入できます。',
      eligibility: `${m.name}に住所があり（転入予定を含む）、保育の必要性の認定を受ける（受けている）小学校就学前のお子さんの保護者`,
      applicant: 'お子さんの保護者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで申し込むか、窓口に申込書を提出してください。郵送による申込は受け付けていません。',
      acceptanceStart: '2026-10-15',
      acceptanceEnd: '2026-12-04',
      deadlineNote: '一次受付の締切は12月4日です。以降の申込は二次利用調整の対象となります。',
      legalBasis: '児童福祉法 第24条',
      procedureId: 'childcare.facility-application',
      categories: ['childcare'],
      lifeEvents: ['nursery', 'moving-in'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['保育', '保育園', '保育所', '入園', '利用調整'],
      attachments: [
        { name: '就労証明書（保護者それぞれ）', required: true, originalRequired: false },
        { name: '利用調整に関する申告書', required: false, originalRequired: false, note: 'きょうだいの在園やひとり親世帯など、調整指数の加点がある場合に提出してください。' },
        { name: '障害者手帳などの写し（お子さんや同居の家族に障害がある場合）', required: false, originalRequired: false },
      ],
      thingsToBring: [MY_NUMBER_CARD, '母子健康手帳'],
    }),
  },
  'childcare.status-report': {
    office: 'childcare',
    input: (m) => ({
      title: '保育施設等の現況届',
      summary: '保育施設等を利用している方が、毎年、保育の必要性が続いていることを届け出る手続です。',
      eligibility: `${m.name}の支給認定を受けて保育施設等を利用している保護者`,
      applicant: 'お子さんの保護者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで提出するか、在園中の施設または窓口に提出してください。',
      acceptanceStart: '2026-06-01',
      acceptanceEnd: '2026-06-30',
      deadlineNote: '期限までに提出がない場合、保育の必要性を確認できず、利用を継続できないことがあります。',
      legalBasis: '子ども・子育て支援法施行規則',
      procedureId: 'childcare.status-report',
      categories: ['childcare'],
      lifeEvents: ['nursery'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['保育', '現況届'],
      attachments: [{ name: '就労証明書（保護者それぞれ、今年度分）', required: true, originalRequired: true, note: '勤務先が作成した原本を、在園中の施設または担当窓口に提出してください。' }],
    }),
  },
  'single-parent.status-report-advance': {
    office: 'singleParent',
    input: (m) => ({
      title: '児童扶養手当の現況届（事前送信）',
      summary: '児童扶養手当の受給資格がある方が毎年8月に提出する現況届の内容を、面談の前にオンラインで送る手続です。送信した方も、面談には来所していただきます。',
      support: '事前に送信すると、窓口での記入が不要になり、面談の時間が短くなります。',
      eligibility: `${m.name}で児童扶養手当の受給資格がある方（所得制限により支給停止中の方を含む）`,
      applicant: '児童扶養手当の受給資格者',
      howToApply: 'マイナンバーカードで電子署名してオンラインで送信し、案内に記載の日時に窓口で面談を受けてください。',
      acceptanceStart: '2027-07-15',
      acceptanceEnd: '2027-08-31',
      deadlineNote: '現況届を提出しないと、11月分以降の手当を受け取れません。2年間提出がないと受給資格がなくなることがあります。',
      legalBasis: '児童扶養手当法施行規則 第4条',
      procedureId: 'single-parent.status-report-advance',
      categories: ['single-parent', 'benefits'],
      lifeEvents: ['single-parent'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['児童扶養手当', 'ひとり親', '現況届'],
      attachments: [
        { name: '養育費等に関する申告書', required: true, originalRequired: true, note: '署名した原本を面談の際に持参してください。' },
        { name: '住居の賃貸借契約書の写し（借家・アパートにお住まいの方）', required: false, originalRequired: false },
      ],
      thingsToBring: [MY_NUMBER_CARD, '児童扶養手当証書', '養育費等に関する申告書（原本）'],
      benefitIds: ['child-rearing-allowance'],
    }),
  },
  'maternal-health.pregnancy-notification': {
    office: 'maternal',
    input: (m) => ({
      title: '妊娠の届出（母子健康手帳の交付）',
      summary: '妊娠が分かったら、妊娠の届出をしてください。母子健康手帳と妊婦健康診査の受診票をお渡しし、保健師などが面談します。',
      support: '母子健康手帳、妊婦健康診査受診票（14回分）、妊婦超音波検査受診票などをお渡しします。面談後、妊婦のための支援給付（5万円）のご案内をします。',
      eligibility: `${m.name}に住民登録がある妊娠中の方`,
      applicant: '妊娠している本人（代理の方が届け出る場合は委任状が必要です）',
      howToApply: 'マイナンバーカードで電子署名してオンラインで届け出た後、窓口で母子健康手帳を受け取ってください（面談を行います）。窓口で届け出ることもできます。',
      deadlineNote: '妊娠11週以内を目安に、なるべく早く届け出てください。',
      legalBasis: '母子保健法 第15条・第16条',
      procedureId: 'maternal-health.pregnancy-notification',
      categories: ['maternal-health'],
      lifeEvents: ['pregnancy'],
      applyMethods: SIGNED_AND_COUNTER,
      tags: ['妊娠', '母子手帳', '母子健康手帳', '妊婦健診'],
      attachments: [{ name: '医療機関の証明書（妊娠の診断を受けたことが分かるもの）', required: true, originalRequired: false, note: '妊娠届出書の医療機関記入欄でも構いません。' }],
      thingsToBring: [MY_NUMBER_CARD],
    }),
  },
};

interface LocalService {
  slug: string;
  office: keyof CatalogueMunicipality['offices'];
  status: 'draft' | 'published';
  input: Omit<ServiceInput, 'department' | 'contact'>;
}

function localServices(m: CatalogueMunicipality): LocalService[] {
  const tokyo = m.code.startsWith('13');
  const common: LocalService[] = [
    {
      slug: 'temporary-care',
      office: 'childcare',
      status: 'published',
      input: {
        title: tokyo ? '一時保育（一時預かり）' : '一時保育',
        summary: '保護者の仕事や通院、リフレッシュなどのときに、保育所などで一時的にお子さんをお預かりします。',
        support: '利用料金：1時間あたり400円〜600円程度（施設・年齢により異なります）。生活保護世帯・住民税非課税世帯は減免があります。',
        eligibility: `${m.name}に住んでいる、生後57日から小学校就学前までのお子さん`,
        applicant: 'お子さんの保護者',
        howToApply: '事前登録のうえ、利用を希望する施設に直接予約してください。',
        legalBasis: '児童福祉法 第6条の3第7項（一時預かり事業）',
        categories: ['childcare'],
        lifeEvents: ['nursery', 'birth'],
        applyMethods: ['counter'],
        tags: ['一時預かり', '一時保育', '保育園', 'リフレッシュ'],
        thingsToBring: ['母子健康手帳', '健康保険の資格確認書'],
      },
    },
    {
      slug: 'postpartum-care',
      office: 'maternal',
      status: 'published',
      input: {
        title: m.code === '141003' ? '産後母子ケア事業' : '産後ケア事業（宿泊型・日帰り型・訪問型）',
        summary: '出産後に心身の不調や育児不安がある方が、助産院などで休養しながら、授乳や育児の相談・支援を受けられます。',
        support: '宿泊型：1泊2日から最大6泊7日まで、自己負担 1日あたり3,000円\n日帰り型：最大7回まで、自己負担 1回あたり1,000円\n訪問型：助産師が自宅を訪問します。\n住民税非課税世帯・生活保護世帯は自己負担が免除されます。',
        eligibility: `${m.name}に住んでいる、産後1年未満の母親とお子さん`,
        applicant: '母親本人',
        howToApply: '利用を希望する日の2週間前までに、担当窓口に申請してください。面談のうえ利用を決定します。',
        legalBasis: '母子保健法 第17条の2',
        categories: ['maternal-health'],
        lifeEvents: ['birth'],
        applyMethods: ['counter', 'print_and_post'],
        tags: ['産後ケア', '助産師', '授乳', '育児相談'],
        attachments: [{ name: '産後ケア事業利用申請書', required: true, originalRequired: true, note: '郵送で申請する場合は、署名した申請書の原本を送ってください。' }],
        thingsToBring: ['母子健康手帳'],
      },
    },
    {
      slug: 'sick-child-care',
      office: 'childcare',
      status: 'published',
      input: {
        title: '病児・病後児保育',
        summary: 'お子さんが病気や病気の回復期で集団保育が難しく、保護者が仕事などで家庭で保育できないときに、専用の保育室でお預かりします。',
        support: '利用料金：1日2,000円（住民税非課税世帯・生活保護世帯は無料）。昼食・おやつ代は別途必要です。',
        eligibility: `${m.name}に住んでいる、生後6か月から小学校6年生までのお子さん`,
        applicant: 'お子さんの保護者',
        howToApply: '事前に施設へ登録し、利用する前日または当日の朝に電話で予約してください。利用時は医師の「診療情報提供書（連絡票）」が必要です。',
        legalBasis: '児童福祉法 第6条の3第13項（病児保育事業）',
        categories: ['childcare'],
        lifeEvents: ['illness-disability', 'nursery'],
        applyMethods: ['counter'],
        tags: ['病児保育', '病後児保育'],
        attachments: [{ name: '診療情報提供書（医師連絡票）', required: true, originalRequired: true, note: 'かかりつけ医が記入した原本を、利用当日に施設へ持参してください。' }],
        thingsToBring: ['母子健康手帳', '健康保険の資格確認書', '子ども医療証'],
      },
    },
    {
      slug: 'family-support',
      office: 'support',
      status: 'published',
      input: {
        title: m.code === '141003' ? '横浜子育てサポートシステム' : 'ファミリー・サポート・センター事業',
        summary: '子育ての手助けをしてほしい方と、手助けをしたい地域の方が会員となって、保育園の送迎や一時的な預かりを支え合う仕組みです。',
        support: '利用料金：1時間あたり800円〜1,000円（早朝・夜間・土日祝日は加算があります）。',
        eligibility: `${m.name}に住んでいる、生後57日から小学校6年生までのお子さんの保護者`,
        applicant: 'お子さんの保護者（利用会員として登録します）',
        howToApply: '入会説明会に参加し、会員登録をしてください。登録後、アドバイザーが援助会員を紹介します。',
        legalBasis: '子ども・子育て支援法 第59条（子育て援助活動支援事業）',
        categories: ['childcare', 'consultation'],
        lifeEvents: ['nursery', 'moving-in', 'single-parent'],
        applyMethods: ['counter'],
        tags: ['ファミサポ', '送迎', '預かり'],
        thingsToBring: ['顔写真（縦4cm×横3cm）1枚', '本人確認書類'],
      },
    },
    {
      slug: 'school-entry-grant',
      office: 'school',
      status: 'published',
      input: {
        title: '就学援助（新入学学用品費・入学準備金）',
        summary: '経済的な理由で就学が困難な家庭に、小・中学校への入学前に、ランドセルや制服などの購入費用を援助します。',
        support: '新入学学用品費：小学校入学予定者 57,060円、中学校入学予定者 63,000円（入学前の3月に支給します）。',
        eligibility: `${m.name}に住んでいて、翌年4月に${tokyo ? '区立' : '市立'}小・中学校に入学する予定のお子さんの保護者のうち、世帯の所得が基準額以下の方`,
        applicant: 'お子さんの保護者',
        howToApply: '申請書に記入し、必要書類を添えて担当窓口に郵送または持参してください。',
        acceptanceStart: '2026-11-01',
        acceptanceEnd: '2026-12-25',
        legalBasis: '学校教育法 第19条',
        categories: ['education', 'benefits'],
        lifeEvents: ['school'],
        applyMethods: ['print_and_post', 'counter'],
        tags: ['入学準備金', '就学援助', 'ランドセル', '制服'],
        attachments: [
          { name: '就学援助申請書', required: true, originalRequired: true, note: '署名した原本を郵送または持参してください。' },
          { name: '課税証明書（1月1日に区市町村外に住んでいた方）', required: false, originalRequired: true },
        ],
      },
    },
    {
      slug: 'pregnancy-support-payment',
      office: 'maternal',
      status: 'published',
      input: {
        title: '妊婦のための支援給付（妊婦支援給付金）',
        summary: '妊娠の届出と面談を受けた方に5万円、出産後（お子さんの人数の届出）にお子さん1人につき5万円を支給します。',
        support: '1回目：妊娠の届出後の面談を受けた方に 50,000円\n2回目：妊娠しているお子さんの人数の届出をした方に、お子さん1人につき 50,000円',
        eligibility: `${m.name}に住民登録がある妊婦（流産・死産・人工妊娠中絶の場合も対象です）`,
        applicant: '妊婦本人',
        howToApply: '妊娠の届出の面談の際に申請書をお渡しします。',
        legalBasis: '子ども・子育て支援法 第10条の2',
        categories: ['maternal-health', 'benefits'],
        lifeEvents: ['pregnancy', 'birth'],
        applyMethods: ['counter', 'print_and_post'],
        tags: ['出産・子育て応援', '妊婦支援給付金', '10万円'],
        attachments: [ACCOUNT],
      },
    },
  ];
  const own: LocalService[] =
    m.code === '131130'
      ? [
          {
            slug: 'baby-goods-grant-draft',
            office: 'support',
            status: 'draft',
            input: {
              title: 'ベビー用品購入費の助成（令和9年度開始予定）',
              summary: '0歳のお子さんがいる世帯に、ベビー用品の購入費用の一部を助成します（制度設計中）。',
              eligibility: '渋谷区に住んでいる0歳のお子さんの保護者',
              categories: ['benefits'],
              lifeEvents: ['birth'],
              applyMethods: ['simple_online', 'counter'],
              tags: ['ベビー用品', '助成'],
            },
          },
        ]
      : m.code === '131121'
        ? [
            {
              slug: 'child-medical',
              office: 'support',
              status: 'published',
              input: {
                title: '子ども医療費助成（乳幼児医療証・義務教育就学児医療証・子ども医療証）',
                summary: '高校生年代までのお子さんが健康保険証を使って受診したときの、保険診療の自己負担分を助成します。',
                support: '通院・入院ともに、保険診療の自己負担分を全額助成します（所得制限はありません）。入院時の食事療養費も助成します。',
                eligibility: '世田谷区に住んでいて健康保険に加入している、18歳に達した日以後最初の3月31日までのお子さん',
                applicant: 'お子さんの保護者',
                howToApply: '出生・転入の際に、窓口または郵送で医療証の交付を申請してください。',
                deadlineNote: '出生日・転入日から30日以内に申請すると、その日にさかのぼって助成します。',
                legalBasis: '東京都乳幼児医療費助成事業実施要綱・世田谷区子ども医療費助成条例',
                categories: ['medical-subsidy'],
                lifeEvents: ['birth', 'moving-in'],
                applyMethods: ['counter', 'print_and_post'],
                tags: ['マル乳', 'マル子', '医療証', '子ども医療費'],
                attachments: [{ name: 'お子さんの健康保険の資格確認書または資格情報のお知らせの写し', required: true, originalRequired: false }],
                thingsToBring: ['お子さんの健康保険の資格確認書', '保護者の本人確認書類'],
              },
            },
            {
              slug: 'multiple-birth-taxi-draft',
              office: 'maternal',
              status: 'draft',
              input: {
                title: '多胎児家庭の移動支援（タクシー利用券）',
                summary: '双子や三つ子などを育てる家庭の、健診や予防接種の際の移動を支援するため、タクシー利用券を交付します。',
                eligibility: '世田谷区に住んでいる、3歳未満の多胎児を養育している保護者',
                categories: ['maternal-health', 'benefits'],
                lifeEvents: ['birth'],
                applyMethods: ['counter'],
                tags: ['多胎児', '双子', 'タクシー'],
              },
            },
          ]
        : [
            {
              slug: 'child-medical',
              office: 'support',
              status: 'published',
              input: {
                title: '小児医療費助成',
                summary: '中学3年生までのお子さんが健康保険証を使って受診したときの、保険診療の自己負担分を助成します。',
                support: '通院・入院ともに保険診療の自己負担分を助成します（令和5年8月から所得制限と一部負担金はありません）。',
                eligibility: '横浜市に住んでいて健康保険に加入している、中学3年生までのお子さん',
                applicant: 'お子さんの保護者',
                howToApply: '出生・転入の際に、お住まいの区の区役所 保険年金課に申請してください。',
                deadlineNote: '出生日・転入日から1か月以内に申請すると、その日にさかのぼって助成します。',
                legalBasis: '横浜市小児医療費助成条例',
                categories: ['medical-subsidy'],
                lifeEvents: ['birth', 'moving-in'],
                applyMethods: ['counter', 'print_and_post'],
                tags: ['小児医療証', '医療費助成'],
                attachments: [{ name: 'お子さんの健康保険の資格確認書または資格情報のお知らせの写し', required: true, originalRequired: false }],
                thingsToBring: ['お子さんの健康保険の資格確認書'],
              },
            },
            {
              slug: 'prenatal-helper-draft',
              office: 'maternal',
              status: 'draft',
              input: {
                title: '産前産後ヘルパー派遣事業',
                summary: '妊娠中や出産後に、体調不良などで家事や育児が困難な家庭にヘルパーを派遣します。',
                eligibility: '横浜市に住んでいる、妊娠中または出産後1年未満で、日中に家事・育児を手伝う人がいない方',
                categories: ['maternal-health'],
                lifeEvents: ['pregnancy', 'birth'],
                applyMethods: ['counter'],
                tags: ['ヘルパー', '家事支援'],
              },
            },
          ];
  // 渋谷区's own childcare schemes come from the real open records (below), so its list is shorter.
  return m.code === '131130' ? [...common.filter((s) => s.slug !== 'temporary-care' && s.slug !== 'sick-child-care'), ...own] : [...common, ...own];
}

const TOKYO_SERVICES: Array<{ slug: string; input: ServiceInput }> = [
  {
    slug: 'tokyo-upbringing-allowance',
    input: {
      title: '児童育成手当（育成手当）',
      summary: '東京都内に住んでいて、ひとり親家庭などのお子さんを養育している方に、手当を支給します（東京都の制度で、区市町村が受け付けます）。',
      support: 'お子さん1人につき月額13,500円（所得制限があります）。2月・6月・10月に、前月分までの4か月分を支給します。',
      eligibility: '都内に住んでいて、18歳に達した日以後最初の3月31日までのお子さんを養育している、ひとり親家庭（父母の離婚・死亡など）の方',
      applicant: 'お子さんを養育している父・母または養育者',
      howToApply: 'お住まいの区市町村の担当窓口に申請してください。',
      deadlineNote: '申請した月の翌月分から支給します。',
      department: '東京都 福祉局 子供・子育て支援部（受付は区市町村）',
      contact: 'お住まいの区市町村の児童育成手当担当窓口',
      legalBasis: '東京都児童育成手当に関する条例',
      categories: ['single-parent', 'benefits'],
      lifeEvents: ['single-parent'],
      applyMethods: ['counter'],
      tags: ['児童育成手当', '育成手当', 'ひとり親', '東京都'],
      attachments: [
        { name: '戸籍謄本（申請者とお子さんのもの）', required: true, originalRequired: true, note: '発行から1か月以内の原本を窓口に提出してください。' },
        ACCOUNT,
      ],
      thingsToBring: [MY_NUMBER_CARD],
      benefitIds: ['tokyo-child-upbringing-allowance'],
    },
  },
  {
    slug: 'tokyo-disability-allowance',
    input: {
      title: '児童育成手当（障害手当）',
      summary: '東京都内に住んでいて、障害のあるお子さんを養育している方に、手当を支給します（東京都の制度で、区市町村が受け付けます）。',
      support: 'お子さん1人につき月額15,500円（所得制限があります）。',
      eligibility: '都内に住んでいて、20歳未満で、愛の手帳1〜3度、身体障害者手帳1・2級程度、または脳性まひ・進行性筋萎縮症のお子さんを養育している方',
      applicant: 'お子さんを養育している父・母または養育者',
      howToApply: 'お住まいの区市町村の担当窓口に申請してください。',
      department: '東京都 福祉局 子供・子育て支援部（受付は区市町村）',
      contact: 'お住まいの区市町村の児童育成手当担当窓口',
      legalBasis: '東京都児童育成手当に関する条例',
      categories: ['disability', 'benefits'],
      lifeEvents: ['illness-disability'],
      applyMethods: ['counter'],
      tags: ['児童育成手当', '障害手当', '東京都'],
      attachments: [{ name: '身体障害者手帳または愛の手帳の写し', required: true, originalRequired: false }, ACCOUNT],
      thingsToBring: [MY_NUMBER_CARD, '身体障害者手帳または愛の手帳'],
      benefitIds: ['tokyo-child-disability-allowance'],
    },
  },
];

export interface DemoCatalogueSummary {
  /** Services the demo defines (whether created now or before). */
  services: number;
  created: number;
  drafts: number;
  /** Open-data records the import refused (with its reasons in the import report). */
  rejected: number;
}

interface Planned {
  writer: Writer;
  owner?: Owner;
  externalId: string;
  status: 'draft' | 'published';
  input: ServiceInput;
}

const NATIONAL: Writer = { kind: 'national', label: 'デモデータ' };

function plan(): Planned[] {
  const planned: Planned[] = [];
  for (const m of MUNICIPALITIES) {
    const writer: Writer = { kind: 'municipality', municipalityCode: m.code, label: 'デモデータ' };
    for (const [procedureId, template] of Object.entries(PROCEDURE_TEMPLATES)) {
      const office = m.offices[template.office];
      planned.push({
        writer,
        externalId: `demo:${procedureId}`,
        status: 'published',
        input: { ...template.input(m), department: office.department, contact: contactOf(m, office) },
      });
    }
    for (const s of localServices(m)) {
      const office = m.offices[s.office];
      planned.push({ writer, externalId: `demo:local:${s.slug}`, status: s.status, input: { ...s.input, department: office.department, contact: contactOf(m, office) } });
    }
  }
  for (const s of TOKYO_SERVICES) {
    planned.push({ writer: NATIONAL, owner: { kind: 'prefecture', prefectureCode: '13' }, externalId: `demo:${s.slug}`, status: 'published', input: s.input });
  }
  return planned;
}

function ownerKey(p: Planned): [string | null, string | null] {
  if (p.writer.kind === 'municipality') return [p.writer.municipalityCode, p.writer.municipalityCode.slice(0, 2)];
  if (p.owner?.kind === 'prefecture') return [null, p.owner.prefectureCode];
  return [null, null];
}

/**
 * Imports the real open records the owner does not have yet, published, through the catalogue's
 * import; then tags each new one with the categories, life events and benefits the layout cannot
 * carry (a second version, as when staff tag an imported record).
 */
async function importOpenRecords(db: Db, writer: Writer, records: OpenSystemRecord[], existing: Set<string>): Promise<{ created: number; rejected: number }> {
  const municipalityCode = writer.kind === 'municipality' ? writer.municipalityCode : null;
  const prefectureCode = municipalityCode?.slice(0, 2) ?? null;
  const fresh = records.filter((r) => !existing.has(serviceExternalKey(municipalityCode, prefectureCode, r.サービスID)));
  if (fresh.length === 0) return { created: 0, rejected: 0 };
  const report = await importServices({ db }, writer, { records: fresh, publish: true });
  const terms = new Map(fresh.map((r) => [r.サービスID, inferTerms(r)]));
  for (const row of await findServicesByExternalIds(db.kysely, { municipalityCode }, [...terms.keys()])) {
    const inferred = terms.get(row.external_id!)!;
    const input = inputOfRow(row);
    const tagged: ServiceInput = {
      ...input,
      categories: [...new Set([...(input.categories ?? []), ...(inferred.categories ?? [])])],
      lifeEvents: inferred.lifeEvents ?? [],
      benefitIds: inferred.benefitIds ?? [],
    };
    if ((tagged.categories?.length ?? 0) !== (input.categories?.length ?? 0) || tagged.lifeEvents!.length > 0 || tagged.benefitIds!.length > 0) {
      await updateService({ db }, writer, { id: row.id, input: tagged });
    }
  }
  return { created: report.created, rejected: report.rejected.length };
}

/** The demo's services, with their version history. Running it again creates nothing new. */
export async function seedDemoCatalogue(db: Db): Promise<DemoCatalogueSummary> {
  await ensureNationalProcedures(db.kysely);
  const existing = await listServiceExternalKeys(db.kysely);
  const planned = plan();
  let created = 0;
  for (const p of planned) {
    const [municipalityCode, prefectureCode] = ownerKey(p);
    if (existing.has(serviceExternalKey(municipalityCode, prefectureCode, p.externalId))) continue;
    await createService({ db }, p.writer, {
      input: p.input,
      ...(p.owner ? { owner: p.owner } : {}),
      status: p.status,
      externalId: p.externalId,
    });
    created += 1;
  }
  const national = await readCivichatRecords('japan-systems.json');
  const shibuya = await readCivichatRecords('shibuya-parenting-systems.json');
  const a = await importOpenRecords(db, NATIONAL, national, existing);
  const b = await importOpenRecords(db, { kind: 'municipality', municipalityCode: '131130', label: 'デモデータ（オープンデータ取込）' }, shibuya, existing);
  return {
    services: planned.length + national.length + shibuya.length,
    created: created + a.created + b.created,
    drafts: planned.filter((p) => p.status === 'draft').length,
    rejected: a.rejected + b.rejected,
  };
}
