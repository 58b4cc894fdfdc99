import Handlebars from 'handlebars';
import pino, { type Logger } from 'pino';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO_ROOT } from '../../config/paths';
import {
  assertValidMail,
  MAIL_TEMPLATES,
  type MailTemplate,
  type OutgoingMail,
} from '../../infrastructure/mail/mail-outbox';
import type { ResolvedTenant } from '../../tenancy/resolution/resolved-tenant';
import { directionOf } from '../i18n/locales';
import type { SitePresenter } from '../site-presenter';
import { assetFileName } from '../site-presenter';
import { FONT_STACKS, type LocaleCode } from '../theme-contract';
import { COMPILE_OPTIONS, registerThemeHelpers, TenantPartials } from '../theme-renderer';

type Template = Handlebars.TemplateDelegate;

export const EMAILS_DIR = join(REPO_ROOT, 'src', 'branding', 'emails', 'templates');

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Text from people (names, addresses) keeps its own direction inside copy of either direction. */
function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

/** A whole number of days, messages…; 0 when absent or not a positive number (templates then hide the line). */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.trunc(value) : 0;
}

const OUTCOMES = ['accepted', 'declined', 'expired', 'completed', 'closed'] as const;

const dateFormats = new Map<LocaleCode, Intl.DateTimeFormat>();

/** A YYYY-MM-DD day as the mail's language writes it ('' when it is not a real day). */
function longDate(day: unknown, locale: LocaleCode): string {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return '';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(day)) return '';
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}

/**
 * Branded mail in the recipient's language: `<template>.hbs` (HTML, inline
 * styles from the validated brand tokens) and `<template>.txt.hbs` (plain
 * text), each inside a shared layout. A Handlebars environment of its own,
 * with the theme's helpers and compile options; partials are passed per
 * render, so the HTML and text layouts never meet.
 */
export class EmailRenderer {
  private readonly hbs = Handlebars.create();
  private readonly html = new Map<MailTemplate, Template>();
  private readonly text = new Map<MailTemplate, Template>();
  private readonly htmlPartials: Record<string, Template> = {};
  private readonly textPartials: Record<string, Template> = {};
  private readonly tenantPartials: TenantPartials;

  constructor(
    private readonly presenter: Pick<SitePresenter, 'translator'>,
    dir: string = EMAILS_DIR,
    logger: Logger = pino({ level: 'warn' }),
  ) {
    registerThemeHelpers(this.hbs);
    this.tenantPartials = new TenantPartials(this.hbs, logger);

    const textOptions = { ...COMPILE_OPTIONS, noEscape: true };
    const partialsDir = join(dir, 'partials');
    for (const file of readdirSync(partialsDir).sort()) {
      const source = readFileSync(join(partialsDir, file), 'utf8');
      if (file.endsWith('.txt.hbs')) {
        this.textPartials[basename(file, '.txt.hbs')] = this.hbs.compile(source, textOptions);
      } else if (file.endsWith('.hbs')) {
        this.htmlPartials[basename(file, '.hbs')] = this.hbs.compile(source, COMPILE_OPTIONS);
      }
    }
    for (const template of MAIL_TEMPLATES) {
      const htmlFile = join(dir, `${template}.hbs`);
      const textFile = join(dir, `${template}.txt.hbs`);
      if (!existsSync(htmlFile) || !existsSync(textFile)) {
        throw new Error(`mail template ${template} needs ${template}.hbs and ${template}.txt.hbs`);
      }
      this.html.set(template, this.hbs.compile(readFileSync(htmlFile, 'utf8'), COMPILE_OPTIONS));
      this.text.set(template, this.hbs.compile(readFileSync(textFile, 'utf8'), textOptions));
    }
  }

  render(tenant: ResolvedTenant, mail: OutgoingMail): RenderedEmail {
    assertValidMail(mail);
    const origin = new URL(tenant.canonicalOrigin).origin;
    const translator = this.presenter.translator(
      { kind: 'tenant', host: new URL(origin).host, tenant },
      mail.locale,
    );
    const view = this.view(tenant, origin, mail);
    const subject = translator
      .t(`mail.${mail.template}.subject`, view.args)
      .replace(/[\r\n]+/g, ' ')
      .trim();
    const runtime = {
      data: { i18n: translator },
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    };
    // The tenant's email-footer (if any) shadows the base one, for this render only.
    const overrides = this.tenantPartials.get({
      cacheKey: `${tenant.id}:${tenant.version}`,
      partials: tenant.partials,
    });
    const page = this.html.get(mail.template)!;
    let html: string;
    try {
      html = page(
        { ...view, subject },
        { ...runtime, partials: { ...this.htmlPartials, ...overrides } },
      );
    } catch {
      html = page({ ...view, subject }, { ...runtime, partials: this.htmlPartials });
    }
    const text = this.text.get(mail.template)!(view, { ...runtime, partials: this.textPartials });
    return { subject, html, text: tidyText(text) };
  }

  private view(tenant: ResolvedTenant, origin: string, mail: OutgoingMail) {
    const { colours, font, radius } = tenant.config.branding;
    for (const colour of Object.values(colours)) {
      if (!HEX.test(colour)) throw new Error(`refusing a colour token that is not hex: ${colour}`);
    }
    const logo = tenant.assets.find((a) => a.role === 'logo');
    const dir = directionOf(mail.locale);
    const d = mail.data;
    const role = d.role === 'mentor' || d.role === 'entrepreneur' ? d.role : 'other';
    const outcome = OUTCOMES.find((o) => o === d.outcome) ?? 'other';
    const pausedUntil = longDate(d.pausedUntil, mail.locale);
    // The start of a message someone typed, on one line; escaped like any other text.
    const excerpt = str(d.excerpt).replace(/\s+/g, ' ').trim();
    const digest = {
      requests: count(d.requests),
      messages: count(d.messages),
      reminders: count(d.reminders),
    };
    // Every argument any template may use is always present (templates compile in strict mode).
    const args = {
      hasName: d.name ? 'yes' : 'no',
      name: d.name ? isolate(str(d.name)) : '',
      decision: d.approved === true ? 'approved' : 'declined',
      newEmail: d.newEmail ? isolate(str(d.newEmail)) : '',
      contactEmail: tenant.config.contactEmail ? isolate(tenant.config.contactEmail) : '',
      hasInviter: d.inviterName ? 'yes' : 'no',
      inviter: d.inviterName ? isolate(str(d.inviterName)) : '',
      role,
      hours: typeof d.expiresInHours === 'number' ? d.expiresInHours : 0,
      fromName: d.fromName ? isolate(str(d.fromName)) : '',
      otherName: d.otherName ? isolate(str(d.otherName)) : '',
      outcome,
      invited: d.invited === true ? 'yes' : 'no',
      excerpt: excerpt ? isolate(excerpt) : '',
      count: count(d.count),
      daysLeft: count(d.daysLeft),
      expiresInDays: count(d.expiresInDays),
      hasPausedUntil: pausedUntil ? 'yes' : 'no',
      pausedUntil,
      ...digest,
      hasNews: digest.requests + digest.messages + digest.reminders > 0 ? 'yes' : 'no',
    };
    return {
      template: mail.template,
      receivedBecauseKey: `mail.${mail.template}.receivedBecause`,
      locale: { code: mail.locale, dir },
      align: dir === 'rtl' ? 'right' : 'left',
      site: {
        name: tenant.name,
        organisation: tenant.config.organisation,
        origin,
        contactEmail: tenant.config.contactEmail ?? null,
        logoUrl: logo ? `${origin}/assets/${assetFileName(logo.sha256, logo.contentType)}` : null,
      },
      brand: {
        primary: colours.primary,
        onPrimary: colours.onPrimary,
        text: colours.text,
        background: colours.background,
        font: FONT_STACKS[font] ?? FONT_STACKS.system,
        radius: Math.max(0, Math.min(24, Math.trunc(radius))),
      },
      args,
      link: d.link ? str(d.link) : null,
      expires: typeof d.expiresInHours === 'number' && d.expiresInHours > 0,
      reason: d.reason ? str(d.reason) : null,
    };
  }
}

/** Plain text as a person would type it: no trailing spaces, at most one blank line in a row. */
function tidyText(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
