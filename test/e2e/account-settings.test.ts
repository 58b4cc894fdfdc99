import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';
import { lastMailLink, Visitor } from '../support/visitor';

const PASSWORD = 'a long enough passphrase';
const ACME = 'acme.localhost';
const GLOBEX = 'globex.localhost';

/** Signs up on `host`, confirms by the emailed link, and returns a signed-in visitor. */
async function member(t: TestApp, host: string, email: string, name = 'Ana Test') {
  const v = new Visitor(t, host);
  await v.signUp({ email, name, password: PASSWORD });
  const link = await lastMailLink(t, email, 'verify-email');
  const url = new URL(link);
  await v.get(url.pathname + url.search, 200);
  await v.post('/verify-email', { token: url.searchParams.get('token')! });
  return signIn(t, host, email);
}

async function signIn(t: TestApp, host: string, email: string, password = PASSWORD) {
  const v = new Visitor(t, host);
  const res = await v.submit('/login', { email, password });
  if (res.status !== 303) throw new Error(`login ${email} on ${host}: ${res.status}`);
  return v;
}

async function userRow(t: TestApp, host: string, email: string) {
  const rows = await t.db.ownerQuery<{
    id: string;
    email: string;
    name: string;
    password_hash: string;
    status: string;
    deleted_at: Date | null;
  }>(
    `SELECT u.id, u.email, u.name, u.password_hash, u.status, u.deleted_at
       FROM users u JOIN tenants t ON t.id = u.tenant_id
      WHERE t.slug = $1 AND lower(u.email) = lower($2)`,
    [host.split('.')[0], email],
  );
  return rows[0];
}

async function count(t: TestApp, sql: string, params: unknown[]): Promise<number> {
  const [{ n }] = await t.db.ownerQuery<{ n: number }>(sql, params);
  return n;
}

/** The page without what differs between two answers by construction (the CSRF token). */
const normalise = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '');

describe('account settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants() });
  });
  afterAll(() => t.close());

  describe('access', () => {
    it('sends anonymous visitors to log in and back, for every page and form', async () => {
      const pages = [
        '/account/password',
        '/account/email',
        '/account/data.json',
        '/account/delete',
      ];
      for (const path of pages) {
        const res = await t.get(ACME, path);
        expect({ path, status: res.status, location: res.headers.location }).toEqual({
          path,
          status: 303,
          location: `/login?next=${encodeURIComponent(path)}`,
        });
      }
      const confirm = await t.get(ACME, '/account/email/confirm?token=abcdefghijkl');
      expect(confirm.status).toBe(303);
      expect(confirm.headers.location).toBe(
        `/login?next=${encodeURIComponent('/account/email/confirm?token=abcdefghijkl')}`,
      );
      const anonymous = new Visitor(t, ACME);
      await anonymous.get('/login', 200);
      for (const path of [
        '/account/password',
        '/account/email',
        '/account/email/confirm',
        '/account/delete',
      ]) {
        const res = await anonymous.post(path, { currentPassword: PASSWORD });
        expect({ path, status: res.status }).toEqual({ path, status: 303 });
        expect(res.headers.location).toMatch(/^\/login\?next=/);
      }
    });

    it('does not carry a signed-in session to another tenant’s settings', async () => {
      const v = await member(t, ACME, 'carry@example.org');
      await v.get('/account/password', 200);
      const elsewhere = await v.agent.get('/account/data.json').set('Host', GLOBEX);
      expect(elsewhere.status).toBe(303);
    });

    it('refuses every settings form without the session’s CSRF token and changes nothing', async () => {
      const v = await member(t, ACME, 'csrf@example.org');
      const before = await userRow(t, ACME, 'csrf@example.org');
      await v.get('/account/password', 200);
      const forms: [string, Record<string, string>][] = [
        ['/account/password', { currentPassword: PASSWORD, newPassword: 'a different passphrase' }],
        ['/account/email', { currentPassword: PASSWORD, newEmail: 'csrf-new@example.org' }],
        ['/account/email/confirm', { token: 'abcdefghijklmnop' }],
        ['/account/delete', { currentPassword: PASSWORD, confirm: 'on' }],
      ];
      for (const [path, fields] of forms) {
        const res = await v.post(path, { ...fields, _csrf: '' });
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
      }
      expect(await userRow(t, ACME, 'csrf@example.org')).toEqual(before);
      expect(
        await count(
          t,
          `SELECT count(*)::int AS n FROM mail_outbox WHERE recipient = 'csrf-new@example.org'`,
          [],
        ),
      ).toBe(0);
    });

    it('rejects fields the forms do not have', async () => {
      const v = await member(t, ACME, 'extra@example.org');
      await v.get('/account/password', 200);
      const res = await v.post('/account/password', {
        currentPassword: PASSWORD,
        newPassword: 'a different passphrase',
        userId: '00000000-0000-0000-0000-000000000000',
      });
      expect(res.status).toBe(400);
    });
  });

  describe('changing the password', () => {
    it('ends the other sessions, keeps this one, and the old password stops working', async () => {
      const other = await member(t, ACME, 'pw@example.org');
      const v = await signIn(t, ACME, 'pw@example.org');
      const page = await v.get('/account/password', 200);
      expect(page.text).toContain('autocomplete="current-password"');
      expect(page.text).toContain('autocomplete="new-password"');
      const before = await userRow(t, ACME, 'pw@example.org');

      const res = await v.post('/account/password', {
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase',
      });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/account');

      const after = await userRow(t, ACME, 'pw@example.org');
      expect(after.password_hash).toMatch(/^\$argon2id\$/);
      expect(after.password_hash).not.toBe(before.password_hash);
      await v.get('/account', 200);
      expect((await other.agent.get('/account').set('Host', ACME)).status).toBe(303);
      expect(
        await count(t, `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [after.id]),
      ).toBe(1);

      const old = await new Visitor(t, ACME).submit('/login', {
        email: 'pw@example.org',
        password: PASSWORD,
      });
      expect(old.status).toBe(422);
      await signIn(t, ACME, 'pw@example.org', 'a brand new passphrase');
    });

    it('refuses a wrong current password and a weak new one, and changes nothing', async () => {
      const v = await member(t, ACME, 'pw-wrong@example.org');
      const before = await userRow(t, ACME, 'pw-wrong@example.org');
      await v.get('/account/password', 200);
      const wrong = await v.post('/account/password', {
        currentPassword: 'not my passphrase',
        newPassword: 'a brand new passphrase',
      });
      expect(wrong.status).toBe(422);
      expect(wrong.text).toContain('aria-invalid="true"');
      const weak = await v.post('/account/password', {
        currentPassword: PASSWORD,
        newPassword: 'short',
      });
      expect(weak.status).toBe(422);
      expect((await userRow(t, ACME, 'pw-wrong@example.org')).password_hash).toBe(
        before.password_hash,
      );
    });

    it('limits wrong current passwords per account with 429 and Retry-After', async () => {
      const v = await member(t, ACME, 'pw-limit@example.org');
      await v.get('/account/password', 200);
      let last;
      for (let i = 0; i < 11; i++) {
        last = await v.post('/account/password', {
          currentPassword: 'wrong passphrase ' + i,
          newPassword: 'a brand new passphrase',
        });
      }
      expect(last!.status).toBe(429);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      // Another member is not limited by it.
      const other = await member(t, ACME, 'pw-limit-other@example.org');
      await other.get('/account/password', 200);
      const ok = await other.post('/account/password', {
        currentPassword: PASSWORD,
        newPassword: 'a brand new passphrase',
      });
      expect(ok.status).toBe(303);
    });
  });

  describe('changing the email address', () => {
    it('mails a link at the canonical origin to the new address and a notice to the old one', async () => {
      const other = await member(t, ACME, 'old@example.org');
      const v = await signIn(t, ACME, 'old@example.org');
      const page = await v.get('/account/email', 200);
      expect(page.text).toContain('autocomplete="email"');
      const res = await v.post('/account/email', {
        currentPassword: PASSWORD,
        newEmail: 'New@Example.org',
      });
      expect(res.status).toBe(200);

      const link = new URL(await lastMailLink(t, 'new@example.org', 'email-change-confirm'));
      expect(link.origin).toBe('http://acme.localhost:3000');
      expect(link.pathname).toBe('/account/email/confirm');
      const [notice] = await t.db.ownerQuery<{ locale: string; new_email: string }>(
        `SELECT locale, data->>'newEmail' AS new_email FROM mail_outbox
          WHERE recipient = 'old@example.org' AND template = 'email-change-notice'`,
      );
      expect(notice).toBeDefined();
      expect(notice.new_email).not.toBe('New@Example.org');
      // Nothing changes until the new address is proven.
      expect((await userRow(t, ACME, 'old@example.org')).email).toBe('old@example.org');

      // Opening the link (as a mail scanner would) does not use it up.
      const token = link.searchParams.get('token')!;
      const confirmPage = await v.get(link.pathname + link.search, 200);
      expect(confirmPage.text).toContain(`value="${token}"`);
      const done = await v.post('/account/email/confirm', { token });
      expect(done.status).toBe(303);
      expect(done.headers.location).toBe('/account');

      expect(await userRow(t, ACME, 'old@example.org')).toBeUndefined();
      expect((await userRow(t, ACME, 'new@example.org')).email).toBe('New@Example.org');
      await v.get('/account', 200);
      expect((await other.agent.get('/account').set('Host', ACME)).status).toBe(303);
      await signIn(t, ACME, 'new@example.org');
      const old = await new Visitor(t, ACME).submit('/login', {
        email: 'old@example.org',
        password: PASSWORD,
      });
      expect(old.status).toBe(422);

      // Single use.
      await v.get('/account', 200);
      expect((await v.post('/account/email/confirm', { token })).status).toBe(400);
    });

    it('refuses a wrong current password and sends nothing', async () => {
      const v = await member(t, ACME, 'em-wrong@example.org');
      await v.get('/account/email', 200);
      const res = await v.post('/account/email', {
        currentPassword: 'not my passphrase',
        newEmail: 'em-wrong-new@example.org',
      });
      expect(res.status).toBe(422);
      expect(
        await count(
          t,
          `SELECT count(*)::int AS n FROM mail_outbox WHERE recipient = 'em-wrong-new@example.org'`,
          [],
        ),
      ).toBe(0);
    });

    it('answers the same for an address another member uses, and sends nothing to it', async () => {
      await member(t, ACME, 'taken@example.org');
      const a = await member(t, ACME, 'wants-taken@example.org');
      await a.get('/account/email', 200);
      const taken = await a.post('/account/email', {
        currentPassword: PASSWORD,
        newEmail: 'taken@example.org',
      });
      const b = await member(t, ACME, 'wants-free@example.org');
      await b.get('/account/email', 200);
      const free = await b.post('/account/email', {
        currentPassword: PASSWORD,
        newEmail: 'free@example.org',
      });
      expect({ status: taken.status, body: normalise(taken.text) }).toEqual({
        status: free.status,
        body: normalise(free.text),
      });
      expect(
        await count(
          t,
          `SELECT count(*)::int AS n FROM mail_outbox
            WHERE recipient = 'taken@example.org' AND template = 'email-change-confirm'`,
          [],
        ),
      ).toBe(0);
      expect((await userRow(t, ACME, 'wants-taken@example.org')).email).toBe(
        'wants-taken@example.org',
      );
    });

    it('does not apply a confirmation when the address was taken meanwhile', async () => {
      const v = await member(t, ACME, 'race@example.org');
      await v.get('/account/email', 200);
      await v.post('/account/email', { currentPassword: PASSWORD, newEmail: 'raced@example.org' });
      const link = new URL(await lastMailLink(t, 'raced@example.org', 'email-change-confirm'));
      await member(t, ACME, 'raced@example.org');
      await v.get(link.pathname + link.search, 200);
      const res = await v.post('/account/email/confirm', {
        token: link.searchParams.get('token')!,
      });
      expect(res.status).toBe(409);
      expect((await userRow(t, ACME, 'race@example.org')).email).toBe('race@example.org');
    });

    it('does not let another member use someone else’s confirmation link', async () => {
      const v = await member(t, ACME, 'owner-link@example.org');
      await v.get('/account/email', 200);
      await v.post('/account/email', {
        currentPassword: PASSWORD,
        newEmail: 'owner-link-new@example.org',
      });
      const link = new URL(
        await lastMailLink(t, 'owner-link-new@example.org', 'email-change-confirm'),
      );
      const stranger = await member(t, ACME, 'stranger@example.org');
      await stranger.get(link.pathname + link.search, 200);
      const res = await stranger.post('/account/email/confirm', {
        token: link.searchParams.get('token')!,
      });
      expect(res.status).toBe(400);
      expect(await userRow(t, ACME, 'owner-link-new@example.org')).toBeUndefined();
    });
  });

  describe('downloading my data', () => {
    it('contains my own data and nothing of another member or another tenant, and no secrets', async () => {
      const lookAlike = await member(t, GLOBEX, 'mine@example.org', 'Globex Twin');
      await lookAlike.get('/account', 200);
      const neighbour = await member(t, ACME, 'neighbour@example.org', 'Neighbour Person');
      await neighbour.get('/account', 200);
      const v = await member(t, ACME, 'mine@example.org', 'Mine Owner');
      await new Visitor(t, ACME).submit('/forgot-password', { email: 'mine@example.org' });

      const res = await v.get('/account/data.json', 200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="guidepost-my-data.json"',
      );
      expect(res.headers['cache-control']).toBe('no-store');
      const data = JSON.parse(res.text) as {
        profile: Record<string, unknown>;
        sessions: Record<string, unknown>[];
        tokens: Record<string, unknown>[];
        mail: Record<string, unknown>[];
      };
      const mine = await userRow(t, ACME, 'mine@example.org');
      const twin = await userRow(t, GLOBEX, 'mine@example.org');
      expect(data.profile).toMatchObject({
        id: mine.id,
        email: 'mine@example.org',
        name: 'Mine Owner',
        roles: ['entrepreneur'],
        status: 'active',
      });
      expect(data.sessions.length).toBe(1);
      expect(Object.keys(data.sessions[0]).sort()).toEqual(['createdAt', 'expiresAt']);
      expect(data.tokens.map((tk) => tk.purpose).sort()).toEqual([
        'reset_password',
        'verify_email',
      ]);
      expect(data.mail.map((m) => m.template).sort()).toEqual(['password-reset', 'verify-email']);

      // Nothing secret, nothing of the neighbour, nothing of the look-alike in the other tenant.
      expect(res.text).not.toContain('$argon2');
      expect(res.text).not.toMatch(/hash|sid|token_hash|"link"/i);
      expect(res.text).not.toContain(mine.password_hash);
      expect(res.text).not.toContain('Neighbour Person');
      expect(res.text).not.toContain('neighbour@example.org');
      expect(res.text).not.toContain('Globex Twin');
      expect(res.text).not.toContain(twin.id);
      const sessionIds = await t.db.ownerQuery<{ sid: string }>(
        `SELECT sid FROM sessions WHERE user_id = $1`,
        [mine.id],
      );
      for (const { sid } of sessionIds) expect(res.text).not.toContain(sid);
    });
  });

  describe('deleting my account', () => {
    it('asks for the password and the confirmation first', async () => {
      const v = await member(t, ACME, 'keep-me@example.org');
      await v.get('/account/delete', 200);
      const wrong = await v.post('/account/delete', {
        currentPassword: 'not my passphrase',
        confirm: 'on',
      });
      expect(wrong.status).toBe(422);
      const unconfirmed = await v.post('/account/delete', { currentPassword: PASSWORD });
      expect(unconfirmed.status).toBe(422);
      expect((await userRow(t, ACME, 'keep-me@example.org')).status).toBe('active');
      await v.get('/account', 200);
    });

    it('exports, then erases, the business profile and the self-assessment the person wrote', async () => {
      const v = await member(t, ACME, 'profiled@example.org', 'Profiled Person');
      await v.get('/profile/edit', 200);
      const saved = await v.postForm('/profile/business', [
        ['businessName', 'Tienda Profiled'],
        ['industry', 'retail'],
        ['stage', 'revenue'],
        ['city', 'Puebla'],
        ['foundedYear', ''],
        ['employees', '3'],
        ['revenueBand', ''],
        ['registration', ''],
        ['description', 'A corner shop that wants to sell online.'],
        ['needsTop', 'digital.ecommerce'],
        ['languages', 'es'],
        ['country', 'MX'],
        ['timezone', ''],
      ]);
      expect(saved.text.match(/error-summary[\s\S]{0,600}/)?.[0] ?? '').toBe('');
      expect(saved.status).toBe(303);
      await v.get('/assessment/take', 200);
      await v.post('/assessment/take', { q_fin_records: '2', action: 'save' });
      const exported = (await v.get('/account/data.json', 200)).body as {
        businessProfile: { businessName: string; needsTop: string[] } | null;
        assessments: { status: string; answers: Record<string, number> }[];
      };
      expect(exported.businessProfile).toMatchObject({
        businessName: 'Tienda Profiled',
        needsTop: ['digital.ecommerce'],
      });
      expect(exported.assessments).toEqual([
        expect.objectContaining({ status: 'draft', answers: { fin_records: 2 } }),
      ]);

      const { id } = await userRow(t, ACME, 'profiled@example.org');
      await v.get('/account/delete', 200);
      const gone = await v.post('/account/delete', { currentPassword: PASSWORD, confirm: 'on' });
      expect(gone.status).toBe(200);
      for (const table of ['entrepreneur_profiles', 'assessments', 'member_avatars']) {
        expect({
          table,
          n: await count(t, `SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [id]),
        }).toEqual({ table, n: 0 });
      }
    });

    it('erases the identity, ends every session, removes links and unsent mail, keeps the row', async () => {
      const other = await member(t, ACME, 'leaving@example.org', 'Leaving Person');
      const v = await signIn(t, ACME, 'leaving@example.org');
      await new Visitor(t, ACME).submit('/forgot-password', { email: 'leaving@example.org' });
      await v.get('/account/email', 200);
      await v.post('/account/email', {
        currentPassword: PASSWORD,
        newEmail: 'leaving-new@example.org',
      });
      const twin = await member(t, GLOBEX, 'leaving@example.org', 'Leaving Twin');
      const { id } = await userRow(t, ACME, 'leaving@example.org');
      expect(
        await count(
          t,
          `SELECT count(*)::int AS n FROM mail_outbox
            WHERE lower(recipient) IN ('leaving@example.org', 'leaving-new@example.org')
              AND status IN ('pending', 'sending')
              AND tenant_id = (SELECT id FROM tenants WHERE slug = 'acme')`,
          [],
        ),
      ).toBeGreaterThan(0);

      await v.get('/account/delete', 200);
      const res = await v.post('/account/delete', { currentPassword: PASSWORD, confirm: 'on' });
      expect(res.status).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/gp_sid=;/);
      expect(res.text).not.toContain('href="/account"');

      const [row] = await t.db.ownerQuery<{
        email: string;
        name: string;
        password_hash: string;
        status: string;
        deleted_at: Date | null;
        roles: string[];
      }>(`SELECT email, name, password_hash, status, deleted_at, roles FROM users WHERE id = $1`, [
        id,
      ]);
      expect(row.email).toBe(`deleted-${id}@invalid`);
      expect(row.name).toBe('');
      expect(row.password_hash).not.toMatch(/^\$argon2/);
      expect(row.status).toBe('suspended');
      expect(row.deleted_at).not.toBeNull();
      expect(row.roles).toEqual(['entrepreneur']);
      expect(
        await count(t, `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [id]),
      ).toBe(0);
      expect(
        await count(t, `SELECT count(*)::int AS n FROM user_tokens WHERE user_id = $1`, [id]),
      ).toBe(0);
      expect(
        await count(
          t,
          `SELECT count(*)::int AS n FROM mail_outbox
            WHERE lower(recipient) IN ('leaving@example.org', 'leaving-new@example.org')
              AND tenant_id = (SELECT id FROM tenants WHERE slug = 'acme')`,
          [],
        ),
      ).toBe(0);

      expect((await v.agent.get('/account').set('Host', ACME)).status).toBe(303);
      expect((await other.agent.get('/account').set('Host', ACME)).status).toBe(303);
      const again = await new Visitor(t, ACME).submit('/login', {
        email: 'leaving@example.org',
        password: PASSWORD,
      });
      expect(again.status).toBe(422);

      // The look-alike account in the other programme is untouched.
      await twin.get('/account', 200);
      expect((await userRow(t, GLOBEX, 'leaving@example.org')).name).toBe('Leaving Twin');
    });
  });
});
