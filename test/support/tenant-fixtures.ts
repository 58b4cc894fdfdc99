import { createHash } from 'node:crypto';
import type { TenantBundle } from '../../src/tenancy/config/tenant-bundle';
import {
  tenantConfigSchema,
  type TenantConfigInput,
} from '../../src/tenancy/config/tenant-config.schema';

function svgLogo(fill: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="${fill}"/></svg>`,
  );
}

/** A valid tenant bundle built in code; tests override what they care about. */
export function tenantBundle(
  slug: string,
  overrides: Partial<TenantConfigInput> = {},
  extra: Partial<Pick<TenantBundle, 'partials' | 'locales'>> = {},
): TenantBundle {
  const input: TenantConfigInput = {
    slug,
    name: `${slug[0].toUpperCase()}${slug.slice(1)} Mentors`,
    organisation: `${slug[0].toUpperCase()}${slug.slice(1)} Foundation`,
    kind: 'ngo',
    locale: { default: 'en', supported: ['en', 'fr'] },
    branding: {
      colours: {
        primary: '#1d4f91',
        accent: '#b34700',
        text: '#1b1f24',
        background: '#ffffff',
      },
      logo: 'assets/logo.svg',
    },
    contactEmail: `mentoring@${slug}.example`,
    ...overrides,
  };
  const config = tenantConfigSchema.parse(input);
  const logo = svgLogo(config.branding.colours.primary);
  return {
    config,
    partials: extra.partials ?? {},
    locales: extra.locales ?? {},
    assets: [
      {
        role: 'logo',
        contentType: 'image/svg+xml',
        bytes: logo,
        sha256: createHash('sha256').update(logo).digest('hex'),
      },
    ],
  };
}

/**
 * The two tenants most tests start from: look-alike names and data, different
 * colours, languages and direction, so any leak between them shows.
 */
export function twoTenants(): TenantBundle[] {
  return [
    tenantBundle('acme', {
      name: 'Acme Mentors',
      hostnames: { custom: ['mentoring.acme.example'] },
    }),
    tenantBundle('globex', {
      name: 'Globex Mentors',
      kind: 'government',
      locale: { default: 'ar', supported: ['ar', 'en', 'fr'] },
      branding: {
        colours: {
          primary: '#0b6e4f',
          accent: '#8a5a00',
          text: '#14213d',
          background: '#fffdf7',
        },
        font: 'humanist',
        radius: 12,
        logo: 'assets/logo.svg',
      },
    }),
  ];
}
