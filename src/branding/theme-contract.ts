// What a tenant's theme folder may touch. Anything outside these lists is
// rejected by `tenants:validate` and ignored at render time.

/** Base partials a tenant may shadow with `tenants/<slug>/theme/partials/<name>.hbs`. */
export const OVERRIDABLE_PARTIALS = [
  'header-brand',
  'hero',
  'how-it-works',
  'home-extra',
  'footer-extra',
  // Emails: the footer of every HTML email (who sent it, why, how to reach the programme).
  'email-footer',
] as const;
export type OverridablePartial = (typeof OVERRIDABLE_PARTIALS)[number];

/** Helpers registered in the theme environment; templates compile with knownHelpersOnly. */
export const THEME_HELPERS = ['t', 'eq'] as const;

/** Handlebars built-ins allowed alongside our helpers. */
export const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'] as const;

export const SUPPORTED_LOCALES = ['en', 'es', 'fr', 'ar', 'id'] as const;
export type LocaleCode = (typeof SUPPORTED_LOCALES)[number];
export const RTL_LOCALES: ReadonlySet<string> = new Set(['ar']);

/** System font stacks only: no web fonts to download on a slow phone, nothing free-form. */
export const FONT_STACKS = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  humanist: '"Seravek", "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", "Noto Sans", sans-serif',
  geometric: 'Avenir, Montserrat, Corbel, "URW Gothic", "Noto Sans", sans-serif',
  serif: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, "Noto Serif", serif',
  rounded:
    'ui-rounded, "Hiragino Maru Gothic ProN", Quicksand, Comfortaa, Manjari, "Arial Rounded MT", "Noto Sans", sans-serif',
} as const;
export type FontChoice = keyof typeof FONT_STACKS;
