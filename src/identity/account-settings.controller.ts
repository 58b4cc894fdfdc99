import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import { parseForm, type FieldErrors } from '../common/http/form';
import { requestPath } from '../common/http/request-path';
import { RateLimiter } from '../common/rate-limiter';
import { requireTenant, type AppCls } from '../common/request-context';
import { AccountDeletionForm, EmailChangeForm, PasswordChangeForm } from './account-settings.forms';
import { AccountSettingsService } from './account-settings.service';
import { TokenForm } from './identity.forms';
import { IdentityService } from './identity.service';
import { passwordProblem } from './passwords';
import { sessionCookieName } from './session';
import type { User } from './user';

const MINUTE = 60;

const PASSWORD_MESSAGES = {
  too_short: 'form.error.passwordTooShort',
  too_long: 'form.error.passwordTooLong',
  too_common: 'form.error.passwordTooCommon',
} as const;

const WRONG_PASSWORD = 'accountSettings.error.wrongPassword';

type Flash = { flash?: string };

/**
 * The signed-in member's settings: password, email address, a copy of their
 * data, deleting the account. Anonymous visitors are sent to log in and
 * brought back; every change asks for the current password again.
 */
@Controller('account')
export class AccountSettingsController {
  constructor(
    @Inject(AccountSettingsService) private readonly settings: AccountSettingsService,
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private async currentUser(req: Request, res: Response, next = requestPath(req)) {
    requireTenant(this.cls);
    const viewer = this.cls.get('viewer');
    const user = viewer ? await this.identity.findUser(viewer.id) : null;
    if (!user) res.redirect(303, `/login?next=${encodeURIComponent(next)}`);
    return user;
  }

  /** The current password, with failed attempts limited per account like logins. */
  private async reauthenticated(user: User, password: string): Promise<boolean> {
    const tenant = requireTenant(this.cls);
    const limits = [
      { key: `${tenant.id}:reauth:${user.id}`, limit: 10, windowSeconds: 15 * MINUTE },
    ];
    await this.limiter.check(limits);
    if (await this.settings.passwordMatches(user.id, password)) return true;
    await this.limiter.consume(limits).catch(() => undefined);
    return false;
  }

  private form(
    req: Request,
    res: Response,
    page: 'account-password' | 'account-email' | 'account-delete',
    values: Record<string, unknown>,
    errors: FieldErrors = {},
    status = 200,
  ): void {
    this.pages.send(
      req,
      res,
      page,
      {
        form: {
          values,
          errors,
          errorList: Object.entries(errors).map(([field, message]) => ({ field, message })),
          domains: '',
        },
      },
      status,
    );
  }

  @Get('password')
  async passwordPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.currentUser(req, res))) return;
    this.form(req, res, 'account-password', {});
  }

  @Post('password')
  async changePassword(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: unknown,
  ): Promise<void> {
    const user = await this.currentUser(req, res);
    if (!user) return;
    const { value, errors } = parseForm(PasswordChangeForm, body);
    if (!errors.newPassword) {
      const problem = passwordProblem(value.newPassword ?? '');
      if (problem) errors.newPassword = PASSWORD_MESSAGES[problem];
    }
    if (Object.keys(errors).length > 0) {
      return this.form(req, res, 'account-password', {}, errors, 422);
    }
    if (!(await this.reauthenticated(user, value.currentPassword))) {
      return this.form(req, res, 'account-password', {}, { currentPassword: WRONG_PASSWORD }, 422);
    }
    await this.settings.changePassword(user.id, value.newPassword, req.sessionID);
    (req.session as unknown as Flash).flash = 'accountPassword.saved';
    res.redirect(303, '/account');
  }

  @Get('email')
  async emailPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.currentUser(req, res))) return;
    this.form(req, res, 'account-email', { newEmail: '' });
  }

  @Post('email')
  async changeEmail(@Req() req: Request, @Res() res: Response, @Body() body: unknown) {
    const user = await this.currentUser(req, res);
    if (!user) return;
    const tenant = requireTenant(this.cls);
    const { value, errors } = parseForm(EmailChangeForm, body);
    const values = { newEmail: value.newEmail ?? '' };
    if (!errors.newEmail && value.newEmail.toLowerCase() === user.email.toLowerCase()) {
      errors.newEmail = 'accountEmail.error.unchanged';
    }
    if (Object.keys(errors).length > 0) {
      return this.form(req, res, 'account-email', values, errors, 422);
    }
    if (!(await this.reauthenticated(user, value.currentPassword))) {
      return this.form(req, res, 'account-email', values, { currentPassword: WRONG_PASSWORD }, 422);
    }
    await this.settings.requestEmailChange(tenant, user, value.newEmail);
    // The same page whether or not another account uses the address.
    this.pages.notice(req, res, {
      titleKey: 'accountEmail.sent.title',
      bodyKey: 'accountEmail.sent.body',
      linkHref: '/account',
      linkKey: 'nav.account',
    });
  }

  @Get('email/confirm')
  async confirmEmailPage(
    @Req() req: Request,
    @Res() res: Response,
    @Query('token') token?: string,
  ): Promise<void> {
    // Back to this very link (with its token) after logging in.
    if (!(await this.currentUser(req, res, req.originalUrl))) return;
    // A button, not an automatic action: mail scanners that open links must not use up the token.
    this.pages.send(req, res, 'account-email', {
      confirm: { token: typeof token === 'string' ? token : '' },
    });
  }

  @Post('email/confirm')
  async confirmEmail(@Req() req: Request, @Res() res: Response, @Body() body: unknown) {
    const user = await this.currentUser(req, res);
    if (!user) return;
    const { value, errors } = parseForm(TokenForm, body);
    const result =
      Object.keys(errors).length === 0
        ? await this.settings.confirmEmailChange(user.id, value.token, req.sessionID)
        : 'invalid';
    switch (result) {
      case 'changed':
        (req.session as unknown as Flash).flash = 'accountEmail.changed';
        return res.redirect(303, '/account');
      case 'taken':
        return this.pages.notice(
          req,
          res,
          {
            titleKey: 'accountEmail.taken.title',
            bodyKey: 'accountEmail.taken.body',
            linkHref: '/account/email',
            linkKey: 'accountEmail.taken.action',
          },
          409,
        );
      case 'invalid':
        return this.pages.notice(
          req,
          res,
          {
            titleKey: 'link.invalid.title',
            bodyKey: 'link.invalid.body',
            linkHref: '/account/email',
            linkKey: 'link.invalid.action',
          },
          400,
        );
    }
  }

  @Get('data.json')
  async download(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.currentUser(req, res);
    if (!user) return;
    const tenant = requireTenant(this.cls);
    const data = await this.settings.personalData(user.id);
    res
      .status(200)
      .set({
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': 'attachment; filename="guidepost-my-data.json"',
        'Cache-Control': 'no-store',
      })
      .send(
        JSON.stringify(
          { programme: tenant.name, exportedAt: new Date().toISOString(), ...data },
          null,
          2,
        ),
      );
  }

  @Get('delete')
  async deletePage(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.currentUser(req, res))) return;
    this.form(req, res, 'account-delete', { confirm: false });
  }

  @Post('delete')
  async delete(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const user = await this.currentUser(req, res);
    if (!user) return;
    const { value, errors } = parseForm(AccountDeletionForm, body);
    const values = { confirm: value.confirm === 'on' };
    if (Object.keys(errors).length > 0) {
      return this.form(req, res, 'account-delete', values, errors, 422);
    }
    if (!(await this.reauthenticated(user, value.currentPassword))) {
      return this.form(
        req,
        res,
        'account-delete',
        values,
        { currentPassword: WRONG_PASSWORD },
        422,
      );
    }
    await this.settings.deleteAccount(user.id);
    await new Promise<void>((resolve) => req.logout({ keepSessionInfo: false }, () => resolve()));
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(sessionCookieName(req.secure), { path: '/' });
    this.cls.set('viewer', null);
    this.pages.notice(req, res, {
      titleKey: 'accountDelete.done.title',
      bodyKey: 'accountDelete.done.body',
      linkHref: '/',
      linkKey: 'accountDelete.done.action',
    });
  }
}
