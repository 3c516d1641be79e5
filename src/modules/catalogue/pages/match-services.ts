// Attribute search (PRODUCT.md §3.2): for each service of a life event, whether it is likely to
// apply to the household and why — from its life events and categories, from who offers it, and,
// for a cash benefit it is linked to, from the benefit estimate (ADR 0011). Pure.
import type { Text } from '../../../platform/i18n.ts';
import type { BenefitEstimate } from '../benefits/types.ts';
import type { ParsedHousehold } from './household-form.ts';
import type { LifeEventServiceRow } from './repository.ts';
import { categoryLabel, lifeEventLabel, ownerText } from './views.tsx';

export type Verdict = 'likely' | 'check' | 'unlikely';

export interface ServiceMatch {
  service: LifeEventServiceRow;
  verdict: Verdict;
  reasons: Text[];
  /** Estimates of the benefits the service pays, when it is linked to any. */
  benefits: BenefitEstimate[];
}

const yen = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function amountText(a: { min: number; max: number }): Text {
  if (a.min === a.max) return { ja: `月額 ${yen(a.min)}円`, en: `¥${yen(a.min)} a month` };
  return { ja: `月額 ${yen(a.min)}円〜${yen(a.max)}円`, en: `¥${yen(a.min)} to ¥${yen(a.max)} a month` };
}

function ownerReason(s: LifeEventServiceRow): Text {
  const owner = ownerText(s);
  if (s.municipalityCode) return { ja: `${owner.ja}にお住まいの方のサービスです。`, en: `A service for residents of ${owner.en}.` };
  if (s.prefectureCode) {
    return { ja: `${s.prefectureName ?? ''}にお住まいの方が対象の、都道府県の制度です。`, en: `A prefectural scheme for residents of ${s.prefectureNameEn ?? s.prefectureName ?? ''}.` };
  }
  return { ja: '全国共通の国の制度です。', en: 'A national scheme, the same everywhere in Japan.' };
}

function hasDisability(h: ParsedHousehold): boolean {
  return h.children.some((c) => c.disability !== undefined);
}

export function matchServices(args: { services: LifeEventServiceRow[]; lifeEvent: string; household: ParsedHousehold; estimates: BenefitEstimate[] }): ServiceMatch[] {
  const { household } = args;
  const byId = new Map(args.estimates.map((e) => [e.id, e]));
  const event = lifeEventLabel(args.lifeEvent);
  const order: Record<Verdict, number> = { likely: 0, check: 1, unlikely: 2 };
  return args.services
    .map((service): ServiceMatch => {
      const reasons: Text[] = [{ ja: `「${event.ja}」に関係するサービスです。`, en: `Listed under “${event.en}”.` }, ownerReason(service)];
      if (service.categories.length > 0) {
        const labels = service.categories.map(categoryLabel);
        reasons.push({ ja: `分類：${labels.map((l) => l.ja).join('、')}`, en: `Category: ${labels.map((l) => l.en).join(', ')}` });
      }
      const benefits = service.benefitIds.map((id) => byId.get(id)).filter((b): b is BenefitEstimate => b !== undefined);
      let verdict: Verdict = 'check';
      if (benefits.length > 0) {
        verdict = benefits.some((b) => b.eligible) ? 'likely' : 'unlikely';
        for (const b of benefits) {
          reasons.push(
            b.eligible
              ? { ja: `${b.name.ja}：入力された世帯では対象になる見込みです（${amountText(b.monthlyAmount).ja}）。`, en: `${b.name.en}: likely to be paid to this household (${amountText(b.monthlyAmount).en}).` }
              : { ja: `${b.name.ja}：入力された世帯では対象にならない見込みです。`, en: `${b.name.en}: not likely to be paid to this household.` },
          );
          for (const r of b.reasons) reasons.push({ ja: r.ja, en: r.en });
        }
      } else if (service.categories.includes('single-parent')) {
        verdict = household.singleParent ? 'likely' : 'unlikely';
        reasons.push(
          household.singleParent
            ? { ja: 'ひとり親家庭などが対象で、入力ではひとり親世帯です。', en: 'For single-parent families, and you said yours is one.' }
            : { ja: 'ひとり親家庭などが対象です。入力ではひとり親世帯ではありません。', en: 'For single-parent families; you did not say yours is one.' },
        );
      } else if (service.categories.includes('disability')) {
        verdict = hasDisability(household) ? 'check' : 'unlikely';
        reasons.push(
          hasDisability(household)
            ? { ja: '障害のあるお子さんが対象です。等級などの条件は対象者の欄でご確認ください。', en: 'For children with disabilities; check the grades it requires under eligibility.' }
            : { ja: '障害のあるお子さんが対象です。入力では障害者手帳などの等級がありません。', en: 'For children with disabilities; no certificate grade was entered.' },
        );
      } else {
        reasons.push({ ja: '対象になるかどうかは、サービスの「対象となる方」でご確認ください。', en: 'Whether it applies to you depends on its eligibility: see the service page.' });
      }
      return { service, verdict, reasons, benefits };
    })
    .sort((a, b) => order[a.verdict] - order[b.verdict]);
}
