import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppException, ErrorCode } from '../common/app-exception';
import { SitePages } from './site-pages.service';

/** The public pages of a tenant's site (and the platform's own home page). */
@Controller()
export class SitePagesController {
  constructor(@Inject(SitePages) private readonly pages: SitePages) {}

  @Get()
  home(@Req() req: Request, @Res() res: Response): void {
    const { site } = this.pages.pageRequest();
    if (site.kind === 'platform' && site.console) return res.redirect(303, '/console');
    this.pages.sendPublic(req, res, site.kind === 'platform' ? 'platform-home' : 'home');
  }

  @Get(['about', 'privacy', 'terms'])
  tenantPage(@Req() req: Request, @Res() res: Response): void {
    if (this.pages.pageRequest().site.kind !== 'tenant') {
      throw new AppException(ErrorCode.NOT_FOUND);
    }
    this.pages.sendPublic(req, res, this.pages.pageRequest().path.slice(1));
  }
}
