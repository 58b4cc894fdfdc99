import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LANGUAGE_NAMES } from '../branding/i18n/locales';
import { SitePages } from '../branding/site-pages.service';
import type { LocaleCode } from '../branding/theme-contract';
import { parseForm, type FieldErrors } from '../common/http/form';
import { RateLimiter } from '../common/rate-limiter';
import { requireTenant } from '../common/request-context';
import { ClsService } from 'nestjs-cls';
import type { AppCls } from '../common/request-context';
import { rememberLanguage } from '../tenancy/resolution/tenant-resolution.middleware';
import { countryOptions } from './countries';
import {
  checkNewMember,
  EmailForm,
  LoginForm,
  ResetPasswordForm,
  SignupForm,
  TokenForm,
} from './identity.forms';
import { IdentityService } from './identity.service';
import { passwordError } from './passwords';
import { safeNext } from './safe-next';
import { sessionCookieName } from './session';
import type { Role, User } from './user';

const MINUTE = 60;
const HOUR = 3600;

function errorList(errors: FieldErrors, extra: string[] = []) {
  return [
    ...extra.map((message) => ({ field: null, message })),
    ...Object.entries(errors).map(([field, message]) => ({ field, message })),
  ];
}

/**
 * Joining and signing in on a tenant's site. Every answer about an email
 * address (signup, login, reset, resend) is the same whether the address is
 * registered here, elsewhere, or nowhere.
 */
@Controller()
export class AuthController {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private ip(req: Request): string {
    return req.ip ?? 'unknown';
  }

  private languageOptions(selected: string) {
    const tenant = requireTenant(this.cls);
    return tenant.config.locale.supported.map((code) => ({
      code,
      name: LANGUAGE_NAMES[code],
      selected: code === selected,
    }));
  }

  private signupForm(
    req: Request,
    res: Response,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
    extra: string[] = [],
    status = 200,
  ) {
    const tenant = requireTenant(this.cls);
    const locale = (values.locale as string) ?? this.cls.get('locale');
    this.pages.send(
      req,
      res,
      'signup',
      {
        form: {
          values: {
            name: '',
            email: '',
            asEntrepreneur: false,
            asMentor: false,
            acceptTerms: false,
            confirmAge: false,
            ...values,
          },
          errors,
          errorList: errorList(errors, extra),
          domains: tenant.config.programme.mentorEligibility.allowedEmailDomains
            .map((d) => `@${d}`)
            .join(', '),
          languages: this.languageOptions(locale),
          countries: countryOptions(this.cls.get('locale') ?? 'en').map((c) => ({
            ...c,
            selected: c.code === values.country,
          })),
        },
      },
      status,
    );
  }

  @Get('signup')
  signupPage(@Req() req: Request, @Res() res: Response, @Query('as') as?: string): void {
    requireTenant(this.cls);
    if (this.cls.get('viewer')) return res.redirect(303, '/account');
    this.signupForm(req, res, {
      asEntrepreneur: as !== 'mentor',
      asMentor: as === 'mentor',
      locale: this.cls.get('locale'),
    });
  }

  @Post('signup')
  async signup(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const tenant = requireTenant(this.cls);
    const { value, errors } = parseForm(SignupForm, body);
    const roles: Role[] = [
      ...(value.asEntrepreneur ? (['entrepreneur'] as const) : []),
      ...(value.asMentor ? (['mentor'] as const) : []),
    ];
    const extra: string[] = [];
    if (roles.length === 0) extra.push('signup.error.noRole');
    checkNewMember(value, errors, tenant);
    const values = {
      ...value,
      password: undefined,
      asEntrepreneur: !!value.asEntrepreneur,
      asMentor: !!value.asMentor,
      acceptTerms: !!value.acceptTerms,
      confirmAge: !!value.confirmAge,
    };
    if (Object.keys(errors).length > 0 || extra.length > 0) {
      return this.signupForm(req, res, values, errors, extra, 422);
    }
    await this.limiter.consume([
      { key: `${tenant.id}:signup:ip:${this.ip(req)}`, limit: 30, windowSeconds: HOUR },
    ]);
    const result = await this.identity.signup(tenant, {
      name: value.name,
      email: value.email,
      password: value.password,
      locale: value.locale as LocaleCode,
      country: value.country,
      roles,
    });
    if (result.kind === 'refused') {
      return this.signupForm(req, res, values, {}, [`signup.refused.${result.reason}`], 422);
    }
    this.pages.notice(req, res, { titleKey: 'signup.sent.title', bodyKey: 'signup.sent.body' });
  }

  @Get('login')
  loginPage(@Req() req: Request, @Res() res: Response, @Query('next') next?: string): void {
    requireTenant(this.cls);
    if (this.cls.get('viewer')) return res.redirect(303, safeNext(next));
    this.loginForm(req, res, { email: '' }, safeNext(next));
  }

  private loginForm(
    req: Request,
    res: Response,
    values: { email: string },
    next: string,
    opts: { error?: string; unverified?: boolean; notice?: string } = {},
    status = 200,
  ) {
    this.pages.send(
      req,
      res,
      'login',
      {
        form: {
          values,
          next,
          errors: {},
          errorList: opts.error ? [{ field: null, message: opts.error }] : [],
          domains: '',
          unverified: opts.unverified ?? false,
          notice: opts.notice ?? null,
        },
      },
      status,
    );
  }

  @Post('login')
  async login(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const tenant = requireTenant(this.cls);
    const { value, errors } = parseForm(LoginForm, body);
    const next = safeNext(value.next);
    if (Object.keys(errors).length > 0) {
      return this.loginForm(
        req,
        res,
        { email: value.email ?? '' },
        next,
        { error: 'login.error.invalid' },
        422,
      );
    }
    const email = value.email.toLowerCase();
    // Failed attempts count, per account in this tenant and per address; windows expire.
    const limits = [
      { key: `${tenant.id}:login:acct:${email}`, limit: 10, windowSeconds: 15 * MINUTE },
      { key: `login:ip:${this.ip(req)}`, limit: 100, windowSeconds: 15 * MINUTE },
    ];
    await this.limiter.check(limits);
    const result = await this.identity.authenticate(email, value.password);
    if (result.kind === 'invalid') await this.limiter.consume(limits).catch(() => undefined);
    switch (result.kind) {
      case 'invalid':
        return this.loginForm(
          req,
          res,
          { email: value.email },
          next,
          { error: 'login.error.invalid' },
          422,
        );
      case 'unverified':
        return this.loginForm(
          req,
          res,
          { email: value.email },
          next,
          { error: 'login.error.unverified', unverified: true },
          422,
        );
      case 'suspended':
        return this.loginForm(
          req,
          res,
          { email: value.email },
          next,
          { error: 'login.error.suspended' },
          403,
        );
      case 'ok':
        await this.establishSession(req, res, result.user);
        res.redirect(303, next);
    }
  }

  /** A fresh session id (no fixation), bound to this tenant by the store, remembered language. */
  private async establishSession(req: Request, res: Response, user: User): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      req.logIn(user, (err) => (err ? reject(err) : resolve())),
    );
    (req.session as unknown as { startedAt?: number }).startedAt = Date.now();
    rememberLanguage(req, res, user.locale);
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await new Promise<void>((resolve) => req.logout({ keepSessionInfo: false }, () => resolve()));
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(sessionCookieName(req.secure), { path: '/' });
    res.redirect(303, '/');
  }

  @Get('verify-email')
  verifyPage(@Req() req: Request, @Res() res: Response, @Query('token') token?: string): void {
    requireTenant(this.cls);
    // A button, not an automatic action: mail scanners that open links must not use up the token.
    this.pages.send(req, res, 'verify-email', {
      form: { token: typeof token === 'string' ? token : '' },
    });
  }

  @Post('verify-email')
  async verify(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    requireTenant(this.cls);
    const { value, errors } = parseForm(TokenForm, body);
    const ok = Object.keys(errors).length === 0 && (await this.identity.verifyEmail(value.token));
    if (!ok) return this.invalidLink(req, res);
    this.pages.notice(req, res, {
      titleKey: 'verify.done.title',
      bodyKey: 'verify.done.body',
      linkHref: this.cls.get('viewer') ? '/account' : '/login',
      linkKey: this.cls.get('viewer') ? 'nav.account' : 'nav.login',
    });
  }

  @Post('verify-email/resend')
  async resend(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const tenant = requireTenant(this.cls);
    const { value, errors } = parseForm(EmailForm, body);
    if (Object.keys(errors).length === 0) {
      const email = value.email.toLowerCase();
      await this.limiter.consume([
        { key: `${tenant.id}:verify:acct:${email}`, limit: 5, windowSeconds: HOUR },
        { key: `verify:ip:${this.ip(req)}`, limit: 20, windowSeconds: HOUR },
      ]);
      await this.identity.resendVerification(tenant, email);
    }
    this.pages.notice(req, res, { titleKey: 'verify.resent.title', bodyKey: 'verify.resent.body' });
  }

  @Get('forgot-password')
  forgotPage(@Req() req: Request, @Res() res: Response): void {
    requireTenant(this.cls);
    this.pages.send(req, res, 'forgot-password', {
      form: { values: { email: '' }, errors: {}, errorList: [], domains: '' },
    });
  }

  @Post('forgot-password')
  async forgot(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const tenant = requireTenant(this.cls);
    const { value, errors } = parseForm(EmailForm, body);
    if (Object.keys(errors).length > 0) {
      return this.pages.send(
        req,
        res,
        'forgot-password',
        {
          form: {
            values: { email: value.email ?? '' },
            errors,
            errorList: errorList(errors),
            domains: '',
          },
        },
        422,
      );
    }
    const email = value.email.toLowerCase();
    await this.limiter.consume([
      { key: `${tenant.id}:reset:acct:${email}`, limit: 5, windowSeconds: HOUR },
      { key: `reset:ip:${this.ip(req)}`, limit: 20, windowSeconds: HOUR },
    ]);
    await this.identity.requestPasswordReset(tenant, email);
    this.pages.notice(req, res, { titleKey: 'forgot.sent.title', bodyKey: 'forgot.sent.body' });
  }

  @Get('reset-password')
  async resetPage(
    @Req() req: Request,
    @Res() res: Response,
    @Query('token') token?: string,
  ): Promise<void> {
    requireTenant(this.cls);
    if (typeof token !== 'string' || !(await this.identity.resetTokenUsable(token))) {
      return this.invalidLink(req, res);
    }
    this.pages.send(req, res, 'reset-password', {
      form: { token, errors: {}, errorList: [], domains: '' },
    });
  }

  @Post('reset-password')
  async reset(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    requireTenant(this.cls);
    const { value, errors } = parseForm(ResetPasswordForm, body);
    if (errors.token) return this.invalidLink(req, res);
    if (!errors.password) {
      const problem = passwordError(value.password ?? '');
      if (problem) errors.password = problem;
    }
    if (Object.keys(errors).length > 0) {
      return this.pages.send(
        req,
        res,
        'reset-password',
        { form: { token: value.token, errors, errorList: errorList(errors), domains: '' } },
        422,
      );
    }
    if (!(await this.identity.resetPassword(value.token, value.password)))
      return this.invalidLink(req, res);
    this.pages.notice(req, res, {
      titleKey: 'reset.done.title',
      bodyKey: 'reset.done.body',
      linkHref: '/login',
      linkKey: 'nav.login',
    });
  }

  private invalidLink(req: Request, res: Response): void {
    this.pages.notice(
      req,
      res,
      {
        titleKey: 'link.invalid.title',
        bodyKey: 'link.invalid.body',
        linkHref: '/forgot-password',
        linkKey: 'link.invalid.action',
      },
      400,
    );
  }
}
