import { askFor, connectPair, idFrom, REQUEST_MESSAGE } from '../support/connecting';
import {
  addEntrepreneur,
  addMember,
  addMentor,
  loggedIn,
  PASSWORD,
  tenantInfo,
} from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { tenantBundle, twoTenants } from '../support/tenant-fixtures';
import { Visitor } from '../support/visitor';

type Tenant = Awaited<ReturnType<typeof tenantInfo>>;

const OFFER =
  'Hello, I read about your bakery and I think I could help with pricing and bookkeeping, because I ran a chain of cafés for twelve years. I could meet every two weeks by video.';

/** Redis is shared by every test run only when REDIS_URL is set; the app uses it then. */
const redisEnv: Record<string, string> = process.env.REDIS_URL
  ? { REDIS_URL: process.env.REDIS_URL }
  : {};

describe('blocking, reporting, limits, offers and withdrawing', () => {
  let t: TestApp;
  let acme: Tenant;
  let globex: Tenant;
  const id: Record<string, string> = {};
  const as: Record<string, Visitor> = {};

  const mail = (to: string, template: string) =>
    t.db.ownerQuery<{ data: Record<string, unknown> }>(
      `SELECT data FROM mail_outbox WHERE recipient = $1 AND template = $2 ORDER BY created_at`,
      [to, template],
    );

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.ownerQuery<{ n: number }>(sql, params))[0].n;

  const messagesWith = (body: string) =>
    count(`SELECT count(*)::int AS n FROM messages WHERE body = $1`, [body]);

  /** Asks and has the mentor accept: the pair's request, engagement and conversation ids. */
  const connect = (entrepreneur: string, mentor: string) =>
    connectPair(
      t,
      { v: as[entrepreneur], id: id[entrepreneur] },
      { v: as[mentor], id: id[mentor] },
    );

  async function write(v: Visitor, conversationId: string, body: string) {
    await v.get(`/messages/${conversationId}`, 200);
    return v.post(`/messages/${conversationId}`, { body });
  }

  beforeAll(async () => {
    t = await startTestApp({
      tenants: twoTenants(),
      env: { LOG_LEVEL: 'error', ...redisEnv },
    });
    acme = await tenantInfo(t, 'acme');
    globex = await tenantInfo(t, 'globex');
    const mentor = (
      tenant: Tenant,
      key: string,
      email: string,
      name: string,
      capacity = 3,
    ): Promise<void> =>
      addMentor(t, tenant, email, {
        name,
        expertiseTop: ['finance.pricing'],
        capacity,
      }).then((v) => void (id[key] = v));
    const entrepreneur = (tenant: Tenant, key: string, email: string, name: string) =>
      addEntrepreneur(t, tenant, email, { name, needsTop: ['finance.pricing'] }).then(
        (v) => void (id[key] = v),
      );
    await mentor(acme, 'rosa', 'rosa@acme.example', 'Rosa Mentor');
    await mentor(acme, 'omar', 'omar@acme.example', 'Omar Mentor');
    await mentor(acme, 'victor', 'victor@acme.example', 'Victor Vexing');
    await mentor(acme, 'max', 'max@acme.example', 'Max Mentor');
    await mentor(acme, 'walt', 'walt@acme.example', 'Walt Mentor');
    await entrepreneur(acme, 'ana', 'ana@acme.example', 'Ana Baker');
    await entrepreneur(acme, 'luis', 'luis@acme.example', 'Luis Other');
    await entrepreneur(acme, 'rita', 'rita@acme.example', 'Rita Reporter');
    await entrepreneur(acme, 'nina', 'nina@acme.example', 'Nina Busy');
    await entrepreneur(acme, 'rhea', 'rhea@acme.example', 'Rhea Asker');
    await entrepreneur(acme, 'eva', 'eva@acme.example', 'Eva Invitee');
    await entrepreneur(acme, 'wanda', 'wanda@acme.example', 'Wanda Withdraws');
    id.admin = await addMember(t, acme.id, {
      email: 'admin@acme.example',
      roles: ['admin'],
      name: 'Alma Admin',
    });
    // The other tenant has look-alike people, and its own report.
    await mentor(globex, 'grosa', 'rosa@globex.example', 'Rosa Globex');
    await mentor(globex, 'gvictor', 'victor@globex.example', 'Victor Globex');
    await entrepreneur(globex, 'gana', 'ana@globex.example', 'Ana Globex');
    await entrepreneur(globex, 'grita', 'rita@globex.example', 'Rita Globex');
    id.gadmin = await addMember(t, globex.id, {
      email: 'admin@globex.example',
      roles: ['admin'],
      name: 'Alma Globex',
    });
    for (const key of [
      'rosa',
      'omar',
      'victor',
      'max',
      'walt',
      'ana',
      'luis',
      'rita',
      'nina',
      'rhea',
      'eva',
      'wanda',
      'admin',
    ]) {
      as[key] = await loggedIn(t, 'acme.localhost', `${key}@acme.example`);
    }
    for (const key of ['rosa', 'victor', 'ana', 'rita', 'admin']) {
      as[`g${key}`] = await loggedIn(t, 'globex.localhost', `${key}@globex.example`);
    }
  });
  afterAll(() => t.close());

  describe('blocking', () => {
    let pair: Awaited<ReturnType<typeof connect>>;
    let luisRequest: string;
    let gpair: Awaited<ReturnType<typeof connect>>;

    beforeAll(async () => {
      pair = await connect('ana', 'rosa');
      gpair = await connect('gana', 'grosa');
      expect((await write(as.ana, pair.conversationId, 'Before the block, from Ana.')).status).toBe(
        303,
      );
      // Luis sees Rosa before anything happens, then asks her.
      expect((await as.luis.get('/mentors', 200)).text).toContain('Rosa Mentor');
      expect((await as.luis.get('/search', 200)).text).toContain('Rosa Mentor');
      expect((await as.rosa.get('/search?for=entrepreneurs', 200)).text).toContain('Luis Other');
      const sent = await askFor(as.luis, id.rosa);
      expect(sent.status).toBe(303);
      luisRequest = idFrom(sent.headers.location, '/requests');
    });

    it('blocks silently from the person page and ends an open request as if declined', async () => {
      const mailsBefore = await count(
        `SELECT count(*)::int AS n FROM mail_outbox WHERE recipient = ANY ($1)`,
        [['luis@acme.example', 'ana@acme.example']],
      );
      for (const who of ['luis', 'ana']) {
        const page = await as.rosa.get(`/people/${id[who]}`, 200);
        expect(page.text).toContain(`action="/people/${id[who]}/block"`);
        const blocked = await as.rosa.post(`/people/${id[who]}/block`, {});
        expect(blocked.status).toBe(303);
        expect(blocked.headers.location).toBe(`/people/${id[who]}`);
        const after = await as.rosa.get(`/people/${id[who]}`, 200);
        expect(after.text).toContain('Blocked. They can no longer contact you.');
        expect(after.text).toContain(`action="/people/${id[who]}/unblock"`);
      }
      const [request] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM mentoring_requests WHERE id = $1`,
        [luisRequest],
      );
      // To the person blocked it reads like any decline: nothing hints at the block.
      expect(request.status).toBe('declined');
      const theirs = await as.luis.get(`/requests/${luisRequest}`, 200);
      expect(theirs.text).toContain('cannot take on a new mentee right now');
      expect(theirs.text).not.toContain('Withdrawn');
      expect((await as.rosa.get('/mentoring', 200)).text).not.toContain('Request from Luis Other');
      // Nobody is told: no mail went to the people blocked.
      expect(
        await count(`SELECT count(*)::int AS n FROM mail_outbox WHERE recipient = ANY ($1)`, [
          ['luis@acme.example', 'ana@acme.example'],
        ]),
      ).toBe(mailsBefore);
      // The person blocked sees nothing on the blocker's page about it.
      const rosaSeenByLuis = await as.luis.get(`/people/${id.rosa}`, 200);
      expect(rosaSeenByLuis.text).not.toContain('Blocked.');
      expect(rosaSeenByLuis.text).toContain(`action="/people/${id.rosa}/block"`);
    });

    it('refuses a request from the blocked entrepreneur like a full mentor', async () => {
      const form = await as.luis.get(`/mentors/${id.rosa}/request`, 200);
      expect(form.text).toContain('cannot take on anyone new right now');
      const sent = await as.luis.post(`/mentors/${id.rosa}/request`, { message: REQUEST_MESSAGE });
      expect(sent.status).toBe(409);
      expect(sent.text).toContain('This person cannot take on anyone new right now.');
      expect(
        await count(
          `SELECT count(*)::int AS n FROM mentoring_requests WHERE entrepreneur_id = $1 AND status = 'open'`,
          [id.luis],
        ),
      ).toBe(0);
    });

    it('hides the blocker from the blocked person’s recommendations and search, and the other way round', async () => {
      const recs = await as.luis.get('/mentors', 200);
      expect(recs.text).not.toContain('Rosa Mentor');
      expect(recs.text).toContain('Omar Mentor');
      const search = await as.luis.get('/search', 200);
      expect(search.text).not.toContain('Rosa Mentor');
      expect(search.text).toContain('Omar Mentor');
      expect(search.text).not.toContain('Rosa Globex');
      const found = await as.rosa.get('/search?for=entrepreneurs', 200);
      expect(found.text).not.toContain('Luis Other');
      expect(found.text).not.toContain('Ana Baker');
      expect(found.text).toContain('Rita Reporter');

      // The other way round: an entrepreneur who blocks a mentor no longer sees them either.
      expect((await as.eva.get('/search', 200)).text).toContain('Omar Mentor');
      expect((await as.omar.get('/search?for=entrepreneurs', 200)).text).toContain('Eva Invitee');
      await as.eva.get(`/people/${id.omar}`, 200);
      expect((await as.eva.post(`/people/${id.omar}/block`, {})).status).toBe(303);
      expect((await as.eva.get('/mentors', 200)).text).not.toContain('Omar Mentor');
      expect((await as.eva.get('/search', 200)).text).not.toContain('Omar Mentor');
      expect((await as.omar.get('/search?for=entrepreneurs', 200)).text).not.toContain(
        'Eva Invitee',
      );
      const refused = await askFor(as.eva, id.omar);
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('cannot take on anyone new right now');
      await as.eva.get(`/people/${id.omar}`, 200);
      expect((await as.eva.post(`/people/${id.omar}/unblock`, {})).status).toBe(303);
      expect((await as.eva.get('/search', 200)).text).toContain('Omar Mentor');

      // The other programme's look-alikes are untouched.
      expect((await as.gana.get('/search', 200)).text).toContain('Rosa Globex');
    });

    it('stops both sides writing in an existing conversation, and storing nothing', async () => {
      for (const [who, body] of [
        ['ana', 'Ana writes after the block'],
        ['rosa', 'Rosa writes after her block'],
      ]) {
        const thread = await as[who].get(`/messages/${pair.conversationId}`, 200);
        expect(thread.text).toContain('You cannot write in this conversation any more.');
        expect(thread.text).not.toContain('id="reply"');
        expect(thread.text).toContain('Before the block, from Ana.');
        const sent = await as[who].post(`/messages/${pair.conversationId}`, { body });
        expect(sent.status).toBe(303);
        expect(sent.headers.location).toBe(`/messages/${pair.conversationId}`);
        const after = await as[who].get(`/messages/${pair.conversationId}`, 200);
        expect(after.text).toContain('You cannot write in this conversation any more.');
        expect(after.text).not.toContain(body);
        expect(await messagesWith(body)).toBe(0);
      }
      // The JSON route used with JavaScript refuses as well.
      const json = await as.ana.agent
        .post(`/messages/${pair.conversationId}`)
        .set('Host', 'acme.localhost')
        .set('Accept', 'application/json')
        .type('form')
        .send({ _csrf: as.ana.csrf, body: 'Ana tries with JavaScript' });
      expect(json.status).toBe(409);
      expect(await messagesWith('Ana tries with JavaScript')).toBe(0);
      // The other programme's look-alike pair still writes.
      expect((await write(as.gana, gpair.conversationId, 'Globex pair still talks')).status).toBe(
        303,
      );
    });

    it('restores writing (and asking) once unblocked', async () => {
      for (const who of ['ana', 'luis']) {
        await as.rosa.get(`/people/${id[who]}`, 200);
        const res = await as.rosa.post(`/people/${id[who]}/unblock`, {});
        expect(res.status).toBe(303);
        const page = await as.rosa.get(`/people/${id[who]}`, 200);
        expect(page.text).toContain('Unblocked.');
        expect(page.text).toContain(`action="/people/${id[who]}/block"`);
      }
      expect((await write(as.ana, pair.conversationId, 'Ana after the unblock')).status).toBe(303);
      expect((await write(as.rosa, pair.conversationId, 'Rosa after the unblock')).status).toBe(
        303,
      );
      expect(await messagesWith('Ana after the unblock')).toBe(1);
      expect(await messagesWith('Rosa after the unblock')).toBe(1);
      // A request that ended (as declined) keeps her out of his recommendations, like any
      // decline; he can find her in search and ask again.
      expect((await as.luis.get('/search', 200)).text).toContain('Rosa Mentor');
      expect((await askFor(as.luis, id.rosa)).status).toBe(303);
    });
  });

  describe('reporting', () => {
    let convo: string;
    let greport: string;
    const reports: Record<string, string> = {};
    const SCAM = 'Please send 500 dollars to my account first';
    const NOTE = 'He asked me for money before our first meeting.';
    const NOTE_ATTACHED = 'Attaching our messages so you can see the request for money.';
    const NOTE_THIRD = 'He keeps writing even after the warning.';

    const reportIdFor = async (note: string) =>
      (
        await t.db.ownerQuery<{ id: string }>(`SELECT id FROM member_reports WHERE note = $1`, [
          note,
        ])
      )[0].id;

    /** The moderation card that holds `text`. */
    const card = (html: string, text: string) => {
      const found = html.split('<li class="card">').find((c) => c.includes(text));
      if (!found) throw new Error(`no moderation card with ${text}`);
      return found;
    };

    beforeAll(async () => {
      ({ conversationId: convo } = await connect('rita', 'victor'));
      expect((await write(as.victor, convo, SCAM)).status).toBe(303);
      // The look-alike in the other programme files its own report.
      const g = await connect('grita', 'gvictor');
      expect((await write(as.gvictor, g.conversationId, 'Globex scam message')).status).toBe(303);
      await as.grita.get(`/people/${id.gvictor}/report`, 200);
      const filed = await as.grita.post(`/people/${id.gvictor}/report`, {
        reason: 'scam',
        note: 'Globex note about Victor Globex',
        attach: 'on',
      });
      expect(filed.status).toBe(303);
      greport = await reportIdFor('Globex note about Victor Globex');
    });

    it('finds nobody to report or block outside the programme, nor oneself', async () => {
      for (const other of [id.gvictor, id.rita]) {
        expect((await as.rita.get(`/people/${other}/report`)).status).toBe(404);
        await as.rita.get('/mentoring', 200);
        expect(
          (await as.rita.post(`/people/${other}/report`, { reason: 'spam', note: 'x' })).status,
        ).toBe(404);
        expect((await as.rita.post(`/people/${other}/block`, {})).status).toBe(404);
      }
      expect(await count(`SELECT count(*)::int AS n FROM member_reports WHERE note = 'x'`)).toBe(0);
      expect(
        await count(`SELECT count(*)::int AS n FROM member_blocks WHERE blocker_id = $1`, [
          id.rita,
        ]),
      ).toBe(0);
    });

    it('keeps a report without a reason on the form with the note, storing nothing', async () => {
      const form = await as.rita.get(`/people/${id.victor}/report`, 200);
      expect(form.text).toContain('Report Victor Vexing');
      const res = await as.rita.post(`/people/${id.victor}/report`, {
        note: 'A note I do not want to type again',
      });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Choose what happened.');
      expect(res.text).toContain('A note I do not want to type again</textarea>');
      expect(
        await count(`SELECT count(*)::int AS n FROM member_reports WHERE reporter_id = $1`, [
          id.rita,
        ]),
      ).toBe(0);
    });

    it('shows a report to the tenant’s admins with the reported name and note, never the reporter, and no messages unless attached', async () => {
      await as.rita.get(`/people/${id.victor}/report`, 200);
      const filed = await as.rita.post(`/people/${id.victor}/report`, {
        reason: 'scam',
        note: NOTE,
      });
      expect(filed.status).toBe(303);
      expect(filed.headers.location).toBe(`/people/${id.victor}`);
      expect((await as.rita.get(`/people/${id.victor}`, 200)).text).toContain(
        'The programme team will look at your report.',
      );
      reports.plain = await reportIdFor(NOTE);

      const queue = await as.admin.get('/moderation', 200);
      const plain = card(queue.text, NOTE);
      expect(plain).toContain('About Victor Vexing');
      expect(plain).toContain('A scam or a request for money');
      expect(plain).toContain('Open');
      expect(queue.text).not.toContain('Rita Reporter');
      expect(queue.text).not.toContain('rita@acme.example');
      expect(queue.text).not.toContain(SCAM);
      expect(queue.text).not.toContain('margins shrank this year');
      expect(queue.text).not.toContain('attached by the reporter');

      // With the box ticked, a copy of the pair's latest messages goes with it.
      await as.rita.get(`/people/${id.victor}/report`, 200);
      expect(
        (
          await as.rita.post(`/people/${id.victor}/report`, {
            reason: 'scam',
            note: NOTE_ATTACHED,
            attach: 'on',
          })
        ).status,
      ).toBe(303);
      reports.attached = await reportIdFor(NOTE_ATTACHED);
      // A copy: what is written afterwards is not part of it.
      expect((await write(as.victor, convo, 'Written after the report')).status).toBe(303);

      const after = await as.admin.get('/moderation', 200);
      const attached = card(after.text, NOTE_ATTACHED);
      expect(attached).toContain('2 messages attached by the reporter');
      expect(attached).toContain(SCAM);
      expect(attached).toContain('margins shrank this year');
      expect(attached).toContain('Reporter');
      expect(attached).not.toContain('Written after the report');
      expect(card(after.text, NOTE)).not.toContain(SCAM);
      expect(after.text).not.toContain('Rita Reporter');
      expect(after.text).toContain('1 other report about this person');
      // Nothing of the other programme's report.
      expect(after.text).not.toContain('Victor Globex');
      expect(after.text).not.toContain('Globex scam message');
    });

    it('shows the queue to nobody else: 404 for the reported person, nothing to another tenant’s admin', async () => {
      for (const v of [as.victor, as.rita, as.rosa]) {
        expect((await v.get('/moderation')).status).toBe(404);
        await v.get('/mentoring', 200);
        expect((await v.post(`/moderation/${reports.plain}`, { action: 'dismiss' })).status).toBe(
          404,
        );
      }
      const theirs = await as.gadmin.get('/moderation', 200);
      expect(theirs.text).toContain('Victor Globex');
      expect(theirs.text).toContain('Globex note about Victor Globex');
      expect(theirs.text).not.toContain('Victor Vexing');
      expect(theirs.text).not.toContain(NOTE);
      expect(theirs.text).not.toContain(SCAM);
      expect(theirs.text).not.toContain('Rita Globex');
      // The other programme's report answers like a missing one and changes nothing.
      const across = await as.gadmin.post(`/moderation/${reports.plain}`, { action: 'suspend' });
      expect(across.status).toBe(404);
      const [row] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM member_reports WHERE id = $1`,
        [reports.plain],
      );
      expect(row.status).toBe('open');
      const [victor] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM users WHERE id = $1`,
        [id.victor],
      );
      expect(victor.status).toBe('active');
      expect(greport).toBeDefined();
    });

    it('warns by a mail that names no reporter, once: acting twice says already handled', async () => {
      await as.admin.get('/moderation', 200);
      const warned = await as.admin.post(`/moderation/${reports.plain}`, { action: 'warn' });
      expect(warned.status).toBe(303);
      expect(warned.headers.location).toBe('/moderation');
      const page = await as.admin.get('/moderation', 200);
      expect(page.text).toContain('Warning sent by email.');
      expect(card(page.text, NOTE)).toContain('Warning sent');
      expect(card(page.text, NOTE)).not.toContain(`action="/moderation/${reports.plain}"`);
      const warnings = await mail('victor@acme.example', 'moderation-warning');
      expect(warnings).toHaveLength(1);
      const data = JSON.stringify(warnings[0].data);
      expect(data).not.toContain('Rita');
      expect(data).not.toContain('rita@');
      expect(data).not.toContain(id.rita);
      expect(data).not.toContain(NOTE);

      const again = await as.admin.post(`/moderation/${reports.plain}`, { action: 'suspend' });
      expect(again.status).toBe(303);
      expect((await as.admin.get('/moderation', 200)).text).toContain(
        'This report had already been handled.',
      );
      expect(await mail('victor@acme.example', 'moderation-warning')).toHaveLength(1);
      const [victor] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM users WHERE id = $1`,
        [id.victor],
      );
      expect(victor.status).toBe('active');
    });

    it('dismisses a report and shows it as dismissed', async () => {
      await as.admin.get('/moderation', 200);
      expect(
        (await as.admin.post(`/moderation/${reports.attached}`, { action: 'dismiss' })).status,
      ).toBe(303);
      const page = await as.admin.get('/moderation', 200);
      expect(page.text).toContain('Report dismissed.');
      expect(card(page.text, NOTE_ATTACHED)).toContain('Dismissed');
      const again = await as.admin.post(`/moderation/${reports.attached}`, { action: 'warn' });
      expect(again.status).toBe(303);
      expect((await as.admin.get('/moderation', 200)).text).toContain(
        'This report had already been handled.',
      );
      expect(await mail('victor@acme.example', 'moderation-warning')).toHaveLength(1);
    });

    it('suspends: the reported person’s session ends and they cannot log in', async () => {
      await as.rita.get(`/people/${id.victor}/report`, 200);
      await as.rita.post(`/people/${id.victor}/report`, { reason: 'harassment', note: NOTE_THIRD });
      reports.third = await reportIdFor(NOTE_THIRD);
      expect((await as.victor.get('/mentoring')).status).toBe(200);

      await as.admin.get('/moderation', 200);
      expect(
        (await as.admin.post(`/moderation/${reports.third}`, { action: 'suspend' })).status,
      ).toBe(303);
      const page = await as.admin.get('/moderation', 200);
      expect(page.text).toContain('Account suspended and signed out.');
      expect(card(page.text, NOTE_THIRD)).toContain('Account suspended');

      expect(
        await count(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1`, [id.victor]),
      ).toBe(0);
      const signedOut = await as.victor.get('/mentoring');
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.location).toMatch(/^\/login/);
      const login = await new Visitor(t, 'acme.localhost').submit('/login', {
        email: 'victor@acme.example',
        password: PASSWORD,
      });
      expect(login.status).not.toBe(303);
      expect(login.text).toContain('This account is suspended');
      // The look-alike in the other programme is not affected.
      expect((await as.gvictor.get('/mentoring')).status).toBe(200);
    });

    it('never suspends an administrator from a report, and keeps the report open', async () => {
      await as.luis.get(`/people/${id.admin}/report`, 200);
      expect(
        (
          await as.luis.post(`/people/${id.admin}/report`, {
            reason: 'other',
            note: 'About the admin',
          })
        ).status,
      ).toBe(303);
      const [report] = await t.db.ownerQuery<{ id: string }>(
        `SELECT id FROM member_reports WHERE reported_id = $1`,
        [id.admin],
      );
      await as.admin.get('/moderation', 200);
      expect((await as.admin.post(`/moderation/${report.id}`, { action: 'suspend' })).status).toBe(
        303,
      );
      expect((await as.admin.get('/moderation', 200)).text).toContain(
        'Administrators cannot be suspended from the reports page',
      );
      const [row] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM member_reports WHERE id = $1`,
        [report.id],
      );
      expect(row.status).toBe('open');
      expect((await as.admin.get('/members')).status).toBe(200);
    });
  });

  describe('rate limits', () => {
    it('answers a member’s 21st message within a minute with a themed 429, storing nothing, and leaves others alone', async () => {
      const { conversationId } = await connect('nina', 'max');
      await as.nina.get(`/messages/${conversationId}`, 200);
      const statuses: number[] = [];
      for (let i = 1; i <= 20; i += 1) {
        statuses.push(
          (await as.nina.post(`/messages/${conversationId}`, { body: `Nina message ${i}` })).status,
        );
      }
      expect(statuses).toEqual(Array(20).fill(303));
      const limited = await as.nina.post(`/messages/${conversationId}`, {
        body: 'Nina message 21',
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['content-type']).toMatch(/text\/html/);
      expect(limited.text).toContain('Too many attempts');
      expect(limited.text).toContain('Acme Mentors');
      expect(limited.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(limited.text).not.toContain('RateLimitedException');
      expect(limited.text).not.toContain('node_modules');
      expect(await messagesWith('Nina message 21')).toBe(0);
      expect(
        await count(`SELECT count(*)::int AS n FROM messages WHERE sender_id = $1`, [id.nina]),
      ).toBe(21); // the request's message, then 20
      // The other side of the same conversation is not limited by it.
      expect((await write(as.max, conversationId, 'Max answers calmly')).status).toBe(303);
      expect(await messagesWith('Max answers calmly')).toBe(1);
    });

    it('answers an entrepreneur’s 11th request within an hour with 429', async () => {
      const mentors: string[] = [];
      for (let i = 0; i < 11; i += 1) {
        mentors.push(
          await addMentor(t, acme, `limit${i}@acme.example`, {
            name: `Limit Mentor ${i}`,
            capacity: 3,
          }),
        );
      }
      // Withdrawn each time, so the open-request cap never stands in the way.
      for (const mentor of mentors.slice(0, 10)) {
        const sent = await askFor(as.rhea, mentor);
        expect(sent.status).toBe(303);
        const requestId = idFrom(sent.headers.location, '/requests');
        await as.rhea.get(`/requests/${requestId}`, 200);
        expect((await as.rhea.post(`/requests/${requestId}/withdraw`, {})).status).toBe(303);
      }
      const eleventh = await askFor(as.rhea, mentors[10]);
      expect(eleventh.status).toBe(429);
      expect(eleventh.text).toContain('Too many attempts');
      expect(
        await count(
          `SELECT count(*)::int AS n FROM mentoring_requests WHERE entrepreneur_id = $1`,
          [id.rhea],
        ),
      ).toBe(10);
      // Another entrepreneur can still ask that mentor.
      expect((await askFor(as.luis, mentors[10])).status).toBe(303);
    });
  });

  describe('mentor invitations', () => {
    it('lets a mentor offer, shows it as an offer, and lets the entrepreneur accept it', async () => {
      const person = await as.rosa.get(`/people/${id.eva}`, 200);
      expect(person.text).toContain(`href="/people/${id.eva}/invite"`);
      const form = await as.rosa.get(`/people/${id.eva}/invite`, 200);
      expect(form.text).toContain('Offer to mentor Eva Invitee');
      const sent = await as.rosa.post(`/people/${id.eva}/invite`, { message: OFFER });
      expect(sent.status).toBe(303);
      const offerId = idFrom(sent.headers.location, '/requests');
      const [received] = await mail('eva@acme.example', 'request-received');
      expect(received.data).toMatchObject({ fromName: 'Rosa Mentor', invited: true });

      // Offers do not count towards the entrepreneur's own open requests (3).
      const extra: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        extra.push(
          await addMentor(t, acme, `evacap${i}@acme.example`, {
            name: `Eva Cap Mentor ${i}`,
            capacity: 3,
          }),
        );
      }
      const statuses: number[] = [];
      for (const mentor of extra) statuses.push((await askFor(as.eva, mentor)).status);
      expect(statuses).toEqual([303, 303, 303, 409]);

      // Nor does a full cap of her own requests stop a mentor's offer.
      const second = await as.walt.submit(`/people/${id.eva}/invite`, { message: OFFER });
      expect(second.status).toBe(303);

      const hub = await as.eva.get('/mentoring', 200);
      expect(hub.text).toContain('Offer from Rosa Mentor');
      expect(hub.text).toContain('Offer from Walt Mentor');
      const view = await as.eva.get(`/requests/${offerId}`, 200);
      expect(view.text).toContain('Rosa Mentor offers to mentor you');
      expect(view.text).toContain('ran a chain of cafés');
      const accepted = await as.eva.post(`/requests/${offerId}/accept`, {});
      expect(accepted.status).toBe(303);
      const engagementId = idFrom(accepted.headers.location, '/engagements');
      const page = await as.eva.get(`/engagements/${engagementId}`, 200);
      expect(page.text).toContain('Mentored by Rosa Mentor');
      expect((await as.rosa.get(`/engagements/${engagementId}`, 200)).text).toContain(
        'Mentoring Eva Invitee',
      );
      const [answered] = await mail('rosa@acme.example', 'request-answered');
      expect(answered.data).toMatchObject({ outcome: 'accepted', otherName: 'Eva Invitee' });
    });

    it('answers the invite route with 404 when the programme switches offers off', async () => {
      const acmeBundle = (features: { mentorInvitesEntrepreneurs: boolean }) =>
        tenantBundle('acme', {
          name: 'Acme Mentors',
          hostnames: { custom: ['mentoring.acme.example'] },
          programme: { features },
        });
      const [outcome] = await t.sync([acmeBundle({ mentorInvitesEntrepreneurs: false })]);
      expect(outcome.result).not.toBe('failed');
      try {
        expect((await as.omar.get(`/people/${id.wanda}/invite`)).status).toBe(404);
        const person = await as.omar.get(`/people/${id.wanda}`, 200);
        expect(person.text).not.toContain(`/people/${id.wanda}/invite`);
        const posted = await as.omar.post(`/people/${id.wanda}/invite`, { message: OFFER });
        expect(posted.status).toBe(404);
        expect(
          await count(
            `SELECT count(*)::int AS n FROM mentoring_requests WHERE entrepreneur_id = $1`,
            [id.wanda],
          ),
        ).toBe(0);
        // The other programme still has offers.
        expect((await as.grosa.get(`/people/${id.grita}/invite`)).status).toBe(200);
      } finally {
        await t.sync([acmeBundle({ mentorInvitesEntrepreneurs: true })]);
      }
      expect((await as.omar.get(`/people/${id.wanda}/invite`)).status).toBe(200);
    });
  });

  describe('withdrawing', () => {
    it('withdraws an open request so the mentor can no longer accept it', async () => {
      const sent = await askFor(as.wanda, id.walt);
      const requestId = idFrom(sent.headers.location, '/requests');
      expect((await as.walt.get('/mentoring', 200)).text).toContain('Request from Wanda Withdraws');
      const mine = await as.wanda.get(`/requests/${requestId}`, 200);
      expect(mine.text).toContain(`action="/requests/${requestId}/withdraw"`);
      const withdrawn = await as.wanda.post(`/requests/${requestId}/withdraw`, {});
      expect(withdrawn.status).toBe(303);
      const after = await as.wanda.get(`/requests/${requestId}`, 200);
      expect(after.text).toContain('Your request has been withdrawn.');
      expect(after.text).toContain('Withdrawn');
      expect(after.text).not.toContain(`action="/requests/${requestId}/withdraw"`);

      const theirs = await as.walt.get(`/requests/${requestId}`, 200);
      expect(theirs.text).not.toContain(`action="/requests/${requestId}/accept"`);
      expect((await as.walt.get('/mentoring', 200)).text).not.toContain(
        'Request from Wanda Withdraws',
      );
      const accepted = await as.walt.post(`/requests/${requestId}/accept`, {});
      expect(accepted.status).toBe(303);
      expect(accepted.headers.location).toBe(`/requests/${requestId}`);
      expect((await as.walt.get(`/requests/${requestId}`, 200)).text).toContain(
        'This request has already been answered or has closed.',
      );
      expect(
        await count(`SELECT count(*)::int AS n FROM engagements WHERE entrepreneur_id = $1`, [
          id.wanda,
        ]),
      ).toBe(0);
      // Withdrawing twice changes nothing either.
      await as.wanda.get(`/requests/${requestId}`, 200);
      await as.wanda.post(`/requests/${requestId}/withdraw`, {});
      expect((await as.wanda.get(`/requests/${requestId}`, 200)).text).toContain(
        'This request has already been answered or has closed.',
      );
    });
  });
});
