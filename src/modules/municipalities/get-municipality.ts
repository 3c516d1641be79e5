import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import { AppError } from '../../platform/errors.ts';
import { isValidLocalGovernmentCode } from './check-digit.ts';
import { findMunicipality, findWards, isParticipating, type MunicipalityRow } from './repository.ts';

export function toApi(row: MunicipalityRow) {
  return {
    code: row.code,
    name: row.name,
    kana: row.kana,
    kind: row.kind,
    prefecture: { code: row.prefectureCode, name: row.prefectureName },
    parentCode: row.parentCode,
  };
}

/** One municipality by code; a code with a wrong check digit is a caller's mistake, not a miss. */
export async function getMunicipalityDetail(db: Kysely<Database>, code: string) {
  if (!isValidLocalGovernmentCode(code)) {
    throw new AppError('municipalities.invalid_code', 'bad_request', `"${code}" is not a valid local government code: its check digit is wrong.`, {
      ja: `「${code}」は地方公共団体コードとして正しくありません（検査数字が一致しません）。`,
      fields: [{ field: 'code', rule: 'checkDigit', message: { en: 'check digit does not match', ja: '検査数字が一致しません' } }],
    });
  }
  const row = await findMunicipality(db, code);
  if (!row) {
    throw new AppError('municipalities.not_found', 'not_found', `No municipality has the code ${code}.`, {
      ja: `コード ${code} の地方公共団体はありません。`,
    });
  }
  const [wards, participating] = await Promise.all([findWards(db, code), isParticipating(db, code)]);
  return { ...toApi(row), wards: wards.map(toApi), participating };
}
