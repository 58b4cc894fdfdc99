import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES_DIR } from '../../config/paths';
import type { MessageCatalog } from '../../tenancy/config/tenant-bundle';
import { SUPPORTED_LOCALES, type LocaleCode } from '../theme-contract';

export type BaseCatalogs = Record<LocaleCode, MessageCatalog>;

let loaded: BaseCatalogs | undefined;

/** The base catalogs, read once. Every key exists in every language (a test enforces it). */
export function baseCatalogs(): BaseCatalogs {
  if (!loaded) {
    loaded = Object.fromEntries(
      SUPPORTED_LOCALES.map((code) => [
        code,
        JSON.parse(readFileSync(join(LOCALES_DIR, `${code}.json`), 'utf8')) as MessageCatalog,
      ]),
    ) as BaseCatalogs;
  }
  return loaded;
}
