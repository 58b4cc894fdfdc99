import { tenantBundle } from '../../../test/support/tenant-fixtures';
import {
  MAIL_TEMPLATES,
  type MailTemplate,
  type OutgoingMail,
} from '../../infrastructure/mail/mail-outbox';
import type { ResolvedTenant, Site } from '../../tenancy/resolution/resolved-tenant';
import { baseCatalogs } from '../i18n/base-catalogs';
import { Translator } from '../i18n/translator';
import { SUPPORTED_LOCALES, type LocaleCode } from '../theme-contract';
import { EmailRenderer } from './email-renderer';

function resolved(slug: string, overrides = {}): ResolvedTenant {
  const bundle = tenantBundle(slug, overrides);
  return {
    id: '00000000-0000-4000-8000-000000000001',
    slug,
    name: bundle.config.name,
    status: 'active',
    version: 1,
    canonicalOrigin: `https://${slug}.example`,
    config: bundle.config,
    partials: {},
    locales: {},
    assets: bundle.assets.map((a) => ({
      role: a.role,
      sha256: a.sha256,
      contentType: a.contentType,
    })),
  };
}

// The presenter's translator, minus its cache: base catalogs and the site's names.
const presenter = {
  translator(site: Site, locale: LocaleCode) {
    const base = baseCatalogs();
    const tenant = site.kind === 'tenant' ? site.tenant : null;
    return new Translator(
      locale,
      [base[locale], base.en],
      {},
      {
        programmeName: tenant?.name ?? 'Guidepost',
        organisation: tenant?.config.organisation ?? 'Guidepost',
        minimumAge: 18,
      },
    );
  },
};

const DATA: Record<MailTemplate, OutgoingMail['data']> = {
  'verify-email': { link: 'https://acme.example/verify-email?token=abc', name: 'Ana' },
  'password-reset': {
    link: 'https://acme.example/reset-password?token=abc',
    expiresInHours: 2,
  },
  'approval-decided': { approved: false, link: 'https://acme.example/login', reason: 'Full' },
  'email-change-confirm': { link: 'https://acme.example/email-change?token=abc' },
  'email-change-notice': { newEmail: 'n***@example.org', link: 'https://acme.example/account' },
  invitation: {
    link: 'https://acme.example/invitations/abc',
    inviterName: 'Rosa',
    role: 'mentor',
  },
};

describe('EmailRenderer', () => {
  const renderer = new EmailRenderer(presenter);
  const acme = resolved('acme');

  it.each(SUPPORTED_LOCALES)(
    'renders every template in %s with no message key left over',
    (locale) => {
      for (const template of MAIL_TEMPLATES) {
        const out = renderer.render(acme, {
          to: 'a@b.example',
          locale,
          template,
          data: DATA[template],
        });
        for (const part of [out.subject, out.html, out.text]) {
          expect({ template, leftover: /\bmail\.[a-z-]+\.[a-zA-Z]+/.exec(part)?.[0] }).toEqual({
            template,
            leftover: undefined,
          });
        }
        expect(out.subject).not.toMatch(/[\r\n]/);
        if (DATA[template].link) expect(out.text).toContain(String(DATA[template].link));
      }
    },
  );

  it('brands the mail with the tenant’s colours, name and absolute logo URL', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'en',
      template: 'verify-email',
      data: DATA['verify-email'],
    });
    const logo = acme.assets[0];
    expect(out.html).toContain(`src="https://acme.example/assets/${logo.sha256}.svg"`);
    expect(out.html).toContain('background-color:#1d4f91');
    expect(out.html).toContain('Acme Mentors');
    expect(out.html).toContain('dir="ltr"');
    expect(out.subject).toBe('Confirm your email address for Acme Mentors');
    expect(out.text).toContain('Acme Mentors is run by Acme Foundation.');
    expect(out.text).toContain('Questions? Write to \u2068mentoring@acme.example\u2069.');
  });

  it('writes Arabic mail right to left', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'ar',
      template: 'password-reset',
      data: DATA['password-reset'],
    });
    expect(out.html).toContain('<html lang="ar" dir="rtl">');
    expect(out.html).toContain('text-align:right');
    expect(out.subject).toContain('كلمة المرور');
    expect(out.text).toContain('ساعتين');
  });

  it('escapes what people typed in the HTML and keeps it plain in the text', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'en',
      template: 'approval-decided',
      data: { approved: false, link: 'https://acme.example/login', reason: '<b>Full</b> & closed' },
    });
    expect(out.html).not.toContain('<b>Full</b>');
    expect(out.html).toContain('&lt;b&gt;Full&lt;/b&gt; &amp; closed');
    expect(out.text).toContain('<b>Full</b> & closed');
    expect(out.subject).toBe('About your application to Acme Mentors');
  });

  it('says the account is approved without a declined note', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'fr',
      template: 'approval-decided',
      data: { approved: true, link: 'https://acme.example/login', name: 'Zoé' },
    });
    expect(out.subject).toBe('Votre compte Acme Mentors est approuvé');
    expect(out.text).toContain('Se connecter');
    expect(out.text).toContain('Bonjour \u2068Zoé\u2069,');
  });

  it('refuses a link that is not an absolute http(s) URL', () => {
    expect(() =>
      renderer.render(acme, {
        to: 'a@b.example',
        locale: 'en',
        template: 'verify-email',
        data: { link: 'javascript:alert(1)' },
      }),
    ).toThrow(/data.link/);
  });

  it('uses the tenant’s own email footer, for that tenant only, and escapes what it prints', () => {
    const custom: ResolvedTenant = {
      ...resolved('globex', { name: '<script>x</script> Globex' }),
      id: '00000000-0000-4000-8000-000000000002',
      partials: { 'email-footer': '<p>Sent with care by {{site.name}}.</p>' },
    };
    const mail = {
      to: 'a@b.example',
      locale: 'en' as const,
      template: 'verify-email' as const,
      data: { link: 'https://globex.example/verify-email?token=t' },
    };
    const own = renderer.render(custom, mail).html;
    expect(own).toContain('<p>Sent with care by &lt;script&gt;x&lt;/script&gt; Globex.</p>');
    expect(own).not.toContain('<script>x');
    const other = renderer.render(acme, mail).html;
    expect(other).not.toContain('Sent with care');
  });
});
