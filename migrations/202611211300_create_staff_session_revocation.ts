// Ending a member of staff's sessions from inside a municipality's scope (R15). Sessions carry no
// municipality code, so the tenant role has no rights on them; this function (run as its owner)
// revokes the sessions of one staff account, and only when the caller's scope may see that account:
// a municipality administrator can end the sessions of their own staff and of nobody else.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION onestop_revoke_staff_sessions(p_staff uuid, p_at timestamptz, p_except text DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
    DECLARE
      scope text := coalesce(current_setting('app.scope', true), '');
      ended integer;
    BEGIN
      IF scope <> '' AND NOT EXISTS (
        SELECT 1 FROM staff_users u
        WHERE u.id = p_staff AND scope = 'municipality' AND u.municipality_code = current_setting('app.municipality_code', true)
      ) THEN
        RAISE EXCEPTION 'staff account outside the scope' USING ERRCODE = 'insufficient_privilege';
      END IF;
      UPDATE sessions SET revoked_at = p_at
       WHERE staff_id = p_staff AND revoked_at IS NULL AND (p_except IS NULL OR id_hash <> p_except);
      GET DIAGNOSTICS ended = ROW_COUNT;
      RETURN ended;
    END
    $fn$`.execute(db);
  await sql`REVOKE ALL ON FUNCTION onestop_revoke_staff_sessions(uuid, timestamptz, text) FROM PUBLIC`.execute(db);
  await sql`GRANT EXECUTE ON FUNCTION onestop_revoke_staff_sessions(uuid, timestamptz, text) TO onestop_tenant`.execute(db);
}
