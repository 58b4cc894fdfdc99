import express from 'express';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EmailRenderer } from '../../src/branding/emails/email-renderer';
import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import { devMailboxRouter } from '../../src/infrastructure/mail/dev-mailbox';
import { parseEml } from '../../src/infrastructure/mail/eml';
import { enqueueMail, type OutgoingMail } from '../../src/infrastructure/mail/mail-outbox';
import {
  FileTransport,
  SmtpTransport,
  type MailTransport,
} from '../../src/infrastructure/mail/mail-transport';
import { MAX_ATTEMPTS, MailWorker } from '../../src/infrastructure/mail/mail-worker';
import { startSmtp } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names are wrapped in invisible bidi isolates (U+2068 … U+2069); tests compare the words. */
const plain = (s: string | undefined) => (s ?? '').replace(/[\u2068\u2069]/g, '');

describe('mail outbox', () => {
  let t: TestApp;
  let acme: string;
  let globex: string;
  let origins: Record<string, string>;
  const transports: MailTransport[] = [];

  const worker = (transport: MailTransport, now?: () => Date) => {
    transports.push(transport);
    return new MailWorker({
      database: t.db.database,
      renderer: new EmailRenderer(t.runtime.presenter),
      transport,
      logger: t.runtime.logger,
      from: t.runtime.config.mailFrom,
      now,
    });
  };
  const enqueue = (tenantId: string, mail: OutgoingMail) =>
    runInTenant(t.db.database, tenantId, (em) => enqueueMail(em, tenantId, mail));
  const outbox = (recipient: string) =>
    t.db.ownerQuery<{
      id: string;
      status: string;
      attempts: number;
      last_error: string | null;
      next_attempt_at: Date;
      data: Record<string, unknown>;
    }>(
      `SELECT id, status, attempts, last_error, next_attempt_at, data
         FROM mail_outbox WHERE recipient = $1`,
      [recipient],
    );

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
    const rows = await t.db.ownerQuery<{ id: string; slug: string; canonical_origin: string }>(
      `SELECT id, slug, canonical_origin FROM tenants`,
    );
    acme = rows.find((r) => r.slug === 'acme')!.id;
    globex = rows.find((r) => r.slug === 'globex')!.id;
    origins = Object.fromEntries(rows.map((r) => [r.slug, r.canonical_origin]));
  });
  beforeEach(() => t.db.ownerQuery(`DELETE FROM mail_outbox`));
  // Pooled SMTP connections stay open until closed, and the server waits for them.
  const closeTransports = async () => {
    for (const transport of transports.splice(0)) await transport.close();
  };
  afterEach(closeTransports);
  afterAll(() => t.close());

  it('delivers an enqueued mail with the tenant’s branding and the recipient’s language', async () => {
    const smtp = await startSmtp();
    try {
      const w = worker(new SmtpTransport(`smtp://127.0.0.1:${smtp.port}`));
      const verifyLink = `${origins.acme}/verify-email?token=acme-token`;
      await enqueue(acme, {
        to: 'ana@people.example',
        locale: 'en',
        template: 'verify-email',
        data: { link: verifyLink, name: 'Ana' },
      });
      await enqueue(globex, {
        to: 'omar@people.example',
        locale: 'ar',
        template: 'password-reset',
        data: { link: `${origins.globex}/reset-password?token=globex-token`, expiresInHours: 2 },
      });

      expect(await w.drain()).toEqual({ sent: 2, retried: 0, failed: 0 });

      const english = smtp.received.find((m) => m.to.includes('ana@people.example'))!;
      expect(plain(english.headers.subject)).toBe('Confirm your email address for Acme Mentors');
      expect(english.headers.from).toContain('Acme Mentors');
      expect(english.headers['reply-to']).toContain('mentoring@acme.example');
      expect(english.headers['content-language']).toBe('en');
      expect(english.html).toContain('<html lang="en" dir="ltr">');
      expect(english.html).toContain('background-color:#1d4f91');
      const logo = new RegExp(`src="${escapeRegExp(origins.acme)}/assets/[0-9a-f]{64}\\.svg"`);
      expect(english.html).toMatch(logo);
      expect(english.text).toContain(verifyLink);
      expect(plain(english.text!)).toContain('Hello Ana,');
      expect(plain(english.text!)).toContain('Acme Mentors is run by Acme Foundation.');

      const arabic = smtp.received.find((m) => m.to.includes('omar@people.example'))!;
      expect(plain(arabic.headers.subject)).toBe('إعادة تعيين كلمة المرور في Globex Mentors');
      expect(arabic.headers.from).toContain('Globex Mentors');
      expect(arabic.html).toContain('<html lang="ar" dir="rtl">');
      expect(arabic.html).toContain('background-color:#0b6e4f');
      expect(arabic.html).not.toContain('#1d4f91');
      expect(arabic.text).toContain(`${origins.globex}/reset-password?token=globex-token`);
      expect(arabic.text).toContain('ساعتين');

      const [row] = await outbox('ana@people.example');
      expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, data: {} });
      expect(english.headers['message-id']).toContain(row.id);
    } finally {
      await closeTransports();
      await smtp.close();
    }
  });

  it('never sends a mail whose transaction rolled back', async () => {
    const smtp = await startSmtp();
    try {
      const w = worker(new SmtpTransport(`smtp://127.0.0.1:${smtp.port}`));
      await expect(
        runInTenant(t.db.database, acme, async (em) => {
          await enqueueMail(em, acme, {
            to: 'rolled-back@people.example',
            locale: 'en',
            template: 'verify-email',
            data: { link: `${origins.acme}/verify-email?token=x` },
          });
          throw new Error('the signup failed after the mail was enqueued');
        }),
      ).rejects.toThrow(/signup failed/);

      expect(await w.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
      expect(smtp.received).toHaveLength(0);
      expect(await outbox('rolled-back@people.example')).toHaveLength(0);
    } finally {
      await closeTransports();
      await smtp.close();
    }
  });

  it('keeps mail pending while SMTP is down and delivers it once the server is back', async () => {
    // A port that was just free: nothing listens there until we start the server again.
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();

    let clock = new Date();
    const w = worker(new SmtpTransport(`smtp://127.0.0.1:${port}`), () => clock);
    for (const to of ['first@people.example', 'second@people.example']) {
      await enqueue(acme, {
        to,
        locale: 'fr',
        template: 'password-reset',
        data: { link: `${origins.acme}/reset-password?token=${to}` },
      });
    }
    clock = new Date(Date.now() + 1000);

    expect(await w.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const pending = [
      ...(await outbox('first@people.example')),
      ...(await outbox('second@people.example')),
    ];
    expect(pending.map((r) => r.status)).toEqual(['pending', 'pending']);
    // One was tried (and counted); the other was put back untried once the server proved down.
    expect(pending.map((r) => r.attempts).sort()).toEqual([0, 1]);
    expect(pending.find((r) => r.attempts === 1)!.last_error).toMatch(/ECONN/);
    for (const row of pending) expect(new Date(row.next_attempt_at) > clock).toBe(true);

    // Nothing is due before the backoff has passed.
    expect(await w.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });

    const smtp = await startSmtp({ port });
    try {
      clock = new Date(clock.getTime() + 3600_000);
      expect(await w.drain()).toEqual({ sent: 2, retried: 0, failed: 0 });
      expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([
        'first@people.example',
        'second@people.example',
      ]);
      expect(plain(smtp.received[0].headers.subject)).toBe(
        'Réinitialisez votre mot de passe Acme Mentors',
      );
      expect((await outbox('first@people.example'))[0].status).toBe('sent');
    } finally {
      await closeTransports();
      await smtp.close();
    }
  });

  it('gives up on a mail the server keeps refusing, after the last attempt', async () => {
    const smtp = await startSmtp({ refuse: (rcpt) => rcpt === 'nobody@people.example' });
    try {
      let clock = new Date(Date.now() + 1000);
      const w = worker(new SmtpTransport(`smtp://127.0.0.1:${smtp.port}`), () => clock);
      await enqueue(acme, {
        to: 'nobody@people.example',
        locale: 'en',
        template: 'verify-email',
        data: { link: `${origins.acme}/verify-email?token=n` },
      });
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
        expect(await w.drain()).toEqual({ sent: 0, retried: 1, failed: 0 });
        clock = new Date(clock.getTime() + 2 * 3600_000);
      }
      expect(await w.drain()).toEqual({ sent: 0, retried: 0, failed: 1 });
      const [row] = await outbox('nobody@people.example');
      expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      expect(row.last_error).toMatch(/550/);
      clock = new Date(clock.getTime() + 24 * 3600_000);
      expect(await w.drain()).toEqual({ sent: 0, retried: 0, failed: 0 });
    } finally {
      await closeTransports();
      await smtp.close();
    }
  });

  it('delivers soon after kick() while started, and stop() lets the batch finish', async () => {
    const smtp = await startSmtp();
    try {
      const w = worker(new SmtpTransport(`smtp://127.0.0.1:${smtp.port}`));
      w.start();
      await enqueue(globex, {
        to: 'kicked@people.example',
        locale: 'en',
        template: 'invitation',
        data: { link: `${origins.globex}/invitations/k`, inviterName: 'Layla', role: 'mentor' },
      });
      w.kick();
      for (let i = 0; i < 100 && smtp.received.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await w.stop();
      expect(smtp.received.map((m) => m.to)).toEqual([['kicked@people.example']]);
      expect(plain(smtp.received[0].headers.subject)).toBe(
        'Layla invited you to join Globex Mentors',
      );
      expect((await outbox('kicked@people.example'))[0].status).toBe('sent');
    } finally {
      await closeTransports();
      await smtp.close();
    }
  });

  it('does not show a tenant another tenant’s outbox, nor accept a row for it', async () => {
    await enqueue(acme, {
      to: 'a@people.example',
      locale: 'en',
      template: 'verify-email',
      data: { link: `${origins.acme}/verify-email?token=a` },
    });
    await enqueue(globex, {
      to: 'g@people.example',
      locale: 'ar',
      template: 'verify-email',
      data: { link: `${origins.globex}/verify-email?token=g` },
    });
    const seen = (tenantId: string) =>
      runInTenant(t.db.database, tenantId, (em) =>
        em.query(`SELECT tenant_id, recipient FROM mail_outbox`),
      );
    expect(await seen(acme)).toEqual([{ tenant_id: acme, recipient: 'a@people.example' }]);
    expect(await seen(globex)).toEqual([{ tenant_id: globex, recipient: 'g@people.example' }]);
    const [outside] = await t.db.database.app.query(`SELECT count(*)::int AS n FROM mail_outbox`);
    expect(outside.n).toBe(0);

    await expect(
      runInTenant(t.db.database, acme, (em) =>
        enqueueMail(em, globex, {
          to: 'x@people.example',
          locale: 'en',
          template: 'verify-email',
          data: { link: `${origins.globex}/verify-email?token=x` },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await runInTenant(t.db.database, acme, (em) =>
      em.query(`UPDATE mail_outbox SET status = 'failed' WHERE tenant_id = $1`, [globex]),
    );
    expect(updated[1]).toBe(0);
  });

  it('refuses to enqueue a mail it could not render', async () => {
    await expect(
      enqueue(acme, {
        to: 'a@people.example',
        locale: 'en',
        template: 'verify-email',
        data: { link: '/verify-email?token=relative' },
      }),
    ).rejects.toThrow(/data.link/);
    await expect(
      enqueue(acme, {
        to: 'a@people.example, b@people.example',
        locale: 'en',
        template: 'verify-email',
        data: { link: `${origins.acme}/verify-email?token=a` },
      }),
    ).rejects.toThrow(/to:/);
  });

  describe('on the embedded default', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'gp-mail-'));
    });
    afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

    it('writes a readable .eml file that the development mailbox lists and serves', async () => {
      const link = `${origins.acme}/invitations/file-token`;
      await enqueue(acme, {
        to: 'zoe@people.example',
        locale: 'fr',
        template: 'invitation',
        data: { link, role: 'entrepreneur' },
      });
      expect(await worker(new FileTransport(dataDir)).drain()).toMatchObject({ sent: 1 });

      const files = readdirSync(join(dataDir, 'mail'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-zoe@people\.example-[0-9a-f]+\.eml$/);
      const mail = parseEml(readFileSync(join(dataDir, 'mail', files[0])));
      expect(plain(mail.headers.subject)).toBe('Vous êtes invité·e à rejoindre Acme Mentors');
      expect(mail.headers.to).toBe('zoe@people.example');
      expect(mail.text).toContain(link);
      expect(plain(mail.text!)).toContain('comme entrepreneur');
      expect(mail.html).toContain('<html lang="fr" dir="ltr">');

      const app = express();
      app.use('/dev/mail', devMailboxRouter(dataDir));
      const list = await request(app).get('/dev/mail').expect(200);
      expect(list.headers['content-type']).toMatch(/^text\/html/);
      expect(list.text).toContain('zoe@people.example');
      expect(list.text).toContain('Vous êtes invité·e à rejoindre');
      expect(list.text).toContain(`href="/dev/mail/${encodeURIComponent(files[0])}"`);

      const raw = await request(app)
        .get(`/dev/mail/${encodeURIComponent(files[0])}`)
        .expect(200);
      expect(raw.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(raw.text).toMatch(/^[\s\S]*\nSubject: /);
      const text = await request(app)
        .get(`/dev/mail/${encodeURIComponent(files[0])}?view=text`)
        .expect(200);
      expect(text.text).toContain(link);
      const html = await request(app)
        .get(`/dev/mail/${encodeURIComponent(files[0])}?view=html`)
        .expect(200);
      expect(html.headers['content-security-policy']).toContain('sandbox');
      expect(html.text).toContain('background-color:#1d4f91');
    });

    it('refuses paths outside the mailbox', async () => {
      writeFileSync(join(dataDir, 'secret.eml'), 'Subject: not for you\n\nsecret\n');
      writeFileSync(join(dataDir, 'session-secret'), 'secret\n');
      const app = express();
      app.use('/dev/mail', devMailboxRouter(dataDir));
      expect((await request(app).get('/dev/mail').expect(200)).text).toContain('No mail yet');
      for (const path of [
        '/dev/mail/..%2Fsecret.eml',
        '/dev/mail/..%2Fsession-secret',
        '/dev/mail/%2E%2E%2Fsecret.eml',
        '/dev/mail/..%5Csecret.eml',
        '/dev/mail/%2Fetc%2Fpasswd',
        '/dev/mail/.secret.eml.tmp',
      ]) {
        const res = await request(app).get(path);
        expect({ path, status: res.status, leaked: res.text.includes('secret\n') }).toEqual({
          path,
          status: 404,
          leaked: false,
        });
      }
    });
  });
});
