import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { SingleFlight } from '../../common/single-flight';
import type { Database } from '../../infrastructure/database/database';
import type { SharedCache } from '../../infrastructure/redis/shared-cache';
import { RESERVED_HOST_LABELS } from '../config/tenant-config.schema';
import type { ResolvedTenant, Site } from './resolved-tenant';

export const INVALIDATION_CHANNEL = 'tenancy:invalidate';

const HOST_TTL_SECONDS = 300;
const NEGATIVE_TTL_SECONDS = 5;
const CONFIG_TTL_SECONDS = 3600;
const NONE = '-';

interface HostPointer {
  tenantId: string;
  version: number;
}

export interface TenantInvalidation {
  tenantId: string;
  hosts: string[];
}

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  canonical_origin: string;
  config_version: number;
  config: ResolvedTenant['config'];
  partials: ResolvedTenant['partials'];
  locales: ResolvedTenant['locales'];
  assets: ResolvedTenant['assets'];
}

/**
 * Hostname → tenant, through three layers: an in-process LRU, the shared cache
 * (Redis), then the database, with one query per cold host however many
 * requests wait for it. Config versions are immutable, so only the host
 * pointers ever need invalidating; a TTL is the backstop if a message is lost.
 */
export class TenantRegistry {
  private readonly hosts: LRUCache<string, HostPointer | typeof NONE>;
  private readonly configs = new LRUCache<string, ResolvedTenant>({ max: 5000 });
  private readonly hostFlight = new SingleFlight<HostPointer | null>();
  private readonly configFlight = new SingleFlight<ResolvedTenant | null>();

  constructor(
    private readonly db: Database,
    private readonly cache: SharedCache,
    private readonly logger: Logger,
    private readonly platformDomain: string,
  ) {
    this.hosts = new LRUCache({ max: 50_000, ttl: HOST_TTL_SECONDS * 1000 });
  }

  async start(): Promise<void> {
    await this.cache.subscribe(INVALIDATION_CHANNEL, (message) => {
      try {
        this.evict(JSON.parse(message) as TenantInvalidation);
      } catch {
        this.logger.warn({ message }, 'ignoring a malformed tenant invalidation');
      }
    });
    // Messages sent while we were disconnected are lost: start again from cold.
    this.cache.onResubscribed(() => this.hosts.clear());
  }

  /** What a normalised host names. Null means unknown: the caller answers 404. */
  async resolveSite(host: string): Promise<Site | null> {
    if (host === this.platformDomain) return { kind: 'platform', host, console: false };
    if (host === `admin.${this.platformDomain}`) return { kind: 'platform', host, console: true };
    if (host.endsWith('.' + this.platformDomain)) {
      const label = host.slice(0, -this.platformDomain.length - 1);
      if (RESERVED_HOST_LABELS.has(label)) return null;
    }
    const tenant = await this.resolveHost(host);
    return tenant ? { kind: 'tenant', host, tenant } : null;
  }

  async resolveHost(host: string): Promise<ResolvedTenant | null> {
    let pointer = this.hosts.get(host);
    if (pointer === undefined) {
      const loaded = await this.hostFlight.run(host, () => this.loadPointer(host));
      pointer = loaded ?? NONE;
      this.hosts.set(host, pointer, loaded ? {} : { ttl: NEGATIVE_TTL_SECONDS * 1000 });
    }
    if (pointer === NONE) return null;
    return this.config(pointer);
  }

  private async loadPointer(host: string): Promise<HostPointer | null> {
    const cached = await this.cache.get(`host:${host}`);
    if (cached === NONE) return null;
    if (cached) {
      const [tenantId, version] = cached.split('@');
      return { tenantId, version: Number(version) };
    }
    const row = await loadRow(
      this.db,
      `JOIN tenant_domains d ON d.tenant_id = t.id WHERE d.hostname = $1`,
      host,
    );
    if (!row) {
      await this.cache.set(`host:${host}`, NONE, NEGATIVE_TTL_SECONDS);
      return null;
    }
    const tenant = toResolved(row);
    this.configs.set(configKey(tenant.id, tenant.version), tenant);
    await Promise.all([
      this.cache.set(`host:${host}`, `${tenant.id}@${tenant.version}`, HOST_TTL_SECONDS),
      this.cache.set(
        configKey(tenant.id, tenant.version),
        JSON.stringify(tenant),
        CONFIG_TTL_SECONDS,
      ),
    ]);
    return { tenantId: tenant.id, version: tenant.version };
  }

  private async config(pointer: HostPointer): Promise<ResolvedTenant | null> {
    const key = configKey(pointer.tenantId, pointer.version);
    const local = this.configs.get(key);
    if (local) return local;
    const loaded = await this.configFlight.run(key, async () => {
      const cached = await this.cache.get(key);
      if (cached) return JSON.parse(cached) as ResolvedTenant;
      const row = await loadRow(
        this.db,
        `WHERE t.id = $1 AND t.config_version = ${Number(pointer.version)}`,
        pointer.tenantId,
      );
      if (!row) return null;
      const tenant = toResolved(row);
      await this.cache.set(key, JSON.stringify(tenant), CONFIG_TTL_SECONDS);
      return tenant;
    });
    if (loaded) this.configs.set(key, loaded);
    return loaded;
  }

  /** After a tenant changed: drop shared pointers and tell every instance (this one included). */
  async invalidate(change: TenantInvalidation): Promise<void> {
    await this.cache.del(...change.hosts.map((h) => `host:${h}`));
    this.evict(change);
    await this.cache.publish(INVALIDATION_CHANNEL, JSON.stringify(change));
  }

  private evict(change: TenantInvalidation): void {
    for (const host of change.hosts) this.hosts.delete(host);
    for (const [host, pointer] of this.hosts.entries()) {
      if (pointer !== NONE && pointer.tenantId === change.tenantId) this.hosts.delete(host);
    }
  }
}

async function loadRow(db: Database, where: string, param: string): Promise<TenantRow | undefined> {
  const rows = (await db.app.query(
    `SELECT t.id, t.slug, t.name, t.status, t.canonical_origin, t.config_version,
            v.config, v.partials, v.locales, v.assets
       FROM tenants t
       JOIN tenant_config_versions v ON v.tenant_id = t.id AND v.version = t.config_version
       ${where}`,
    [param],
  )) as TenantRow[];
  return rows[0];
}

/** A tenant's current config by id, for background work that carries only the id. */
export async function loadTenantById(
  db: Database,
  tenantId: string,
): Promise<ResolvedTenant | null> {
  const row = await loadRow(db, 'WHERE t.id = $1', tenantId);
  return row ? toResolved(row) : null;
}

function configKey(tenantId: string, version: number): string {
  return `t:${tenantId}:cfg:${version}`;
}

function toResolved(row: TenantRow): ResolvedTenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    version: row.config_version,
    canonicalOrigin: row.canonical_origin,
    config: row.config,
    partials: row.partials,
    locales: row.locales,
    assets: row.assets,
  };
}
