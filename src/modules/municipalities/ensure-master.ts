import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import { readMasterData } from './load-master.ts';
import { countMaster, upsertMaster } from './repository.ts';

/** Loads or refreshes the master when the tables differ from the package. Returns what it did. */
export async function ensureMunicipalityMaster(db: Kysely<Database>): Promise<{ loaded: boolean; prefectures: number; municipalities: number }> {
  const data = readMasterData();
  const counts = await countMaster(db);
  if (counts.prefectures === data.prefectures.length && counts.municipalities === data.municipalities.length) {
    return { loaded: false, ...counts };
  }
  await upsertMaster(db, data);
  return { loaded: true, prefectures: data.prefectures.length, municipalities: data.municipalities.length };
}
