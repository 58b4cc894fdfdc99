import { askFor, idFrom } from '../support/connecting';
import { addEntrepreneur, addMember, addMentor, loggedIn, tenantInfo } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';
import type { Visitor } from '../support/visitor';

type Tenant = Awaited<ReturnType<typeof tenantInfo>>;

describe('requests and conversations', () => {
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

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants(), env: { LOG_LEVEL: 'error' } });
    acme = await tenantInfo(t, 'acme');
    globex = await tenantInfo(t, 'globex');
    id.rosa = await addMentor(t, acme, 'rosa@acme.example', {
      name: 'Rosa Mentor',
      expertiseTop: ['finance.pricing'],
      capacity: 1,
    });
    id.omar = await addMentor(t, acme, 'omar@acme.example', {
      name: 'Omar Mentor',
      expertiseTop: ['finance.pricing'],
    });
    id.ana = await addEntrepreneur(t, acme, 'ana@acme.example', {
      name: 'Ana Baker',
      needsTop: ['finance.pricing'],
    });
    id.luis = await addEntrepreneur(t, acme, 'luis@acme.example', {
      name: 'Luis Other',
      needsTop: ['finance.pricing'],
    });
    id.admin = await addMember(t, acme.id, { email: 'admin@acme.example', roles: ['admin'] });
    // The other tenant has look-alike people.
    id.grosa = await addMentor(t, globex, 'rosa@globex.example', { name: 'Rosa Globex' });
    id.gana = await addEntrepreneur(t, globex, 'ana@globex.example', { name: 'Ana Globex' });
    for (const [key, host, email] of [
      ['rosa', 'acme.localhost', 'rosa@acme.example'],
      ['omar', 'acme.localhost', 'omar@acme.example'],
      ['ana', 'acme.localhost', 'ana@acme.example'],
      ['luis', 'acme.localhost', 'luis@acme.example'],
      ['admin', 'acme.localhost', 'admin@acme.example'],
      ['gana', 'globex.localhost', 'ana@globex.example'],
    ]) {
      as[key] = await loggedIn(t, host, email);
    }
  });
  afterAll(() => t.close());

  it('starts a request from a localised template and refuses it unchanged or too short', async () => {
    const form = await as.ana.get(`/mentors/${id.rosa}/request`, 200);
    expect(form.text).toContain('Hello Rosa Mentor,');
    expect(form.text).toContain('[your business]');
    const template = /<textarea[^>]*name="message"[^>]*>([\s\S]*?)<\/textarea>/.exec(form.text)![1];
    const unchanged = await as.ana.post(`/mentors/${id.rosa}/request`, {
      message: template.replaceAll('&#x27;', "'"),
    });
    expect(unchanged.status).toBe(422);
    expect(unchanged.text).toContain('replace the parts in [brackets]');
    const short = await as.ana.post(`/mentors/${id.rosa}/request`, { message: 'Help me please' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('Help me please');
  });

  it('sends a request, tells the mentor by mail, and lets the mentor accept it', async () => {
    const sent = await askFor(as.ana, id.rosa);
    expect(sent.status).toBe(303);
    id.request = idFrom(sent.headers.location, '/requests');
    const [received] = await mail('rosa@acme.example', 'request-received');
    expect(received.data).toMatchObject({ fromName: 'Ana Baker', invited: false });
    expect(String(received.data.link)).toContain(`/requests/${id.request}`);

    const hub = await as.rosa.get('/mentoring', 200);
    expect(hub.text).toContain('Request from Ana Baker');
    const view = await as.rosa.get(`/requests/${id.request}`, 200);
    expect(view.text).toContain('margins shrank this year');

    const accepted = await as.rosa.post(`/requests/${id.request}/accept`, {});
    expect(accepted.status).toBe(303);
    id.engagement = idFrom(accepted.headers.location, '/engagements');
    const [answered] = await mail('ana@acme.example', 'request-answered');
    expect(answered.data).toMatchObject({ outcome: 'accepted', otherName: 'Rosa Mentor' });
  });

  it('opens the pair’s conversation with the request’s message', async () => {
    const inbox = await as.ana.get('/messages', 200);
    const convo = /href="\/messages\/([0-9a-f-]{36})"/.exec(inbox.text);
    expect(convo).not.toBeNull();
    id.conversation = convo![1];
    const thread = await as.rosa.get(`/messages/${id.conversation}`, 200);
    expect(thread.text).toContain('margins shrank this year');
  });

  it('delivers a message, counts it unread for the other side, and links only http(s) URLs', async () => {
    await as.ana.get(`/messages/${id.conversation}`, 200);
    const body =
      'Here is our menu https://bakery.example/menu. <script>alert(1)</script> javascript:alert(2)';
    const sent = await as.ana.post(`/messages/${id.conversation}`, { body });
    expect(sent.status).toBe(303);
    const nav = await as.rosa.get('/mentoring', 200);
    expect(nav.text).toMatch(/Messages <span class="badge">1/);
    const thread = await as.rosa.get(`/messages/${id.conversation}`, 200);
    expect(thread.text).toContain(
      '<a href="https://bakery.example/menu" rel="nofollow noopener noreferrer" target="_blank">https://bakery.example/menu</a>.',
    );
    expect(thread.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(thread.text).not.toContain('<script>alert(1)');
    expect(thread.text).not.toContain('href="javascript');
    // Reading the thread cleared the count.
    const after = await as.rosa.get('/mentoring', 200);
    expect(after.text).not.toMatch(/Messages <span class="badge">/);
  });

  it('sends and refreshes in place for a page with JavaScript (JSON on the same routes)', async () => {
    const thread = await as.rosa.get(`/messages/${id.conversation}`, 200);
    const lastId = /data-after="(\d+)"/.exec(thread.text)![1];
    const sent = await as.rosa.agent
      .post(`/messages/${id.conversation}`)
      .set('Host', 'acme.localhost')
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: as.rosa.csrf, body: 'Yes, every other Tuesday works.' });
    expect(sent.status).toBe(201);
    // Rosa owed Ana a reply: it counts towards "usually replies within …".
    const [rosa] = await t.db.ownerQuery<{ reply_hours: number | null; replies_counted: number }>(
      `SELECT reply_hours, replies_counted FROM mentor_profiles WHERE user_id = $1`,
      [id.rosa],
    );
    expect(rosa.replies_counted).toBe(2);
    expect(rosa.reply_hours).not.toBeNull();
    const fresh = await as.ana.agent
      .get(`/messages/${id.conversation}/after/${lastId}`)
      .set('Host', 'acme.localhost')
      .set('Accept', 'application/json');
    expect(fresh.status).toBe(200);
    expect(fresh.body.messages).toHaveLength(1);
    expect(fresh.body.messages[0]).toMatchObject({ mine: false });
    expect(JSON.stringify(fresh.body.messages[0].paragraphs)).toContain('every other Tuesday');
  });

  it('answers every request, engagement and conversation route with 404 for anyone but the pair', async () => {
    const routes = [
      `/requests/${id.request}`,
      `/engagements/${id.engagement}`,
      `/messages/${id.conversation}`,
      `/messages/${id.conversation}/after/0`,
    ];
    const outsiders = [as.luis, as.omar, as.admin, as.gana];
    for (const v of outsiders) {
      for (const path of routes) {
        const res = await v.get(path);
        expect({ who: v.host, path, status: res.status }).toEqual({
          who: v.host,
          path,
          status: 404,
        });
      }
      await v.get('/account');
      const posts: [string, Record<string, string>][] = [
        [`/requests/${id.request}/accept`, {}],
        [`/requests/${id.request}/withdraw`, {}],
        [`/messages/${id.conversation}`, { body: 'let me in' }],
        [`/messages/${id.conversation}/archive`, { archived: '1' }],
        [`/requests/${id.request}/decline`, { reason: 'busy' }],
        [`/engagements/${id.engagement}/goals`, { title: 'sneaky' }],
        [
          `/engagements/${id.engagement}/meetings`,
          { metOn: '2026-01-05', minutes: '30', way: 'video' },
        ],
        [`/engagements/${id.engagement}/checkin`, { met: 'yes' }],
        [`/engagements/${id.engagement}/feedback`, { rating: '1', comment: 'sneaky' }],
        [`/engagements/${id.engagement}/end`, { reason: 'other' }],
      ];
      for (const [path, fields] of posts) {
        const res = await v.post(path, fields);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    }
    // Nothing an outsider tried reached the pair.
    const thread = await as.ana.get(`/messages/${id.conversation}`, 200);
    expect(thread.text).not.toContain('let me in');
    const missing = await as.ana.get('/messages/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
  });

  it('refuses an acceptance beyond capacity and hides a full mentor from recommendations', async () => {
    const sent = await askFor(as.luis, id.rosa);
    expect(sent.status).toBe(409);
    expect(sent.text).toContain('cannot take on anyone new right now');
    const recs = await as.luis.get('/mentors', 200);
    expect(recs.text).not.toContain('Rosa Mentor');
    expect(recs.text).toContain('Omar Mentor');
  });

  it('keeps a decline reason private and shows the entrepreneur others who fit', async () => {
    const sent = await askFor(as.luis, id.omar);
    const requestId = idFrom(sent.headers.location, '/requests');
    await as.omar.get(`/requests/${requestId}`, 200);
    // Declining with a pause: the mentor takes a break in the same step.
    const pauseUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const declined = await as.omar.post(`/requests/${requestId}/decline`, {
      reason: 'fit',
      pause: 'on',
      pauseUntil,
    });
    expect(declined.status).toBe(303);
    const [omar] = await t.db.ownerQuery<{ paused_until: string }>(
      `SELECT to_char(paused_until, 'YYYY-MM-DD') AS paused_until FROM mentor_profiles WHERE user_id = $1`,
      [id.omar],
    );
    expect(omar.paused_until).toBe(pauseUntil);
    const mine = await as.omar.get(`/requests/${requestId}`, 200);
    expect(mine.text).toContain('Not a good fit for my experience');
    const theirs = await as.luis.get(`/requests/${requestId}`, 200);
    expect(theirs.text).toContain('cannot take on a new mentee right now');
    expect(theirs.text).not.toContain('Not a good fit');
    expect(theirs.text).toContain('Others who fit what you are looking for');
    const [answered] = await mail('luis@acme.example', 'request-answered');
    expect(answered.data).toMatchObject({ outcome: 'declined' });
    expect(JSON.stringify(answered.data)).not.toContain('fit');
  });

  it('caps open requests per entrepreneur at the programme’s number', async () => {
    const extra: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      extra.push(
        await addMentor(t, acme, `cap${i}@acme.example`, { name: `Cap Mentor ${i}`, capacity: 3 }),
      );
    }
    const statuses: number[] = [];
    for (const mentor of extra) statuses.push((await askFor(as.luis, mentor)).status);
    expect(statuses).toEqual([303, 303, 303, 409]);
    const refused = await askFor(as.luis, extra[3]);
    expect(refused.text).toContain('You already have 3 requests waiting');
  });
});
