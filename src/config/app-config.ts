import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './paths';

// The environment is read here, once, and nowhere else.

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PLATFORM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/, 'must be a lowercase hostname such as localhost or guidepost.example')
    .default('localhost'),
  /** Public scheme for links built for the platform domain; tenant links use their canonical origin. */
  PUBLIC_SCHEME: z.enum(['http', 'https']).optional(),
  DATABASE_URL: z.string().url().optional(),
  /** Owner connection for migrations and provisioning; defaults to DATABASE_URL. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('data'),
  TENANTS_DIR: z.string().default('tenants'),
  /** Comma-separated proxy addresses/subnets for Express's `trust proxy`; empty trusts none. */
  TRUST_PROXY: z.string().default(''),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where partner organisations write to, shown on the platform's own page. */
  PLATFORM_CONTACT_EMAIL: z.string().email().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Sync tenants/ into the database at boot (default on for the embedded database). */
  TENANTS_SYNC_ON_BOOT: bool.optional(),
  /** Seed demo data (default on for the embedded database only). */
  DEMO_DATA: bool.optional(),
  /** Outgoing mail server, e.g. smtp://user:pass@smtp.example:587; unset writes .eml files under DATA_DIR/mail. */
  SMTP_URL: z
    .string()
    .url()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** Sender of every mail; the display name is replaced by the tenant's name. */
  MAIL_FROM: z
    .string()
    .regex(
      /^([^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/,
      'must be an address, optionally with a name: Guidepost <no-reply@example.org>',
    )
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface AppConfig {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  platformDomain: string;
  platformContactEmail: string | null;
  publicScheme: 'http' | 'https';
  database:
    | { kind: 'embedded'; dataDir: string }
    | { kind: 'postgres'; url: string; ownerUrl: string; poolSize: number };
  redisUrl?: string;
  dataDir: string;
  tenantsDir: string;
  trustProxy: string[];
  sessionSecret: string;
  logLevel: Env['LOG_LEVEL'];
  syncTenantsOnBoot: boolean;
  demoData: boolean;
  smtpUrl?: string;
  mailFrom: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}

/** On the embedded default the secret is generated once and kept beside the data. */
function embeddedSessionSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset", as in most .env files and compose files.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = absolute(e.DATA_DIR);
  const embedded = !e.DATABASE_URL;
  if (!embedded && !e.SESSION_SECRET) {
    throw new ConfigError(['SESSION_SECRET: required when DATABASE_URL is set (production)']);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    platformDomain: e.PLATFORM_DOMAIN,
    platformContactEmail: e.PLATFORM_CONTACT_EMAIL ?? null,
    publicScheme: e.PUBLIC_SCHEME ?? (e.NODE_ENV === 'production' ? 'https' : 'http'),
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          ownerUrl: e.DATABASE_OWNER_URL ?? e.DATABASE_URL,
          poolSize: e.DATABASE_POOL_SIZE,
        }
      : { kind: 'embedded', dataDir: join(dataDir, 'pglite') },
    redisUrl: e.REDIS_URL,
    dataDir,
    tenantsDir: absolute(e.TENANTS_DIR),
    trustProxy: e.TRUST_PROXY.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    sessionSecret: e.SESSION_SECRET ?? embeddedSessionSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    syncTenantsOnBoot: e.TENANTS_SYNC_ON_BOOT ?? embedded,
    demoData: e.DEMO_DATA ?? embedded,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? `Guidepost <no-reply@${e.PLATFORM_DOMAIN}>`,
  };
}
