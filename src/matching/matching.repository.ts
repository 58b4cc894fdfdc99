import type { EntityManager } from 'typeorm';
import { queryPrepared } from '../infrastructure/database/prepared';
import { MAX_MORE_NEEDS, MAX_TOP_NEEDS } from '../assessment/scoring';
import { EVERYONE } from '../profiles/profile';
import { EXPOSURE_HALF, exposureClock } from './exposure';
import { SCORED_COMPONENTS, type Component, type Weights } from './weights';

/** What scoring needs to know about the entrepreneur. */
export interface Seeker {
  userId: string;
  /** Each need with its area and weight (a top need weighs more). */
  needs: { code: string; area: string; weight: number }[];
  industry: string | null;
  stage: string | null;
  country: string | null;
  /** Countries of the seeker's region (same region scores half of same country). */
  regionCountries: string[];
  utcOffsetMin: number | null;
  /** Languages the seeker speaks; the first is the preferred one. */
  languages: string[];
  styles: string[];
}

/** What a result card shows of a mentor. */
export interface MentorCard {
  userId: string;
  name: string;
  headline: string;
  country: string | null;
  languages: string[];
  employer: string | null;
  expertiseTop: string[];
  capacity: number;
  activeCount: number;
  /** Joined in the last 30 days. */
  isNew: boolean;
  /** Taking a break: not recommended, shown in search only. */
  paused: boolean;
  /** Running average of real reply times (null: none yet), and the last action on the platform. */
  replyHours: number | null;
  lastActiveAt: Date | null;
}

/** How well a mentor fits the seeker, and why. */
export interface MentorMatch {
  /** Seeker needs this mentor covers exactly, and those covered only by the same area. */
  needsExact: string[];
  needsArea: string[];
  sharedLanguages: string[];
  tzDiffMin: number | null;
  components: Record<Component, number>;
  /** 0…1, the weighted mean of the components. */
  score: number;
}

export type ScoredMentor = MentorCard & { match: MentorMatch };

/** What a mentor's search result shows of an entrepreneur. */
export interface EntrepreneurCard {
  userId: string;
  name: string;
  businessName: string;
  industry: string | null;
  stage: string | null;
  country: string | null;
  city: string;
  needsTop: string[];
  needsMore: string[];
  /** 0…1: how much of their needs the searching mentor's expertise covers. */
  fit: number;
  rank: number;
}

export interface RecommendOptions {
  weights: Weights;
  limit: number;
  /** Candidates taken per looked-up code (least exposed first). */
  poolSize: number;
  today: string;
  now: Date;
}

/** Replies this slow (a week) or slower earn no responsiveness points. */
export const RESPONSIVE_WITHIN_HOURS = 168;

/**
 * The most needs a seeker has (3 top + 3 more, as the profile form allows):
 * scoring spells out one term per need instead of a subquery per candidate.
 */
const NEED_SLOTS = MAX_TOP_NEEDS + MAX_MORE_NEEDS;

// Need i is ($3[i], $4[i], $16[i]): code, area, weight; past the last need
// they are NULL and the term is 0.
const NEEDS_COVERED_SQL = Array.from(
  { length: NEED_SLOTS },
  (_, i) => `CASE WHEN $3[${i + 1}] = ANY (c.expertise) THEN $16[${i + 1}]
       WHEN $4[${i + 1}] = ANY (c.expertise_codes) THEN 0.5 * $16[${i + 1}] ELSE 0 END`,
).join('\n     + ');

// The score of one candidate `c` (its mentor_search row, which carries what
// scoring reads) for the seeker, as named components in 0…1. Parameters $2…
// are the seeker's (see seekerParams).
const COMPONENTS_SQL = `
  COALESCE((${NEEDS_COVERED_SQL}) / NULLIF($5::float8, 0), 0) AS k_needs,
  CASE WHEN $6::text IS NOT NULL AND $6 = ANY (c.industries) THEN 1 ELSE 0 END AS k_industry,
  CASE WHEN $7::text IS NULL THEN 0
       WHEN $7 = ANY (c.stages) THEN 1
       WHEN cardinality(c.stages) = 0 THEN 0.5
       ELSE 0 END AS k_stage,
  CASE WHEN c.languages @> $11::text[] THEN 1 ELSE 0.5 END AS k_language,
  (CASE WHEN c.country = $8 THEN 1 WHEN c.country = ANY ($9::text[]) THEN 0.5 ELSE 0 END
   + CASE WHEN c.utc_offset_min IS NULL OR $10::int IS NULL THEN 0
          ELSE 1 - least(abs(c.utc_offset_min - $10), 480) / 480.0 END) / 2 AS k_location,
  CASE WHEN c.styles && $12::text[] THEN 1 ELSE 0 END AS k_style,
  greatest(c.capacity - c.active_count, 0)::float8 / greatest(c.capacity, 1) AS k_capacity,
  -- Replies within hours score 1, a week or slower 0; no replies yet is neutral, not a penalty.
  CASE WHEN c.reply_hours IS NULL THEN 0.5
       ELSE greatest(0, 1 - c.reply_hours / ${RESPONSIVE_WITHIN_HOURS}.0) END AS k_responsiveness,
  1 / (1 + exp(greatest(c.exposure_log - $13::float8, -50)) / ${EXPOSURE_HALF}) AS k_fairness`;

// Whom a member may see at all: an active mentor of this tenant (`listed`,
// kept from users by a trigger), not themselves, and nobody either side has
// blocked. RLS scopes every table to the tenant as well.
const NOT_BLOCKED_SQL = `NOT EXISTS (SELECT 1 FROM member_blocks b
                   WHERE b.tenant_id = $1
                     AND ((b.blocker_id = $2 AND b.blocked_id = c.user_id)
                       OR (b.blocker_id = c.user_id AND b.blocked_id = $2)))`;
const VISIBLE_SQL = `c.listed AND c.user_id <> $2 AND ${NOT_BLOCKED_SQL}`;

// The hard filters of a recommendation: an active mentor with room, not
// paused, sharing a language, and not blocked either way, already asked,
// connected or declined. The people excluded for this seeker are read once
// (an InitPlan), not probed per candidate.
const RECOMMENDABLE_SQL = `
  c.listed
  AND c.user_id <> $2
  AND c.active_count < c.capacity
  AND (c.paused_until IS NULL OR c.paused_until <= $14::date)
  AND c.languages && $15::text[]
  AND NOT c.user_id = ANY (ARRAY(
        SELECT b.blocked_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocker_id = $2
        UNION ALL
        SELECT b.blocker_id FROM member_blocks b WHERE b.tenant_id = $1 AND b.blocked_id = $2
        UNION ALL
        SELECT r.mentor_id FROM mentoring_requests r
         WHERE r.tenant_id = $1 AND r.entrepreneur_id = $2
           AND r.status IN ('open', 'accepted', 'declined')))`;

const NEEDS_CTE = `needs AS (
  SELECT * FROM unnest($3::text[], $4::text[], $16::float8[]) AS n(code, area, weight))`;

function seekerParams(tenantId: string, s: Seeker, o: { today: string; now: Date }): unknown[] {
  const preferred = s.languages.slice(0, 1);
  const needs = s.needs.slice(0, NEED_SLOTS);
  return [
    tenantId, // $1
    s.userId, // $2
    needs.map((n) => n.code), // $3
    needs.map((n) => n.area), // $4
    needs.reduce((sum, n) => sum + n.weight, 0), // $5
    s.industry, // $6
    s.stage, // $7
    s.country, // $8
    s.regionCountries, // $9
    s.utcOffsetMin, // $10
    preferred, // $11
    s.styles, // $12
    exposureClock(o.now), // $13
    o.today, // $14
    s.languages, // $15
    needs.map((n) => n.weight), // $16
  ];
}

/** The weighted mean of the components, weights passed as parameters from `firstParam` on. */
function scoreSql(weights: Weights, firstParam: number): { sql: string; params: number[] } {
  const total = SCORED_COMPONENTS.reduce((sum, k) => sum + weights[k], 0); // > 0, see resolveWeights
  const sum = SCORED_COMPONENTS.map((k, i) => `$${firstParam + i}::float8 * k_${k}`).join(' + ');
  return {
    sql: `(${sum}) / $${firstParam + SCORED_COMPONENTS.length}::float8`,
    params: [...SCORED_COMPONENTS.map((k) => weights[k]), total],
  };
}

// The card and the explanation's details, worked out only for the rows
// returned (alias `s`, a ranked row, with its profile `p` and account `u`
// joined by RESULT_JOINS), not for every candidate scored.
const RESULT_COLUMNS = `
  s.user_id AS "userId", u.name, p.headline, s.country, s.languages, p.employer,
  p.expertise_top AS "expertiseTop", s.capacity, s.active_count AS "activeCount", s.is_new AS "isNew",
  s.is_paused AS "paused", s.reply_hours AS "replyHours", p.last_active_at AS "lastActiveAt",
  ARRAY(SELECT n.code FROM needs n WHERE n.code = ANY (s.expertise)) AS "needsExact",
  ARRAY(SELECT n.code FROM needs n
         WHERE NOT n.code = ANY (s.expertise) AND n.area = ANY (s.expertise_codes)) AS "needsArea",
  ARRAY(SELECT l FROM unnest($15::text[]) AS l WHERE l = ANY (s.languages)) AS "sharedLanguages",
  CASE WHEN s.utc_offset_min IS NULL OR $10::int IS NULL THEN NULL
       ELSE abs(s.utc_offset_min - $10) END AS "tzDiffMin",
  ${SCORED_COMPONENTS.map((k) => `s.k_${k}`).join(', ')}, s.score`;

const RESULT_JOINS = `
  JOIN mentor_profiles p ON p.tenant_id = $1 AND p.user_id = s.user_id
  JOIN users u ON u.tenant_id = $1 AND u.id = s.user_id`;

/**
 * A candidate set scored: the `candidates` CTE gives each user_id; `ranked`
 * holds those who pass the filter, with their score. Scoring reads the
 * candidate's mentor_search row only, with its fresh exposure (the candidate
 * index's pool_rank follows it only once a minute, see ExposureRecorder).
 */
function scoredQuery(
  candidatesCte: string,
  weights: Weights,
  extraParamsStart: number,
  filter: 'recommend' | 'search',
) {
  const score = scoreSql(weights, extraParamsStart);
  const sql = `
    WITH ${NEEDS_CTE},
    ${candidatesCte},
    scored AS (
      SELECT c.user_id, c.country, c.languages, c.capacity, c.active_count, c.reply_hours,
             c.created_at > $17::timestamptz - interval '30 days' AS is_new,
             c.paused_until IS NOT NULL AND c.paused_until > $14::date AS is_paused,
             c.expertise, c.expertise_codes, c.utc_offset_min,
             ${COMPONENTS_SQL}
        FROM candidates k
        JOIN mentor_search c ON c.tenant_id = $1 AND c.user_id = k.user_id
       WHERE ${filter === 'recommend' ? RECOMMENDABLE_SQL : VISIBLE_SQL}
    ),
    ranked AS (
      SELECT *, ${score.sql} AS score FROM scored
    )`;
  return { sql, scoreParams: score.params };
}

function toCard(row: Record<string, unknown>): MentorCard {
  return {
    userId: row.userId as string,
    name: row.name as string,
    headline: row.headline as string,
    country: row.country as string | null,
    languages: row.languages as string[],
    employer: row.employer as string | null,
    expertiseTop: row.expertiseTop as string[],
    capacity: Number(row.capacity),
    activeCount: Number(row.activeCount),
    isNew: row.isNew as boolean,
    paused: row.paused === true,
    replyHours:
      row.replyHours === null || row.replyHours === undefined ? null : Number(row.replyHours),
    lastActiveAt: (row.lastActiveAt as Date | null) ?? null,
  };
}

function toScored(row: Record<string, unknown>): ScoredMentor {
  return {
    ...toCard(row),
    match: {
      needsExact: row.needsExact as string[],
      needsArea: row.needsArea as string[],
      sharedLanguages: row.sharedLanguages as string[],
      tzDiffMin: row.tzDiffMin === null ? null : Number(row.tzDiffMin),
      components: Object.fromEntries(
        SCORED_COMPONENTS.map((k) => [k, Number(row[`k_${k}`])]),
      ) as Record<Component, number>,
      score: Number(row.score),
    },
  };
}

export interface SearchFilters {
  /** Already folded (see foldForSearch). */
  keyword: string | null;
  expertise: string | null;
  industry: string | null;
  stage: string | null;
  language: string | null;
  country: string | null;
  /** Only mentors who can take someone now. */
  availableOnly: boolean;
}

export interface SearchPage<T> {
  items: T[];
  /** Matching results, counted up to SEARCH_CAP + 1 (more shows as "more than"). */
  total: number;
}

/**
 * The most matches a search takes (least exposed first), ranks and counts;
 * beyond it the page says "more than N: add a filter". It bounds the work of
 * a common word to a few milliseconds.
 */
export const SEARCH_CAP = 200;

/** Filter conditions over alias `m`, appended to `params`; a missing filter adds nothing. */
function filterConditions(
  f: Omit<SearchFilters, 'availableOnly'>,
  params: unknown[],
  columns: { codes: string; industry: string; stage: string },
): { where: string[]; keyword: string | null } {
  const where: string[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const keyword = f.keyword ? add(f.keyword) : null;
  if (keyword) where.push(`m.search_vector @@ websearch_to_tsquery('simple', ${keyword})`);
  if (f.expertise) where.push(`m.${columns.codes} @> ARRAY[${add(f.expertise)}::text]`);
  if (f.industry) where.push(columns.industry.replace('?', add(f.industry)));
  if (f.stage) where.push(columns.stage.replace('?', add(f.stage)));
  if (f.language) where.push(`m.languages @> ARRAY[${add(f.language)}::text]`);
  if (f.country) where.push(`m.country = ${add(f.country)}`);
  return { where, keyword };
}

export const matchingRepository = {
  /**
   * Top mentors for the seeker. Candidates come from the candidate index:
   * for each need and its area, the `poolSize` least exposed mentors with
   * room, sharing a language and not on a break, plus the least exposed
   * mentors overall (EVERYONE; so industry, stage or place can still surface
   * someone). Every candidate then gets the full hard filters and the full
   * score. With fewer mentors per need than `poolSize` this is exact; beyond,
   * it is exact over the least exposed ones, which is what spreads exposure.
   */
  async recommend(
    em: EntityManager,
    tenantId: string,
    seeker: Seeker,
    o: RecommendOptions,
  ): Promise<ScoredMentor[]> {
    if (!Number.isInteger(o.poolSize) || o.poolSize < 1) throw new Error('poolSize: a count');
    const params = [...seekerParams(tenantId, seeker, o), o.now.toISOString()];
    // The pool size is part of the text: the plan is made once, without the
    // parameters, and a row count shapes it.
    const candidates = `
      lookup AS (
        SELECT v.code FROM needs n, LATERAL (VALUES (n.code), (n.area)) v(code)
        UNION SELECT '${EVERYONE}'),
      pooled AS (
        SELECT DISTINCT p.user_id FROM lookup l
          CROSS JOIN LATERAL (
            SELECT me.user_id FROM mentor_expertise me
             WHERE me.tenant_id = $1 AND me.code = l.code AND me.has_room
               AND CASE WHEN me.languages && $15::text[]
                         AND (me.paused_until IS NULL OR me.paused_until <= $14::date)
                        THEN true END
             ORDER BY me.pool_rank LIMIT ${o.poolSize}) p),
      candidates AS (SELECT user_id FROM pooled)`;
    const q = scoredQuery(candidates, o.weights, params.length + 1, 'recommend');
    params.push(...q.scoreParams);
    params.push(o.limit);
    const rows = await queryPrepared(
      em,
      `${q.sql},
       best AS (SELECT * FROM ranked ORDER BY score DESC, user_id LIMIT $${params.length})
       SELECT ${RESULT_COLUMNS} FROM best s ${RESULT_JOINS}
        ORDER BY s.score DESC, s.user_id`,
      params,
    );
    return rows.map(toScored);
  },

  /** One mentor scored for the seeker (their profile page), or null when a hard filter excludes them. */
  async scoreOne(
    em: EntityManager,
    tenantId: string,
    seeker: Seeker,
    mentorId: string,
    o: Omit<RecommendOptions, 'limit' | 'poolSize'>,
  ): Promise<ScoredMentor | null> {
    const params = [...seekerParams(tenantId, seeker, o), o.now.toISOString(), mentorId];
    const q = scoredQuery(`candidates AS (SELECT $18::uuid AS user_id)`, o.weights, 19, 'search');
    params.push(...q.scoreParams);
    const rows = (await em.query(
      `${q.sql} SELECT ${RESULT_COLUMNS} FROM ranked s ${RESULT_JOINS}`,
      params,
    )) as Record<string, unknown>[];
    return rows[0] ? toScored(rows[0]) : null;
  },

  /**
   * Mentor search: keyword over headline, expertise labels (every language of
   * the tenant) and bio, plus filters, through `search_mentors` (see its
   * migration: it can use the indexes RLS would rule out). At most SEARCH_CAP
   * + 1 matches are taken, least exposed first, and ranked by relevance. For
   * an entrepreneur the page is scored with the recommendation SQL, and may
   * be sorted by that score over all the matches taken.
   */
  async searchMentors(
    em: EntityManager,
    tenantId: string,
    f: SearchFilters,
    page: { offset: number; limit: number; sort: 'relevance' | 'match' },
    viewerId: string,
    seeker: Seeker | null,
    o: Omit<RecommendOptions, 'limit' | 'poolSize'>,
  ): Promise<SearchPage<MentorCard & { match: MentorMatch | null; rank: number }>> {
    const byMatch = seeker !== null && page.sort === 'match';
    const found = (await em.query(
      `SELECT user_id AS "userId", rank, total
         FROM search_mentors($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        f.keyword,
        f.expertise,
        f.industry,
        f.stage,
        f.language,
        f.country,
        f.availableOnly ? o.today : null,
        viewerId,
        SEARCH_CAP,
        byMatch ? SEARCH_CAP + 1 : page.limit,
        byMatch ? 0 : page.offset,
      ],
    )) as { userId: string; rank: number; total: number }[];
    if (found.length === 0) return { items: [], total: 0 };
    const total = found[0].total;
    const ids = found.map((r) => r.userId);
    const ranks = found.map((r) => r.rank);

    if (!seeker) {
      const params = [tenantId, ids, ranks, o.now.toISOString(), o.today];
      const rows = (await em.query(
        `SELECT m.user_id AS "userId", u.name, m.headline, m.country, m.languages, m.employer,
                m.expertise_top AS "expertiseTop", m.capacity, m.active_count AS "activeCount",
                m.created_at > $4::timestamptz - interval '30 days' AS "isNew",
                m.paused_until IS NOT NULL AND m.paused_until > $5::date AS paused,
                m.reply_hours AS "replyHours", m.last_active_at AS "lastActiveAt", k.rank
           FROM unnest($2::uuid[], $3::real[]) WITH ORDINALITY AS k(user_id, rank, ord)
           JOIN mentor_profiles m ON m.tenant_id = $1 AND m.user_id = k.user_id
           JOIN users u ON u.tenant_id = $1 AND u.id = k.user_id
          ORDER BY k.ord`,
        params,
      )) as Record<string, unknown>[];
      return {
        items: rows.map((r) => ({ ...toCard(r), match: null, rank: Number(r.rank) })),
        total,
      };
    }

    // Scored with the same components as recommendations.
    const params = [...seekerParams(tenantId, seeker, o), o.now.toISOString(), ids, ranks];
    const candidates = `candidates AS (
      SELECT * FROM unnest($18::uuid[], $19::real[]) WITH ORDINALITY AS k(user_id, rank, ord))`;
    const q = scoredQuery(candidates, o.weights, params.length + 1, 'search');
    params.push(...q.scoreParams);
    const order = byMatch ? 's.score DESC, r.ord' : 'r.ord';
    const window = byMatch
      ? `LIMIT $${params.push(page.limit)} OFFSET $${params.push(page.offset)}`
      : '';
    const rows = await queryPrepared(
      em,
      `${q.sql}
       SELECT ${RESULT_COLUMNS}, r.rank FROM ranked s ${RESULT_JOINS}
         JOIN candidates r ON r.user_id = s.user_id
        ORDER BY ${order} ${window}`,
      params,
    );
    return { items: rows.map((r) => ({ ...toScored(r), rank: Number(r.rank) })), total };
  },

  /**
   * For mentors: entrepreneurs whose needs their expertise covers. Filters as
   * for mentors; `fit` is the share of the entrepreneur's needs covered
   * (top needs count double, an area-level match half).
   */
  async searchEntrepreneurs(
    em: EntityManager,
    tenantId: string,
    viewerId: string,
    f: Omit<SearchFilters, 'availableOnly'>,
    page: { offset: number; limit: number; sort: 'relevance' | 'match' },
    expertise: { codes: string[]; withAreas: string[] },
  ): Promise<SearchPage<EntrepreneurCard>> {
    const base: unknown[] = [tenantId, viewerId, expertise.codes, expertise.withAreas];
    const where = [
      `m.tenant_id = $1`,
      `u.status = 'active'`,
      `u.deleted_at IS NULL`,
      `'entrepreneur' = ANY (u.roles)`,
      `m.user_id <> $2`,
      NOT_BLOCKED_SQL.replaceAll('c.user_id', 'm.user_id'),
    ];
    const filters = filterConditions(f, base, {
      codes: 'need_codes',
      industry: 'm.industry = ?',
      stage: 'm.stage = ?',
    });
    where.push(...filters.where);
    const rank = filters.keyword
      ? `ts_rank_cd(m.search_vector, websearch_to_tsquery('simple', ${filters.keyword}))`
      : '0';
    const fit = (column: string, weight: number) => `
      COALESCE((SELECT sum(${weight} * CASE WHEN n = ANY ($3::text[]) THEN 1.0
                                      WHEN split_part(n, '.', 1) = ANY ($4::text[]) THEN 0.5
                                      ELSE 0 END) FROM unnest(m.${column}) AS n), 0)`;
    const matches = `
      SELECT m.user_id, ${rank} AS rank, m.updated_at,
             (${fit('needs_top', 2)} + ${fit('needs_more', 1)})
               / NULLIF(2 * cardinality(m.needs_top) + cardinality(m.needs_more), 0) AS fit
        FROM entrepreneur_profiles m JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id
       WHERE ${where.join(' AND ')}
         ${expertise.codes.length > 0 ? `AND m.need_codes && $4::text[]` : ''}
       ORDER BY rank DESC, m.updated_at DESC, m.user_id
       LIMIT ${SEARCH_CAP + 1}`;
    const [{ n: total }] = (await em.query(
      `SELECT count(*)::int AS n FROM (${matches}) x`,
      base,
    )) as {
      n: number;
    }[];
    if (total === 0) return { items: [], total };
    const order =
      page.sort === 'match'
        ? 'x.fit DESC NULLS LAST, x.rank DESC, x.user_id'
        : 'x.rank DESC, x.updated_at DESC, x.user_id';
    const params = [...base, page.limit, page.offset];
    const rows = (await em.query(
      `SELECT x.user_id AS "userId", u.name, e.business_name AS "businessName", e.industry,
              e.stage, e.country, e.city, e.needs_top AS "needsTop", e.needs_more AS "needsMore",
              COALESCE(x.fit, 0)::float8 AS fit, x.rank
         FROM (${matches}) x
         JOIN entrepreneur_profiles e ON e.tenant_id = $1 AND e.user_id = x.user_id
         JOIN users u ON u.tenant_id = $1 AND u.id = x.user_id
        ORDER BY ${order}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as EntrepreneurCard[];
    return { items: rows.map((r) => ({ ...r, fit: Number(r.fit), rank: Number(r.rank) })), total };
  },
};
