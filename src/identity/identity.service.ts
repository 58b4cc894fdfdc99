import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LocaleCode } from '../branding/theme-contract';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import { enqueueMail } from '../infrastructure/mail/mail-outbox';
import { TenantMailTx } from '../infrastructure/mail/tenant-mail-tx';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { eligibilityRefusal, initialStatus, type EligibilityRefusal } from './eligibility';
import { hashPassword, spendVerificationTime, verifyPassword } from './passwords';
import { hashToken, newToken } from './tokens';
import type { Role, User } from './user';
import { tokensRepository, usersRepository } from './users.repository';

const LINKS = {
  verify_email: { ttlMs: 48 * 3600_000, path: '/verify-email', template: 'verify-email' },
  reset_password: { ttlMs: 3600_000, path: '/reset-password', template: 'password-reset' },
} as const;

export interface SignupInput {
  name: string;
  email: string;
  password: string;
  locale: LocaleCode;
  country: string;
  roles: Role[];
}

export type SignupResult = { kind: 'refused'; reason: EligibilityRefusal } | { kind: 'accepted' };

export type LoginResult =
  { kind: 'ok'; user: User } | { kind: 'invalid' } | { kind: 'unverified' } | { kind: 'suspended' };

/**
 * Accounts of the current request's tenant. Every answer that could reveal
 * whether an email is registered is the same for registered, unregistered and
 * registered-elsewhere addresses, and costs about the same time.
 */
@Injectable()
export class IdentityService {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(TenantMailTx) private readonly mailTx: TenantMailTx,
  ) {}

  private link(tenant: ResolvedTenant, path: string, token: string): string {
    return `${tenant.canonicalOrigin}${path}?token=${encodeURIComponent(token)}`;
  }

  /** A fresh single-use link (older unused ones of the kind stop working), mailed to the account. */
  private async sendLink(
    em: EntityManager,
    tenant: ResolvedTenant,
    user: { id: string; email: string; name: string; locale: string },
    kind: 'verify_email' | 'reset_password',
  ): Promise<void> {
    const { token, hash } = newToken();
    const link = LINKS[kind];
    await tokensRepository.create(em, tenant.id, user.id, kind, hash, link.ttlMs);
    await enqueueMail(em, tenant.id, {
      to: user.email,
      locale: user.locale as LocaleCode,
      template: link.template,
      data: { name: user.name, link: this.link(tenant, link.path, token) },
    });
  }

  async signup(tenant: ResolvedTenant, input: SignupInput): Promise<SignupResult> {
    const refusal = eligibilityRefusal(tenant.config.programme, input.roles, input.email);
    if (refusal) return { kind: 'refused', reason: refusal };
    const passwordHash = await hashPassword(input.password);
    await this.mailTx.run(async (em) => {
      const existing = await usersRepository.findByEmail(em, input.email);
      if (existing) {
        // Same page for the visitor; the owner of the address hears about it.
        await this.sendLink(em, tenant, existing, 'reset_password');
        return;
      }
      const id = await usersRepository.insert(em, tenant.id, {
        email: input.email,
        passwordHash,
        name: input.name,
        locale: input.locale,
        country: input.country,
        roles: input.roles,
        status: initialStatus(tenant.config.programme, input.roles),
      });
      await this.sendLink(
        em,
        tenant,
        { id, email: input.email, name: input.name, locale: input.locale },
        'verify_email',
      );
    });
    return { kind: 'accepted' };
  }

  async authenticate(email: string, password: string): Promise<LoginResult> {
    const user = await this.tx.run((em) => usersRepository.findByEmail(em, email));
    if (!user) {
      await spendVerificationTime(password);
      return { kind: 'invalid' };
    }
    if (!(await verifyPassword(user.passwordHash, password))) return { kind: 'invalid' };
    // Only the account's owner (right password) learns these.
    if (!user.emailVerified) return { kind: 'unverified' };
    if (user.status === 'suspended' || user.status === 'declined') return { kind: 'suspended' };
    return { kind: 'ok', user: withoutHash(user) };
  }

  async findUser(id: string): Promise<User | null> {
    const user = await this.tx.run((em) => usersRepository.findById(em, id));
    return user ? withoutHash(user) : null;
  }

  async verifyEmail(token: string): Promise<boolean> {
    return this.tx.run(async (em) => {
      const userId = await tokensRepository.consume(em, 'verify_email', hashToken(token));
      if (!userId) return false;
      await usersRepository.markVerified(em, userId);
      return true;
    });
  }

  /** Sends a fresh verification link if the address belongs to an unverified account. */
  async resendVerification(tenant: ResolvedTenant, email: string): Promise<void> {
    await this.mailTx.run(async (em) => {
      const user = await usersRepository.findByEmail(em, email);
      if (!user || user.emailVerified) return;
      await this.sendLink(em, tenant, user, 'verify_email');
    });
  }

  async requestPasswordReset(tenant: ResolvedTenant, email: string): Promise<void> {
    await this.mailTx.run(async (em) => {
      const user = await usersRepository.findByEmail(em, email);
      if (!user) return;
      await this.sendLink(em, tenant, user, 'reset_password');
    });
  }

  async resetTokenUsable(token: string): Promise<boolean> {
    return this.tx.run((em) => tokensRepository.isUsable(em, 'reset_password', hashToken(token)));
  }

  /** Sets the new password, proves the address (the link was mailed there) and ends every session. */
  async resetPassword(token: string, password: string): Promise<boolean> {
    const passwordHash = await hashPassword(password);
    return this.tx.run(async (em) => {
      const userId = await tokensRepository.consume(em, 'reset_password', hashToken(token));
      if (!userId) return false;
      await usersRepository.setPassword(em, userId, passwordHash);
      await usersRepository.markVerified(em, userId);
      await usersRepository.endSessions(em, userId);
      return true;
    });
  }

  async updateProfile(userId: string, profile: { name: string; locale: string }): Promise<void> {
    await this.tx.run((em) => usersRepository.updateProfile(em, userId, profile));
  }
}

function withoutHash(user: User & { passwordHash: string }): User {
  const { passwordHash: _hash, ...rest } = user;
  void _hash;
  return rest;
}
