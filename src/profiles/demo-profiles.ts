import type { Logger } from 'pino';
import type { Database } from '../infrastructure/database/database';
import { runInTenant } from '../infrastructure/database/tenant-tx';
import { hashPassword } from '../identity/passwords';
import { DEMO_PASSWORD } from '../identity/demo-people';
import { usersRepository } from '../identity/users.repository';
import type { TenantConfig } from '../tenancy/config/tenant-config.schema';
import {
  questionnaireDigest,
  questionnaireFor,
  scoreAreas,
  proposeNeeds,
} from '../assessment/scoring';
import type { EntityManager } from 'typeorm';
import { DEMO_PROFILES, type DemoFounder, type DemoMentor } from './demo-profiles-data';
import { deriveEntrepreneur, deriveMentor } from './profile-input';
import type { EntrepreneurProfileInput, MentorProfileInput } from './profile';
import { profilesRepository } from './profiles.repository';

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function mentorInput(m: DemoMentor): MentorProfileInput {
  return {
    headline: m.headline,
    bio: m.bio,
    website: m.website,
    employer: m.employer,
    expertiseTop: m.expertiseTop,
    expertiseMore: m.expertiseMore,
    industries: m.industries,
    yearsExperience: m.yearsExperience,
    languages: m.languages,
    country: m.country,
    timezone: m.timezone,
    stages: m.stages,
    styles: m.styles,
    capacity: m.capacity,
    pausedUntil: m.pausedUntilDays ? daysFromNow(m.pausedUntilDays) : null,
    awayNote: m.awayNote,
  };
}

function founderInput(f: DemoFounder): EntrepreneurProfileInput {
  return {
    businessName: f.businessName,
    industry: f.industry,
    stage: f.stage,
    country: f.country,
    city: f.city,
    foundedYear: f.foundedYear,
    employees: f.employees,
    revenueBand: f.revenueBand,
    registration: f.registration,
    description: f.description,
    website: null,
    needsTop: f.needsTop,
    needsMore: f.needsMore,
    languages: f.languages,
    meetingWays: f.meetingWays,
    styles: f.styles,
    timezone: f.timezone,
  };
}

/**
 * Complete profiles for every demo tenant's people (adding the extra demo
 * mentors and founders), so matching is worth looking at right after
 * `npm start`. Runs once per tenant: a tenant with any profile is left alone.
 */
export async function seedDemoProfiles(db: Database, logger: Logger): Promise<number> {
  const tenants = (await db.app.query(
    `SELECT t.id, t.slug, v.config
       FROM tenants t JOIN tenant_config_versions v ON v.tenant_id = t.id AND v.version = t.config_version`,
  )) as { id: string; slug: string; config: TenantConfig }[];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const tenant of tenants) {
    const demo = DEMO_PROFILES[tenant.slug];
    if (!demo) continue;
    created += await runInTenant(db, tenant.id, async (em) => {
      const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM mentor_profiles`)) as {
        n: number;
      }[];
      if (n > 0) return 0;
      const userId = async (local: string, name: string, role: 'mentor' | 'entrepreneur') => {
        const email = `${local}@${tenant.slug}.example`;
        const found = await usersRepository.findByEmail(em, email);
        if (found) return found.id;
        return usersRepository.insert(em, tenant.id, {
          email,
          name,
          roles: [role],
          passwordHash,
          locale: tenant.config.locale.default,
          country: role === 'mentor' ? demo.mentors[0].country : demo.founders[0].country,
          status: 'active',
          verified: true,
        });
      };
      for (const m of demo.mentors) {
        const input = mentorInput(m);
        const id = await userId(m.local, m.name, 'mentor');
        await profilesRepository.saveMentor(
          em,
          tenant.id,
          id,
          input,
          deriveMentor(tenant.config, m.name, input),
        );
      }
      for (const f of demo.founders) {
        const input = founderInput(f);
        const id = await userId(f.local, f.name, 'entrepreneur');
        await profilesRepository.saveEntrepreneur(
          em,
          tenant.id,
          id,
          input,
          deriveEntrepreneur(tenant.config, f.name, input),
        );
      }
      const second = demo.founders[1];
      if (second) {
        await seedAssessmentHistory(
          em,
          tenant.id,
          tenant.config,
          await userId(second.local, second.name, 'entrepreneur'),
        );
      }
      return demo.mentors.length + demo.founders.length;
    });
  }
  if (created > 0) logger.info({ created }, 'demo profiles created');
  return created;
}

/**
 * Two completed self-assessments two months apart for the second founder, so
 * the results page shows progress over time right away.
 */
async function seedAssessmentHistory(
  em: EntityManager,
  tenantId: string,
  config: TenantConfig,
  userId: string,
): Promise<void> {
  const q = questionnaireFor(config.programme);
  const questions = q.areas.flatMap((a, ai) => a.questions.map((x, qi) => ({ id: x.id, ai, qi })));
  // A business weak at money and marketing at first, better at both later.
  const earlier = Object.fromEntries(
    questions.map((x) => [x.id, x.ai < 2 ? 1 + (x.qi % 2) : 3 + (x.qi % 3 === 0 ? 1 : 0)]),
  );
  const later = Object.fromEntries(
    questions.map((x) => [x.id, Math.min(5, earlier[x.id] + (x.ai < 2 ? 2 : 0))]),
  );
  for (const [answers, daysAgo] of [
    [earlier, 60],
    [later, 5],
  ] as const) {
    const scores = scoreAreas(q, answers);
    const needs = proposeNeeds(q, answers, scores);
    await em.query(
      `INSERT INTO assessments (tenant_id, user_id, questionnaire_digest, answers, scores, proposed_needs,
                                status, started_at, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'completed', now() - make_interval(days => $7),
               now() - make_interval(days => $7))`,
      [
        tenantId,
        userId,
        questionnaireDigest(q),
        JSON.stringify(answers),
        JSON.stringify(scores),
        [...needs.top, ...needs.more],
        daysAgo,
      ],
    );
  }
}
