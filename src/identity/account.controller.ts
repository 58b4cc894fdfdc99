import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { LANGUAGE_NAMES } from '../branding/i18n/locales';
import { SitePages } from '../branding/site-pages.service';
import type { LocaleCode } from '../branding/theme-contract';
import { parseForm, type FieldErrors } from '../common/http/form';
import { requestPath } from '../common/http/request-path';
import { requireTenant, type AppCls } from '../common/request-context';
import { rememberLanguage } from '../tenancy/resolution/tenant-resolution.middleware';
import { AccountForm } from './identity.forms';
import { IdentityService } from './identity.service';
import type { User } from './user';

/** The signed-in member's own account. Anonymous visitors are sent to log in and brought back. */
@Controller('account')
export class AccountController {
  constructor(
    @Inject(IdentityService) private readonly identity: IdentityService,
    @Inject(SitePages) private readonly pages: SitePages,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private async currentUser(req: Request, res: Response): Promise<User | null> {
    requireTenant(this.cls);
    const viewer = this.cls.get('viewer');
    const user = viewer ? await this.identity.findUser(viewer.id) : null;
    if (!user) res.redirect(303, `/login?next=${encodeURIComponent(requestPath(req))}`);
    return user;
  }

  private render(
    req: Request,
    res: Response,
    user: User,
    values: { name: string; locale: string },
    errors: FieldErrors = {},
    notice: string | null = null,
    status = 200,
  ): void {
    const tenant = requireTenant(this.cls);
    this.pages.send(
      req,
      res,
      'account',
      {
        account: {
          email: user.email,
          status: user.status,
          roleKeys: user.roles.map((r) => `role.${r}`),
        },
        form: {
          values,
          errors,
          errorList: Object.entries(errors).map(([field, message]) => ({ field, message })),
          domains: '',
          notice,
          languages: tenant.config.locale.supported.map((code) => ({
            code,
            name: LANGUAGE_NAMES[code],
            selected: code === values.locale,
          })),
        },
      },
      status,
    );
  }

  @Get()
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.currentUser(req, res);
    if (!user) return;
    const saved = (req.session as unknown as { flash?: string }).flash ?? null;
    delete (req.session as unknown as { flash?: string }).flash;
    this.render(req, res, user, { name: user.name, locale: user.locale }, {}, saved);
  }

  @Post()
  async save(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const user = await this.currentUser(req, res);
    if (!user) return;
    const tenant = requireTenant(this.cls);
    const { value, errors } = parseForm(AccountForm, body);
    if (!tenant.config.locale.supported.includes(value.locale as LocaleCode)) {
      errors.locale = 'form.error.required';
    }
    if (Object.keys(errors).length > 0) {
      return this.render(
        req,
        res,
        user,
        { name: value.name ?? '', locale: value.locale ?? user.locale },
        errors,
        null,
        422,
      );
    }
    await this.identity.updateProfile(user.id, { name: value.name, locale: value.locale });
    rememberLanguage(req, res, value.locale);
    (req.session as unknown as { flash?: string }).flash = 'account.saved';
    res.redirect(303, '/account');
  }
}
