// All SQL of the municipality master and of municipality profiles.
import { sql, type Kysely } from 'kysely';
import type { Database, MunicipalityKind } from '../../platform/db/tables.ts';
import type { ScopedTransaction } from '../../platform/db/tenancy.ts';
import type { MasterData } from './load-master.ts';

export interface MunicipalityRow {
  code: string;
  name: string;
  kana: string;
  kind: MunicipalityKind;
  prefectureCode: string;
  prefectureName: string;
  parentCode: string | null;
}

export interface MunicipalityQuery {
  /** Matches name, reading (hiragana) or the start of the code. */
  q?: string;
  prefecture?: string;
  /** Include designated-city wards (default true). */
  includeWards?: boolean;
  limit: number;
  offset: number;
}

function selectMunicipalities(db: Kysely<Database>) {
  return db
    .selectFrom('municipalities as m')
    .innerJoin('prefectures as p', 'p.code', 'm.prefecture_code')
    .select([
      'm.code',
      'm.name',
      'm.kana',
      'm.kind',
      'm.prefecture_code as prefectureCode',
      'p.name as prefectureName',
      'm.parent_code as parentCode',
    ]);
}

/** Katakana to hiragana, so カ and か find the same reading. */
function toHiragana(value: string): string {
  return value.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function countMaster(db: Kysely<Database>): Promise<{ prefectures: number; municipalities: number }> {
  const [p, m] = await Promise.all([
    db.selectFrom('prefectures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('municipalities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { prefectures: Number(p.n), municipalities: Number(m.n) };
}

/** Inserts or updates every row of the master in one transaction. */
export async function upsertMaster(db: Kysely<Database>, data: MasterData): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('prefectures')
      .values(data.prefectures)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          lg_code: eb.ref('excluded.lg_code'),
          name: eb.ref('excluded.name'),
          kana: eb.ref('excluded.kana'),
          name_en: eb.ref('excluded.name_en'),
        })),
      )
      .execute();
    // Cities before their wards, so the parent reference always resolves.
    const ordered = [...data.municipalities].sort((a, b) => Number(a.parent_code !== null) - Number(b.parent_code !== null));
    for (let i = 0; i < ordered.length; i += 500) {
      await trx
        .insertInto('municipalities')
        .values(ordered.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            prefecture_code: eb.ref('excluded.prefecture_code'),
            kind: eb.ref('excluded.kind'),
            name: eb.ref('excluded.name'),
            kana: eb.ref('excluded.kana'),
            parent_code: eb.ref('excluded.parent_code'),
          })),
        )
        .execute();
    }
  });
}

export async function listPrefectures(db: Kysely<Database>) {
  return db.selectFrom('prefectures').select(['code', 'lg_code as lgCode', 'name', 'kana', 'name_en as nameEn']).orderBy('code').execute();
}

export async function findMunicipalities(db: Kysely<Database>, query: MunicipalityQuery): Promise<{ total: number; items: MunicipalityRow[] }> {
  let base = selectMunicipalities(db);
  if (query.prefecture) base = base.where('m.prefecture_code', '=', query.prefecture);
  if (query.includeWards === false) base = base.where('m.kind', '!=', 'ward');
  if (query.q) {
    const q = query.q.normalize('NFKC').trim();
    const like = `%${escapeLike(q)}%`;
    const kanaLike = `%${escapeLike(toHiragana(q))}%`;
    const codePrefix = `${escapeLike(q)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('m.name', 'like', like),
        eb('m.kana', 'like', kanaLike),
        eb(sql<string>`p.name || m.name`, 'like', like),
        eb('m.code', 'like', codePrefix),
      ]),
    );
  }
  const [items, count] = await Promise.all([
    base.orderBy('m.code').limit(query.limit).offset(query.offset).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items };
}

export async function findMunicipality(db: Kysely<Database>, code: string): Promise<MunicipalityRow | undefined> {
  return selectMunicipalities(db).where('m.code', '=', code).executeTakeFirst();
}

export async function findWards(db: Kysely<Database>, cityCode: string): Promise<MunicipalityRow[]> {
  return selectMunicipalities(db).where('m.parent_code', '=', cityCode).orderBy('m.code').execute();
}

/** Municipalities that use the platform: public facts (no personal data), read platform-wide. */
export async function listParticipating(db: Kysely<Database>) {
  return db
    .selectFrom('municipality_profiles as mp')
    .innerJoin('municipalities as m', 'm.code', 'mp.municipality_code')
    .innerJoin('prefectures as p', 'p.code', 'm.prefecture_code')
    .select(['m.code', 'm.name', 'p.name as prefectureName', 'mp.mode', 'mp.receipt_method as receiptMethod'])
    .orderBy('m.code')
    .execute();
}

export async function isParticipating(db: Kysely<Database>, code: string): Promise<boolean> {
  const row = await db.selectFrom('municipality_profiles').select('municipality_code').where('municipality_code', '=', code).executeTakeFirst();
  return row !== undefined;
}

/** The caller's own profile, inside a scoped transaction (R15: only its own row is visible). */
export async function findOwnProfile(trx: ScopedTransaction, code: string) {
  return trx.selectFrom('municipality_profiles').selectAll().where('municipality_code', '=', code).executeTakeFirst();
}

export async function upsertProfile(
  db: Kysely<Database> | ScopedTransaction,
  profile: { municipalityCode: string; receiptMethod: Database['municipality_profiles']['receipt_method']; contactDepartment: string; mode?: 'test' | 'live' },
): Promise<void> {
  await db
    .insertInto('municipality_profiles')
    .values({
      municipality_code: profile.municipalityCode,
      receipt_method: profile.receiptMethod,
      contact_department: profile.contactDepartment,
      mode: profile.mode ?? 'test',
    })
    .onConflict((oc) =>
      oc.column('municipality_code').doUpdateSet((eb) => ({
        receipt_method: eb.ref('excluded.receipt_method'),
        contact_department: eb.ref('excluded.contact_department'),
      })),
    )
    .execute();
}
