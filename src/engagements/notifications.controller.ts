import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import { setFlash, takeFlash } from '../common/http/flash';
import { parseForm } from '../common/http/form';
import { memberOrLogin } from '../common/member-access';
import type { AppCls } from '../common/request-context';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import { NotificationPrefsForm } from './engagements.forms';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_MODES,
  notificationsRepository,
  type NotificationPrefs,
} from './notifications';

/** Per kind of email: immediately, in a daily digest, or not at all. */
@Controller()
export class NotificationsController {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(SitePages) private readonly pages: SitePages,
    private readonly cls: ClsService<AppCls>,
  ) {}

  @Get('account/notifications')
  async show(@Req() req: Request, @Res() res: Response): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, undefined, { allowPending: true });
    if (!member) return;
    const prefs = await this.tx.run((em) => notificationsRepository.prefs(em, member.viewer.id));
    this.pages.send(req, res, 'account-notifications', {
      prefs: {
        notice: takeFlash(req),
        kinds: NOTIFICATION_KINDS.map((kind) => ({
          kind,
          legend: `notifications.kind.${kind}`,
          hint: `notifications.hint.${kind}`,
          modes: NOTIFICATION_MODES.map((mode) => ({
            mode,
            label: `notifications.mode.${mode}`,
            checked: prefs[kind] === mode,
          })),
        })),
      },
    });
  }

  @Post('account/notifications')
  async save(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, undefined, { allowPending: true })!;
    const { value, errors } = parseForm(NotificationPrefsForm, body);
    if (Object.keys(errors).length === 0) {
      await this.tx.run((em) =>
        notificationsRepository.savePrefs(
          em,
          member.tenant.id,
          member.viewer.id,
          value as unknown as NotificationPrefs,
        ),
      );
    }
    setFlash(
      req,
      Object.keys(errors).length === 0 ? 'notifications.saved' : 'notifications.error.mode',
    );
    res.redirect(303, '/account/notifications');
  }
}
