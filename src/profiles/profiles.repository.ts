import type { EntityManager } from 'typeorm';
import { queryPrepared } from '../infrastructure/database/prepared';
import {
  EVERYONE,
  type EntrepreneurProfile,
  type EntrepreneurProfileInput,
  type MentorProfile,
  type MentorProfileInput,
} from './profile';

/** Columns derived from a profile by the service: what filters, matching and search read. */
export interface DerivedColumns {
  /** Expertise (mentor) or needs (entrepreneur) with their parent areas. */
  codes: string[];
  utcOffsetMin: number | null;
  searchPrimary: string;
  searchSecondary: string;
}

const MENTOR_COLUMNS = `
  user_id AS "userId", headline, bio, website, employer,
  expertise_top AS "expertiseTop", expertise_more AS "expertiseMore", industries,
  years_experience AS "yearsExperience", languages, country, timezone, stages, styles,
  capacity, active_count AS "activeCount", to_char(paused_until, 'YYYY-MM-DD') AS "pausedUntil",
  away_note AS "awayNote", created_at AS "createdAt",
  reply_hours AS "replyHours", last_active_at AS "lastActiveAt"`;

const ENTREPRENEUR_COLUMNS = `
  user_id AS "userId", business_name AS "businessName", industry, stage, country, city,
  founded_year AS "foundedYear", employees, revenue_band AS "revenueBand", registration,
  description, website, needs_top AS "needsTop", needs_more AS "needsMore", languages,
  meeting_ways AS "meetingWays", styles, timezone`;

/**
 * Profiles, always inside a tenant transaction (RLS scopes every statement).
 * Saving a mentor also rewrites that mentor's rows of the candidate index.
 */
export const profilesRepository = {
  async mentor(em: EntityManager, userId: string): Promise<MentorProfile | null> {
    const rows = (await em.query(
      `SELECT ${MENTOR_COLUMNS} FROM mentor_profiles WHERE user_id = $1`,
      [userId],
    )) as MentorProfile[];
    return rows[0] ?? null;
  },

  /**
   * Prepared: every recommendation and search reads the seeker's profile
   * first, and planning this lookup (with its RLS policy) cost about as much
   * as running it.
   */
  async entrepreneur(em: EntityManager, userId: string): Promise<EntrepreneurProfile | null> {
    const rows = await queryPrepared<EntrepreneurProfile>(
      em,
      `SELECT ${ENTREPRENEUR_COLUMNS} FROM entrepreneur_profiles WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  },

  async saveMentor(
    em: EntityManager,
    tenantId: string,
    userId: string,
    p: MentorProfileInput,
    d: DerivedColumns,
  ): Promise<void> {
    await em.query(
      `INSERT INTO mentor_profiles (
         tenant_id, user_id, headline, bio, website, employer, expertise_top, expertise_more,
         expertise, expertise_codes, industries, years_experience, languages, country, timezone,
         utc_offset_min, stages, styles, capacity, paused_until, away_note,
         search_primary, search_secondary)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $7::text[] || $8::text[], $9, $10, $11, $12, $13, $14, $15, $16,
               $17, $18, $19, $20, $21, $22)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET
         headline = EXCLUDED.headline, bio = EXCLUDED.bio, website = EXCLUDED.website,
         employer = EXCLUDED.employer, expertise_top = EXCLUDED.expertise_top,
         expertise_more = EXCLUDED.expertise_more, expertise = EXCLUDED.expertise,
         expertise_codes = EXCLUDED.expertise_codes, industries = EXCLUDED.industries,
         years_experience = EXCLUDED.years_experience, languages = EXCLUDED.languages,
         country = EXCLUDED.country, timezone = EXCLUDED.timezone,
         utc_offset_min = EXCLUDED.utc_offset_min, stages = EXCLUDED.stages,
         styles = EXCLUDED.styles, capacity = EXCLUDED.capacity,
         paused_until = EXCLUDED.paused_until, away_note = EXCLUDED.away_note,
         search_primary = EXCLUDED.search_primary, search_secondary = EXCLUDED.search_secondary,
         updated_at = now()`,
      [
        tenantId,
        userId,
        p.headline,
        p.bio,
        p.website,
        p.employer,
        p.expertiseTop,
        p.expertiseMore,
        d.codes,
        p.industries,
        p.yearsExperience,
        p.languages,
        p.country,
        p.timezone,
        d.utcOffsetMin,
        p.stages,
        p.styles,
        p.capacity,
        p.pausedUntil,
        p.awayNote,
        d.searchPrimary,
        d.searchSecondary,
      ],
    );
    await this.refreshCandidateRows(em, userId);
  },

  /**
   * Rewrites a mentor's rows in the candidate index: one per expertise code
   * and area, and one under EVERYONE, ranked by exposure (see mentor_search).
   * `has_room`: a listed account with a place free. Triggers keep these
   * rows in step when the account or the profile's room, languages or pause
   * change (see the candidate-pools migrations), so only changes of
   * expertise need this rewrite.
   */
  async refreshCandidateRows(em: EntityManager, userId: string): Promise<void> {
    await em.query(`DELETE FROM mentor_expertise WHERE user_id = $1`, [userId]);
    await em.query(
      `INSERT INTO mentor_expertise
         (tenant_id, user_id, code, pool_rank, has_room, languages, paused_until)
       SELECT m.tenant_id, m.user_id, c.code, s.exposure_log,
              m.active_count < m.capacity AND s.listed, m.languages, m.paused_until
         FROM mentor_profiles m
         JOIN mentor_search s ON s.tenant_id = m.tenant_id AND s.user_id = m.user_id,
              unnest(array_append(m.expertise_codes, '${EVERYONE}')) AS c(code)
        WHERE m.user_id = $1`,
      [userId],
    );
  },

  async saveEntrepreneur(
    em: EntityManager,
    tenantId: string,
    userId: string,
    p: EntrepreneurProfileInput,
    d: DerivedColumns,
  ): Promise<void> {
    await em.query(
      `INSERT INTO entrepreneur_profiles (
         tenant_id, user_id, business_name, industry, stage, country, city, founded_year,
         employees, revenue_band, registration, description, website, needs_top, needs_more,
         needs, need_codes, languages, meeting_ways, styles, timezone, utc_offset_min,
         search_primary, search_secondary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text[], $15::text[],
               $14::text[] || $15::text[],
               $16, $17, $18, $19, $20, $21, $22, $23)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET
         business_name = EXCLUDED.business_name, industry = EXCLUDED.industry,
         stage = EXCLUDED.stage, country = EXCLUDED.country, city = EXCLUDED.city,
         founded_year = EXCLUDED.founded_year, employees = EXCLUDED.employees,
         revenue_band = EXCLUDED.revenue_band, registration = EXCLUDED.registration,
         description = EXCLUDED.description, website = EXCLUDED.website,
         needs_top = EXCLUDED.needs_top, needs_more = EXCLUDED.needs_more,
         needs = EXCLUDED.needs, need_codes = EXCLUDED.need_codes,
         languages = EXCLUDED.languages, meeting_ways = EXCLUDED.meeting_ways,
         styles = EXCLUDED.styles, timezone = EXCLUDED.timezone,
         utc_offset_min = EXCLUDED.utc_offset_min, search_primary = EXCLUDED.search_primary,
         search_secondary = EXCLUDED.search_secondary, updated_at = now()`,
      [
        tenantId,
        userId,
        p.businessName,
        p.industry,
        p.stage,
        p.country,
        p.city,
        p.foundedYear,
        p.employees,
        p.revenueBand,
        p.registration,
        p.description,
        p.website,
        p.needsTop,
        p.needsMore,
        d.codes,
        p.languages,
        p.meetingWays,
        p.styles,
        p.timezone,
        d.utcOffsetMin,
        d.searchPrimary,
        d.searchSecondary,
      ],
    );
  },

  async avatar(
    em: EntityManager,
    userId: string,
  ): Promise<{ contentType: string; bytes: Buffer; digest: string } | null> {
    const rows = (await em.query(
      `SELECT content_type AS "contentType", bytes, digest FROM member_avatars WHERE user_id = $1`,
      [userId],
    )) as { contentType: string; bytes: Buffer; digest: string }[];
    return rows[0] ?? null;
  },

  async avatarDigest(em: EntityManager, userIds: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = (await em.query(
      `SELECT user_id AS "userId", digest FROM member_avatars WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    )) as { userId: string; digest: string }[];
    return new Map(rows.map((r) => [r.userId, r.digest]));
  },

  async saveAvatar(
    em: EntityManager,
    tenantId: string,
    userId: string,
    avatar: { contentType: string; bytes: Buffer; digest: string },
  ): Promise<void> {
    await em.query(
      `INSERT INTO member_avatars (tenant_id, user_id, content_type, bytes, digest)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET content_type = EXCLUDED.content_type,
         bytes = EXCLUDED.bytes, digest = EXCLUDED.digest, updated_at = now()`,
      [tenantId, userId, avatar.contentType, avatar.bytes, avatar.digest],
    );
  },

  async deleteAvatar(em: EntityManager, userId: string): Promise<void> {
    await em.query(`DELETE FROM member_avatars WHERE user_id = $1`, [userId]);
  },
};
