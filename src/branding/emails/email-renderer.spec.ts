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
  'request-received': {
    link: 'https://acme.example/requests/r1',
    fromName: 'Samir',
    excerpt: 'I run a small bakery and would like help with pricing.',
    expiresInDays: 7,
  },
  'request-answered': {
    link: 'https://acme.example/mentors',
    otherName: 'Rosa',
    outcome: 'declined',
  },
  'request-reminder': {
    link: 'https://acme.example/requests/r1',
    fromName: 'Samir',
    daysLeft: 3,
  },
  'new-message': {
    link: 'https://acme.example/messages/c1',
    fromName: 'Rosa',
    excerpt: 'See you on Tuesday?',
    count: 2,
  },
  checkin: {
    link: 'https://acme.example/checkins/TOKEN',
    otherName: 'Rosa',
    expiresInDays: 14,
  },
  digest: { link: 'https://acme.example/messages', requests: 1, messages: 3, reminders: 2 },
  'mentor-held': { link: 'https://acme.example/availability', pausedUntil: '2026-06-01' },
  'engagement-ended': {
    link: 'https://acme.example/engagements/e1',
    otherName: 'Samir',
    outcome: 'completed',
  },
  'moderation-warning': { link: 'https://acme.example/terms' },
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

  it('renders every outcome and optional line of the engagement mails with no key left over', () => {
    const variants: [MailTemplate, OutgoingMail['data']][] = [
      ['request-received', { link: 'https://acme.example/r', fromName: 'Samir', invited: true }],
      [
        'request-answered',
        { link: 'https://acme.example/r', otherName: 'Rosa', outcome: 'accepted' },
      ],
      [
        'request-answered',
        { link: 'https://acme.example/r', otherName: 'Rosa', outcome: 'expired' },
      ],
      ['request-reminder', { link: 'https://acme.example/r', fromName: 'Samir' }],
      ['new-message', { link: 'https://acme.example/m', fromName: 'Rosa', count: 1 }],
      ['checkin', { link: 'https://acme.example/checkins/T', otherName: 'Rosa' }],
      ['digest', { link: 'https://acme.example/messages', messages: 1 }],
      ['digest', { link: 'https://acme.example/messages' }],
      ['mentor-held', { link: 'https://acme.example/availability' }],
      [
        'engagement-ended',
        { link: 'https://acme.example/e', otherName: 'Samir', outcome: 'closed' },
      ],
    ];
    for (const locale of SUPPORTED_LOCALES) {
      for (const [template, data] of variants) {
        const out = renderer.render(acme, { to: 'a@b.example', locale, template, data });
        for (const part of [out.subject, out.html, out.text]) {
          expect({
            locale,
            template,
            leftover: /\bmail\.[a-z-]+\.[a-zA-Z]+|[{}]/.exec(part)?.[0],
          }).toEqual({
            locale,
            template,
            leftover: undefined,
          });
        }
      }
    }
  });

  it('lets a check-in be answered with one click, either way, plus the plain link', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'en',
      template: 'checkin',
      data: DATA.checkin,
    });
    expect(out.subject).toBe('How is it going with \u2068Rosa\u2069?');
    expect(out.html).toContain('href="https://acme.example/checkins/TOKEN?met=yes"');
    expect(out.html).toContain('href="https://acme.example/checkins/TOKEN?met=no"');
    expect(out.html).toContain('>Yes, we met</a>');
    expect(out.html).toContain('>Not yet</a>');
    expect(out.html).toContain('href="https://acme.example/checkins/TOKEN"');
    expect(out.text).toContain('Did you meet \u2068Rosa\u2069? How is it going?');
    expect(out.text).toContain('you do not need to log in');
    expect(out.text).toContain('Yes, we met:\nhttps://acme.example/checkins/TOKEN?met=yes\n');
    expect(out.text).toContain('Not yet:\nhttps://acme.example/checkins/TOKEN?met=no\n');
    expect(out.text).toContain('This link works for 14 days.');
  });

  it('tells a declined request kindly, in Spanish, with no reason and other mentors to try', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'es',
      template: 'request-answered',
      data: { ...DATA['request-answered'], name: 'Ana' },
    });
    expect(out.subject).toBe('Sobre tu solicitud a \u2068Rosa\u2069');
    expect(out.text).toContain('Hola, \u2068Ana\u2069:');
    expect(out.text).toContain('\u2068Rosa\u2069 no puede acompañar a nadie más en este momento.');
    expect(out.text).toContain('No te desanimes');
    expect(out.text).toContain('Ver otros mentores que encajan:\nhttps://acme.example/mentors');
    for (const part of [out.html, out.text]) {
      expect(part).not.toMatch(/motivo|raz[oó]n|Un mensaje de/i);
      expect(part).not.toContain('<blockquote');
    }
    // No reason can even be passed.
    expect(() =>
      renderer.render(acme, {
        to: 'a@b.example',
        locale: 'es',
        template: 'request-answered',
        data: { ...DATA['request-answered'], reason: 'Too busy' },
      }),
    ).toThrow(/data.reason/);
  });

  it('says when an unanswered request closed, and never blames anyone', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'en',
      template: 'request-answered',
      data: { ...DATA['request-answered'], outcome: 'expired' },
    });
    expect(out.subject).toBe('Your request to \u2068Rosa\u2069 has closed');
    expect(out.text).toContain('\u2068Rosa\u2069 did not answer in time');
    expect(out.text).toContain('other mentors who fit what you are looking for');
  });

  it.each(['request-received', 'new-message'] as const)(
    'escapes a <script> typed in %s in the HTML and keeps it plain in the text',
    (template) => {
      const out = renderer.render(acme, {
        to: 'a@b.example',
        locale: 'en',
        template,
        data: {
          ...DATA[template],
          fromName: '<script>alert(1)</script> Eve',
          excerpt: 'Hi <script>alert(2)</script>\n\n& bye',
        },
      });
      expect(out.html).not.toContain('<script>');
      expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Eve');
      expect(out.html).toContain('Hi &lt;script&gt;alert(2)&lt;/script&gt; &amp; bye');
      expect(out.text).toContain('\u2068<script>alert(1)</script> Eve\u2069');
      expect(out.text).toContain('\u2068Hi <script>alert(2)</script> & bye\u2069');
      expect(out.subject).toContain('<script>alert(1)</script> Eve');
    },
  );

  it('shows the unread count and the start of the new message', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'fr',
      template: 'new-message',
      data: DATA['new-message'],
    });
    expect(out.subject).toBe('Nouveau message de \u2068Rosa\u2069');
    expect(out.text).toContain('\u2068See you on Tuesday?\u2069');
    expect(out.text).toContain('Vous avez 2 messages non lus dans cette conversation.');
  });

  it('writes the Arabic digest right to left, one line per kind that waited', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'ar',
      template: 'digest',
      data: { link: 'https://acme.example/messages', requests: 2, messages: 0, reminders: 1 },
    });
    expect(out.html).toContain('<html lang="ar" dir="rtl">');
    expect(out.html).toContain('padding-right:24px');
    expect(out.text).toContain('- طلبان جديدان');
    expect(out.text).toContain('- تذكير واحد');
    expect(out.text).not.toMatch(/رسال(ة|تان|ئل) جديد/);
    expect((out.html.match(/<li /g) ?? []).length).toBe(2);
  });

  it('counts what waited in the digest with plural forms', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'en',
      template: 'digest',
      data: DATA.digest,
    });
    expect(out.subject).toBe('While you were away: news from Acme Mentors');
    expect(out.text).toContain('- 1 new request\n- 3 new messages\n- 2 reminders\n');
    expect(out.text).toContain('Go to Acme Mentors:\nhttps://acme.example/messages');
  });

  it('gives the date new requests are paused until in the mail’s language', () => {
    const render = (locale: LocaleCode, pausedUntil?: string) =>
      renderer.render(acme, {
        to: 'a@b.example',
        locale,
        template: 'mentor-held',
        data: {
          link: 'https://acme.example/availability',
          ...(pausedUntil ? { pausedUntil } : {}),
        },
      }).text;
    expect(render('en', '2026-06-01')).toContain(
      'You have not answered for a while, so we paused new requests until June 1, 2026. Do you want to continue?',
    );
    expect(render('fr', '2026-06-01')).toContain('jusqu’au 1 juin 2026');
    expect(render('es', '2026-06-01')).toContain('hasta el 1 de junio de 2026');
    expect(render('en')).toContain('we paused new requests for now.');
    expect(render('en', '2026-02-30')).toContain('we paused new requests for now.');
  });

  it('warns without saying who reported', () => {
    const out = renderer.render(acme, {
      to: 'a@b.example',
      locale: 'en',
      template: 'moderation-warning',
      data: DATA['moderation-warning'],
    });
    expect(out.text).toContain(
      'A member of Acme Mentors reported behaviour that goes against the programme’s guidelines',
    );
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
