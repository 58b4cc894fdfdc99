import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import { hashPassword } from '../../src/identity/passwords';
import type { Role } from '../../src/identity/user';
import { usersRepository } from '../../src/identity/users.repository';
import {
  emptyEntrepreneurProfile,
  emptyMentorProfile,
  type EntrepreneurProfileInput,
  type MentorProfileInput,
} from '../../src/profiles/profile';
import { deriveEntrepreneur, deriveMentor } from '../../src/profiles/profile-input';
import { profilesRepository } from '../../src/profiles/profiles.repository';
import type { TenantConfig } from '../../src/tenancy/config/tenant-config.schema';
import type { TestApp } from './test-app';
import { Visitor } from './visitor';

export const PASSWORD = 'a long enough passphrase';
let hash: Promise<string> | undefined;

/** The tenant's id and current config, read as the owner. */
export async function tenantInfo(
  t: TestApp,
  slug: string,
): Promise<{ id: string; config: TenantConfig }> {
  const [row] = await t.db.ownerQuery<{ id: string; config: TenantConfig }>(
    `SELECT t.id, v.config FROM tenants t
       JOIN tenant_config_versions v ON v.tenant_id = t.id AND v.version = t.config_version
      WHERE t.slug = $1`,
    [slug],
  );
  if (!row) throw new Error(`no tenant ${slug}`);
  return row;
}

/** An active, verified member inserted directly, as the tenant's own transaction would. */
export async function addMember(
  t: TestApp,
  tenantId: string,
  m: { email: string; roles: Role[]; name?: string; locale?: string; country?: string },
): Promise<string> {
  hash ??= hashPassword(PASSWORD);
  const passwordHash = await hash;
  return runInTenant(t.db.database, tenantId, (em) =>
    usersRepository.insert(em, tenantId, {
      email: m.email,
      passwordHash,
      name: m.name ?? m.email.split('@')[0],
      locale: m.locale ?? 'en',
      country: m.country ?? 'MX',
      roles: m.roles,
      status: 'active',
      verified: true,
    }),
  );
}

export const mentorDefaults = (): MentorProfileInput => ({
  ...emptyMentorProfile(2, 'en'),
  headline: 'Mentor',
  yearsExperience: 10,
});

export const entrepreneurDefaults = (): EntrepreneurProfileInput => ({
  ...emptyEntrepreneurProfile('en'),
  businessName: 'Business',
});

/** A mentor with a profile; returns the user id. */
export async function addMentor(
  t: TestApp,
  tenant: { id: string; config: TenantConfig },
  email: string,
  profile: Partial<MentorProfileInput> & { name?: string; locale?: string },
): Promise<string> {
  const { name = email.split('@')[0], locale, ...fields } = profile;
  const id = await addMember(t, tenant.id, { email, roles: ['mentor'], name, locale });
  await saveMentorProfile(t, tenant, id, name, fields);
  return id;
}

/** Saves a mentor's whole profile (the defaults, overridden by `fields`), as the profile form does. */
export async function saveMentorProfile(
  t: TestApp,
  tenant: { id: string; config: TenantConfig },
  id: string,
  name: string,
  fields: Partial<MentorProfileInput>,
): Promise<void> {
  const input = { ...mentorDefaults(), ...fields };
  await runInTenant(t.db.database, tenant.id, (em) =>
    profilesRepository.saveMentor(
      em,
      tenant.id,
      id,
      input,
      deriveMentor(tenant.config, name, input),
    ),
  );
}

/** An entrepreneur with a profile; returns the user id. */
export async function addEntrepreneur(
  t: TestApp,
  tenant: { id: string; config: TenantConfig },
  email: string,
  profile: Partial<EntrepreneurProfileInput> & { name?: string; locale?: string },
): Promise<string> {
  const { name = email.split('@')[0], locale, ...fields } = profile;
  const id = await addMember(t, tenant.id, { email, roles: ['entrepreneur'], name, locale });
  const input = { ...entrepreneurDefaults(), ...fields };
  await runInTenant(t.db.database, tenant.id, (em) =>
    profilesRepository.saveEntrepreneur(
      em,
      tenant.id,
      id,
      input,
      deriveEntrepreneur(tenant.config, name, input),
    ),
  );
  return id;
}

/** A visitor signed in as `email` on `host`. */
export async function loggedIn(t: TestApp, host: string, email: string): Promise<Visitor> {
  const v = new Visitor(t, host);
  const res = await v.submit('/login', { email, password: PASSWORD });
  if (res.status !== 303) throw new Error(`login ${email} on ${host}: ${res.status}`);
  return v;
}

/**
 * `count` listed mentors inserted in SQL at once (thousands in a second), each
 * with `words` as its searchable headline words, `extra` added for the first
 * `extra.first` of them, and `languages` spoken. Their emails start with
 * `prefix`.
 */
export function addMentorsInSql(
  t: TestApp,
  tenant: { id: string; slug: string },
  count: number,
  o: {
    prefix: string;
    words: string;
    languages?: string[];
    extra?: { first: number; words: string };
  },
): Promise<unknown> {
  return t.db.ownerQuery(
    `WITH u AS (
       INSERT INTO users (tenant_id, email, email_verified_at, password_hash, name, locale,
                          country, roles, status, terms_accepted_at)
       SELECT $1, $4 || i || '@' || $2 || '.example', now(), 'x', 'Mentor ' || i, 'en', 'MX',
              ARRAY['mentor'], 'active', now()
         FROM generate_series(1, $3::int) i
       RETURNING id, name)
     INSERT INTO mentor_profiles (tenant_id, user_id, headline, languages, capacity,
                                  search_primary, search_secondary)
     SELECT $1, u.id, $5 || ' ' || u.name, $6::text[], 2,
            $5 || CASE WHEN row_number() OVER (ORDER BY u.name) <= $7 THEN ' ' || $8 ELSE '' END,
            ''
       FROM u`,
    [
      tenant.id,
      tenant.slug,
      count,
      o.prefix,
      o.words,
      o.languages ?? ['en'],
      o.extra?.first ?? 0,
      o.extra?.words ?? '',
    ],
  );
}
