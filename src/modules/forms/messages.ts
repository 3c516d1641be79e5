// Validation messages a resident can act on, in Japanese and English, per field and rule — never
// the validator's own text. The field's label is part of the message (「フリガナを入力してください」).
import type { FieldDef, GroupDef, LocalizedText } from './definition.ts';

export interface MessageTarget {
  label: LocalizedText;
  /** For a field in a group row: 児童 1. */
  row?: LocalizedText;
  field?: FieldDef;
  group?: GroupDef;
}

function choose(field: FieldDef | undefined): boolean {
  return field !== undefined && (['select', 'radio', 'yes-no'].includes(field.widget) || (field.widget === 'checkbox' && (field.options?.length ?? 0) > 0));
}

export function messageFor(target: MessageTarget, rule: string, params: Record<string, unknown>): LocalizedText {
  const message = baseMessage(target, rule, params);
  return target.row ? { ja: message.ja, en: `${target.row.en}: ${message.en}` } : message;
}

function baseMessage(target: MessageTarget, rule: string, params: Record<string, unknown>): LocalizedText {
  const ja = target.row ? `${target.row.ja}の${target.label.ja}` : target.label.ja;
  const en = target.label.en;
  const field = target.field;
  const n = (key: string) => String(params[key] ?? '');
  switch (rule) {
    case 'required':
      if (target.group) return { ja: `${ja}を${n('minItems') || '1'}件以上入力してください`, en: `Add at least ${n('minItems') || '1'} ${target.group.itemLabel.en.toLowerCase()}` };
      if (field?.widget === 'checkbox' && !field.options?.length) return { ja: `${ja}にチェックを入れてください`, en: `Tick “${en}”` };
      return choose(field) ? { ja: `${ja}を選択してください`, en: `Select ${lower(en)}` } : { ja: `${ja}を入力してください`, en: `Enter ${lower(en)}` };
    case 'minItems':
      return { ja: `${ja}を${n('limit')}件以上入力してください`, en: `Add at least ${n('limit')} rows to ${lower(en)}` };
    case 'maxItems':
      return { ja: `${ja}は${n('limit')}件までです`, en: `${en} can have at most ${n('limit')} rows` };
    case 'minLength':
      return { ja: `${ja}は${n('limit')}文字以上で入力してください`, en: `${en} must be at least ${n('limit')} characters` };
    case 'maxLength':
      return { ja: `${ja}は${n('limit')}文字以内で入力してください`, en: `${en} must be ${n('limit')} characters or fewer` };
    case 'pattern':
      if (field?.patternHint) return { ja: `${ja}は${field.patternHint.ja}`, en: `${en}: ${field.patternHint.en}` };
      return { ja: `${ja}の形式が正しくありません`, en: `${en} is not in the right format` };
    case 'format':
      if (params.format === 'date') return { ja: `${ja}は正しい日付を入力してください（例：2025-04-01）`, en: `${en} must be a real date, e.g. 2025-04-01` };
      if (params.format === 'email') return { ja: `${ja}は正しいメールアドレスを入力してください（例：name@example.jp）`, en: `${en} must be an email address, e.g. name@example.jp` };
      return { ja: `${ja}の形式が正しくありません`, en: `${en} is not in the right format` };
    case 'minimum':
      return { ja: `${ja}は${n('limit')}以上の数を入力してください`, en: `${en} must be ${n('limit')} or more` };
    case 'maximum':
      return { ja: `${ja}は${n('limit')}以下の数を入力してください`, en: `${en} must be ${n('limit')} or less` };
    case 'enum':
    case 'const':
      if (field?.widget === 'checkbox' && !field.options?.length) return { ja: `${ja}にチェックを入れてください`, en: `Tick “${en}”` };
      return { ja: `${ja}は選択肢の中から選んでください`, en: `Choose ${lower(en)} from the options` };
    case 'type':
      if (field?.widget === 'number') return { ja: `${ja}は${field.integer ? '整数' : '数字'}で入力してください`, en: `${en} must be a ${field.integer ? 'whole number' : 'number'}` };
      return { ja: `${ja}の値が正しくありません`, en: `${en} has a value of the wrong kind` };
    case 'uniqueItems':
      return { ja: `${ja}で同じものが重複しています`, en: `${en} has the same answer twice` };
    default:
      return { ja: `${ja}の内容を確認してください`, en: `Check ${lower(en)}` };
  }
}

function lower(text: string): string {
  // Keep proper nouns and acronyms; lower-case an ordinary first word (Enter the name, not Enter The name).
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
