// Free-word search over services (PRODUCT.md §3.2, ADR 0012). A trigger on services keeps one row
// per service in service_search, in the same transaction as every write, whatever route made it
// (console, API, import): the normalised title and body, their bigrams (GIN), the filter columns,
// and the id of the writing transaction, which in-process indexes on other nodes poll to stay
// consistent. Only published live services are searchable; other rows stay, emptied, so that a
// poller also learns of unpublishing.
//
// onestop_search_normalize mirrors src/modules/catalogue/search/normalize.ts step for step; the
// tables below are copies (a migration never imports app code), and normalize.sql.test.ts checks
// that both give the same text. Changing either means a new migration and a re-index.
import { sql, type Kysely } from 'kysely';

const VARIANTS: Array<[string, string]> = [
  ['よぼうせっしゅ', '予防接種'],
  ['けんこうしんさ', '健康診査'],
  ['ほいくえん', '保育園'],
  ['ほいくしょ', '保育園'],
  ['ようちえん', '幼稚園'],
  ['ひとりおや', 'ひとり親'],
  ['いりょうひ', '医療費'],
  ['しょうがい', '障害'],
  ['しゅっさん', '出産'],
  ['にゅうがく', '入学'],
  ['てんにゅう', '転入'],
  ['じょせいきん', '助成金'],
  ['きゅうふきん', '給付金'],
  ['申し込み', '申込'],
  ['申込み', '申込'],
  ['届け出', '届出'],
  ['手続き', '手続'],
  ['受け付け', '受付'],
  ['受付け', '受付'],
  ['引っ越し', '引越'],
  ['引越し', '引越'],
  ['にゅうえん', '入園'],
  ['いりょう', '医療'],
  ['にんしん', '妊娠'],
  ['せっしゅ', '接種'],
  ['けんしん', '健診'],
  ['こそだて', '子育て'],
  ['はったつ', '発達'],
  ['がくどう', '学童'],
  ['子ども', 'こども'],
  ['子供', 'こども'],
  ['保育所', '保育園'],
  ['一人親', 'ひとり親'],
  ['障がい', '障害'],
  ['障碍', '障害'],
  ['じどう', '児童'],
  ['てあて', '手当'],
  ['ほいく', '保育'],
  ['そうだん', '相談'],
  ['しえん', '支援'],
];

const STRIP_RANGES: Array<[number, number]> = [
  [0x00, 0x2f],
  [0x3a, 0x40],
  [0x5b, 0x60],
  [0x7b, 0xbf],
  [0x2010, 0x206f],
  [0x2190, 0x21ff],
  [0x2460, 0x24ff],
  [0x2500, 0x27bf],
  [0x3000, 0x3004],
  [0x3008, 0x3020],
  [0x3030, 0x3030],
  [0x30fb, 0x30fb],
  [0xfe30, 0xfe4f],
  [0xfffd, 0xfffd],
];

const LONG_VOWEL_ROWS: Array<[string, string]> = [
  ['あかさたなはまやらわがざだばぱぁゃゎ', 'あ'],
  ['いきしちにひみりぎじぢびぴぃ', 'い'],
  ['うくすつぬふむゆるぐずづぶぷぅゅゔ', 'う'],
  ['えけせてねへめれげぜでべぺぇ', 'い'],
  ['おこそとのほもよろをごぞどぼぽぉょ', 'う'],
];

const VOICEABLE = 'かきくけこさしすせそたちつてとはひふへほ';

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

function katakanaToHiragana(): [string, string] {
  let from = '';
  let to = '';
  for (let c = 0x30a1; c <= 0x30f6; c++) {
    from += String.fromCharCode(c);
    to += String.fromCharCode(c - 0x60);
  }
  return [from + 'ヽヾ', to + 'ゝゞ'];
}

function normalizeBody(): string {
  let e = `normalize(t, NFKC)`;
  e = `translate(${e}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
  const [kata, hira] = katakanaToHiragana();
  e = `translate(${e}, ${lit(kata)}, ${lit(hira)})`;
  e = `regexp_replace(${e}, 'ー+', 'ー', 'g')`;
  for (const [row, vowel] of LONG_VOWEL_ROWS) e = `regexp_replace(${e}, '([${row}])ー', '\\1${vowel}', 'g')`;
  e = `replace(${e}, 'ー', '')`;
  e = `regexp_replace(${e}, '(.)々', '\\1\\1', 'g')`;
  e = `regexp_replace(${e}, '(.)ゝ', '\\1\\1', 'g')`;
  // ゞ repeats the previous kana voiced; with one regex pass per kana the passes could overlap
  // (かゞゞ), so they run as one: each kana's pattern only touches that kana.
  for (const c of VOICEABLE) e = `replace(${e}, ${lit(`${c}ゞ`)}, ${lit(c + String.fromCharCode(c.charCodeAt(0) + 1))})`;
  for (const [from, to] of VARIANTS) e = `replace(${e}, ${lit(from)}, ${lit(to)})`;
  const strip = `[${STRIP_RANGES.map(([a, b]) => (a === b ? `\\u${hex4(a)}` : `\\u${hex4(a)}-\\u${hex4(b)}`)).join('')}]`;
  return `regexp_replace(${e}, '${strip}', '', 'g')`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(`CREATE FUNCTION onestop_search_normalize(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ${normalizeBody()} $$`)
    .execute(db);
  await sql`
    CREATE FUNCTION onestop_search_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}') FROM generate_series(1, length(t) - 1) AS i
    $$`.execute(db);
  await sql`
    CREATE FUNCTION onestop_search_unigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT substr(t, i, 1)), '{}') FROM generate_series(1, length(t)) AS i
    $$`.execute(db);

  await db.schema
    .createTable('service_search')
    .addColumn('id', 'uuid', (c) => c.primaryKey().references('services.id').onDelete('cascade'))
    .addColumn('municipality_code', 'text')
    .addColumn('prefecture_code', 'text')
    .addColumn('searchable', 'boolean', (c) => c.notNull())
    .addColumn('categories', sql`text[]`, (c) => c.notNull())
    .addColumn('life_events', sql`text[]`, (c) => c.notNull())
    .addColumn('apply_methods', sql`text[]`, (c) => c.notNull())
    .addColumn('acceptance_start', 'date')
    .addColumn('acceptance_end', 'date')
    .addColumn('title_norm', 'text', (c) => c.notNull())
    .addColumn('body_norm', 'text', (c) => c.notNull())
    // Title: single characters and bigrams; all: bigrams of title and body.
    .addColumn('title_grams', sql`text[]`, (c) => c.notNull())
    .addColumn('grams', sql`text[]`, (c) => c.notNull())
    .addColumn('changed_xid', sql`xid8`, (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX service_search_grams_idx ON service_search USING gin (grams) WHERE searchable`.execute(db);
  await sql`CREATE INDEX service_search_title_grams_idx ON service_search USING gin (title_grams) WHERE searchable`.execute(db);
  await sql`CREATE INDEX service_search_owner_idx ON service_search (prefecture_code, municipality_code) WHERE searchable`.execute(db);
  await sql`CREATE INDEX service_search_changed_idx ON service_search (changed_xid)`.execute(db);
  // Rows carry the owner's code like every municipal table (R15); residents' search reads them
  // platform-wide, as the owner role, and only published live services are ever searchable.
  await sql`SELECT onestop_enable_tenancy('service_search', ARRAY['national'])`.execute(db);

  // SECURITY DEFINER: the trigger writes as the owner, so a municipality's scoped transaction can
  // index its own change without being granted anything on service_search.
  await sql`
    CREATE FUNCTION onestop_service_search_sync() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
    DECLARE
      is_searchable boolean := NEW.status = 'published' AND NEW.mode = 'live';
      tn text := '';
      bn text := '';
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.status <> 'published' AND NOT is_searchable THEN
        -- A draft edited: nothing a resident can see changed.
        RETURN NULL;
      END IF;
      IF is_searchable THEN
        tn := onestop_search_normalize(NEW.title);
        bn := onestop_search_normalize(concat_ws(' ', NEW.summary, NEW.support, NEW.eligibility, NEW.applicant, NEW.how_to_apply, array_to_string(NEW.tags, ' ')));
      END IF;
      INSERT INTO service_search AS s (id, municipality_code, prefecture_code, searchable, categories, life_events, apply_methods,
                                       acceptance_start, acceptance_end, title_norm, body_norm, title_grams, grams, changed_xid)
      VALUES (NEW.id, NEW.municipality_code, NEW.prefecture_code, is_searchable, NEW.categories, NEW.life_events, NEW.apply_methods,
              NEW.acceptance_start, NEW.acceptance_end, tn, bn,
              onestop_search_unigrams(tn) || onestop_search_bigrams(tn),
              ARRAY(SELECT DISTINCT g FROM unnest(onestop_search_bigrams(tn) || onestop_search_bigrams(bn)) AS g),
              pg_current_xact_id())
      ON CONFLICT (id) DO UPDATE SET
        municipality_code = excluded.municipality_code, prefecture_code = excluded.prefecture_code,
        searchable = excluded.searchable, categories = excluded.categories, life_events = excluded.life_events,
        apply_methods = excluded.apply_methods, acceptance_start = excluded.acceptance_start,
        acceptance_end = excluded.acceptance_end, title_norm = excluded.title_norm, body_norm = excluded.body_norm,
        title_grams = excluded.title_grams, grams = excluded.grams, changed_xid = excluded.changed_xid;
      RETURN NULL;
    END
    $fn$`.execute(db);
  await sql`
    CREATE TRIGGER services_search_sync AFTER INSERT OR UPDATE ON services
    FOR EACH ROW EXECUTE FUNCTION onestop_service_search_sync()`.execute(db);
}
