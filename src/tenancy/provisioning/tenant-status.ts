import { createHash } from 'node:crypto';
import type { Database } from '../../infrastructure/database/database';
import { runInTenant } from '../../infrastructure/database/tenant-tx';
import type { TenantInvalidation } from '../resolution/tenant-registry';

export class UnknownTenantError extends Error {}

/**
 * Suspends or reactivates a tenant from the platform console: a new config
 * version (so the history says who and when), the staff hold that sync
 * respects, and, on suspension, every session of the tenant ended at once.
 * Returns what the caller must invalidate.
 */
export async function setTenantStatus(
  db: Database,
  tenantId: string,
  status: 'active' | 'suspended',
  actor: string,
): Promise<TenantInvalidation> {
  const hosts = await db.privileged(async (em) => {
    const [current] = (await em.query(
      `SELECT v.version, v.config, v.partials, v.locales, v.assets
         FROM tenants t
         JOIN tenant_config_versions v ON v.tenant_id = t.id AND v.version = t.config_version
        WHERE t.id = $1
        FOR UPDATE OF t`,
      [tenantId],
    )) as {
      version: number;
      config: Record<string, unknown>;
      partials: object;
      locales: object;
      assets: object;
    }[];
    if (!current) throw new UnknownTenantError(tenantId);
    const config = { ...current.config, status };
    const version = current.version + 1;
    const sum = createHash('sha256')
      .update(`console:${JSON.stringify(config)}`)
      .digest('hex');
    await em.query(
      `INSERT INTO tenant_config_versions
         (tenant_id, version, config, partials, locales, assets, checksum, source, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'platform-console', $8)`,
      [
        tenantId,
        version,
        JSON.stringify(config),
        JSON.stringify(current.partials),
        JSON.stringify(current.locales),
        JSON.stringify(current.assets),
        sum,
        actor,
      ],
    );
    await em.query(
      `UPDATE tenants
          SET status = $2, config_version = $3, updated_at = now(),
              suspended_by_staff_at = CASE WHEN $2 = 'suspended' THEN now() ELSE NULL END
        WHERE id = $1`,
      [tenantId, status, version],
    );
    const rows = (await em.query(`SELECT hostname FROM tenant_domains WHERE tenant_id = $1`, [
      tenantId,
    ])) as { hostname: string }[];
    return rows.map((r) => r.hostname);
  });
  if (status === 'suspended') {
    // Sessions are tenant data: ended in the tenant's own RLS context.
    await runInTenant(db, tenantId, (em) => em.query(`DELETE FROM sessions`));
  }
  return { tenantId, hosts };
}
