import { runInTenant } from '../../src/infrastructure/database/tenant-tx';
import { hashPassword } from '../../src/identity/passwords';
import type { Role, UserStatus } from '../../src/identity/user';
import { usersRepository } from '../../src/identity/users.repository';
import { startTestApp, type TestApp } from '../support/test-app';
import { tenantBundle, twoTenants } from '../support/tenant-fixtures';
import { lastMailLink, Visitor } from '../support/visitor';

const PASSWORD = 'a long enough passphrase';
const RANDOM_UUID = '6f1c1d1e-8a53-4a43-9b0e-2f5c4b1b7a10';

describe('tenant admins manage their members', () => {
  let t: TestApp;
  const tenants: Record<string, string> = {};
  let passwordHash: string;

  /** A member inserted directly (verified), as the tenant's own transaction would. */
  async function member(
    slug: string,
    email: string,
    roles: Role[],
    status: UserStatus = 'active',
  ): Promise<string> {
    return runInTenant(t.db.database, tenants[slug], (em) =>
      usersRepository.insert(em, tenants[slug], {
        email,
        passwordHash,
        name: email.split('@')[0],
        locale: 'en',
        country: 'MX',
        roles,
        status,
        verified: true,
      }),
    );
  }

  async function loggedIn(slug: string, email: string, password = PASSWORD): Promise<Visitor> {
    const v = new Visitor(t, `${slug}.localhost`);
    const res = await v.submit('/login', { email, password });
    if (res.status !== 303) throw new Error(`login ${email} on ${slug}: ${res.status}`);
    return v;
  }

  async function adminOf(slug: string): Promise<Visitor> {
    const v = await loggedIn(slug, `admin@${slug}.example`);
    await v.get('/members', 200);
    return v;
  }

  async function userRow(id: string) {
    const [row] = await t.db.ownerQuery<{ status: string; roles: string[] }>(
      `SELECT status, roles FROM users WHERE id = $1`,
      [id],
    );
    return row;
  }

  async function outbox(to: string, template: string) {
    return t.db.ownerQuery<{ data: Record<string, unknown> }>(
      `SELECT data FROM mail_outbox WHERE lower(recipient) = lower($1) AND template = $2
        ORDER BY created_at`,
      [to, template],
    );
  }

  const stripIds = (body: string, path: string) =>
    body.replaceAll(path, 'PATH').replace(/[0-9a-f-]{36}/g, 'ID');

  beforeAll(async () => {
    t = await startTestApp({
      tenants: [
        ...twoTenants(),
        tenantBundle('closed', { programme: { mentorEligibility: { mode: 'invite-only' } } }),
        tenantBundle('corpo', {
          kind: 'corporate',
          programme: {
            mentorEligibility: { mode: 'email-domain', allowedEmailDomains: ['corpo.example'] },
          },
        }),
      ],
    });
    for (const row of await t.db.ownerQuery<{ id: string; slug: string }>(
      `SELECT id, slug FROM tenants`,
    ))
      tenants[row.slug] = row.id;
    passwordHash = await hashPassword(PASSWORD);
    for (const slug of ['acme', 'globex', 'closed', 'corpo'])
      await member(slug, `admin@${slug}.example`, ['admin']);
  });
  afterAll(() => t.close());

  describe('who can see the members page', () => {
    let target: string;
    const actions = ['approve', 'decline', 'roles', 'suspend', 'reinstate'];

    beforeAll(async () => {
      target = await member('acme', 'waiting-404@example.org', ['mentor'], 'pending_approval');
      await member('acme', 'plain@example.org', ['entrepreneur', 'mentor']);
    });

    it('answers anonymous visitors exactly like a missing page', async () => {
      const members = await t.get('acme.localhost', '/members').expect(404);
      const missing = await t.get('acme.localhost', '/no-such-page').expect(404);
      expect(stripIds(members.text, '/members')).toBe(stripIds(missing.text, '/no-such-page'));
      const v = new Visitor(t, 'acme.localhost');
      await v.get('/login', 200);
      for (const action of actions)
        expect((await v.post(`/members/${target}/${action}`, {})).status).toBe(404);
      expect((await v.post('/members/invite', { email: 'x@example.org' })).status).toBe(404);
      expect((await v.post('/members/invite-csv', { csv: 'x@example.org,mentor' })).status).toBe(
        404,
      );
    });

    it('answers a signed-in member who is not an admin exactly like a missing page', async () => {
      const v = await loggedIn('acme', 'plain@example.org');
      await v.get('/account', 200);
      const members = await v.get('/members', 404);
      const missing = await v.get('/no-such-page', 404);
      expect(stripIds(members.text, '/members')).toBe(stripIds(missing.text, '/no-such-page'));
      for (const action of actions)
        expect((await v.post(`/members/${target}/${action}`, { admin: 'on' })).status).toBe(404);
      expect(
        (await v.post('/members/invite', { email: 'x@example.org', mentor: 'on' })).status,
      ).toBe(404);
      expect(await userRow(target)).toEqual({ status: 'pending_approval', roles: ['mentor'] });
      expect(await outbox('x@example.org', 'invitation')).toHaveLength(0);
    });

    it('does not let an admin of another tenant in with the same session cookie', async () => {
      const v = await adminOf('globex');
      const res = await v.agent.get('/members').set('Host', 'acme.localhost');
      expect(res.status).toBe(404);
    });

    it('shows an admin the pending approvals before the members', async () => {
      const v = await adminOf('acme');
      const page = await v.get('/members', 200);
      expect(page.text.indexOf('waiting-404@example.org')).toBeGreaterThan(-1);
      expect(page.text.indexOf('waiting-404@example.org')).toBeLessThan(
        page.text.indexOf('plain@example.org'),
      );
      expect(page.text).toContain(`action="/members/${target}/approve"`);
      expect(page.headers['cache-control']).toContain('no-store');
    });
  });

  describe('isolation between tenants', () => {
    it('does not let an admin act on a member of another tenant, in both directions', async () => {
      for (const [self, other] of [
        ['acme', 'globex'],
        ['globex', 'acme'],
      ]) {
        const pending = await member(
          other,
          `pending-x-${self}@example.org`,
          ['mentor'],
          'pending_approval',
        );
        const active = await member(other, `active-x-${self}@example.org`, ['entrepreneur']);
        const v = await adminOf(self);
        for (const [id, action, fields] of [
          [pending, 'approve', {}],
          [pending, 'decline', { reason: 'no' }],
          [active, 'suspend', {}],
          [active, 'reinstate', {}],
          [active, 'roles', { admin: 'on' }],
        ] as const) {
          const res = await v.post(`/members/${id}/${action}`, fields);
          expect({ self, action, status: res.status }).toEqual({ self, action, status: 404 });
        }
        expect(await userRow(pending)).toEqual({ status: 'pending_approval', roles: ['mentor'] });
        expect(await userRow(active)).toEqual({ status: 'active', roles: ['entrepreneur'] });
        expect(await outbox(`pending-x-${self}@example.org`, 'approval-decided')).toHaveLength(0);
        const page = await v.get('/members', 200);
        expect(page.text).not.toContain(`pending-x-${self}@example.org`);
      }
    });

    it('answers a random or malformed id like a missing member', async () => {
      const v = await adminOf('acme');
      expect((await v.post(`/members/${RANDOM_UUID}/approve`, {})).status).toBe(404);
      expect((await v.post(`/members/not-a-uuid/suspend`, {})).status).toBe(404);
      expect((await v.post(`/members/${RANDOM_UUID}/roles`, { mentor: 'on' })).status).toBe(404);
    });
  });

  describe('approvals', () => {
    it('approves a pending member and tells them by email', async () => {
      const id = await member('acme', 'approve-me@example.org', ['mentor'], 'pending_approval');
      const v = await adminOf('acme');
      const res = await v.post(`/members/${id}/approve`, {});
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/members');
      expect((await userRow(id)).status).toBe('active');
      const [mail] = await outbox('approve-me@example.org', 'approval-decided');
      expect(mail.data).toMatchObject({ approved: true, link: 'http://acme.localhost:3000/login' });
    });

    it('declines with a reason, tells them by email, and they cannot log in', async () => {
      const id = await member('acme', 'decline-me@example.org', ['mentor'], 'pending_approval');
      const v = await adminOf('acme');
      const res = await v.post(`/members/${id}/decline`, { reason: 'Mentor places are full.' });
      expect(res.status).toBe(303);
      expect((await userRow(id)).status).toBe('declined');
      const [mail] = await outbox('decline-me@example.org', 'approval-decided');
      expect(mail.data).toMatchObject({ approved: false, reason: 'Mentor places are full.' });
      const login = await new Visitor(t, 'acme.localhost').submit('/login', {
        email: 'decline-me@example.org',
        password: PASSWORD,
      });
      expect(login.status).toBe(403);
    });

    it('does not decide twice', async () => {
      const id = await member('acme', 'decided@example.org', ['mentor'], 'pending_approval');
      const v = await adminOf('acme');
      expect((await v.post(`/members/${id}/approve`, {})).status).toBe(303);
      expect((await v.post(`/members/${id}/decline`, {})).status).toBe(422);
      expect((await userRow(id)).status).toBe('active');
      expect(await outbox('decided@example.org', 'approval-decided')).toHaveLength(1);
    });
  });

  describe('suspension and roles', () => {
    it('suspends a member: their sessions end and they cannot log in; reinstating lets them back', async () => {
      const id = await member('acme', 'suspend-me@example.org', ['entrepreneur']);
      const them = await loggedIn('acme', 'suspend-me@example.org');
      await them.get('/account', 200);
      const v = await adminOf('acme');
      expect((await v.post(`/members/${id}/suspend`, {})).status).toBe(303);
      expect((await userRow(id)).status).toBe('suspended');
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`,
        [id],
      );
      expect(n).toBe(0);
      expect((await them.agent.get('/account').set('Host', 'acme.localhost')).status).toBe(303);
      const again = await new Visitor(t, 'acme.localhost').submit('/login', {
        email: 'suspend-me@example.org',
        password: PASSWORD,
      });
      expect(again.status).toBe(403);

      expect((await v.post(`/members/${id}/reinstate`, {})).status).toBe(303);
      expect((await userRow(id)).status).toBe('active');
      await loggedIn('acme', 'suspend-me@example.org');
    });

    it('changes a member’s roles', async () => {
      const id = await member('acme', 'roles@example.org', ['entrepreneur']);
      const v = await adminOf('acme');
      const res = await v.post(`/members/${id}/roles`, { mentor: 'on', admin: 'on' });
      expect(res.status).toBe(303);
      expect((await userRow(id)).roles).toEqual(['mentor', 'admin']);
      expect((await v.post(`/members/${id}/roles`, {})).status).toBe(422);
      expect((await userRow(id)).roles).toEqual(['mentor', 'admin']);
    });

    it('does not let an admin drop their own admin role or suspend themselves', async () => {
      const [{ id }] = await t.db.ownerQuery<{ id: string }>(
        `SELECT id FROM users WHERE email = 'admin@acme.example'`,
      );
      const v = await adminOf('acme');
      expect((await v.post(`/members/${id}/roles`, { mentor: 'on' })).status).toBe(422);
      expect((await v.post(`/members/${id}/suspend`, {})).status).toBe(422);
      expect(await userRow(id)).toEqual({ status: 'active', roles: ['admin'] });
      await v.get('/members', 200);
    });

    it('refuses fields the forms do not have', async () => {
      const id = await member('acme', 'extra@example.org', ['entrepreneur']);
      const v = await adminOf('acme');
      expect(
        (await v.post(`/members/${id}/roles`, { mentor: 'on', status: 'active' })).status,
      ).toBe(400);
      expect((await userRow(id)).roles).toEqual(['entrepreneur']);
    });

    it('refuses a form without the session’s CSRF token and changes nothing', async () => {
      const id = await member('acme', 'csrf@example.org', ['entrepreneur']);
      const v = await adminOf('acme');
      expect((await v.post(`/members/${id}/suspend`, { _csrf: '' })).status).toBe(403);
      expect((await v.post(`/members/${id}/roles`, { _csrf: '', admin: 'on' })).status).toBe(403);
      expect(await userRow(id)).toEqual({ status: 'active', roles: ['entrepreneur'] });
    });
  });

  describe('invitations', () => {
    async function invite(slug: string, email: string, roles: Record<string, string>) {
      const v = await adminOf(slug);
      const res = await v.post('/members/invite', { email, ...roles });
      expect(res.status).toBe(200);
      return res;
    }

    function tokenOf(link: string): string {
      return new URL(link).searchParams.get('token')!;
    }

    async function accept(slug: string, token: string, fields: Record<string, string> = {}) {
      // The form as it was opened earlier, while the link still worked: the session has a token.
      const v = new Visitor(t, `${slug}.localhost`);
      await v.get('/login', 200);
      await v.get(`/invitations/accept?token=${encodeURIComponent(token)}`);
      return v.post('/invitations/accept', {
        token,
        name: 'Invited Person',
        password: PASSWORD,
        locale: 'en',
        country: 'MX',
        acceptTerms: 'on',
        confirmAge: 'on',
        ...fields,
      });
    }

    it('invites by email and the invitation creates a verified account with the invited roles', async () => {
      await invite('acme', 'Invited@Example.org', { mentor: 'on', entrepreneur: 'on' });
      const link = await lastMailLink(t, 'invited@example.org', 'invitation');
      expect(link.startsWith('http://acme.localhost:3000/invitations/accept?token=')).toBe(true);
      const [stored] = await t.db.ownerQuery<{ token_hash: string; hours: number }>(
        `SELECT token_hash, round(extract(epoch FROM expires_at - now()) / 3600)::int AS hours
           FROM invitations WHERE lower(email) = 'invited@example.org'`,
      );
      expect(stored.token_hash).not.toContain(tokenOf(link));
      expect(stored.hours).toBe(168);

      const form = await new Visitor(t, 'acme.localhost').get(
        `/invitations/accept?token=${tokenOf(link)}`,
        200,
      );
      expect(form.text).toContain('value="Invited@Example.org"');
      const res = await accept('acme', tokenOf(link));
      expect(res.status).toBe(200);
      const [user] = await t.db.ownerQuery<{ roles: string[]; status: string; verified: boolean }>(
        `SELECT roles, status, email_verified_at IS NOT NULL AS verified FROM users
          WHERE lower(email) = 'invited@example.org'`,
      );
      expect(user).toEqual({ roles: ['entrepreneur', 'mentor'], status: 'active', verified: true });
      await loggedIn('acme', 'invited@example.org');
    });

    it('uses an invitation link once', async () => {
      await invite('acme', 'once-invited@example.org', { entrepreneur: 'on' });
      const token = tokenOf(await lastMailLink(t, 'once-invited@example.org', 'invitation'));
      expect((await accept('acme', token)).status).toBe(200);
      expect((await accept('acme', token, { password: 'another passphrase 2' })).status).toBe(400);
      expect(
        (await new Visitor(t, 'acme.localhost').get(`/invitations/accept?token=${token}`)).status,
      ).toBe(400);
    });

    it('does not accept an expired invitation or another tenant’s', async () => {
      await invite('acme', 'late@example.org', { entrepreneur: 'on' });
      const token = tokenOf(await lastMailLink(t, 'late@example.org', 'invitation'));
      expect((await accept('globex', token)).status).toBe(400);
      await t.db.ownerQuery(
        `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = 'late@example.org'`,
      );
      expect((await accept('acme', token)).status).toBe(400);
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE email = 'late@example.org'`,
      );
      expect(n).toBe(0);
    });

    it('lets an invited mentor join a programme where mentors join by invitation only', async () => {
      await invite('closed', 'volunteer@example.org', { mentor: 'on' });
      const token = tokenOf(await lastMailLink(t, 'volunteer@example.org', 'invitation'));
      expect((await accept('closed', token)).status).toBe(200);
      const [user] = await t.db.ownerQuery<{ roles: string[]; status: string }>(
        `SELECT u.roles, u.status FROM users u JOIN tenants t ON t.id = u.tenant_id
          WHERE t.slug = 'closed' AND u.email = 'volunteer@example.org'`,
      );
      expect(user).toEqual({ roles: ['mentor'], status: 'active' });
    });

    it('still applies a corporate programme’s email domain to invited mentors', async () => {
      await invite('corpo', 'outsider@gmail.example', { mentor: 'on' });
      const token = tokenOf(await lastMailLink(t, 'outsider@gmail.example', 'invitation'));
      expect((await accept('corpo', token)).status).toBe(422);
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM users WHERE email = 'outsider@gmail.example'`,
      );
      expect(n).toBe(0);
    });

    it('reports each CSV row: invited, already a member, re-sent, invalid email, invalid role', async () => {
      await member('acme', 'member-csv@example.org', ['entrepreneur']);
      await invite('acme', 'again@example.org', { mentor: 'on' });
      const v = await adminOf('acme');
      const csv = [
        'email,role',
        'new-one@example.org,mentor',
        'member-csv@example.org,entrepreneur',
        'again@example.org,mentor',
        'not-an-email,mentor',
        'role@example.org,admin',
        'NEW-ONE@example.org,entrepreneur',
      ].join('\n');
      const res = await v.post('/members/invite-csv', { csv });
      expect(res.status).toBe(200);
      const rows = [
        ...res.text.matchAll(/data-result="([^"]+)">\s*<th scope="row">(\d+)<\/th>/g),
      ].map((m) => [Number(m[2]), m[1].replace('members.invite.result.', '')]);
      expect(rows).toEqual([
        [2, 'invited'],
        [3, 'member'],
        [4, 'reinvited'],
        [5, 'invalid_email'],
        [6, 'invalid_role'],
        [7, 'duplicate'],
      ]);
      expect(await outbox('new-one@example.org', 'invitation')).toHaveLength(1);
      expect(await outbox('member-csv@example.org', 'invitation')).toHaveLength(0);
      expect(await outbox('again@example.org', 'invitation')).toHaveLength(2);
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM invitations WHERE email = 'again@example.org'`,
      );
      expect(n).toBe(1);
    });

    it('refuses more than 200 CSV rows and invites nobody', async () => {
      const v = await adminOf('globex');
      const csv = Array.from({ length: 201 }, (_, i) => `bulk${i}@example.org,mentor`).join('\n');
      expect((await v.post('/members/invite-csv', { csv })).status).toBe(422);
      const [{ n }] = await t.db.ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM invitations WHERE email LIKE 'bulk%'`,
      );
      expect(n).toBe(0);
    });
  });
});
