import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FieldErrors } from '../common/http/form';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import {
  emptyEntrepreneurProfile,
  type EntrepreneurProfile,
  type EntrepreneurProfileInput,
  type MentorProfile,
} from './profile';
import {
  checkEntrepreneurForm,
  checkMentorForm,
  deriveEntrepreneur,
  deriveMentor,
} from './profile-input';
import type { EntrepreneurProfileForm, MentorProfileForm } from './profiles.forms';
import { profilesRepository } from './profiles.repository';
import { TenantTaxonomy } from './taxonomy';
import type { LocaleCode } from '../branding/theme-contract';

/** A member as another member of the same tenant may see them. */
export interface Person {
  id: string;
  name: string;
  roles: string[];
  country: string;
  locale: string;
  mentor: MentorProfile | null;
  entrepreneur: EntrepreneurProfile | null;
  avatarDigest: string | null;
}

export const AVATAR_MAX_BYTES = 512 * 1024;
const AVATAR_TYPES: [string, (b: Buffer) => boolean][] = [
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  [
    'image/webp',
    (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' &&
      b.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
];

/** The type of an uploaded picture by its first bytes (never by its name or declared type), or null. */
export function avatarType(bytes: Buffer): string | null {
  return AVATAR_TYPES.find(([, is]) => is(bytes))?.[0] ?? null;
}

export function taxonomyFor(tenant: ResolvedTenant, locale: LocaleCode): TenantTaxonomy {
  return new TenantTaxonomy(tenant.config.programme.taxonomy, locale);
}

function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

@Injectable()
export class ProfilesService {
  constructor(@Inject(TenantTx) private readonly tx: TenantTx) {}

  mentor(userId: string): Promise<MentorProfile | null> {
    return this.tx.run((em) => profilesRepository.mentor(em, userId));
  }

  entrepreneur(userId: string): Promise<EntrepreneurProfile | null> {
    return this.tx.run((em) => profilesRepository.entrepreneur(em, userId));
  }

  async saveMentor(
    tenant: ResolvedTenant,
    user: { id: string; name: string },
    form: MentorProfileForm,
    locale: LocaleCode,
  ): Promise<FieldErrors> {
    const { value, errors } = checkMentorForm(form, tenant, taxonomyFor(tenant, locale), today());
    if (Object.keys(errors).length > 0) return errors;
    await this.tx.run((em) =>
      profilesRepository.saveMentor(
        em,
        tenant.id,
        user.id,
        value,
        deriveMentor(tenant.config, user.name, value),
      ),
    );
    return {};
  }

  async saveEntrepreneur(
    tenant: ResolvedTenant,
    user: { id: string; name: string },
    form: EntrepreneurProfileForm,
    locale: LocaleCode,
  ): Promise<FieldErrors> {
    const { value, errors } = checkEntrepreneurForm(
      form,
      taxonomyFor(tenant, locale),
      new Date().getUTCFullYear(),
    );
    if (Object.keys(errors).length > 0) return errors;
    await this.writeEntrepreneur(tenant, user, value);
    return {};
  }

  /** The needs the person confirmed after the self-assessment; the rest of the profile stays. */
  async setNeeds(
    tenant: ResolvedTenant,
    user: { id: string; name: string; locale: string },
    needsTop: string[],
    needsMore: string[],
  ): Promise<void> {
    const current = await this.entrepreneur(user.id);
    const base: EntrepreneurProfileInput = current ?? emptyEntrepreneurProfile(user.locale);
    await this.writeEntrepreneur(tenant, user, { ...base, needsTop, needsMore });
  }

  private writeEntrepreneur(
    tenant: ResolvedTenant,
    user: { id: string; name: string },
    value: EntrepreneurProfileInput,
  ): Promise<void> {
    return this.tx.run((em) =>
      profilesRepository.saveEntrepreneur(
        em,
        tenant.id,
        user.id,
        value,
        deriveEntrepreneur(tenant.config, user.name, value),
      ),
    );
  }

  /**
   * An active member of this tenant with their profiles; null for anyone else
   * (RLS hides other tenants). `self`: the signed-in person's own, also while
   * waiting for approval.
   */
  person(id: string, self = false): Promise<Person | null> {
    const statuses = self ? ['active', 'pending_approval'] : ['active'];
    return this.tx.run(async (em) => {
      const rows = (await em.query(
        `SELECT id, name, roles, country, locale FROM users
          WHERE id = $1 AND status = ANY ($2::text[]) AND deleted_at IS NULL`,
        [id, statuses],
      )) as Omit<Person, 'mentor' | 'entrepreneur' | 'avatarDigest'>[];
      const user = rows[0];
      if (!user) return null;
      const [mentor, entrepreneur, avatars] = [
        user.roles.includes('mentor') ? await profilesRepository.mentor(em, id) : null,
        user.roles.includes('entrepreneur') ? await profilesRepository.entrepreneur(em, id) : null,
        await profilesRepository.avatarDigest(em, [id]),
      ];
      return { ...user, mentor, entrepreneur, avatarDigest: avatars.get(id) ?? null };
    });
  }

  avatarDigests(ids: readonly string[]): Promise<Map<string, string>> {
    return this.tx.run((em) => profilesRepository.avatarDigest(em, ids));
  }

  avatar(userId: string) {
    return this.tx.run((em) => profilesRepository.avatar(em, userId));
  }

  /** Stores a checked picture; null when it is not a PNG, JPEG or WebP within the size limit. */
  async saveAvatar(
    tenant: ResolvedTenant,
    userId: string,
    bytes: Buffer,
  ): Promise<'ok' | 'type' | 'size'> {
    if (bytes.length > AVATAR_MAX_BYTES) return 'size';
    const contentType = avatarType(bytes);
    if (!contentType) return 'type';
    const digest = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
    await this.tx.run((em) =>
      profilesRepository.saveAvatar(em, tenant.id, userId, { contentType, bytes, digest }),
    );
    return 'ok';
  }

  deleteAvatar(userId: string): Promise<void> {
    return this.tx.run((em) => profilesRepository.deleteAvatar(em, userId));
  }
}
