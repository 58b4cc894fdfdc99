import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppModule } from './app.module';
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
  await app.init();
  return app;
}
