import { CLOCK } from './common/clock';
import { ConnectingScheduler } from './engagements/connecting.scheduler';
import { ConversationsController } from './engagements/conversations.controller';
import { ConversationsService } from './engagements/conversations.service';
import { EngagementsController } from './engagements/engagements.controller';
import { EngagementsService } from './engagements/engagements.service';
import { NotificationsController } from './engagements/notifications.controller';
import { RequestsController } from './engagements/requests.controller';
import { RequestsService } from './engagements/requests.service';
import { SafetyController } from './engagements/safety.controller';
import { SafetyService } from './engagements/safety.service';
import {
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import express from 'express';
import { ClsMiddleware, ClsModule } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { AssessmentController } from './assessment/assessment.controller';
import { AssessmentService } from './assessment/assessment.service';
import { RateLimiter } from './common/rate-limiter';
import { CommonSearchTerms } from './matching/common-search-terms';
import { ExposureRecorder } from './matching/exposure-recorder';
import { MatchingController } from './matching/matching.controller';
import { MatchingService } from './matching/matching.service';
import type { AvatarUpload } from './profiles/profiles.controller';
import { ProfilesController } from './profiles/profiles.controller';
import { AVATAR_MAX_BYTES, ProfilesService } from './profiles/profiles.service';
import { AccountController } from './identity/account.controller';
import { AccountSettingsController } from './identity/account-settings.controller';
import { AccountSettingsService } from './identity/account-settings.service';
import { AuthController } from './identity/auth.controller';
import { CsrfGuard } from './identity/csrf';
import { IdentityService } from './identity/identity.service';
import { createSessionMiddleware } from './identity/session';
import { ConsoleController } from './platform-admin/console.controller';
import { ConsoleService } from './platform-admin/console.service';
import { createStaffSessionMiddleware } from './platform-admin/staff-session';
import { BrandingAssetsController } from './branding/branding-assets.controller';
import { PageCache } from './branding/page-cache';
import { PageCacheMiddleware } from './branding/page-cache.middleware';
import { SitePages } from './branding/site-pages.service';
import { SitePagesController } from './branding/site-pages.controller';
import { SitePresenter } from './branding/site-presenter';
import { ThemeRenderer } from './branding/theme-renderer';
import { GlobalExceptionFilter } from './common/global-exception.filter';
import { RequestLogMiddleware } from './common/request-log.middleware';
import { APP_CONFIG } from './config/app-config.token';
import { HealthController } from './health/health.controller';
import { Database } from './infrastructure/database/database';
import { TenantTx } from './infrastructure/database/tenant-tx';
import { ROOT_LOGGER } from './infrastructure/logging/logger';
import { MailWorker } from './infrastructure/mail/mail-worker';
import { TenantMailTx } from './infrastructure/mail/tenant-mail-tx';
import { InvitationsController } from './members/invitations.controller';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { SHARED_CACHE } from './infrastructure/redis/shared-cache';
import type { Runtime } from './runtime';
import { TenantRegistry } from './tenancy/resolution/tenant-registry';
import { TenantResolutionMiddleware } from './tenancy/resolution/tenant-resolution.middleware';

const BODY_LIMIT = '32kb';

/**
 * The one multipart form: a profile photo. Parsed before guards run, so the
 * CSRF token in the form is checked like any other; a file over the limit
 * is dropped and reported to the controller rather than failing the request.
 */
const avatarUpload: RequestHandler = (req, res, next) => {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: AVATAR_MAX_BYTES, files: 1, fields: 2, parts: 3 },
  }).single('avatar');
  parse(req, res, (err: unknown) => {
    if (err) {
      const code = (err as { code?: string }).code;
      (req as unknown as AvatarUpload).avatarError =
        code === 'LIMIT_FILE_SIZE' ? 'size' : 'missing';
      delete (req as unknown as AvatarUpload).file;
    }
    next();
  });
};
const SESSION_MIDDLEWARE = Symbol('SESSION_MIDDLEWARE');
const STAFF_SESSION_MIDDLEWARE = Symbol('STAFF_SESSION_MIDDLEWARE');

/** A client-supplied request id is kept only if it looks like one (it ends up in logs). */
function requestId(req: Request): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming)
    ? incoming
    : randomUUID();
}

@Module({})
export class AppModule implements NestModule {
  constructor(
    @Inject(SESSION_MIDDLEWARE) private readonly sessionMiddleware: RequestHandler[],
    @Inject(STAFF_SESSION_MIDDLEWARE) private readonly staffSessionMiddleware: RequestHandler[],
  ) {}

  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ClsModule.forRoot({
          global: true,
          middleware: { mount: false, generateId: true, idGenerator: requestId },
        }),
      ],
      controllers: [
        HealthController,
        SitePagesController,
        BrandingAssetsController,
        AuthController,
        AccountController,
        AccountSettingsController,
        ConsoleController,
        MembersController,
        InvitationsController,
        ProfilesController,
        MatchingController,
        AssessmentController,
        RequestsController,
        ConversationsController,
        EngagementsController,
        SafetyController,
        NotificationsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: ROOT_LOGGER, useValue: runtime.logger },
        { provide: Database, useValue: runtime.database },
        { provide: SHARED_CACHE, useValue: runtime.cache },
        { provide: TenantRegistry, useValue: runtime.registry },
        { provide: ThemeRenderer, useValue: runtime.renderer },
        { provide: SitePresenter, useValue: runtime.presenter },
        { provide: PageCache, useValue: runtime.pageCache },
        { provide: MailWorker, useValue: runtime.mailWorker },
        { provide: CLOCK, useValue: runtime.clock },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
        { provide: APP_GUARD, useClass: CsrfGuard },
        { provide: RateLimiter, useValue: new RateLimiter(runtime.cache) },
        {
          provide: SESSION_MIDDLEWARE,
          useValue: createSessionMiddleware(runtime.config, runtime.database),
        },
        TenantTx,
        TenantMailTx,
        SitePages,
        IdentityService,
        AccountSettingsService,
        ConsoleService,
        {
          provide: STAFF_SESSION_MIDDLEWARE,
          useValue: createStaffSessionMiddleware(runtime.config, runtime.database),
        },
        MembersService,
        ProfilesService,
        MatchingService,
        ExposureRecorder,
        CommonSearchTerms,
        AssessmentService,
        RequestsService,
        ConversationsService,
        EngagementsService,
        SafetyService,
        ConnectingScheduler,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Order matters: context → log → host → cached page → session → body → router.
    consumer
      .apply(
        ClsMiddleware,
        RequestLogMiddleware,
        TenantResolutionMiddleware,
        PageCacheMiddleware,
        ...this.sessionMiddleware,
        ...this.staffSessionMiddleware,
        express.json({ limit: BODY_LIMIT }),
        express.urlencoded({ limit: BODY_LIMIT, extended: false }),
      )
      .exclude(
        { path: 'healthz', method: RequestMethod.ALL },
        { path: 'readyz', method: RequestMethod.ALL },
      )
      .forRoutes('{*path}');
    consumer.apply(avatarUpload).forRoutes({ path: 'profile/avatar', method: RequestMethod.POST });
  }
}
