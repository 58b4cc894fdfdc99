import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../infrastructure/database/database';
import type { TenantBundle } from '../config/tenant-bundle';
import type { TenantInvalidation } from '../resolution/tenant-registry';

export interface SyncOutcome {
  slug: string;
  result: 'created' | 'updated' | 'unchanged' | 'failed';
  version?: number;
  error?: string;
  /** Every hostname whose cached pointer must be dropped (old and new). */
  invalidation?: TenantInvalidation;
}

export interface SyncOptions {
  platformDomain: string;
  /** Origin used when tenant.yaml sets no canonicalOrigin, e.g. `http://northwind.localhost:3000`. */
  defaultOrigin: (host: string) => string;
  source: 'tenants-folder' | 'platform-console';
  actor: string;
}

export function hostnamesOf(bundle: TenantBundle, platformDomain: string): string[] {
  const { hostnames, slug } = bundle.config;
  return [`${hostnames.subdomain ?? slug}.${platformDomain}`, ...hostnames.custom];
}

function checksum(bundle: TenantBundle, hosts: string[], origin: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        config: bundle.config,
        partials: bundle.partials,
        locales: bundle.locales,
        assets: bundle.assets.map((a) => [a.role, a.sha256]),
        hosts,
        origin,
      }),
    )
    .digest('hex');
}

/**
 * Applies each bundle in its own transaction as a new config version. A
 * tenant that fails (a hostname taken by another tenant, say) is reported and
 * the others still apply. Unchanged tenants get no new version.
 */
export async function syncTenantBundles(
  db: Database,
  bundles: TenantBundle[],
  options: SyncOptions,
): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  for (const bundle of bundles) {
    try {
      outcomes.push(await db.privileged((em) => applyBundle(em, bundle, options)));
    } catch (err) {
      outcomes.push({
        slug: bundle.config.slug,
        result: 'failed',
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return outcomes;
}

async function applyBundle(
  em: EntityManager,
  bundle: TenantBundle,
  options: SyncOptions,
): Promise<SyncOutcome> {
  const [held] = (await em.query(
    `SELECT 1 FROM tenants WHERE slug = $1 AND suspended_by_staff_at IS NOT NULL`,
    [bundle.config.slug],
  )) as unknown[];
  // Platform staff suspended it: the folder cannot reactivate it, only staff can.
  if (held) bundle = { ...bundle, config: { ...bundle.config, status: 'suspended' } };
  const { config } = bundle;
  const hosts = hostnamesOf(bundle, options.platformDomain);
  const origin = config.canonicalOrigin ?? options.defaultOrigin(hosts[0]);
  const sum = checksum(bundle, hosts, origin);

  const [existing] = (await em.query(
    `SELECT t.id, t.config_version, v.checksum
       FROM tenants t
       LEFT JOIN tenant_config_versions v ON v.tenant_id = t.id AND v.version = t.config_version
      WHERE t.slug = $1
      FOR UPDATE OF t`,
    [config.slug],
  )) as { id: string; config_version: number; checksum: string | null }[];
  if (existing?.checksum === sum) {
    return { slug: config.slug, result: 'unchanged', version: existing.config_version };
  }

  const taken = (await em.query(
    `SELECT d.hostname, t.slug FROM tenant_domains d JOIN tenants t ON t.id = d.tenant_id
      WHERE d.hostname = ANY($1) AND t.slug <> $2`,
    [hosts, config.slug],
  )) as { hostname: string; slug: string }[];
  if (taken.length > 0) {
    throw new Error(
      taken.map((t) => `hostname ${t.hostname} already belongs to tenant ${t.slug}`).join('; '),
    );
  }

  const version = (existing?.config_version ?? 0) + 1;
  const [{ id }] = (await em.query(
    `INSERT INTO tenants (slug, name, kind, status, canonical_origin, config_version)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (slug) DO UPDATE
       SET name = EXCLUDED.name, kind = EXCLUDED.kind, status = EXCLUDED.status,
           canonical_origin = EXCLUDED.canonical_origin,
           config_version = EXCLUDED.config_version, updated_at = now()
     RETURNING id`,
    [config.slug, config.name, config.kind, config.status, origin, version],
  )) as { id: string }[];

  await em.query(
    `INSERT INTO tenant_config_versions
       (tenant_id, version, config, partials, locales, assets, checksum, source, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      version,
      JSON.stringify(config),
      JSON.stringify(bundle.partials),
      JSON.stringify(bundle.locales),
      JSON.stringify(
        bundle.assets.map((a) => ({ role: a.role, sha256: a.sha256, contentType: a.contentType })),
      ),
      sum,
      options.source,
      options.actor,
    ],
  );

  const previous = (await em.query(`SELECT hostname FROM tenant_domains WHERE tenant_id = $1`, [
    id,
  ])) as { hostname: string }[];
  await em.query(`DELETE FROM tenant_domains WHERE tenant_id = $1 AND NOT (hostname = ANY($2))`, [
    id,
    hosts,
  ]);
  for (const [i, host] of hosts.entries()) {
    await em.query(
      `INSERT INTO tenant_domains (hostname, tenant_id, kind) VALUES ($1, $2, $3)
       ON CONFLICT (hostname) DO NOTHING`,
      [host, id, i === 0 ? 'platform' : 'custom'],
    );
  }

  // Assets are tenant data: written under the tenant's RLS context like any other.
  await em.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  for (const asset of bundle.assets) {
    await em.query(
      `INSERT INTO tenant_assets (tenant_id, role, content_type, sha256, bytes)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, sha256) DO NOTHING`,
      [id, asset.role, asset.contentType, asset.sha256, asset.bytes],
    );
  }

  return {
    slug: config.slug,
    result: existing ? 'updated' : 'created',
    version,
    invalidation: {
      tenantId: id,
      hosts: [...new Set([...previous.map((p) => p.hostname), ...hosts])],
    },
  };
}
