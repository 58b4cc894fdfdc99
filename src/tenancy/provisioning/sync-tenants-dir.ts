import type { Logger } from 'pino';
import { baseCatalogs } from '../../branding/i18n/base-catalogs';
import type { AppConfig } from '../../config/app-config';
import type { Database } from '../../infrastructure/database/database';
import type { TenantBundle, ValidationProblem } from '../config/tenant-bundle';
import type { TenantRegistry } from '../resolution/tenant-registry';
import { loadTenantsDir } from '../validation/tenant-folder-loader';
import { defaultOriginFor } from './default-origin';
import { syncTenantBundles, type SyncOutcome } from './tenant-sync';

export interface FolderSyncReport {
  invalid: { slug: string; problems: ValidationProblem[] }[];
  outcomes: SyncOutcome[];
}

/**
 * `tenants:sync`: validates every folder, applies each valid one as a new
 * config version, and publishes the invalidation so every instance serves it.
 * A broken tenant is reported and skipped; the others still apply.
 */
export async function syncTenantsDir(
  config: AppConfig,
  db: Database,
  registry: TenantRegistry,
  logger: Logger,
  actor = 'tenants:sync',
): Promise<FolderSyncReport> {
  const loaded = await loadTenantsDir(config.tenantsDir, baseCatalogs().en, config.platformDomain);
  const invalid = loaded
    .filter((t) => t.problems.length > 0 || !t.bundle)
    .map((t) => ({ slug: t.slug, problems: t.problems }));
  const bundles = loaded
    .filter((t) => t.problems.length === 0 && t.bundle)
    .map((t) => t.bundle as TenantBundle);
  const outcomes = await syncTenantBundles(db, bundles, {
    platformDomain: config.platformDomain,
    defaultOrigin: defaultOriginFor(config),
    source: 'tenants-folder',
    actor,
  });
  for (const outcome of outcomes) {
    if (outcome.invalidation) await registry.invalidate(outcome.invalidation);
  }
  for (const bad of invalid) {
    logger.warn({ tenant: bad.slug, problems: bad.problems }, 'tenant folder is invalid; skipped');
  }
  for (const o of outcomes.filter((o) => o.result === 'failed')) {
    logger.warn({ tenant: o.slug, error: o.error }, 'tenant could not be applied; skipped');
  }
  return { invalid, outcomes };
}
