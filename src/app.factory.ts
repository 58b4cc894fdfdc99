import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { devMailboxRouter } from './infrastructure/mail/dev-mailbox';
import { normaliseHost } from './tenancy/resolution/normalise-host';
import { NestPinoLogger } from './infrastructure/logging/logger';
import type { Runtime } from './runtime';

/** Builds the HTTP app around a runtime; main.ts, tests and the benchmark all use this. */
export async function createApp(runtime: Runtime): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRuntime(runtime), {
    bodyParser: false,
    logger: new NestPinoLogger(runtime.logger),
    abortOnError: false,
  });
  // X-Forwarded-Host/-Proto are believed only from proxies named in TRUST_PROXY.
  app.set('trust proxy', runtime.config.trustProxy.length ? runtime.config.trustProxy : false);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: runtime.config.publicScheme === 'https',
    }),
  );
  if (runtime.config.database.kind === 'embedded' && runtime.config.env !== 'production') {
    // Development mail, every tenant's: only on the platform's own host.
    const mailbox = devMailboxRouter(runtime.config.dataDir);
    app.use('/dev/mail', (req: Request, res: Response, next: NextFunction) =>
      normaliseHost(req.hostname) === runtime.config.platformDomain
        ? mailbox(req, res, next)
        : next(),
    );
  }
  await app.init();
  return app;
}
