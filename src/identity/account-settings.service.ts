import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LocaleCode } from '../branding/theme-contract';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import { enqueueMail } from '../infrastructure/mail/mail-outbox';
import { MailWorker } from '../infrastructure/mail/mail-worker';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { accountSettingsRepository, type PersonalData } from './account-settings.repository';
import { hashPassword, verifyPassword } from './passwords';
import { hashToken, newToken } from './tokens';
import type { User } from './user';
import { usersRepository } from './users.repository';

const EMAIL_CHANGE_HOURS = 24;
// Not an argon2 hash: verifyPassword can never match it, whatever is typed.
const ERASED_PASSWORD_HASH = '!erased';

export type EmailChangeResult = 'changed' | 'invalid' | 'taken';

/** Shows the old address where the change went without spelling out the new one in full. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  return `${local.slice(0, 1)}…@${email.slice(at + 1)}`;
}

/**
 * The signed-in member's own settings: password, email address, their data,
 * deleting the account. Every change is re-authenticated with the current
 * password; ids always come from the session, never from the form.
 */
@Injectable()
export class AccountSettingsService {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(MailWorker) private readonly mailWorker: MailWorker,
  ) {}

  /** Runs a transaction that may enqueue mail, then asks for delivery once it has committed. */
  private async withMail<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.tx.run(fn);
    this.mailWorker.kick();
    return result;
  }

  async passwordMatches(userId: string, password: string): Promise<boolean> {
    const hash = await this.tx.run((em) => accountSettingsRepository.passwordHash(em, userId));
    return hash !== null && verifyPassword(hash, password);
  }

  /** New hash; every other session of the account ends, the one making the change stays. */
  async changePassword(userId: string, newPassword: string, keepSid: string): Promise<void> {
    const passwordHash = await hashPassword(newPassword);
    await this.tx.run(async (em) => {
      await usersRepository.setPassword(em, userId, passwordHash);
      await usersRepository.endSessions(em, userId, keepSid);
    });
  }

  /**
   * Mails a confirmation link to the new address and a notice to the current
   * one. An address another account of this programme uses gets nothing, and
   * the caller answers exactly as if it had (no enumeration).
   */
  async requestEmailChange(tenant: ResolvedTenant, user: User, newEmail: string): Promise<void> {
    await this.withMail(async (em) => {
      if (await accountSettingsRepository.emailTaken(em, user.id, newEmail)) return;
      const { token, hash } = newToken();
      await accountSettingsRepository.createEmailChange(
        em,
        tenant.id,
        user.id,
        newEmail,
        hash,
        EMAIL_CHANGE_HOURS * 3600_000,
      );
      const locale = user.locale as LocaleCode;
      await enqueueMail(em, tenant.id, {
        to: newEmail,
        locale,
        template: 'email-change-confirm',
        data: {
          name: user.name,
          link: `${tenant.canonicalOrigin}/account/email/confirm?token=${encodeURIComponent(token)}`,
          expiresInHours: EMAIL_CHANGE_HOURS,
        },
      });
      await enqueueMail(em, tenant.id, {
        to: user.email,
        locale,
        template: 'email-change-notice',
        data: {
          name: user.name,
          newEmail: maskEmail(newEmail),
          link: `${tenant.canonicalOrigin}/account`,
        },
      });
    });
  }

  /** Applies a confirmed change of the signed-in person's address and ends their other sessions. */
  async confirmEmailChange(
    userId: string,
    token: string,
    keepSid: string,
  ): Promise<EmailChangeResult> {
    return this.tx.run(async (em) => {
      const email = await accountSettingsRepository.consumeEmailChange(
        em,
        userId,
        hashToken(token),
      );
      if (!email) return 'invalid';
      if (!(await accountSettingsRepository.applyEmail(em, userId, email))) return 'taken';
      await usersRepository.endSessions(em, userId, keepSid);
      return 'changed';
    });
  }

  async personalData(userId: string): Promise<PersonalData | null> {
    return this.tx.run((em) => accountSettingsRepository.personalData(em, userId));
  }

  /** In one transaction: sessions, links and unsent mail removed, the row left without identity. */
  async deleteAccount(userId: string): Promise<void> {
    await this.tx.run((em) => accountSettingsRepository.erase(em, userId, ERASED_PASSWORD_HASH));
  }
}
