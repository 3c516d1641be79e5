// The evidence log (issue 12, R18): every legal fact as a small canonical JSON document, appended in
// the transaction of the state change it records, and an append-only RFC 9162 Merkle tree over the
// facts. A fact holds no personal data: codes, ids and SHA-256 digests only, so proofs can be shown
// to anyone.
//
// Facts are built here, in the database, because the group commit of arrivals is one INSERT
// statement: an AFTER INSERT trigger is the one place that is always inside it, so an arrival without
// its fact cannot commit. Transactions only append to evidence_facts (no lock, no order between
// them); the sequencer (src/modules/evidence/integrate.ts) later gives committed facts their leaf
// indexes in one order, under an advisory lock, and stores the tree's complete subtrees.
//
// No table here has a municipality_code: the log is public, not tenant data. The tenant role gets
// no privilege on any of them; it may only call evidence_append, which writes as the owner.
import { sql, type Kysely } from 'kysely';

const KINDS = [
  'application.arrived',
  'application.downloaded',
  'application.status-changed',
  'application.replied',
  'application.signature-checked',
  'notice.delivered',
  'notice.read',
  'notice.replied',
  'consent.given',
  'consent.withdrawn',
  'record.provided',
  'record.corrected',
];

export async function up(db: Kysely<any>): Promise<void> {
  // The queue every transaction appends to. xid orders facts once their transactions have ended:
  // the sequencer takes only facts whose xid is below every running transaction's, so none can
  // still appear before them.
  await sql`
    CREATE TABLE evidence_facts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      kind text NOT NULL CHECK (kind IN (${sql.join(KINDS.map((k) => sql.lit(k)))})),
      subject_id uuid,
      body bytea NOT NULL,
      leaf_hash bytea NOT NULL CHECK (octet_length(leaf_hash) = 32),
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`.execute(db);
  await sql`CREATE INDEX evidence_facts_order_idx ON evidence_facts (xid, id)`.execute(db);
  await sql`CREATE INDEX evidence_facts_subject_idx ON evidence_facts (subject_id, kind, id) WHERE subject_id IS NOT NULL`.execute(db);

  // The tree's leaves in their one order: leaf i is the fact it names.
  await sql`
    CREATE TABLE evidence_leaves (
      leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
      fact_id bigint NOT NULL UNIQUE REFERENCES evidence_facts (id)
    )`.execute(db);

  // Hashes of complete subtrees at levels 4, 8, 12, … (leaves [idx·2^level, (idx+1)·2^level)): about
  // one row per 15 leaves, enough to rebuild any proof from a few dozen rows (tree.ts).
  await sql`
    CREATE TABLE evidence_nodes (
      level smallint NOT NULL CHECK (level > 0 AND level % 4 = 0),
      idx bigint NOT NULL CHECK (idx >= 0),
      hash bytea NOT NULL CHECK (octet_length(hash) = 32),
      PRIMARY KEY (level, idx)
    )`.execute(db);

  // One row per integration batch: the tree head, the right edge (frontier) to extend from, and the
  // last fact taken, in (xid, id) order.
  await sql`
    CREATE TABLE evidence_heads (
      size bigint PRIMARY KEY CHECK (size > 0),
      root bytea NOT NULL CHECK (octet_length(root) = 32),
      frontier bytea NOT NULL CHECK (octet_length(frontier) % 32 = 0),
      cursor_xid xid8 NOT NULL,
      cursor_id bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`.execute(db);

  // Append-only: no row of the log is ever changed or deleted, by anyone who leaves triggers on.
  await sql`
    CREATE FUNCTION evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '% is append-only: its rows are never changed or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
    END
    $fn$`.execute(db);
  for (const table of ['evidence_facts', 'evidence_leaves', 'evidence_nodes', 'evidence_heads']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION evidence_append_only()`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only()`.execute(db);
    await sql`REVOKE ALL ON ${sql.table(table)} FROM PUBLIC`.execute(db);
    await sql`REVOKE ALL ON ${sql.table(table)} FROM onestop_tenant`.execute(db);
  }

  // RFC 8785 of a jsonb value, for the shapes facts use: object members sorted by key (ASCII keys
  // only, so byte order is RFC 8785's UTF-16 order), strings as PostgreSQL escapes them (the same
  // escapes as RFC 8785: \b \f \n \r \t \" \\ and \u00xx in lower case for other controls, nothing
  // else), integers within ±(2^53−1) only (other numbers would need ECMAScript's number format),
  // no whitespace. Scalars are written inline; only containers and numbers recurse.
  await sql`
    CREATE FUNCTION evidence_canonical_json(v jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    DECLARE
      n numeric;
      result text;
    BEGIN
      CASE jsonb_typeof(v)
        WHEN 'object' THEN
          SELECT '{' || coalesce(string_agg(
                   CASE WHEN octet_length(e.key) <> length(e.key)
                     THEN evidence_canonical_refuse('a key is not ASCII')
                     ELSE to_json(e.key)::text END || ':' ||
                   CASE jsonb_typeof(e.value) WHEN 'string' THEN e.value::text WHEN 'boolean' THEN e.value::text WHEN 'null' THEN 'null'
                     ELSE evidence_canonical_json(e.value) END,
                   ',' ORDER BY e.key COLLATE "C"), '') || '}'
            INTO result FROM jsonb_each(v) AS e;
          RETURN result;
        WHEN 'array' THEN
          SELECT '[' || coalesce(string_agg(
                   CASE jsonb_typeof(e.value) WHEN 'string' THEN e.value::text WHEN 'boolean' THEN e.value::text WHEN 'null' THEN 'null'
                     ELSE evidence_canonical_json(e.value) END,
                   ',' ORDER BY e.ord), '') || ']'
            INTO result FROM jsonb_array_elements(v) WITH ORDINALITY AS e(value, ord);
          RETURN result;
        WHEN 'number' THEN
          n := v::text::numeric;
          IF n <> trunc(n) OR abs(n) > 9007199254740991 THEN
            PERFORM evidence_canonical_refuse('a number is not an integer within ±(2^53−1)');
          END IF;
          RETURN trunc(n)::bigint::text;
        WHEN 'null' THEN
          RETURN 'null';
        ELSE
          -- strings and booleans: jsonb writes them as RFC 8785 does
          RETURN v::text;
      END CASE;
    END
    $fn$`.execute(db);
  // Not IMMUTABLE: the planner would raise it while folding constants, whatever the CASE says.
  await sql`
    CREATE FUNCTION evidence_canonical_refuse(reason text) RETURNS text LANGUAGE plpgsql STABLE AS $fn$
    BEGIN
      RAISE EXCEPTION 'evidence_canonical_json: %', reason USING ERRCODE = 'invalid_parameter_value';
    END
    $fn$`.execute(db);

  // Building blocks of a fact's text, as plain expressions (inlined by the planner, no query run):
  // appending must cost little next to the INSERT it goes with. A member "name":"value" (nothing when
  // the value is null), and the version-1 document around three canonical objects, keys in RFC 8785
  // order (ASCII, so byte order): details, digests, ids, kind, mode, municipality, time, v.
  await sql`
    CREATE FUNCTION evidence_member(name text, value text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
      SELECT CASE WHEN value IS NULL THEN NULL ELSE to_json(name)::text || ':' || to_json(value)::text END
    $fn$`.execute(db);
  await sql`
    CREATE FUNCTION evidence_fact_text(kind text, municipality text, mode text, at timestamptz, ids text, digests text, details text)
    RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
      SELECT '{"details":' || details || ',"digests":' || digests || ',"ids":' || ids
        || ',"kind":' || to_json(kind)::text || ',"mode":' || to_json(mode)::text || ',"municipality":' || to_json(municipality)::text
        || ',"time":"' || to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '","v":1}'
    $fn$`.execute(db);
  // A flat object of a fact (ids, digests or details) in RFC 8785 form, checked on the way: ASCII
  // keys, strings or safe integers (digests: lower-case hex SHA-256), null members left out.
  await sql`
    CREATE FUNCTION evidence_flat_json(o jsonb, digests boolean) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
      SELECT '{' || coalesce(string_agg(to_json(e.key)::text || ':' || CASE
          WHEN octet_length(e.key) <> length(e.key) OR e.key = '' THEN evidence_canonical_refuse('a key is not ASCII')
          WHEN digests AND (jsonb_typeof(e.value) <> 'string' OR (e.value #>> '{}') !~ '^[0-9a-f]{64}$') THEN evidence_canonical_refuse('a digest is a lower-case hex SHA-256')
          WHEN jsonb_typeof(e.value) = 'string' THEN e.value::text
          WHEN jsonb_typeof(e.value) = 'number' AND e.value::text ~ '^-?(0|[1-9][0-9]{0,15})$' AND abs(e.value::text::numeric) <= 9007199254740991 THEN e.value::text
          ELSE evidence_canonical_refuse('ids and details hold strings and integers only') END,
        ',' ORDER BY e.key COLLATE "C") FILTER (WHERE jsonb_typeof(e.value) <> 'null'), '') || '}'
      FROM jsonb_each(CASE jsonb_typeof(coalesce(o, '{}'::jsonb)) WHEN 'object' THEN coalesce(o, '{}'::jsonb)
                      ELSE evidence_canonical_refuse('ids, digests and details are objects')::jsonb END) AS e
    $fn$`.execute(db);
  // Where every fact of a trigger or of evidence_append is inserted. PL/pgSQL, not SQL: it keeps the
  // INSERT's plan for the session, where a SQL function plans it again on every call.
  await sql`
    CREATE FUNCTION evidence_store(kind text, subject uuid, fact text) RETURNS bigint LANGUAGE plpgsql AS $fn$
    DECLARE
      fact_body bytea := convert_to(fact, 'UTF8');
      fact_id bigint;
    BEGIN
      INSERT INTO evidence_facts (kind, subject_id, body, leaf_hash)
      VALUES (evidence_store.kind, evidence_store.subject, fact_body, sha256('\\x00'::bytea || fact_body))
      RETURNING evidence_facts.id INTO fact_id;
      RETURN fact_id;
    END
    $fn$`.execute(db);

  // The batch path of application code (appendFact/appendFacts in facts.ts): JavaScript writes the
  // three flat objects in RFC 8785 form (it sorts keys in a native pass), and the database checks
  // their shape with one regular expression each — identifier keys, strings or integers, digests in
  // lower-case hex — before building the fact around them, all in one set-based INSERT. (Taking them
  // apart as jsonb here cost three times the INSERT itself.) A text whose keys were out of order
  // would still be refused by every verifier, which re-serialises the fact (docs/evidence.md).
  await sql`
    CREATE FUNCTION evidence_checked_object(o text, pattern text) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
      SELECT CASE WHEN length(o) <= 8192 AND o ~ pattern THEN o ELSE evidence_canonical_refuse('ids, digests and details are flat objects of codes, ids and digests') END
    $fn$`.execute(db);
  // No bounded repetition ({0,200}) in these: PostgreSQL's regex engine unrolls it, and a check took
  // 0.35 ms instead of 3 µs; the length of the whole object is bounded instead.
  const key = String.raw`"[A-Za-z][A-Za-z0-9_.-]*"`;
  const value = String.raw`("([^"\\\x01-\x1f]|\\["\\bfnrt]|\\u00[01][0-9a-f])*"|-?(0|[1-9][0-9]*))`;
  const member = `${key}:${value}`;
  // Digests: lower-case hex here; their length (64) is checked by appendFact, as {64} would cost the
  // same as the bounded repetition above.
  const digest = String.raw`${key}:"[0-9a-f]+"`;
  const flat = `^\\{(${member}(,${member})*)?\\}$`;
  const digests = `^\\{(${digest}(,${digest})*)?\\}$`;
  await sql`
    CREATE FUNCTION evidence_append_batch(kinds text[], municipalities text[], modes text[], ats timestamptz[], subjects uuid[], ids text[], digests text[], details text[])
    RETURNS SETOF bigint LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
      INSERT INTO evidence_facts (kind, subject_id, body, leaf_hash)
      SELECT t.kind, t.subject, b.body, sha256('\\x00'::bytea || b.body)
      FROM unnest(kinds, municipalities, modes, ats, subjects, ids, digests, details) WITH ORDINALITY
             AS t(kind, municipality, mode, at, subject, ids, digests, details, ord)
      CROSS JOIN LATERAL (SELECT convert_to(evidence_fact_text(t.kind,
          CASE WHEN t.municipality ~ '^[0-9]{6}$' THEN t.municipality ELSE evidence_canonical_refuse('the municipality is a 6-digit code') END,
          CASE WHEN t.mode IN ('live', 'test') THEN t.mode ELSE evidence_canonical_refuse('the mode is live or test') END,
          coalesce(t.at, clock_timestamp()),
          evidence_checked_object(t.ids, ${sql.lit(flat)}), evidence_checked_object(t.digests, ${sql.lit(digests)}),
          evidence_checked_object(t.details, ${sql.lit(flat)})), 'UTF8') AS body) b
      -- unnest WITH ORDINALITY yields the facts in order, and they are inserted (ids given) as they come
      RETURNING id
    $fn$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION evidence_append_batch(text[], text[], text[], timestamptz[], uuid[], text[], text[], text[]) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION evidence_append_batch(text[], text[], text[], timestamptz[], uuid[], text[], text[], text[]) TO onestop_tenant`.execute(db);

  // A fact from SQL with jsonb objects (for later issues' own SQL; application code goes through
  // evidence_append_batch): builds the version-1 document, checking and canonicalising the objects
  // here. Both are SECURITY DEFINER with a fixed search_path: scoped transactions (the
  // onestop_tenant role, row-level security) call them without any privilege on the log itself.
  await sql`
    CREATE FUNCTION evidence_append(kind text, municipality text, mode text, at timestamptz, subject uuid, ids jsonb, digests jsonb, details jsonb)
    RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
    BEGIN
      IF evidence_append.municipality IS NULL OR evidence_append.municipality !~ '^[0-9]{6}$' THEN
        RAISE EXCEPTION 'evidence_append: the municipality is a 6-digit code' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      IF evidence_append.mode IS NULL OR evidence_append.mode NOT IN ('live', 'test') THEN
        RAISE EXCEPTION 'evidence_append: the mode is live or test' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      RETURN evidence_store(evidence_append.kind, evidence_append.subject, evidence_fact_text(
        evidence_append.kind, evidence_append.municipality, evidence_append.mode, coalesce(evidence_append.at, clock_timestamp()),
        evidence_flat_json(evidence_append.ids, false), evidence_flat_json(evidence_append.digests, true), evidence_flat_json(evidence_append.details, false)));
    END
    $fn$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION evidence_append(text, text, text, timestamptz, uuid, jsonb, jsonb, jsonb) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION evidence_append(text, text, text, timestamptz, uuid, jsonb, jsonb, jsonb) TO onestop_tenant`.execute(db);

  // R1's fact: the arrival, with digests of the exact bytes signed (the content alone, or the
  // bundle document its signature covers) and of the signature. No answer, no name. Members are
  // written in key order by hand (the test holds the text to RFC 8785).
  await sql`
    CREATE FUNCTION evidence_fact_of_application(a applications) RETURNS bigint LANGUAGE plpgsql AS $fn$
    BEGIN
      RETURN evidence_store('application.arrived', a.id, evidence_fact_text('application.arrived', a.municipality_code, a.mode, a.arrived_at,
        '{' || concat_ws(',', evidence_member('application', a.id::text), evidence_member('bundle', a.bundle_id::text),
                              evidence_member('formVersion', a.form_version_id::text), evidence_member('reference', a.reference),
                              evidence_member('service', a.service_id::text)) || '}',
        '{' || concat_ws(',', evidence_member('bundleContent', encode(sha256(a.bundle_content), 'hex')),
                              evidence_member('content', encode(sha256(a.content), 'hex')),
                              evidence_member('signature', encode(sha256(a.signature), 'hex'))) || '}',
        '{' || evidence_member('method', a.method) || '}'));
    END
    $fn$`.execute(db);

  // A reply's data is the resident's, in any shape: its digest is over the canonical text when it has
  // one (ASCII keys, integers), else over PostgreSQL's own jsonb text under another name, so a reply
  // never fails for the log's sake and the digest says which form it covers.
  await sql`
    CREATE FUNCTION evidence_data_digest(data jsonb) RETURNS text LANGUAGE plpgsql STABLE STRICT AS $fn$
    BEGIN
      RETURN evidence_member('data', encode(sha256(convert_to(evidence_canonical_json(data), 'UTF8')), 'hex'));
    EXCEPTION WHEN invalid_parameter_value THEN
      RETURN evidence_member('dataJsonb', encode(sha256(convert_to(data::text, 'UTF8')), 'hex'));
    END
    $fn$`.execute(db);

  // Every later timeline event: status changes, replies and re-verifications of the signature.
  await sql`
    CREATE FUNCTION evidence_fact_of_application_event(e application_events) RETURNS bigint LANGUAGE plpgsql AS $fn$
    DECLARE
      app_mode text;
      fact_kind text := CASE e.kind WHEN 'resident_replied' THEN 'application.replied' WHEN 'signature_reverified' THEN 'application.signature-checked'
                                    ELSE 'application.status-changed' END;
    BEGIN
      SELECT a.mode INTO STRICT app_mode FROM applications a WHERE a.id = e.application_id;
      RETURN evidence_store(fact_kind, e.application_id, evidence_fact_text(fact_kind, e.municipality_code, app_mode, e.at,
        '{' || concat_ws(',', evidence_member('application', e.application_id::text), evidence_member('event', e.id::text)) || '}',
        '{' || concat_ws(',', evidence_data_digest(e.data), evidence_member('message', encode(sha256(convert_to(e.message, 'UTF8')), 'hex'))) || '}',
        '{' || concat_ws(',', evidence_member('actor', e.actor_kind), evidence_member('event', e.kind), evidence_member('status', e.status)) || '}'));
    END
    $fn$`.execute(db);

  await sql`
    CREATE FUNCTION evidence_on_application() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
    BEGIN
      PERFORM evidence_fact_of_application(NEW);
      RETURN NULL;
    END
    $fn$`.execute(db);
  await sql`CREATE TRIGGER evidence_on_application AFTER INSERT ON applications FOR EACH ROW EXECUTE FUNCTION evidence_on_application()`.execute(db);
  await sql`
    CREATE FUNCTION evidence_on_application_event() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
    BEGIN
      PERFORM evidence_fact_of_application_event(NEW);
      RETURN NULL;
    END
    $fn$`.execute(db);
  // The 'arrived' event is the arrival itself, whose fact the applications trigger writes.
  await sql`
    CREATE TRIGGER evidence_on_application_event AFTER INSERT ON application_events
    FOR EACH ROW WHEN (NEW.kind <> 'arrived') EXECUTE FUNCTION evidence_on_application_event()`.execute(db);
  // Only the owner writes facts; the tenant role goes through evidence_append.
  for (const fn of ['evidence_store(text, uuid, text)', 'evidence_fact_of_application(applications)', 'evidence_fact_of_application_event(application_events)', 'evidence_on_application()', 'evidence_on_application_event()']) {
    await sql`REVOKE ALL ON FUNCTION ${sql.raw(fn)} FROM PUBLIC`.execute(db);
  }

  // The existing arrivals and events get their facts now, in the order they happened.
  await sql`
    DO $$
    DECLARE
      a applications;
      e application_events;
    BEGIN
      FOR a IN SELECT * FROM applications ORDER BY arrived_at, id LOOP
        PERFORM evidence_fact_of_application(a);
      END LOOP;
      FOR e IN SELECT * FROM application_events WHERE kind <> 'arrived' ORDER BY id LOOP
        PERFORM evidence_fact_of_application_event(e);
      END LOOP;
    END
    $$`.execute(db);
}
