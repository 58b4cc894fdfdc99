import type { LocaleCode, OverridablePartial } from '../../branding/theme-contract';
import type { MessageCatalog } from '../config/tenant-bundle';
import type { TenantConfig } from '../config/tenant-config.schema';

export interface TenantAssetRef {
  role: 'logo' | 'favicon';
  sha256: string;
  contentType: string;
}

/** A tenant as a request sees it: one config version, immutable, safe to cache anywhere. */
export interface ResolvedTenant {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  version: number;
  canonicalOrigin: string;
  config: TenantConfig;
  partials: Partial<Record<OverridablePartial, string>>;
  locales: Partial<Record<LocaleCode, MessageCatalog>>;
  assets: TenantAssetRef[];
}

/**
 * What a hostname names: a tenant's site, or one of the platform's own: its
 * public site (the bare platform domain) or the staff console (`admin.`).
 */
export type Site =
  | { kind: 'tenant'; host: string; tenant: ResolvedTenant }
  | { kind: 'platform'; host: string; console: boolean };
