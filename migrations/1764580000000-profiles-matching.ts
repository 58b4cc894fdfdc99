import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from '../src/infrastructure/database/rls';

// Profiles, the self-assessment and what matching reads.
//
// Taxonomy values are stored as stable codes (`finance.pricing`); labels live
// in code and tenant config, so relabelling never touches rows. Derived
// columns (`expertise_codes`, `need_areas`, the folded search text) are
// written by the profile service in the same statement as what they derive
// from. Search text is folded in Node (lower case, no accents or Arabic
// diacritics) so one `simple` text-search configuration serves every language.
//
// `mentor_expertise` is matching's candidate index: one row per expertise
// code and per parent area of a mentor, ordered by `pool_rank` (the mentor's
// recent exposure, see exposure.ts) among mentors with room for one more.
export class ProfilesMatching1764580000000 implements MigrationInterface {
  name = 'ProfilesMatching1764580000000';

  async up(qr: QueryRunner): Promise<void> {
    const searchVector = `tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', search_primary), 'A') ||
          setweight(to_tsvector('simple', search_secondary), 'B')) STORED`;

    await qr.query(`
      CREATE TABLE mentor_profiles (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        headline text NOT NULL DEFAULT '',
        bio text NOT NULL DEFAULT '',
        website text,
        employer text,
        expertise_top text[] NOT NULL DEFAULT '{}',
        expertise_more text[] NOT NULL DEFAULT '{}',
        expertise text[] NOT NULL DEFAULT '{}',
        expertise_codes text[] NOT NULL DEFAULT '{}',
        industries text[] NOT NULL DEFAULT '{}',
        years_experience int CHECK (years_experience BETWEEN 0 AND 70),
        languages text[] NOT NULL DEFAULT '{}',
        country text,
        timezone text,
        utc_offset_min int,
        stages text[] NOT NULL DEFAULT '{}',
        styles text[] NOT NULL DEFAULT '{}',
        capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 50),
        active_count int NOT NULL DEFAULT 0 CHECK (active_count >= 0),
        paused_until date,
        away_note text,
        exposure_log float8 NOT NULL DEFAULT -1e9,
        search_primary text NOT NULL DEFAULT '',
        search_secondary text NOT NULL DEFAULT '',
        search_vector ${searchVector},
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX mentor_profiles_search_idx ON mentor_profiles USING gin (search_vector)`,
    );
    await qr.query(
      `CREATE INDEX mentor_profiles_expertise_idx ON mentor_profiles USING gin (expertise_codes)`,
    );
    await qr.query(
      `CREATE INDEX mentor_profiles_industries_idx ON mentor_profiles USING gin (industries)`,
    );
    await qr.query(
      `CREATE INDEX mentor_profiles_languages_idx ON mentor_profiles USING gin (languages)`,
    );
    await qr.query(
      `CREATE INDEX mentor_profiles_country_idx ON mentor_profiles (tenant_id, country)`,
    );
    // The general candidate pool: least exposed mentors with room first.
    await qr.query(`
      CREATE INDEX mentor_profiles_pool_idx ON mentor_profiles (tenant_id, exposure_log)
        WHERE active_count < capacity`);
    await enableTenantRls(qr, 'mentor_profiles');

    await qr.query(`
      CREATE TABLE mentor_expertise (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        code text NOT NULL,
        pool_rank float8 NOT NULL DEFAULT -1e9,
        has_room boolean NOT NULL,
        PRIMARY KEY (tenant_id, user_id, code),
        FOREIGN KEY (tenant_id, user_id) REFERENCES mentor_profiles (tenant_id, user_id) ON DELETE CASCADE
      )`);
    await qr.query(`
      CREATE INDEX mentor_expertise_pool_idx ON mentor_expertise (tenant_id, code, pool_rank)
        WHERE has_room`);
    await enableTenantRls(qr, 'mentor_expertise');

    await qr.query(`
      CREATE TABLE entrepreneur_profiles (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        business_name text NOT NULL DEFAULT '',
        industry text,
        stage text,
        country text,
        city text NOT NULL DEFAULT '',
        founded_year int CHECK (founded_year BETWEEN 1900 AND 2100),
        employees int CHECK (employees BETWEEN 0 AND 100000),
        revenue_band text,
        registration text,
        description text NOT NULL DEFAULT '',
        website text,
        needs_top text[] NOT NULL DEFAULT '{}',
        needs_more text[] NOT NULL DEFAULT '{}',
        needs text[] NOT NULL DEFAULT '{}',
        need_codes text[] NOT NULL DEFAULT '{}',
        languages text[] NOT NULL DEFAULT '{}',
        meeting_ways text[] NOT NULL DEFAULT '{}',
        styles text[] NOT NULL DEFAULT '{}',
        timezone text,
        utc_offset_min int,
        search_primary text NOT NULL DEFAULT '',
        search_secondary text NOT NULL DEFAULT '',
        search_vector ${searchVector},
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX entrepreneur_profiles_search_idx ON entrepreneur_profiles USING gin (search_vector)`,
    );
    await qr.query(
      `CREATE INDEX entrepreneur_profiles_needs_idx ON entrepreneur_profiles USING gin (need_codes)`,
    );
    await qr.query(
      `CREATE INDEX entrepreneur_profiles_updated_idx ON entrepreneur_profiles (tenant_id, updated_at)`,
    );
    await enableTenantRls(qr, 'entrepreneur_profiles');

    await qr.query(`
      CREATE TABLE member_avatars (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
        bytes bytea NOT NULL CHECK (octet_length(bytes) <= 524288),
        digest text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await enableTenantRls(qr, 'member_avatars');

    // One draft per person at a time; completed ones are the history.
    await qr.query(`
      CREATE TABLE assessments (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        questionnaire_digest text NOT NULL,
        answers jsonb NOT NULL DEFAULT '{}',
        scores jsonb,
        proposed_needs text[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('draft', 'completed')),
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE UNIQUE INDEX assessments_one_draft ON assessments (tenant_id, user_id) WHERE status = 'draft'`,
    );
    await qr.query(
      `CREATE INDEX assessments_user_idx ON assessments (tenant_id, user_id, completed_at)`,
    );
    await enableTenantRls(qr, 'assessments');

    // Matching's hard filters read these; the conversation features fill them.
    await qr.query(`
      CREATE TABLE member_blocks (
        tenant_id uuid NOT NULL,
        blocker_id uuid NOT NULL,
        blocked_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, blocker_id, blocked_id),
        FOREIGN KEY (tenant_id, blocker_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, blocked_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX member_blocks_blocked_idx ON member_blocks (tenant_id, blocked_id)`,
    );
    await enableTenantRls(qr, 'member_blocks');

    await qr.query(`
      CREATE TABLE mentoring_requests (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entrepreneur_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'accepted', 'declined', 'expired', 'withdrawn')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, entrepreneur_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, mentor_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX mentoring_requests_pair_idx ON mentoring_requests (tenant_id, entrepreneur_id, mentor_id)`,
    );
    await qr.query(
      `CREATE INDEX mentoring_requests_mentor_idx ON mentoring_requests (tenant_id, mentor_id)`,
    );
    await enableTenantRls(qr, 'mentoring_requests');
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of [
      'mentoring_requests',
      'member_blocks',
      'assessments',
      'member_avatars',
      'entrepreneur_profiles',
      'mentor_expertise',
      'mentor_profiles',
    ]) {
      await qr.query(`DROP TABLE ${table}`);
    }
  }
}
