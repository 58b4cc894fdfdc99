import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmailRenderer } from '../../src/branding/emails/email-renderer';
import { LOCALES_DIR } from '../../src/config/paths';
import { SmtpTransport, type MailTransport } from '../../src/infrastructure/mail/mail-transport';
import { MailWorker } from '../../src/infrastructure/mail/mail-worker';
import { idFrom, REQUEST_MESSAGE } from '../support/connecting';
import { addEntrepreneur, addMentor, loggedIn, tenantInfo } from '../support/people';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';
import type { Visitor } from '../support/visitor';

// The connecting mails as a mail server receives them: sent through the pages
// in both tenants, delivered by a MailWorker over real SMTP, read back.

type Slug = 'acme' | 'globex';

const HOST: Record<Slug, string> = { acme: 'acme.localhost', globex: 'globex.localhost' };
const NAME: Record<Slug, string> = { acme: 'Acme Mentors', globex: 'Globex Mentors' };
const OTHER: Record<Slug, RegExp> = { acme: /globex/i, globex: /acme/i };

const SCRIPTED = 'Our price list is ready <script>alert("owned")</script> see you on Tuesday';

/** Names are wrapped in invisible bidi isolates (U+2068 … U+2069); tests compare the words. */
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u2068\u2069]/g, '');

const catalog = (locale: string) =>
  JSON.parse(readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8')) as Record<string, string>;

describe('connecting mail, as delivered over SMTP', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let transport: MailTransport;
  let worker: MailWorker;
  const origin = {} as Record<Slug, string>;
  const people = {} as Record<
    Slug,
    Record<
      'mentor' | 'entrepreneur' | 'decliner' | 'declined',
      { id: string; email: string; name: string }
    >
  >;
  const as = new Map<string, Visitor>();
  const requestIds = {} as Record<Slug, string>;

  const visitor = async (slug: Slug, email: string) => {
    let v = as.get(email);
    if (!v) as.set(email, (v = await loggedIn(t, HOST[slug], email)));
    return v;
  };

  /** What the server received for `to` from the outbox rows of `template` (the Message-ID is the row id). */
  async function received(to: string, template: string): Promise<ReceivedMail[]> {
    const rows = await t.db.ownerQuery<{ id: string }>(
      `SELECT id FROM mail_outbox WHERE recipient = $1 AND template = $2`,
      [to, template],
    );
    return smtp.received.filter(
      (m) => m.to.includes(to) && rows.some((r) => (m.headers['message-id'] ?? '').includes(r.id)),
    );
  }

  async function ask(slug: Slug, from: string, mentorId: string): Promise<string> {
    const v = await visitor(slug, from);
    await v.get(`/mentors/${mentorId}/request`, 200);
    const res = await v.post(`/mentors/${mentorId}/request`, { message: REQUEST_MESSAGE });
    expect(res.status).toBe(303);
    return idFrom(res.headers.location, '/requests');
  }

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants(), env: { LOG_LEVEL: 'error' } });
    const rows = await t.db.ownerQuery<{ slug: Slug; canonical_origin: string }>(
      `SELECT slug, canonical_origin FROM tenants`,
    );
    for (const r of rows) origin[r.slug] = r.canonical_origin;
    for (const slug of ['acme', 'globex'] as Slug[]) {
      const tenant = await tenantInfo(t, slug);
      const cap = slug[0].toUpperCase() + slug.slice(1);
      const mk = async (
        kind: 'mentor' | 'entrepreneur',
        key: string,
        name: string,
        locale: string,
      ) => {
        const email = `${key}@${slug}.example`;
        const id =
          kind === 'mentor'
            ? await addMentor(t, tenant, email, { name, capacity: 3 })
            : await addEntrepreneur(t, tenant, email, { name, locale });
        await t.db.ownerQuery(`UPDATE users SET locale = $2 WHERE id = $1`, [id, locale]);
        return { id, email, name };
      };
      // Mentors read another language than the people who write to them (and,
      // in acme, than the tenant's default): each mail must follow its recipient.
      people[slug] = {
        mentor: await mk('mentor', 'rosa', `Rosa ${cap}`, slug === 'globex' ? 'ar' : 'fr'),
        entrepreneur: await mk('entrepreneur', 'ana', `Ana ${cap}`, 'en'),
        decliner: await mk('mentor', 'omar', `Omar ${cap}`, 'en'),
        declined: await mk('entrepreneur', 'luis', `Luis ${cap}`, slug === 'globex' ? 'ar' : 'en'),
      };
    }
    smtp = await startSmtp();
    transport = new SmtpTransport(`smtp://127.0.0.1:${smtp.port}`);
    worker = new MailWorker({
      database: t.db.database,
      renderer: new EmailRenderer(t.runtime.presenter),
      transport,
      logger: t.runtime.logger,
      from: t.runtime.config.mailFrom,
    });
  });
  afterAll(async () => {
    await transport?.close();
    await smtp?.close();
    await t.close();
  });

  it('mails the mentor a request in their language, branded for the tenant, linking to it on the tenant’s host', async () => {
    for (const slug of ['acme', 'globex'] as Slug[]) {
      const { mentor, entrepreneur } = people[slug];
      requestIds[slug] = await ask(slug, entrepreneur.email, mentor.id);
    }
    expect((await worker.drain()).failed).toBe(0);

    for (const slug of ['acme', 'globex'] as Slug[]) {
      const { mentor, entrepreneur } = people[slug];
      const mails = await received(mentor.email, 'request-received');
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      const link = `${origin[slug]}/requests/${requestIds[slug]}`;
      expect(new URL(link).hostname).toBe(HOST[slug]);
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${link}`);
      expect(mail.headers.from).toContain(NAME[slug]);
      expect(mail.html).toContain(NAME[slug]);
      expect(plain(mail.text)).toContain('margins shrank this year');
      expect(plain(mail.html)).toContain('margins shrank this year');
      for (const part of [mail.headers.subject, mail.headers.from, mail.text, mail.html]) {
        expect(part).not.toMatch(OTHER[slug]);
      }
      if (slug === 'globex') {
        expect(mail.html).toContain('<html lang="ar" dir="rtl">');
        expect(mail.headers['content-language']).toBe('ar');
        expect(plain(mail.headers.subject)).toBe(
          `يطلب ${entrepreneur.name} إرشادك في Globex Mentors`,
        );
        expect(mail.html).toContain('background-color:#0b6e4f');
      } else {
        expect(mail.html).toContain('<html lang="fr" dir="ltr">');
        expect(mail.headers['content-language']).toBe('fr');
        expect(plain(mail.headers.subject)).toBe(
          `${entrepreneur.name} souhaite que vous soyez son mentor sur Acme Mentors`,
        );
        expect(mail.html).toContain('background-color:#1d4f91');
      }
    }
  });

  it('mails a new message with its excerpt, escaping markup in the HTML part', async () => {
    for (const slug of ['acme', 'globex'] as Slug[]) {
      const { mentor, entrepreneur } = people[slug];
      const m = await visitor(slug, mentor.email);
      await m.get(`/requests/${requestIds[slug]}`, 200);
      const accepted = await m.post(`/requests/${requestIds[slug]}/accept`, {});
      expect(accepted.status).toBe(303);
      const [{ id: conversationId }] = await t.db.ownerQuery<{ id: string }>(
        `SELECT conversation_id AS id FROM conversation_members WHERE member_id = $1 AND other_id = $2`,
        [entrepreneur.id, mentor.id],
      );
      const e = await visitor(slug, entrepreneur.email);
      await e.get(`/messages/${conversationId}`, 200);
      expect((await e.post(`/messages/${conversationId}`, { body: SCRIPTED })).status).toBe(303);
    }
    expect((await worker.drain()).failed).toBe(0);

    for (const slug of ['acme', 'globex'] as Slug[]) {
      const { mentor, entrepreneur } = people[slug];
      const mails = await received(mentor.email, 'new-message');
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(plain(mail.headers.subject)).toContain(entrepreneur.name);
      expect(mail.headers['content-language']).toBe(slug === 'globex' ? 'ar' : 'fr');
      expect(plain(mail.text)).toContain('Our price list is ready');
      expect(plain(mail.text)).toContain('see you on Tuesday');
      expect(plain(mail.html)).toContain('Our price list is ready');
      expect(mail.html).toContain('&lt;script&gt;');
      expect(mail.html).not.toMatch(/<script/i);
      expect(mail.html).toContain(NAME[slug]);
      for (const part of [mail.headers.subject, mail.text, mail.html]) {
        expect(part).not.toMatch(OTHER[slug]);
      }
      const accepted = await received(entrepreneur.email, 'request-answered');
      expect(accepted).toHaveLength(1);
    }
  });

  it('delivers one new-message mail while a burst stays unread, and none to a member who turned them off', async () => {
    const before = new Map<string, number>();
    for (const slug of ['acme', 'globex'] as Slug[]) {
      const { mentor, entrepreneur } = people[slug];
      before.set(mentor.email, (await received(mentor.email, 'new-message')).length);
      before.set(entrepreneur.email, (await received(entrepreneur.email, 'new-message')).length);
    }
    for (const slug of ['acme', 'globex'] as Slug[]) {
      const { mentor, entrepreneur } = people[slug];
      const [{ id: conversationId }] = await t.db.ownerQuery<{ id: string }>(
        `SELECT conversation_id AS id FROM conversation_members WHERE member_id = $1 AND other_id = $2`,
        [entrepreneur.id, mentor.id],
      );
      // The entrepreneur turns message mail off; the mentor keeps the default.
      const e = await visitor(slug, entrepreneur.email);
      await e.get('/account/notifications', 200);
      const saved = await e.post('/account/notifications', {
        requests: 'immediate',
        messages: 'off',
        reminders: 'immediate',
      });
      expect(saved.status).toBe(303);
      // Three more from the entrepreneur while the mentor has not read the first mail's thread.
      await e.get(`/messages/${conversationId}`, 200);
      for (const body of ['One more thing', 'And another', 'Last one, promise']) {
        expect((await e.post(`/messages/${conversationId}`, { body })).status).toBe(303);
      }
      // The mentor answers twice: the entrepreneur gets no mail at all.
      const m = await visitor(slug, mentor.email);
      await m.get(`/messages/${conversationId}`, 200);
      for (const body of ['Thanks, noted', 'See you Tuesday']) {
        expect((await m.post(`/messages/${conversationId}`, { body })).status).toBe(303);
      }
    }
    expect((await worker.drain()).failed).toBe(0);
    for (const slug of ['acme', 'globex'] as Slug[]) {
      const { mentor, entrepreneur } = people[slug];
      // Still within the hour of the first mail and unread at the time: no new mail for the burst.
      expect((await received(mentor.email, 'new-message')).length).toBe(before.get(mentor.email));
      expect((await received(entrepreneur.email, 'new-message')).length).toBe(
        before.get(entrepreneur.email),
      );
    }
  });

  it('tells the entrepreneur about a decline without the private reason', async () => {
    const reasons = { acme: 'fit', globex: 'inappropriate' } as const;
    const ids = {} as Record<Slug, string>;
    for (const slug of ['acme', 'globex'] as Slug[]) {
      const { decliner, declined } = people[slug];
      ids[slug] = await ask(slug, declined.email, decliner.id);
      const v = await visitor(slug, decliner.email);
      await v.get(`/requests/${ids[slug]}`, 200);
      const res = await v.post(`/requests/${ids[slug]}/decline`, { reason: reasons[slug] });
      expect(res.status).toBe(303);
    }
    expect((await worker.drain()).failed).toBe(0);

    for (const slug of ['acme', 'globex'] as Slug[]) {
      const { decliner, declined } = people[slug];
      const mails = await received(declined.email, 'request-answered');
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(plain(mail.text)).toContain(decliner.name);
      expect(mail.text).toContain(`${origin[slug]}/requests/${ids[slug]}`);
      const whole = plain(`${mail.headers.subject}\n${mail.text}\n${mail.html}`);
      // No reason's wording, in the mail's language or in English.
      const language = slug === 'globex' ? 'ar' : 'en';
      expect(mail.headers['content-language']).toBe(language);
      for (const locale of new Set(['en', language])) {
        const words = catalog(locale);
        for (const key of Object.keys(words).filter((k) => k.startsWith('request.reason.'))) {
          expect({ key, found: whole.includes(words[key]) }).toEqual({ key, found: false });
        }
      }
      expect(whole).not.toMatch(OTHER[slug]);
      if (slug === 'globex') expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    }
  });
});
