import type { AppConfig } from '../../config/app-config';

/** The origin a tenant gets when tenant.yaml names none: its platform subdomain. */
export function defaultOriginFor(config: AppConfig): (host: string) => string {
  const port =
    config.env === 'production' || config.port === 80 || config.port === 443
      ? ''
      : `:${config.port}`;
  return (host) => `${config.publicScheme}://${host}${port}`;
}
