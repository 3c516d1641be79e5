// The help module's error codes (stable; problem+json `code`), each with Japanese and English.
import { AppError, type FieldProblem, type ModuleErrorCodes } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status): one place (issue #11, point 13). */
export const errorCodes = {
  'help.entry_not_found': 'not_found',
  'help.invalid_entry': 'bad_request',
  'help.revision_conflict': 'conflict',
  'help.inquiry_not_found': 'not_found',
  'help.invalid_inquiry': 'bad_request',
  'help.inquiry_closed': 'conflict',
  'help.invalid_reply': 'bad_request',
  'help.assignee_unknown': 'bad_request',
} as const satisfies ModuleErrorCodes<'help'>;

type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}

export function entryNotFound(): AppError {
  return new AppError('help.entry_not_found', 'not_found', 'There is no such FAQ entry.', { ja: 'よくある質問の項目が見つかりません。' });
}

export function invalidEntry(fields: FieldProblem[]): AppError {
  return new AppError('help.invalid_entry', 'bad_request', 'The FAQ entry is not complete.', { ja: 'よくある質問の入力内容を確認してください。', fields });
}

export function revisionConflict(current: number): AppError {
  return new AppError('help.revision_conflict', 'conflict', `The entry was changed by someone else (now revision ${current}). Reload and try again.`, {
    ja: `ほかの人がこの項目を変更しました（現在の版 ${current}）。再読み込みしてからやり直してください。`,
    extra: { currentRevision: current },
  });
}

export function inquiryNotFound(): AppError {
  return new AppError('help.inquiry_not_found', 'not_found', 'There is no such inquiry.', { ja: 'お問い合わせが見つかりません。' });
}

export function invalidInquiry(fields: FieldProblem[]): AppError {
  return new AppError('help.invalid_inquiry', 'bad_request', 'The inquiry is not complete.', { ja: 'お問い合わせの入力内容を確認してください。', fields });
}

export function inquiryClosed(): AppError {
  return new AppError('help.inquiry_closed', 'conflict', 'The inquiry is closed.', { ja: 'このお問い合わせは対応を終了しています。' });
}

export function invalidReply(fields: FieldProblem[]): AppError {
  return new AppError('help.invalid_reply', 'bad_request', 'The reply is not complete.', { ja: '回答の入力内容を確認してください。', fields });
}

export function assigneeUnknown(): AppError {
  return new AppError('help.assignee_unknown', 'bad_request', 'That member of staff cannot take this inquiry.', {
    ja: 'その職員にはこのお問い合わせを割り当てられません。',
    fields: [{ field: 'assignee', rule: 'enum', message: { ja: '同じ窓口の職員を選んでください', en: 'choose a member of the same desk' } }],
  });
}

/** A field problem in both languages. */
export function problem(field: string, rule: string, ja: string, en: string): FieldProblem {
  return { field, rule, message: { ja, en } };
}
