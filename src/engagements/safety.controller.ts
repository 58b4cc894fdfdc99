import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import { AppException, ErrorCode } from '../common/app-exception';
import { setFlash, takeFlash } from '../common/http/flash';
import { parseForm, type FieldErrors } from '../common/http/form';
import { memberOrLogin, type Member } from '../common/member-access';
import { RateLimiter } from '../common/rate-limiter';
import type { AppCls } from '../common/request-context';
import { assertId, errorList, found, LIMITS, localeFrom } from './connecting-http';
import { formatDateTime } from './connecting-views';
import { EmptyForm, ModerationForm, ReportForm } from './engagements.forms';
import {
  REPORT_REASONS,
  SafetyService,
  type ReportAction,
  type ReportReason,
} from './safety.service';

/** Block and report from a member's profile; the tenant admins' moderation queue. */
@Controller()
export class SafetyController {
  constructor(
    @Inject(SafetyService) private readonly safety: SafetyService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private async other(member: Member, id: string) {
    assertId(id);
    if (id === member.viewer.id) throw new AppException(ErrorCode.NOT_FOUND);
    return found(await this.safety.member(id));
  }

  @Post('people/:id/block')
  async block(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const member = memberOrLogin(this.cls, req, res)!;
    parseForm(EmptyForm, body);
    const other = await this.other(member, id);
    await this.safety.block(member.tenant.id, member.viewer.id, other.id);
    setFlash(req, 'safety.blocked');
    res.redirect(303, `/people/${other.id}`);
  }

  @Post('people/:id/unblock')
  async unblock(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const member = memberOrLogin(this.cls, req, res)!;
    parseForm(EmptyForm, body);
    const other = await this.other(member, id);
    await this.safety.unblock(member.viewer.id, other.id);
    setFlash(req, 'safety.unblocked');
    res.redirect(303, `/people/${other.id}`);
  }

  @Get('people/:id/report')
  async reportForm(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const member = memberOrLogin(this.cls, req, res);
    if (!member) return;
    const other = await this.other(member, id);
    this.renderReport(req, res, other, {});
  }

  private renderReport(
    req: Request,
    res: Response,
    other: { id: string; name: string },
    values: Record<string, unknown>,
    errors: FieldErrors = {},
  ) {
    this.pages.send(
      req,
      res,
      'report',
      {
        report: {
          other: { id: other.id, name: other.name },
          reasons: REPORT_REASONS.map((code) => ({
            code,
            label: `report.reason.${code}`,
            checked: values.reason === code,
          })),
          note: values.note ?? '',
          attach: values.attach === 'on',
          errors,
          errorList: errorList(errors),
        },
      },
      Object.keys(errors).length > 0 ? 422 : 200,
    );
  }

  @Post('people/:id/report')
  async report(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const member = memberOrLogin(this.cls, req, res)!;
    const other = await this.other(member, id);
    const { value, errors } = parseForm(ReportForm, body);
    if (Object.keys(errors).length > 0)
      return this.renderReport(req, res, other, { ...value }, errors);
    await this.limiter.consume(LIMITS.reports(member.tenant.id, member.viewer.id));
    await this.safety.report(member.tenant.id, member.viewer.id, other.id, {
      reason: value.reason as ReportReason,
      note: value.note ?? '',
      attachConversation: value.attach === 'on',
    });
    setFlash(req, 'report.thanks');
    res.redirect(303, `/people/${other.id}`);
  }

  @Get('moderation')
  async queue(@Req() req: Request, @Res() res: Response) {
    const member = memberOrLogin(this.cls, req, res, 'admin');
    if (!member) return;
    const locale = localeFrom(this.cls);
    const reports = await this.safety.queue();
    this.pages.send(req, res, 'moderation', {
      moderation: {
        notice: takeFlash(req),
        items: reports.map((r) => ({
          ...r,
          open: r.status === 'open',
          reasonLabel: `report.reason.${r.reason}`,
          statusLabel: `moderation.status.${r.status}`,
          at: formatDateTime(locale, r.createdAt),
          attached: r.attached?.map((m) => ({ ...m, at: formatDateTime(locale, m.at) })) ?? null,
        })),
      },
    });
  }

  @Post('moderation/:id')
  async act(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const member = memberOrLogin(this.cls, req, res, 'admin')!;
    assertId(id);
    const { value, errors } = parseForm(ModerationForm, body);
    if (errors.action)
      throw new AppException(ErrorCode.BAD_REQUEST, 'action: warn|suspend|dismiss');
    const done = await this.safety.act(
      member.tenant,
      member.viewer.id,
      id,
      value.action as ReportAction,
    );
    if (done === null) throw new AppException(ErrorCode.NOT_FOUND);
    setFlash(
      req,
      done === 'done'
        ? `moderation.done.${value.action}`
        : done === 'admin'
          ? 'moderation.notAdmins'
          : 'moderation.alreadyHandled',
    );
    res.redirect(303, '/moderation');
  }
}
