import type { LocaleCode, OverridablePartial } from '../../branding/theme-contract';
import type { TenantConfig } from './tenant-config.schema';

/** A flat message catalog: key → ICU message. */
export type MessageCatalog = Record<string, string>;

export interface TenantAssetFile {
  /** 'logo' | 'favicon' */
  role: 'logo' | 'favicon';
  contentType: 'image/svg+xml' | 'image/png' | 'image/webp' | 'image/x-icon';
  /** Sanitised bytes (SVG re-serialised from an allowlist). */
  bytes: Buffer;
  sha256: string;
}

/** Everything a valid tenant folder contributes, ready to be stored as one config version. */
export interface TenantBundle {
  config: TenantConfig;
  partials: Partial<Record<OverridablePartial, string>>;
  locales: Partial<Record<LocaleCode, MessageCatalog>>;
  assets: TenantAssetFile[];
}

/** One precise problem: which file, where in it, what is wrong. */
export interface ValidationProblem {
  /** Path relative to the tenants directory, e.g. `northwind/tenant.yaml`. */
  file: string;
  /** Location inside the file: a YAML/JSON path (`branding.colours.text`) or a line. */
  at?: string;
  message: string;
}
