import { z } from 'zod';
import { FONT_STACKS, SUPPORTED_LOCALES } from '../../branding/theme-contract';
import { ALL_TAXONOMY_CODES, areaOf, isCode } from '../../profiles/taxonomy';

// The one schema for a tenant's configuration: tenant.yaml on disk, the admin
// console later, and every config version stored in the database.

/** Labels under the platform domain that are the platform's own hosts, never a tenant's. */
export const RESERVED_HOST_LABELS: ReadonlySet<string> = new Set([
  'admin',
  'www',
  'api',
  'static',
  'assets',
  'mail',
]);

/** Names that would collide with the platform's own hosts, paths or brand. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  ...RESERVED_HOST_LABELS,
  'app',
  'platform',
  'guidepost',
  'status',
  'help',
  'support',
  'staff',
  'localhost',
]);

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/, 'must be 3–40 lowercase letters, digits or hyphens')
  .refine((s) => !RESERVED_SLUGS.has(s), { message: 'is a reserved name' });

/** A hostname as it will be matched: lowercase ASCII (punycode), no port, no trailing dot. */
const hostname = z
  .string()
  .max(253)
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
    'must be a lowercase hostname without port or scheme (use punycode for IDN)',
  );

export const hexColour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a 6-digit hex colour such as #1a5fb4');

const locale = z.enum(SUPPORTED_LOCALES);
const font = z.enum(Object.keys(FONT_STACKS) as [keyof typeof FONT_STACKS]);

/** A path inside the tenant folder (validated for containment by the loader). */
const relativeAssetPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._/-]+$/, 'must be a plain relative path inside the tenant folder')
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), {
    message: 'must stay inside the tenant folder (no leading / and no ..)',
  });

const branding = z
  .object({
    colours: z
      .object({
        primary: hexColour,
        accent: hexColour,
        text: hexColour,
        background: hexColour,
        /** Text on primary-coloured surfaces (buttons, header). */
        onPrimary: hexColour.default('#ffffff'),
      })
      .strict(),
    font: font.default('system'),
    radius: z.number().int().min(0).max(24).default(6),
    logo: relativeAssetPath,
    favicon: relativeAssetPath.optional(),
  })
  .strict();

const terminologyWord = z.string().trim().min(1).max(40);
/** Per language: words that replace "mentor", "entrepreneur", "programme" in the copy. */
const terminology = z
  .partialRecord(
    locale,
    z
      .object({
        mentor: terminologyWord,
        mentors: terminologyWord,
        entrepreneur: terminologyWord,
        entrepreneurs: terminologyWord,
        programme: terminologyWord,
      })
      .partial()
      .strict(),
  )
  .default({});

export const MATCHING_WEIGHT_KEYS = [
  'needs',
  'industry',
  'stage',
  'language',
  'location',
  'style',
  'capacity',
  'responsiveness',
  'fairness',
] as const;

const taxonomyCode = z
  .string()
  .refine((code) => ALL_TAXONOMY_CODES.has(code), { message: 'is not a taxonomy code' });
/** A label a tenant writes, per language; which languages are required is checked against `locale.supported`. */
const tenantLabels = z.partialRecord(locale, z.string().trim().min(1).max(300));

const taxonomyRules = z
  .object({
    hidden: z.array(taxonomyCode).max(200).default([]),
    labels: z.record(taxonomyCode, tenantLabels).default({}),
  })
  .strict()
  .default({ hidden: [], labels: {} });

/** A tenant's own self-assessment, replacing the default one (same shape, its own languages). */
const questionnaire = z
  .object({
    scale: z.array(tenantLabels).length(5),
    areas: z
      .array(
        z
          .object({
            area: z.string().refine((c) => isCode('expertise', c) && areaOf(c) === c, {
              message: 'is not an expertise area code',
            }),
            weakness: tenantLabels,
            questions: z
              .array(
                z
                  .object({
                    id: z.string().regex(/^[a-z0-9_]{1,40}$/),
                    need: z.string().refine((c) => isCode('expertise', c), {
                      message: 'is not an expertise code',
                    }),
                    text: tenantLabels,
                  })
                  .strict(),
              )
              .min(3)
              .max(5),
          })
          .strict(),
      )
      .min(3)
      .max(12),
  })
  .strict()
  .refine(
    (q) => {
      const ids = q.areas.flatMap((a) => a.questions.map((x) => x.id));
      return new Set(ids).size === ids.length;
    },
    { message: 'question ids must be unique' },
  )
  .refine((q) => new Set(q.areas.map((a) => a.area)).size === q.areas.length, {
    message: 'each area may appear only once',
  });

const emailDomain = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, 'must be a domain');

const programme = z
  .object({
    mentorEligibility: z
      .object({
        mode: z.enum(['open', 'email-domain', 'invite-only']).default('open'),
        allowedEmailDomains: z.array(emailDomain).max(50).default([]),
      })
      .strict()
      .refine((e) => e.mode !== 'email-domain' || e.allowedEmailDomains.length > 0, {
        message: 'email-domain eligibility needs at least one allowed domain',
        path: ['allowedEmailDomains'],
      })
      .default({ mode: 'open', allowedEmailDomains: [] }),
    entrepreneurEligibility: z
      .object({ mode: z.enum(['open', 'invite-only']).default('open') })
      .strict()
      .default({ mode: 'open' }),
    approvalRequired: z
      .object({ mentors: z.boolean().default(false), entrepreneurs: z.boolean().default(false) })
      .strict()
      .default({ mentors: false, entrepreneurs: false }),
    minimumAge: z.number().int().min(13).max(25).default(18),
    mentorCapacity: z
      .object({
        default: z.number().int().min(1).max(50).default(2),
        maximum: z.number().int().min(1).max(50).default(5),
      })
      .strict()
      .refine((c) => c.default <= c.maximum, {
        message: 'default capacity cannot exceed the maximum',
        path: ['default'],
      })
      .default({ default: 2, maximum: 5 }),
    taxonomy: taxonomyRules,
    /** Replaces the default self-assessment when set. */
    assessment: questionnaire.optional(),
    openRequestsPerEntrepreneur: z.number().int().min(1).max(20).default(3),
    requestExpiryDays: z.number().int().min(1).max(60).default(7),
    /** Characters a request's personal message needs, so requests are never empty. */
    requestMessageMinLength: z.number().int().min(1).max(1000).default(80),
    /** "Did you meet? How is it going?": first after, then every; a mentor silent this long is held. */
    checkins: z
      .object({
        firstAfterDays: z.number().int().min(1).max(90).default(14),
        everyDays: z.number().int().min(7).max(180).default(28),
        silenceDays: z.number().int().min(7).max(180).default(21),
      })
      .strict()
      .default({ firstAfterDays: 14, everyDays: 28, silenceDays: 21 }),
    matchingWeights: z
      .object(
        Object.fromEntries(
          MATCHING_WEIGHT_KEYS.map((k) => [k, z.number().min(0).max(10).optional()]),
        ) as Record<(typeof MATCHING_WEIGHT_KEYS)[number], z.ZodOptional<z.ZodNumber>>,
      )
      .strict()
      .default({}),
    features: z
      .object({
        selfAssessment: z.boolean().default(true),
        mentorInvitesEntrepreneurs: z.boolean().default(true),
        meetingLog: z.boolean().default(true),
        goals: z.boolean().default(true),
        impactSurveys: z.boolean().default(true),
      })
      .strict()
      .default({
        selfAssessment: true,
        mentorInvitesEntrepreneurs: true,
        meetingLog: true,
        goals: true,
        impactSurveys: true,
      }),
  })
  .strict();

export const tenantConfigSchema = z
  .object({
    slug,
    name: z.string().trim().min(2).max(80),
    /** The organisation behind the programme, shown in the footer and legal pages. */
    organisation: z.string().trim().min(2).max(120),
    kind: z.enum(['corporate', 'ngo', 'government']),
    status: z.enum(['active', 'suspended']).default('active'),
    hostnames: z
      .object({
        /** Subdomain under PLATFORM_DOMAIN; defaults to the slug. */
        subdomain: slug.optional(),
        custom: z.array(hostname).max(10).default([]),
      })
      .strict()
      .default({ custom: [] }),
    canonicalOrigin: z
      .string()
      .url()
      .regex(/^https?:\/\/[^/?#]+$/, 'must be an origin like https://mentoring.example.org')
      .optional(),
    locale: z
      .object({ default: locale, supported: z.array(locale).min(1) })
      .strict()
      .refine((l) => l.supported.includes(l.default), {
        message: 'the default language must be one of the supported languages',
        path: ['default'],
      })
      .refine((l) => new Set(l.supported).size === l.supported.length, {
        message: 'supported languages contain a duplicate',
        path: ['supported'],
      }),
    branding,
    terminology,
    programme: programme.default(() => programme.parse({})),
    contactEmail: z.string().email(),
  })
  .strict()
  .superRefine((config, ctx) => {
    // Everything a tenant writes in its programme rules must exist in each of its languages.
    const missing = (labels: Partial<Record<string, string>>, path: (string | number)[]) => {
      for (const lang of config.locale.supported) {
        if (!labels[lang]) {
          ctx.addIssue({ code: 'custom', path, message: `needs a "${lang}" text` });
        }
      }
    };
    const assessment = config.programme.assessment;
    if (!assessment) return;
    const base = ['programme', 'assessment'];
    assessment.scale.forEach((l, i) => missing(l, [...base, 'scale', i]));
    assessment.areas.forEach((a, i) => {
      missing(a.weakness, [...base, 'areas', i, 'weakness']);
      a.questions.forEach((q, j) => missing(q.text, [...base, 'areas', i, 'questions', j, 'text']));
    });
  });

export type TenantConfigInput = z.input<typeof tenantConfigSchema>;
export type TenantConfig = z.output<typeof tenantConfigSchema>;
export type TenantKind = TenantConfig['kind'];
export type TenantStatus = TenantConfig['status'];
export type ProgrammeRules = TenantConfig['programme'];
