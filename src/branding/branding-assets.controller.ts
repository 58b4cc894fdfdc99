import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { LRUCache } from 'lru-cache';
import { AppException, ErrorCode } from '../common/app-exception';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import { scriptByFile } from './page-scripts';
import { SitePages } from './site-pages.service';
import { SitePresenter } from './site-presenter';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A site's stylesheet and its logo/favicon, at content-addressed, immutable URLs. */
@Controller()
export class BrandingAssetsController {
  private readonly assets = new LRUCache<string, { contentType: string; bytes: Buffer }>({
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (a) => a.bytes.length + 100,
  });

  constructor(
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(SitePresenter) private readonly presenter: SitePresenter,
    @Inject(TenantTx) private readonly tx: TenantTx,
  ) {}

  @Get('theme/:file')
  stylesheet(@Param('file') file: string, @Res() res: Response): void {
    const sheet = this.presenter.stylesheet(this.pages.pageRequest().site);
    res.setHeader('Content-Type', 'text/css; charset=utf-8');
    // An outdated name (a page cached before a rebrand) gets today's sheet, briefly cached.
    res.setHeader('Cache-Control', file === `${sheet.hash}.css` ? IMMUTABLE : 'no-cache');
    res.end(sheet.css);
  }

  @Get('scripts/:file')
  script(@Param('file') file: string, @Res() res: Response): void {
    const body = scriptByFile(file);
    if (body === null) throw new AppException(ErrorCode.NOT_FOUND);
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    res.setHeader('Cache-Control', IMMUTABLE);
    res.end(body);
  }

  @Get('assets/:file')
  async asset(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const { site } = this.pages.pageRequest();
    const sha = /^([0-9a-f]{64})\.(svg|png|webp|ico)$/.exec(file)?.[1];
    if (site.kind !== 'tenant' || !sha) throw new AppException(ErrorCode.NOT_FOUND);
    const key = `${site.tenant.id}:${sha}`;
    let asset = this.assets.get(key);
    if (!asset) {
      const rows = (await this.tx.run((em) =>
        em.query(`SELECT content_type, bytes FROM tenant_assets WHERE sha256 = $1`, [sha]),
      )) as { content_type: string; bytes: Buffer }[];
      if (rows.length === 0) throw new AppException(ErrorCode.NOT_FOUND);
      asset = { contentType: rows[0].content_type, bytes: rows[0].bytes };
      this.assets.set(key, asset);
    }
    res.setHeader('Content-Type', asset.contentType);
    res.setHeader('Cache-Control', IMMUTABLE);
    // A sanitised SVG opened directly still runs nothing.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    res.end(asset.bytes);
  }
}
