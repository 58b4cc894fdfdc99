import type { MigrationInterface, QueryRunner } from 'typeorm';
import { foldForSearch } from '../src/profiles/profile';

/** Tables whose search texts were folded by foldForSearch when saved. */
const TABLES = ['mentor_profiles', 'entrepreneur_profiles'];

// foldForSearch now drops the Arabic article ("التسويق" and "تسويق" are the
// same search). Stored search texts are folded again so that existing
// profiles match as new ones do; updating them refreshes the tsvectors and,
// through its trigger, mentor_search. Folding is idempotent, so folding the
// stored (already folded) text gives what saving the profile now would.
export class ArabicArticleFold1764601000000 implements MigrationInterface {
  name = 'ArabicArticleFold1764601000000';

  async up(qr: QueryRunner): Promise<void> {
    const tenants = (await qr.query(`SELECT id FROM tenants`)) as { id: string }[];
    for (const { id } of tenants) {
      // Some of these tables force RLS even on the owner.
      await qr.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
      for (const table of TABLES) {
        const rows = (await qr.query(
          `SELECT user_id, search_primary, search_secondary FROM ${table}
            WHERE tenant_id = $1 AND (search_primary ~ 'ال|لل' OR search_secondary ~ 'ال|لل')`,
          [id],
        )) as { user_id: string; search_primary: string; search_secondary: string }[];
        for (const row of rows) {
          const primary = foldForSearch(row.search_primary);
          const secondary = foldForSearch(row.search_secondary);
          if (primary === row.search_primary && secondary === row.search_secondary) continue;
          await qr.query(
            `UPDATE ${table} SET search_primary = $3, search_secondary = $4
              WHERE tenant_id = $1 AND user_id = $2`,
            [id, row.user_id, primary, secondary],
          );
        }
      }
    }
    await qr.query(`SELECT set_config('app.tenant_id', '', true)`);
  }

  async down(): Promise<void> {
    // The article cannot be put back; the texts are refreshed on the next save.
  }
}
