import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import { AppException, ErrorCode } from '../common/app-exception';
import { parseForm } from '../common/http/form';
import { RateLimiter } from '../common/rate-limiter';
import type { AppCls } from '../common/request-context';
import { LoginForm } from '../identity/identity.forms';
import { ConsoleService } from './console.service';
import { staffCookieName, type Staff } from './staff-session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The platform staff console at admin.<platform domain>: sign in, see every
 * tenant with its member counts, suspend or reactivate one. Anywhere else
 * these routes do not exist (404).
 */
@Controller('console')
export class ConsoleController {
  constructor(
    @Inject(ConsoleService) private readonly console: ConsoleService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private onConsole(): void {
    const site = this.cls.get('site');
    if (!(site?.kind === 'platform' && site.console)) throw new AppException(ErrorCode.NOT_FOUND);
  }

  private staff(res: Response): Staff | null {
    this.onConsole();
    const staff = this.cls.get('staff') ?? null;
    if (!staff) res.redirect(303, '/console/login');
    return staff;
  }

  @Get('login')
  loginPage(@Req() req: Request, @Res() res: Response): void {
    this.onConsole();
    if (this.cls.get('staff')) return res.redirect(303, '/console');
    this.loginForm(req, res, '', null);
  }

  private loginForm(
    req: Request,
    res: Response,
    email: string,
    error: string | null,
    status = 200,
  ) {
    this.pages.send(
      req,
      res,
      'console-login',
      {
        form: {
          values: { email },
          errors: {},
          errorList: error ? [{ field: null, message: error }] : [],
          domains: '',
        },
      },
      status,
    );
  }

  @Post('login')
  async login(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    this.onConsole();
    const { value, errors } = parseForm(LoginForm, body);
    if (Object.keys(errors).length > 0) {
      return this.loginForm(req, res, value.email ?? '', 'login.error.invalid', 422);
    }
    const limits = [
      { key: `console:acct:${value.email.toLowerCase()}`, limit: 5, windowSeconds: 900 },
      { key: `console:ip:${req.ip ?? 'unknown'}`, limit: 20, windowSeconds: 900 },
    ];
    await this.limiter.check(limits);
    const staff = await this.console.authenticate(value.email, value.password);
    if (!staff) {
      await this.limiter.consume(limits).catch(() => undefined);
      return this.loginForm(req, res, value.email, 'login.error.invalid', 422);
    }
    await new Promise<void>((resolve, reject) =>
      req.logIn(staff, (err) => (err ? reject(err) : resolve())),
    );
    res.redirect(303, '/console');
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.onConsole();
    await new Promise<void>((resolve) => req.logout(() => resolve()));
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.clearCookie(staffCookieName(req.secure), { path: '/' });
    res.redirect(303, '/console/login');
  }

  @Get()
  async tenants(@Req() req: Request, @Res() res: Response): Promise<void> {
    const staff = this.staff(res);
    if (!staff) return;
    const flash = (req.session as unknown as { flash?: string }).flash ?? null;
    delete (req.session as unknown as { flash?: string }).flash;
    const tenants = await this.console.tenants();
    this.pages.send(req, res, 'console', {
      staff,
      notice: flash,
      tenants: tenants.map((t) => ({ ...t, suspended: t.status === 'suspended' })),
    });
  }

  @Post('tenants/:id/:action')
  async setStatus(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Param('action') action: string,
  ): Promise<void> {
    const staff = this.staff(res);
    if (!staff) return;
    if (!UUID.test(id) || (action !== 'suspend' && action !== 'reactivate')) {
      throw new AppException(ErrorCode.NOT_FOUND);
    }
    const status = action === 'suspend' ? 'suspended' : 'active';
    if (!(await this.console.setStatus(id, status, staff)))
      throw new AppException(ErrorCode.NOT_FOUND);
    (req.session as unknown as { flash?: string }).flash =
      status === 'suspended' ? 'console.suspended' : 'console.reactivated';
    res.redirect(303, '/console');
  }
}
