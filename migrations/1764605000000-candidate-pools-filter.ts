import type { MigrationInterface, QueryRunner } from 'typeorm';
import { mentorSearchSync } from './1764604000000-search-ranks-from-terms';

const MENTOR_SEARCH_SYNC_V2 = mentorSearchSync('');
/** After an update, the mentor's candidate rows take room, languages and pause. */
export const CANDIDATE_ROWS_FOLLOW_PROFILE = `
        IF TG_OP = 'UPDATE' THEN
          UPDATE mentor_expertise e
             SET has_room = NEW.active_count < NEW.capacity AND s.listed,
                 languages = NEW.languages, paused_until = NEW.paused_until
            FROM mentor_search s
           WHERE s.tenant_id = NEW.tenant_id AND s.user_id = NEW.user_id
             AND e.tenant_id = NEW.tenant_id AND e.user_id = NEW.user_id
             AND (e.has_room IS DISTINCT FROM (NEW.active_count < NEW.capacity AND s.listed)
                  OR e.languages IS DISTINCT FROM NEW.languages
                  OR e.paused_until IS DISTINCT FROM NEW.paused_until);
        END IF;`;
export const MENTOR_SEARCH_SYNC_V3 = mentorSearchSync(CANDIDATE_ROWS_FOLLOW_PROFILE);

// The candidate index hands out, per need code, the least exposed mentors
// with room; scoring then drops those who share no language with the
// entrepreneur or are taking a break. Such mentors are rarely or never shown,
// so they gain no exposure and gather at the front of every pool: in the
// benchmark, after some tens of thousands of recommendations, calls returned
// 17.5 mentors instead of 20. The index rows now carry the mentor's languages
// and pause, and the walk through a pool skips those rows, so every candidate
// taken can be recommended.
//
// The rows follow the profile through mentor_search_sync (room, languages,
// pause), whatever the write path.
export class CandidatePoolsFilter1764605000000 implements MigrationInterface {
  name = 'CandidatePoolsFilter1764605000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      ALTER TABLE mentor_expertise
        ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
        ADD COLUMN paused_until date`);
    const tenants = (await qr.query(`SELECT id FROM tenants`)) as { id: string }[];
    for (const { id } of tenants) {
      // mentor_expertise forces RLS on the owner (a superuser bypasses it: the
      // tenant is also named).
      await qr.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
      await qr.query(
        `UPDATE mentor_expertise e SET languages = m.languages, paused_until = m.paused_until
           FROM mentor_profiles m
          WHERE e.tenant_id = $1 AND m.tenant_id = e.tenant_id AND m.user_id = e.user_id`,
        [id],
      );
    }
    await qr.query(MENTOR_SEARCH_SYNC_V3);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(MENTOR_SEARCH_SYNC_V2);
    await qr.query(`ALTER TABLE mentor_expertise DROP COLUMN languages, DROP COLUMN paused_until`);
  }
}
