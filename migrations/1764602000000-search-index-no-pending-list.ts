import type { MigrationInterface, QueryRunner } from 'typeorm';

// mentor_search's rows are updated every few seconds (exposure). Most
// updates are HOT, but the others add the row's terms to the GIN index, and
// with GIN's default fastupdate they go to a pending list that every search
// then reads in full until VACUUM merges it. In the benchmark the list held
// 350 pages (1,604 rows) after a few minutes of recommendations; merging it
// took a search from 13.4 to 10.5 ms on average. Without fastupdate each such
// update merges its terms at once (in the background exposure flush), and
// searches read only the index itself.
export class SearchIndexNoPendingList1764602000000 implements MigrationInterface {
  name = 'SearchIndexNoPendingList1764602000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER INDEX mentor_search_terms_idx SET (fastupdate = off)`);
    await qr.query(`SELECT gin_clean_pending_list('mentor_search_terms_idx')`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER INDEX mentor_search_terms_idx RESET (fastupdate)`);
  }
}
