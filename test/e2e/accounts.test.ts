import { startTestApp, type TestApp } from '../support/test-app';
import { tenantBundle, twoTenants } from '../support/tenant-fixtures';
import { lastMailLink, Visitor } from '../support/visitor';

const PASSWORD = 'a long enough passphrase';

/** The path and query of an emailed link, after checking it points at the tenant's canonical origin. */
function pathOf(link: string, origin: string): string {
  const url = new URL(link);
  expect(url.origin).toBe(origin);
  return url.pathname + url.search;
}

async function confirmByEmail(t: TestApp, v: Visitor, email: string) {
  const link = await lastMailLink(t, email, 'verify-email');
  await v.get(pathOf(link, `http://${v.host}:3000`), 200);
  return v.post('/verify-email', { token: new URL(link).searchParams.get('token')! });
}

describe('joining a programme and signing in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      tenants: [
        ...twoTenants(),
        tenantBundle('corpo', {
          kind: 'corporate',
          programme: {
            mentorEligibility: { mode: 'email-domain', allowedEmailDomains: ['corpo.example'] },
          },
        }),
        tenantBundle('closed', {
          programme: {
            mentorEligibility: { mode: 'invite-only' },
            entrepreneurEligibility: { mode: 'invite-only' },
          },
        }),
        tenantBundle('vetted', {
          programme: { approvalRequired: { mentors: true, entrepreneurs: false } },
        }),
      ],
    });
  });
  afterAll(() => t.close());

  it('signs up, confirms the address by the emailed link, logs in and sees the account page', async () => {
    const v = new Visitor(t, 'acme.localhost');
    const signup = await v.signUp({ email: 'Ana@Example.org', name: 'Ana Ruiz' });
    expect(signup.status).toBe(200);
    expect(signup.text).toContain('Check your email');

    const early = await v.submit('/login', { email: 'ana@example.org', password: PASSWORD });
    expect(early.status).toBe(422);
    expect(early.text).toContain('confirm your email address first');

    const confirmed = await confirmByEmail(t, v, 'ana@example.org');
    expect(confirmed.text).toContain('Your email address is confirmed');

    const login = await v.submit('/login', { email: 'ANA@example.org', password: PASSWORD });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/account');
    const account = await v.get('/account', 200);
    expect(account.text).toContain('Ana Ruiz');
    expect(account.text).toContain('Ana@Example.org');
    expect(account.text).toContain('My account');
  });

  it('uses each emailed link only once', async () => {
    const v = new Visitor(t, 'acme.localhost');
    await v.signUp({ email: 'once@example.org' });
    const link = await lastMailLink(t, 'once@example.org', 'verify-email');
    const token = new URL(link).searchParams.get('token')!;
    await v.get('/verify-email?token=' + token, 200);
    expect((await v.post('/verify-email', { token })).status).toBe(200);
    const again = await v.post('/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.text).toContain('This link no longer works');
  });

  it('stores an argon2id hash, never the password', async () => {
    const [row] = await t.db.ownerQuery<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE lower(email) = 'ana@example.org'`,
    );
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('issues a new, host-only, HttpOnly session cookie at login', async () => {
    const v = new Visitor(t, 'acme.localhost');
    await v.get('/login', 200);
    const before = v.sessionCookie();
    expect(before).toBeDefined();
    const login = await v.post('/login', { email: 'ana@example.org', password: PASSWORD });
    expect(login.status).toBe(303);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/gp_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(v.sessionCookie()).not.toBe(before);
  });

  it('does not carry a session from one tenant’s host to another', async () => {
    const v = new Visitor(t, 'acme.localhost');
    await v.submit('/login', { email: 'ana@example.org', password: PASSWORD });
    await v.get('/account', 200);
    // The same cookie jar, presented to another tenant's host.
    const elsewhere = await v.agent.get('/account').set('Host', 'globex.localhost');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.location).toBe('/login?next=%2Faccount');
  });

  it('keeps the same email as separate accounts in two programmes', async () => {
    const globex = new Visitor(t, 'globex.localhost');
    const signup = await globex.signUp({
      email: 'ana@example.org',
      password: 'another passphrase 2',
    });
    expect(signup.status).toBe(200);
    await confirmByEmail(t, globex, 'ana@example.org');
    const wrong = await globex.submit('/login', { email: 'ana@example.org', password: PASSWORD });
    expect(wrong.status).toBe(422);
    const right = await globex.submit('/login', {
      email: 'ana@example.org',
      password: 'another passphrase 2',
    });
    expect(right.status).toBe(303);
    const rows = await t.db.ownerQuery<{ slug: string }>(
      `SELECT t.slug FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE lower(u.email) = 'ana@example.org' ORDER BY t.slug`,
    );
    expect(rows.map((r) => r.slug)).toEqual(['acme', 'globex']);
  });

  it('shows the account page in the tenant’s language', async () => {
    const v = new Visitor(t, 'globex.localhost');
    await v.submit('/login', { email: 'ana@example.org', password: 'another passphrase 2' });
    await v.agent.get('/?lang=ar').set('Host', 'globex.localhost');
    const page = await v.get('/account', 200);
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
  });

  it('logs out and forgets the session', async () => {
    const v = new Visitor(t, 'acme.localhost');
    await v.submit('/login', { email: 'ana@example.org', password: PASSWORD });
    await v.get('/account', 200);
    const out = await v.post('/logout', {});
    expect(out.status).toBe(303);
    const after = await v.agent.get('/account').set('Host', 'acme.localhost');
    expect(after.status).toBe(303);
  });

  describe('each tenant’s eligibility rules', () => {
    it('accepts mentors of a corporate programme only from its email domain', async () => {
      const v = new Visitor(t, 'corpo.localhost');
      const refused = await v.signUp({ as: 'mentor', email: 'vol@gmail.example' });
      expect(refused.status).toBe(422);
      expect(refused.text).toContain('work email address (@corpo.example)');
      const accepted = await v.signUp({ as: 'mentor', email: 'vol@corpo.example' });
      expect(accepted.status).toBe(200);
      const entrepreneur = await v.signUp({ as: 'entrepreneur', email: 'owner@gmail.example' });
      expect(entrepreneur.status).toBe(200);
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE email = 'vol@gmail.example'`,
      );
      expect(n).toBe(0);
    });

    it('refuses self-signup where joining is by invitation', async () => {
      const v = new Visitor(t, 'closed.localhost');
      const res = await v.signUp({ as: 'entrepreneur', email: 'x@example.org' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('join this programme by invitation');
    });

    it('puts members who need approval in the queue', async () => {
      const v = new Visitor(t, 'vetted.localhost');
      await v.signUp({ as: 'mentor', email: 'wait@example.org' });
      await confirmByEmail(t, v, 'wait@example.org');
      await v.submit('/login', { email: 'wait@example.org', password: PASSWORD });
      const account = await v.get('/account', 200);
      expect(account.text).toContain('waiting for approval');
    });
  });

  describe('bad input', () => {
    it('refuses short and common passwords with a clear message and keeps what was typed', async () => {
      const v = new Visitor(t, 'acme.localhost');
      const short = await v.signUp({ email: 'pw@example.org', name: 'Keep Me', password: 'short' });
      expect(short.status).toBe(422);
      expect(short.text).toContain('at least 8 characters');
      expect(short.text).toContain('value="Keep Me"');
      const common = await v.signUp({ email: 'pw@example.org', password: 'password123' });
      expect(common.text).toContain('most common');
    });

    it('rejects fields the form does not have and stores nothing', async () => {
      const extras: Record<string, string>[] = [
        { role: 'admin' },
        { tenantId: 'x' },
        { emailVerified: 'true' },
        { roles: 'admin' },
      ];
      for (const extra of extras) {
        const v = new Visitor(t, 'acme.localhost');
        await v.get('/signup', 200);
        const res = await v.post('/signup', {
          name: 'Mallory',
          email: 'mallory@example.org',
          password: PASSWORD,
          country: 'MX',
          locale: 'en',
          asEntrepreneur: 'on',
          acceptTerms: 'on',
          confirmAge: 'on',
          ...extra,
        });
        expect(res.status).toBe(400);
      }
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE email = 'mallory@example.org'`,
      );
      expect(n).toBe(0);
    });

    it('sends people back only to pages of this site after login', async () => {
      for (const [next, expected] of [
        ['/about', '/about'],
        ['https://evil.example/', '/account'],
        ['//evil.example/', '/account'],
        ['/\\evil.example', '/account'],
      ]) {
        const v = new Visitor(t, 'acme.localhost');
        await v.get('/login?next=' + encodeURIComponent(next), 200);
        const res = await v.post('/login', { email: 'ana@example.org', password: PASSWORD, next });
        expect({ next, location: res.headers.location }).toEqual({ next, location: expected });
      }
    });
  });

  describe('CSRF', () => {
    it('refuses a form without the session’s token and changes nothing', async () => {
      const v = new Visitor(t, 'acme.localhost');
      await v.get('/signup', 200);
      const res = await v.post('/signup', {
        _csrf: '',
        name: 'No Token',
        email: 'notoken@example.org',
        password: PASSWORD,
        country: 'MX',
        locale: 'en',
        asEntrepreneur: 'on',
        acceptTerms: 'on',
        confirmAge: 'on',
      });
      expect(res.status).toBe(403);
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE email = 'notoken@example.org'`,
      );
      expect(n).toBe(0);
    });

    it('refuses another session’s token', async () => {
      const attacker = new Visitor(t, 'acme.localhost');
      await attacker.get('/login', 200);
      const victim = new Visitor(t, 'acme.localhost');
      await victim.get('/login', 200);
      const res = await victim.post('/login', {
        _csrf: attacker.csrf,
        email: 'ana@example.org',
        password: PASSWORD,
      });
      expect(res.status).toBe(403);
    });
  });

  describe('no user enumeration', () => {
    // Same answer for: registered here, registered only in another tenant, registered nowhere.
    const emails = ['ana@example.org', 'only-globex@example.org', 'nobody@example.org'];
    const normalise = (html: string) =>
      html
        .replace(/name="_csrf" value="[^"]+"/g, '')
        .replace(/[0-9a-f-]{36}/g, '')
        .replace(/value="[^"]*@example\.org"/g, '');

    beforeAll(async () => {
      const g = new Visitor(t, 'globex.localhost');
      await g.signUp({ email: 'only-globex@example.org' });
    });

    it('answers login the same', async () => {
      const answers = [];
      for (const email of emails) {
        const v = new Visitor(t, 'acme.localhost');
        const res = await v.submit('/login', { email, password: 'wrong passphrase here' });
        answers.push({ status: res.status, body: normalise(res.text) });
      }
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    });

    it('answers password reset the same', async () => {
      const answers = [];
      for (const email of emails) {
        const v = new Visitor(t, 'acme.localhost');
        const res = await v.submit('/forgot-password', { email });
        answers.push({ status: res.status, body: normalise(res.text) });
      }
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    });

    it('answers signup the same, and tells the owner of a taken address by email', async () => {
      const answers = [];
      for (const email of emails) {
        const v = new Visitor(t, 'acme.localhost');
        const res = await v.signUp({ email });
        answers.push({ status: res.status, body: normalise(res.text) });
      }
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
      expect(await lastMailLink(t, 'ana@example.org', 'password-reset')).toContain(
        '/reset-password?token=',
      );
    });
  });

  it('resets a forgotten password by the emailed link and ends other sessions', async () => {
    const other = new Visitor(t, 'acme.localhost');
    await other.submit('/login', { email: 'ana@example.org', password: PASSWORD });
    await other.get('/account', 200);

    const v = new Visitor(t, 'acme.localhost');
    await v.submit('/forgot-password', { email: 'ana@example.org' });
    const link = await lastMailLink(t, 'ana@example.org', 'password-reset');
    await v.get(pathOf(link, 'http://acme.localhost:3000'), 200);
    const token = new URL(link).searchParams.get('token')!;
    const done = await v.post('/reset-password', { token, password: 'a brand new passphrase' });
    expect(done.text).toContain('Your password has been changed');

    expect((await other.agent.get('/account').set('Host', 'acme.localhost')).status).toBe(303);
    const old = await new Visitor(t, 'acme.localhost').submit('/login', {
      email: 'ana@example.org',
      password: PASSWORD,
    });
    expect(old.status).toBe(422);
    const fresh = await new Visitor(t, 'acme.localhost').submit('/login', {
      email: 'ana@example.org',
      password: 'a brand new passphrase',
    });
    expect(fresh.status).toBe(303);
    expect(
      (await v.post('/reset-password', { token, password: 'yet another passphrase' })).status,
    ).toBe(400);
  });

  it('limits login attempts per account with 429 and Retry-After', async () => {
    const v = new Visitor(t, 'acme.localhost');
    await v.get('/login', 200);
    let last;
    for (let i = 0; i < 11; i++) {
      last = await v.post('/login', {
        email: 'target@example.org',
        password: 'wrong passphrase ' + i,
      });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not locked by it.
    const other = await v.post('/login', {
      email: 'someone-else@example.org',
      password: 'wrong passphrase',
    });
    expect(other.status).toBe(422);
    // The same address in another programme has its own counter.
    const elsewhere = await new Visitor(t, 'globex.localhost').submit('/login', {
      email: 'target@example.org',
      password: 'wrong passphrase',
    });
    expect(elsewhere.status).toBe(422);
  });

  it('keeps a signed-in member’s header on error pages', async () => {
    const v = new Visitor(t, 'acme.localhost');
    await v.submit('/login', { email: 'ana@example.org', password: 'a brand new passphrase' });
    const missing = await v.get('/no-such-page', 404);
    expect(missing.text).toContain('href="/account"');
    expect(missing.text).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('limits password-reset and confirmation requests per account with 429', async () => {
    for (const [form, limit] of [
      ['/forgot-password', 5],
      ['/verify-email/resend', 5],
    ] as const) {
      const v = new Visitor(t, 'acme.localhost');
      await v.get('/forgot-password', 200);
      const statuses = [];
      for (let i = 0; i <= limit; i++) {
        statuses.push((await v.post(form, { email: 'flood@example.org' })).status);
      }
      expect(statuses.slice(0, limit).every((s) => s === 200)).toBe(true);
      expect(statuses[limit]).toBe(429);
    }
  });

  it('limits signups from one address with 429', async () => {
    const v = new Visitor(t, 'vetted.localhost');
    let last;
    for (let i = 0; i < 31; i++) {
      last = await v.signUp({ email: `bulk${i}@example.org`, as: 'entrepreneur' });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never accepts one tenant’s emailed link on another tenant’s host', async () => {
    const acme = new Visitor(t, 'acme.localhost');
    await acme.signUp({ email: 'cross@example.org' });
    const verify = new URL(await lastMailLink(t, 'cross@example.org', 'verify-email'));
    await acme.submit('/forgot-password', { email: 'ana@example.org' });
    const reset = new URL(await lastMailLink(t, 'ana@example.org', 'password-reset'));

    const globex = new Visitor(t, 'globex.localhost');
    await globex.get('/verify-email?token=x', 200);
    const v = await globex.post('/verify-email', { token: verify.searchParams.get('token')! });
    expect(v.status).toBe(400);
    expect((await globex.get(reset.pathname + reset.search)).status).toBe(400);
    const r = await globex.post('/reset-password', {
      token: reset.searchParams.get('token')!,
      password: 'hijacked passphrase',
    });
    expect(r.status).toBe(400);
    // Both still work where they belong.
    await acme.get(verify.pathname + verify.search, 200);
    expect(
      (await acme.post('/verify-email', { token: verify.searchParams.get('token')! })).status,
    ).toBe(200);
  });

  it('shows signed-in visitors their own header, never a cached anonymous page', async () => {
    await t.get('acme.localhost').expect(200); // fill the anonymous cache
    const v = new Visitor(t, 'acme.localhost');
    await v.submit('/login', { email: 'ana@example.org', password: 'a brand new passphrase' });
    const home = await v.get('/', 200);
    expect(home.text).toContain('href="/account"');
    expect(home.headers['cache-control']).not.toContain('public');
    const anonymous = await t.get('acme.localhost').expect(200);
    expect(anonymous.text).not.toContain('href="/account"');
  });

  describe('session lifetime', () => {
    async function signedIn() {
      const v = new Visitor(t, 'acme.localhost');
      await v.submit('/login', { email: 'ana@example.org', password: 'a brand new passphrase' });
      await v.get('/account', 200);
      return v;
    }

    it('ends a session left idle past its timeout', async () => {
      const v = await signedIn();
      await t.db.ownerQuery(
        `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE sid = $1`,
        [decodeURIComponent(v.sessionCookie()!).slice(2).split('.')[0]],
      );
      expect((await v.agent.get('/account').set('Host', 'acme.localhost')).status).toBe(303);
    });

    it('ends a session past its absolute lifetime however active it was', async () => {
      const v = await signedIn();
      await t.db.ownerQuery(
        `UPDATE sessions SET data = jsonb_set(data, '{startedAt}', '0'::jsonb) WHERE sid = $1`,
        [decodeURIComponent(v.sessionCookie()!).slice(2).split('.')[0]],
      );
      expect((await v.agent.get('/account').set('Host', 'acme.localhost')).status).toBe(303);
    });
  });
});

describe('over HTTPS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      tenants: twoTenants(),
      env: { PUBLIC_SCHEME: 'https', TRUST_PROXY: 'loopback' },
    });
  });
  afterAll(() => t.close());

  it('uses a __Host- cookie that is Secure, HttpOnly, SameSite=Lax and host-only', async () => {
    const res = await t
      .get('acme.localhost', '/login')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-gp_sid=/);
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});
