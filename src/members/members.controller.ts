import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import { AppException, ErrorCode } from '../common/app-exception';
import { parseForm } from '../common/http/form';
import { RateLimiter } from '../common/rate-limiter';
import { requireTenant, type AppCls } from '../common/request-context';
import type { Role, Viewer } from '../identity/user';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { MAX_INVITATION_ROWS, parseInvitationCsv, rowFor } from './invitation-rows';
import {
  ApproveForm,
  DeclineForm,
  InviteCsvForm,
  InviteForm,
  RolesForm,
  StatusForm,
} from './members.forms';
import type { MemberSummary } from './members.repository';
import { MembersService, type MemberActionResult } from './members.service';

const HOUR = 3600;
const INVITATIONS_PER_HOUR = 300;
const ROLES: readonly Role[] = ['entrepreneur', 'mentor', 'admin'];

type Flash = { membersFlash?: string };

const REFUSAL_MESSAGES = {
  own_admin: 'members.error.ownAdmin',
  no_role: 'members.error.noRole',
  self: 'members.error.self',
  not_pending: 'members.error.notPending',
} as const;

/**
 * The members page of a tenant, for its active admins only. To anyone else
 * every route here answers exactly like a page that does not exist.
 */
@Controller('members')
export class MembersController {
  constructor(
    @Inject(MembersService) private readonly members: MembersService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  /** The tenant and its admin making the request; a 404 for everyone else. */
  private requireAdmin(): { tenant: ResolvedTenant; admin: Viewer } {
    const tenant = requireTenant(this.cls);
    const viewer = this.cls.get('viewer');
    if (!viewer || viewer.status !== 'active' || !viewer.roles.includes('admin')) {
      throw new AppException(ErrorCode.NOT_FOUND);
    }
    return { tenant, admin: viewer };
  }

  /** A malformed id is as missing as an unknown one or another tenant's. */
  private memberId(id: string): string {
    if (!isUUID(id)) throw new AppException(ErrorCode.NOT_FOUND);
    return id;
  }

  private async render(
    req: Request,
    res: Response,
    tenant: ResolvedTenant,
    admin: Viewer,
    opts: { error?: string; notice?: string | null } = {},
    status = 200,
  ): Promise<void> {
    const all = await this.members.list(tenant);
    const view = (m: MemberSummary) => ({
      id: m.id,
      name: m.name,
      email: m.email,
      roleKeys: m.roles.map((r) => `role.${r}`),
      statusKey: `members.status.${m.status}`,
      self: m.id === admin.id,
      suspended: m.status === 'suspended',
      roles: Object.fromEntries(ROLES.map((r) => [r, m.roles.includes(r)])),
    });
    this.pages.send(
      req,
      res,
      'members',
      {
        members: {
          pending: all.filter((m) => m.status === 'pending_approval').map(view),
          people: all.filter((m) => m.status !== 'pending_approval').map(view),
          maxRows: MAX_INVITATION_ROWS,
        },
        form: {
          errors: {},
          errorList: opts.error ? [{ field: null, message: opts.error }] : [],
          domains: '',
          notice: opts.notice ?? null,
        },
      },
      status,
    );
  }

  /** After a change: back to the page (303), with a note saying what was done. */
  private done(req: Request, res: Response, notice: string): void {
    (req.session as unknown as Flash).membersFlash = notice;
    res.redirect(303, '/members');
  }

  private async answer(
    req: Request,
    res: Response,
    result: MemberActionResult,
    notice: string,
  ): Promise<void> {
    switch (result.kind) {
      case 'not_found':
        throw new AppException(ErrorCode.NOT_FOUND);
      case 'refused': {
        const { tenant, admin } = this.requireAdmin();
        return this.render(
          req,
          res,
          tenant,
          admin,
          { error: REFUSAL_MESSAGES[result.reason] },
          422,
        );
      }
      case 'ok':
        return this.done(req, res, notice);
    }
  }

  @Get()
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { tenant, admin } = this.requireAdmin();
    const flash = req.session as unknown as Flash;
    const notice = flash.membersFlash ?? null;
    delete flash.membersFlash;
    await this.render(req, res, tenant, admin, { notice });
  }

  @Post(':id/approve')
  async approve(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const { tenant } = this.requireAdmin();
    const memberId = this.memberId(id);
    parseForm(ApproveForm, body);
    const result = await this.members.decide(tenant, memberId, { approved: true });
    await this.answer(req, res, result, 'members.notice.approved');
  }

  @Post(':id/decline')
  async decline(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const { tenant, admin } = this.requireAdmin();
    const memberId = this.memberId(id);
    const { value, errors } = parseForm(DeclineForm, body);
    if (errors.reason) return this.render(req, res, tenant, admin, { error: errors.reason }, 422);
    const result = await this.members.decide(tenant, memberId, {
      approved: false,
      reason: value.reason || undefined,
    });
    await this.answer(req, res, result, 'members.notice.declined');
  }

  @Post(':id/roles')
  async roles(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const { tenant, admin } = this.requireAdmin();
    const memberId = this.memberId(id);
    const { value } = parseForm(RolesForm, body);
    const roles = ROLES.filter((r) => value[r] === 'on');
    const result = await this.members.setRoles(tenant, admin, memberId, roles);
    await this.answer(req, res, result, 'members.notice.roles');
  }

  @Post(':id/suspend')
  async suspend(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const { tenant, admin } = this.requireAdmin();
    const memberId = this.memberId(id);
    parseForm(StatusForm, body);
    const result = await this.members.setSuspended(tenant, admin, memberId, true);
    await this.answer(req, res, result, 'members.notice.suspended');
  }

  @Post(':id/reinstate')
  async reinstate(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const { tenant, admin } = this.requireAdmin();
    const memberId = this.memberId(id);
    parseForm(StatusForm, body);
    const result = await this.members.setSuspended(tenant, admin, memberId, false);
    await this.answer(req, res, result, 'members.notice.reinstated');
  }

  @Post('invite')
  async invite(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const { tenant, admin } = this.requireAdmin();
    const { value } = parseForm(InviteForm, body);
    const roles = (['entrepreneur', 'mentor'] as const).filter((r) => value[r] === 'on');
    await this.sendInvitations(req, res, tenant, admin, [rowFor(1, value.email ?? '', roles)]);
  }

  @Post('invite-csv')
  async inviteCsv(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const { tenant, admin } = this.requireAdmin();
    const { value, errors } = parseForm(InviteCsvForm, body);
    if (errors.csv) return this.render(req, res, tenant, admin, { error: errors.csv }, 422);
    const rows = parseInvitationCsv(value.csv);
    if (!rows) {
      return this.render(req, res, tenant, admin, { error: 'members.invite.csv.tooMany' }, 422);
    }
    if (rows.length === 0) {
      return this.render(req, res, tenant, admin, { error: 'members.invite.csv.empty' }, 422);
    }
    await this.sendInvitations(req, res, tenant, admin, rows);
  }

  private async sendInvitations(
    req: Request,
    res: Response,
    tenant: ResolvedTenant,
    admin: Viewer,
    rows: ReturnType<typeof rowFor>[],
  ): Promise<void> {
    // Counted before anything is written, so a refused batch changes nothing.
    const limit = {
      key: `${tenant.id}:invite:admin:${admin.id}`,
      limit: INVITATIONS_PER_HOUR,
      windowSeconds: HOUR,
    };
    for (const row of rows) if (row.kind === 'ok') await this.limiter.consume([limit]);
    const report = await this.members.invite(tenant, admin, rows);
    const count = (outcome: string) => report.filter((r) => r.outcome === outcome).length;
    this.pages.send(req, res, 'members-invitations', {
      report: {
        rows: report.map((r) => ({
          line: r.line,
          email: r.email,
          resultKey: `members.invite.result.${r.outcome}`,
          sent: r.outcome === 'invited' || r.outcome === 'reinvited',
        })),
        sent: count('invited') + count('reinvited'),
        total: report.length,
      },
    });
  }
}
