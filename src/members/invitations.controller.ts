import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { LANGUAGE_NAMES } from '../branding/i18n/locales';
import { SitePages } from '../branding/site-pages.service';
import type { LocaleCode } from '../branding/theme-contract';
import { parseForm, type FieldErrors } from '../common/http/form';
import { RateLimiter } from '../common/rate-limiter';
import { requireTenant, type AppCls } from '../common/request-context';
import { countryOptions } from '../identity/countries';
import { checkNewMember } from '../identity/identity.forms';
import { AcceptInvitationForm } from './members.forms';
import { MembersService } from './members.service';

const HOUR = 3600;

/**
 * Accepting an invitation: the emailed link opens a short signup form for the
 * invited address. The link works once and expires; a used, expired or
 * unknown one (or another tenant's) gets the same "link no longer works" page.
 */
@Controller('invitations')
export class InvitationsController {
  constructor(
    @Inject(MembersService) private readonly members: MembersService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private form(
    req: Request,
    res: Response,
    token: string,
    email: string,
    values: Record<string, unknown>,
    errors: FieldErrors = {},
    extra: string[] = [],
    status = 200,
  ): void {
    const tenant = requireTenant(this.cls);
    const locale = (values.locale as string) ?? this.cls.get('locale');
    this.pages.send(
      req,
      res,
      'invitation-accept',
      {
        form: {
          token,
          email,
          values: { name: '', acceptTerms: false, confirmAge: false, ...values },
          errors,
          errorList: [
            ...extra.map((message) => ({ field: null, message })),
            ...Object.entries(errors).map(([field, message]) => ({ field, message })),
          ],
          domains: tenant.config.programme.mentorEligibility.allowedEmailDomains
            .map((d) => `@${d}`)
            .join(', '),
          languages: tenant.config.locale.supported.map((code) => ({
            code,
            name: LANGUAGE_NAMES[code],
            selected: code === locale,
          })),
          countries: countryOptions(this.cls.get('locale') ?? 'en').map((c) => ({
            ...c,
            selected: c.code === values.country,
          })),
        },
      },
      status,
    );
  }

  @Get('accept')
  async page(
    @Req() req: Request,
    @Res() res: Response,
    @Query('token') token?: string,
  ): Promise<void> {
    const tenant = requireTenant(this.cls);
    // Showing the form does not use the link up: mail scanners may open it.
    const invitation =
      typeof token === 'string' && token.length >= 10 && token.length <= 200
        ? await this.members.usableInvitation(tenant, token)
        : null;
    if (!invitation) return this.invalidLink(req, res);
    this.form(req, res, token!, invitation.email, { locale: this.cls.get('locale') });
  }

  @Post('accept')
  async accept(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const tenant = requireTenant(this.cls);
    const { value, errors } = parseForm(AcceptInvitationForm, body);
    if (errors.token) return this.invalidLink(req, res);
    await this.limiter.consume([
      { key: `${tenant.id}:invitation:ip:${req.ip ?? 'unknown'}`, limit: 30, windowSeconds: HOUR },
    ]);
    const invitation = await this.members.usableInvitation(tenant, value.token);
    if (!invitation) return this.invalidLink(req, res);
    checkNewMember(value, errors, tenant);
    const values = {
      name: value.name ?? '',
      locale: value.locale,
      country: value.country,
      acceptTerms: !!value.acceptTerms,
      confirmAge: !!value.confirmAge,
    };
    if (Object.keys(errors).length > 0) {
      return this.form(req, res, value.token, invitation.email, values, errors, [], 422);
    }
    const result = await this.members.accept(tenant, value.token, {
      name: value.name,
      password: value.password,
      locale: value.locale as LocaleCode,
      country: value.country,
    });
    switch (result.kind) {
      case 'invalid':
        return this.invalidLink(req, res);
      case 'refused':
        return this.form(
          req,
          res,
          value.token,
          invitation.email,
          values,
          {},
          [`signup.refused.${result.reason}`],
          422,
        );
      case 'member':
        return this.pages.notice(req, res, {
          titleKey: 'invitation.member.title',
          bodyKey: 'invitation.member.body',
          linkHref: '/login',
          linkKey: 'nav.login',
        });
      case 'accepted':
        return this.pages.notice(req, res, {
          titleKey: 'invitation.accepted.title',
          bodyKey: 'invitation.accepted.body',
          linkHref: '/login',
          linkKey: 'nav.login',
        });
    }
  }

  /** Only an admin can send a new invitation: the button writes to the organisation. */
  private invalidLink(req: Request, res: Response): void {
    const tenant = requireTenant(this.cls);
    this.pages.notice(
      req,
      res,
      {
        titleKey: 'link.invalid.title',
        bodyKey: 'link.invalid.body',
        linkHref: `mailto:${tenant.config.contactEmail}`,
        linkKey: 'link.invalid.action',
      },
      400,
    );
  }
}
