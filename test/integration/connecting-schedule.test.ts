import { TestClock } from '../../src/common/clock';
import { ConnectingScheduler } from '../../src/engagements/connecting.scheduler';
import { idFrom, REQUEST_MESSAGE } from '../support/connecting';
import { addEntrepreneur, addMentor, loggedIn, tenantInfo } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';
import { Visitor } from '../support/visitor';

// What waits on time (reminders, expiry, check-ins, holds after silence,
// digests, blind feedback), driven by a test clock and the scheduler's
// runDue(). Both tenants are populated with look-alike people doing the same
// things, so a job that crossed tenants would show in the other's outbox.

type Slug = 'acme' | 'globex';
type Tenant = Awaited<ReturnType<typeof tenantInfo>>;

interface Person {
  id: string;
  email: string;
  name: string;
  slug: Slug;
}

interface Mail {
  recipient: string;
  template: string;
  data: Record<string, unknown>;
}

const HOST: Record<Slug, string> = { acme: 'acme.localhost', globex: 'globex.localhost' };
const SLUGS: Slug[] = ['acme', 'globex'];

/** The page's main heading, tags and bidi isolates dropped. */
function h1(html: string): string {
  const m = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  return (m?.[1] ?? '').replace(/<[^>]+>/g, '').replace(/[\u2068\u2069]/g, '');
}

describe('connecting: what waits on the clock', () => {
  let t: TestApp;
  let scheduler: ConnectingScheduler;
  const clock = new TestClock(new Date());
  const tenants = {} as Record<Slug, Tenant>;
  const origin = {} as Record<Slug, string>;
  const visitors = new Map<string, Visitor>();
  let seq = 0;
  const advanceMinutes = (n: number) => clock.advanceHours(n / 60);

  const mails = (recipient: string, template?: string) =>
    t.db.ownerQuery<Mail>(
      `SELECT recipient, template, data FROM mail_outbox
        WHERE recipient = $1 AND ($2::text IS NULL OR template = $2)
        ORDER BY created_at, id`,
      [recipient, template ?? null],
    );

  async function mentor(slug: Slug, label: string, extra: { expertise?: string[] } = {}) {
    const n = ++seq;
    const name = `${label} Mentor ${n}`;
    const email = `${label.toLowerCase()}${n}@${slug}.example`;
    const id = await addMentor(t, tenants[slug], email, {
      name,
      capacity: 3,
      expertiseTop: extra.expertise ?? [],
    });
    return { id, email, name, slug } satisfies Person;
  }

  async function entrepreneur(slug: Slug, label: string, extra: { needs?: string[] } = {}) {
    const n = ++seq;
    const name = `${label} Founder ${n}`;
    const email = `${label.toLowerCase()}${n}@${slug}.example`;
    const id = await addEntrepreneur(t, tenants[slug], email, {
      name,
      needsTop: extra.needs ?? [],
    });
    return { id, email, name, slug } satisfies Person;
  }

  /** That person's browser, signed in (one per person, kept). */
  async function as(p: Person): Promise<Visitor> {
    let v = visitors.get(p.id);
    if (!v) {
      v = await loggedIn(t, HOST[p.slug], p.email);
      visitors.set(p.id, v);
    }
    return v;
  }

  /** The entrepreneur asks through the pages; the request's id. */
  async function ask(e: Person, m: Person): Promise<string> {
    const v = await as(e);
    await v.get(`/mentors/${m.id}/request`, 200);
    const res = await v.post(`/mentors/${m.id}/request`, { message: REQUEST_MESSAGE });
    if (res.status !== 303) throw new Error(`request ${e.email} → ${m.email}: ${res.status}`);
    return idFrom(res.headers.location, '/requests');
  }

  /** The mentor accepts through the pages; the engagement's id. */
  async function accept(m: Person, requestId: string): Promise<string> {
    const v = await as(m);
    await v.get(`/requests/${requestId}`, 200);
    const res = await v.post(`/requests/${requestId}/accept`, {});
    return idFrom(res.headers.location, '/engagements');
  }

  async function conversationOf(a: Person, b: Person): Promise<string> {
    const [row] = await t.db.ownerQuery<{ id: string }>(
      `SELECT conversation_id AS id FROM conversation_members WHERE member_id = $1 AND other_id = $2`,
      [a.id, b.id],
    );
    return row.id;
  }

  /** A pair connected through the pages at the clock's current time. */
  async function connect(e: Person, m: Person) {
    const requestId = await ask(e, m);
    const engagementId = await accept(m, requestId);
    return { requestId, engagementId, conversationId: await conversationOf(e, m) };
  }

  async function say(from: Person, conversationId: string, body: string) {
    const v = await as(from);
    if (!v.csrf) await v.get('/account', 200);
    const res = await v.post(`/messages/${conversationId}`, { body });
    expect(res.status).toBe(303);
  }

  async function setPrefs(p: Person, prefs: Record<'requests' | 'messages' | 'reminders', string>) {
    const v = await as(p);
    await v.get('/account/notifications', 200);
    const res = await v.post('/account/notifications', prefs);
    expect(res.status).toBe(303);
    const page = await v.get('/account/notifications', 200);
    expect(page.text).toContain('Your choices are saved.');
  }

  const checkinToken = (link: unknown, slug: Slug) => {
    const m = new RegExp(
      `^${origin[slug].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/checkins/([A-Za-z0-9_-]{43})$`,
    ).exec(String(link));
    if (!m) throw new Error(`not a check-in link of ${slug}: ${String(link)}`);
    return m[1];
  };

  const profile = async (mentorId: string) =>
    (
      await t.db.ownerQuery<{
        paused_until: string | null;
        held_since: Date | null;
        reply_hours: number | null;
        last_active_at: Date | null;
      }>(
        `SELECT to_char(paused_until, 'YYYY-MM-DD') AS paused_until, held_since, reply_hours, last_active_at
           FROM mentor_profiles WHERE user_id = $1`,
        [mentorId],
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants(), clock, env: { LOG_LEVEL: 'error' } });
    scheduler = t.app.get(ConnectingScheduler);
    for (const slug of SLUGS) tenants[slug] = await tenantInfo(t, slug);
    const rows = await t.db.ownerQuery<{ slug: Slug; canonical_origin: string }>(
      `SELECT slug, canonical_origin FROM tenants`,
    );
    for (const r of rows) origin[r.slug] = r.canonical_origin;
  });
  // Each test starts near the real date (sessions and matching use real time).
  beforeEach(() => clock.set(new Date()));
  afterAll(() => t.close());

  it('reminds the mentor once halfway and expires an unanswered request at 7 days as a slow reply', async () => {
    const pairs = [];
    for (const slug of SLUGS) {
      const m = await mentor(slug, 'Quiet');
      const e = await entrepreneur(slug, 'Waiting');
      pairs.push({ slug, m, e, requestId: await ask(e, m) });
    }
    const reminders = (m: Person) => mails(m.email, 'request-reminder');

    clock.advanceDays(3);
    await scheduler.runDue();
    for (const { m } of pairs) expect(await reminders(m)).toHaveLength(0);

    clock.advanceDays(1); // 4 days: past half of 7
    await scheduler.runDue();
    for (const { slug, m, e, requestId } of pairs) {
      const sent = await reminders(m);
      expect(sent).toHaveLength(1);
      expect(sent[0].data).toMatchObject({
        link: `${origin[slug]}/requests/${requestId}`,
        fromName: e.name,
        daysLeft: 3,
      });
    }

    clock.advanceDays(1); // 5 days
    await scheduler.runDue();
    clock.advanceDays(1); // 6 days: still open
    await scheduler.runDue();
    for (const { m, requestId } of pairs) {
      expect(await reminders(m)).toHaveLength(1);
      const [r] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM mentoring_requests WHERE id = $1`,
        [requestId],
      );
      expect(r.status).toBe('open');
    }

    clock.advanceDays(1); // 7 days: expired
    await scheduler.runDue();
    for (const { slug, m, e, requestId } of pairs) {
      const [r] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM mentoring_requests WHERE id = $1`,
        [requestId],
      );
      expect(r.status).toBe('expired');
      const answered = await mails(e.email, 'request-answered');
      expect(answered).toHaveLength(1);
      expect(answered[0].data).toMatchObject({
        outcome: 'expired',
        otherName: m.name,
        link: `${origin[slug]}/requests/${requestId}`,
      });
      // The 7 days count as the mentor's reply time: a slow reply.
      expect(Number((await profile(m.id)).reply_hours)).toBeCloseTo(7 * 24, 5);
      const page = await (await as(e)).get(`/requests/${requestId}`, 200);
      expect(page.text).toContain('Others who fit what you are looking for');
      expect(page.text).toContain('Closed without an answer');
      // Only one reminder, ever, and nothing about the other tenant's request.
      expect(await reminders(m)).toHaveLength(1);
      for (const mail of [...(await mails(m.email)), ...(await mails(e.email))]) {
        expect(String(mail.data.link)).toMatch(new RegExp(`^${origin[slug]}/`));
      }
    }
  });

  // Expiry counts as a slow reply, never as activity.
  it('holds a silent mentor even when a request to them expired meanwhile (expiry is not activity)', async () => {
    const m = await mentor('acme', 'Idle');
    await connect(await entrepreneur('acme', 'Idle'), m);
    const lastActive = (await profile(m.id)).last_active_at;
    clock.advanceDays(14);
    await scheduler.runDue();
    expect(await mails(m.email, 'checkin')).toHaveLength(1);
    clock.advanceDays(1);
    await ask(await entrepreneur('acme', 'Ignored'), m);
    clock.advanceDays(7);
    await scheduler.runDue();
    const afterExpiry = await profile(m.id);
    expect(Number(afterExpiry.reply_hours)).toBeGreaterThan(0);
    clock.advanceDays(13); // 21 days after the check-in
    await scheduler.runDue();
    // Both at once, so a failure shows the cause and its consequence.
    expect({
      lastActiveAfterExpiry: afterExpiry.last_active_at,
      held: (await profile(m.id)).held_since !== null,
      heldMails: (await mails(m.email, 'mentor-held')).length,
    }).toEqual({ lastActiveAfterExpiry: lastActive, held: true, heldMails: 1 });
  });

  it('frees the entrepreneur’s open-request slot when a request expires', async () => {
    const e = await entrepreneur('acme', 'Busy');
    const asked: Person[] = [];
    for (let i = 0; i < 3; i += 1) {
      const m = await mentor('acme', 'Slot');
      await ask(e, m);
      asked.push(m);
    }
    const fourth = await mentor('acme', 'Fourth');
    const v = await as(e);
    await v.get(`/mentors/${fourth.id}/request`, 200);
    const refused = await v.post(`/mentors/${fourth.id}/request`, { message: REQUEST_MESSAGE });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('You already have 3 requests waiting');

    clock.advanceDays(7);
    await scheduler.runDue();
    const [{ n }] = await t.db.ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM mentoring_requests WHERE entrepreneur_id = $1 AND status = 'expired'`,
      [e.id],
    );
    expect(n).toBe(3);
    const again = await v.post(`/mentors/${fourth.id}/request`, { message: REQUEST_MESSAGE });
    expect(again.status).toBe(303);
  });

  it('sends single-use check-in links to both sides 14 days after acceptance, then every 28 days', async () => {
    const pairs = [];
    for (const slug of SLUGS) {
      const m = await mentor(slug, 'Checked');
      const e = await entrepreneur(slug, 'Checked');
      pairs.push({ slug, m, e, ...(await connect(e, m)) });
    }
    const checkins = (p: Person) => mails(p.email, 'checkin');

    clock.advanceDays(13);
    await scheduler.runDue();
    clock.advanceHours(23);
    await scheduler.runDue();
    for (const { m, e } of pairs) {
      expect(await checkins(m)).toHaveLength(0);
      expect(await checkins(e)).toHaveLength(0);
    }

    clock.advanceHours(1); // 14 days
    await scheduler.runDue();
    const tokens = {} as Record<Slug, { mentor: string; entrepreneur: string }>;
    for (const { slug, m, e } of pairs) {
      const [toMentor] = await checkins(m);
      const [toEntrepreneur] = await checkins(e);
      expect(await checkins(m)).toHaveLength(1);
      expect(await checkins(e)).toHaveLength(1);
      expect(toMentor.data).toMatchObject({ otherName: e.name });
      expect(toEntrepreneur.data).toMatchObject({ otherName: m.name });
      tokens[slug] = {
        mentor: checkinToken(toMentor.data.link, slug),
        entrepreneur: checkinToken(toEntrepreneur.data.link, slug),
      };
    }

    const acme = pairs.find((p) => p.slug === 'acme')!;
    const token = tokens.acme.mentor;

    // The other tenant's host does not know the token: it answers like a made-up one.
    const stranger = new Visitor(t, HOST.globex);
    const unknown = await stranger.get(`/checkins/${'x'.repeat(43)}?met=yes`);
    const foreign = await stranger.get(`/checkins/${token}?met=yes`);
    expect(foreign.status).toBe(unknown.status);
    expect(foreign.status).toBe(410);
    expect(h1(foreign.text)).toBe(h1(unknown.text));
    expect(foreign.text).not.toContain(acme.e.name);
    await stranger.get('/login', 200); // a form page, for the CSRF token
    const foreignPost = await stranger.post(`/checkins/${token}`, { met: 'no', feeling: 'stuck' });
    expect(foreignPost.status).toBe(303);
    expect(foreignPost.headers.location).toBe(`/checkins/${token}`);

    // The link, opened without logging in: the question, "Yes, we met" preselected.
    const anon = new Visitor(t, HOST.acme);
    const page = await anon.get(`/checkins/${token}?met=yes`, 200);
    expect(h1(page.text)).toBe(`Did you meet ${acme.e.name}? How is it going?`);
    expect(page.text).toMatch(/<input type="radio" id="met-yes" name="met" value="yes" checked>/);
    expect(page.text).not.toMatch(/id="met-no"[^>]* checked/);
    expect(page.text).toContain('Yes, we met');
    const answered = await anon.post(`/checkins/${token}`, { met: 'yes', feeling: 'great' });
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Thank you, your answer has been saved.');
    const [row] = await t.db.ownerQuery<{ met: boolean; feeling: string; answered: boolean }>(
      `SELECT met, feeling, answered_at IS NOT NULL AS answered FROM engagement_checkins
        WHERE engagement_id = $1 AND member_id = $2`,
      [acme.engagementId, acme.m.id],
    );
    expect(row).toEqual({ met: true, feeling: 'great', answered: true });

    // Used once: the same link again is gone, and a second answer changes nothing.
    const again = await new Visitor(t, HOST.acme).get(`/checkins/${token}?met=yes`);
    expect(again.status).toBe(410);
    expect(again.text).toContain('This link has been used');
    const replay = await anon.post(`/checkins/${token}`, { met: 'no', feeling: 'stuck' });
    expect(replay.text).toContain('This link has been used');
    const [kept] = await t.db.ownerQuery<{ met: boolean; feeling: string }>(
      `SELECT met, feeling FROM engagement_checkins WHERE engagement_id = $1 AND member_id = $2`,
      [acme.engagementId, acme.m.id],
    );
    expect(kept).toEqual({ met: true, feeling: 'great' });

    // The next round comes 28 days after the first, not before.
    clock.advanceDays(27);
    await scheduler.runDue();
    for (const { m, e } of pairs) {
      expect(await checkins(m)).toHaveLength(1);
      expect(await checkins(e)).toHaveLength(1);
    }
    clock.advanceDays(1);
    await scheduler.runDue();
    for (const { slug, m, e } of pairs) {
      const toMentor = await checkins(m);
      expect(toMentor).toHaveLength(2);
      expect(await checkins(e)).toHaveLength(2);
      // A new link each round.
      expect(checkinToken(toMentor[1].data.link, slug)).not.toBe(tokens[slug].mentor);
    }
  });

  it('holds a mentor silent for 21 days after a check-in, and not one who answered or wrote', async () => {
    const need = 'finance.pricing';
    const silent = await mentor('acme', 'Silent', { expertise: [need] });
    const answering = await mentor('acme', 'Answering', { expertise: [need] });
    const writing = await mentor('acme', 'Writing', { expertise: [need] });
    const pairs = new Map<Person, Awaited<ReturnType<typeof connect>> & { e: Person }>();
    for (const m of [silent, answering, writing]) {
      const e = await entrepreneur('acme', 'Mentee');
      pairs.set(m, { e, ...(await connect(e, m)) });
    }
    // The same in the other tenant: a silent mentor there is that tenant's business.
    const globexSilent = await mentor('globex', 'Silent', { expertise: [need] });
    await connect(await entrepreneur('globex', 'Mentee'), globexSilent);
    const seeker = await entrepreneur('acme', 'Seeker', { needs: [need] });
    const recommended = async () => (await (await as(seeker)).get('/mentors', 200)).text;
    const before = await recommended();
    for (const m of [silent, answering, writing]) expect(before).toContain(m.name);

    clock.advanceDays(14);
    await scheduler.runDue();
    const [toAnswering] = await mails(answering.email, 'checkin');
    const anon = new Visitor(t, HOST.acme);
    await anon.get(`/checkins/${checkinToken(toAnswering.data.link, 'acme')}?met=yes`, 200);
    expect(
      (await anon.post(`/checkins/${checkinToken(toAnswering.data.link, 'acme')}`, { met: 'yes' }))
        .status,
    ).toBe(200);
    clock.advanceDays(1);
    await say(
      writing,
      pairs.get(writing)!.conversationId,
      'Sorry for the delay, shall we meet on Friday?',
    );

    clock.advanceDays(19); // 20 days after the check-in: not yet
    await scheduler.runDue();
    expect((await profile(silent.id)).held_since).toBeNull();
    expect(await mails(silent.email, 'mentor-held')).toHaveLength(0);

    clock.advanceDays(1); // 21 days
    await scheduler.runDue();
    const held = await profile(silent.id);
    expect(held.held_since).not.toBeNull();
    expect(held.paused_until).not.toBeNull();
    expect(held.paused_until! > clock.now().toISOString().slice(0, 10)).toBe(true);
    const heldMail = await mails(silent.email, 'mentor-held');
    expect(heldMail).toHaveLength(1);
    expect(heldMail[0].data).toMatchObject({
      link: `${origin.acme}/mentoring`,
      pausedUntil: held.paused_until,
    });
    expect((await profile(globexSilent.id)).held_since).not.toBeNull();
    expect((await mails(globexSilent.email, 'mentor-held'))[0].data.link).toBe(
      `${origin.globex}/mentoring`,
    );
    for (const m of [answering, writing]) {
      expect(await profile(m.id)).toMatchObject({ held_since: null, paused_until: null });
      expect(await mails(m.email, 'mentor-held')).toHaveLength(0);
    }
    const during = await recommended();
    expect(during).not.toContain(silent.name);
    expect(during).toContain(answering.name);
    expect(during).toContain(writing.name);
    // Another pass does not hold (or mail) again.
    await scheduler.runDue();
    expect(await mails(silent.email, 'mentor-held')).toHaveLength(1);

    // "Yes, I continue": the hold is lifted and they are recommended again.
    const v = await as(silent);
    const hub = await v.get('/mentoring', 200);
    expect(hub.text).toContain('Do you want to continue mentoring?');
    const cont = await v.post('/mentoring/continue', {});
    expect(cont.status).toBe(303);
    expect((await v.get('/mentoring', 200)).text).toContain('Welcome back');
    expect(await profile(silent.id)).toMatchObject({ held_since: null, paused_until: null });
    expect(await recommended()).toContain(silent.name);
    // The other tenant's hold is untouched.
    expect((await profile(globexSilent.id)).held_since).not.toBeNull();
  });

  it('follows each member’s notification choice: off, daily digest after 24 hours, check-ins always', async () => {
    // Messages off: nothing about new messages, not even for a digest.
    const quietE = await entrepreneur('acme', 'Unplugged');
    await setPrefs(quietE, { requests: 'immediate', messages: 'off', reminders: 'immediate' });
    const quietM = await mentor('acme', 'Talkative');
    const quiet = await connect(quietE, quietM);
    expect(await mails(quietE.email, 'request-answered')).toHaveLength(1);
    await say(quietM, quiet.conversationId, 'Welcome! Let us find a time to talk.');
    expect(await mails(quietE.email, 'new-message')).toHaveLength(0);

    // Daily: nothing right away, one digest once the oldest item is a day old.
    const dailyE = await entrepreneur('acme', 'Daily');
    const dailyM = await mentor('acme', 'Daily');
    for (const p of [dailyE, dailyM])
      await setPrefs(p, { requests: 'daily', messages: 'daily', reminders: 'daily' });
    const daily = await connect(dailyE, dailyM);
    await say(dailyM, daily.conversationId, 'Welcome aboard, happy to help.');
    await say(quietM, quiet.conversationId, 'Are you there?');
    expect(await mails(quietE.email, 'new-message')).toHaveLength(0);
    expect(await mails(dailyM.email)).toEqual([]);
    expect(await mails(dailyE.email)).toEqual([]);

    clock.advanceHours(23);
    await scheduler.runDue();
    expect(await mails(dailyM.email)).toEqual([]);
    expect(await mails(dailyE.email)).toEqual([]);

    clock.advanceHours(1);
    await scheduler.runDue();
    await scheduler.runDue();
    const toE = await mails(dailyE.email);
    expect(toE.map((m) => m.template)).toEqual(['digest']);
    expect(toE[0].data).toMatchObject({
      link: `${origin.acme}/messages`,
      requests: 1,
      messages: 1,
      reminders: 0,
    });
    const toM = await mails(dailyM.email);
    expect(toM.map((m) => m.template)).toEqual(['digest']);
    expect(toM[0].data).toMatchObject({ requests: 1, messages: 0, reminders: 0 });
    expect(await mails(quietE.email, 'digest')).toHaveLength(0);

    // Check-ins carry a single-use link: mailed right away even on the daily digest.
    clock.advanceDays(13);
    await scheduler.runDue();
    for (const p of [dailyE, dailyM]) {
      expect((await mails(p.email)).map((m) => m.template)).toEqual(['digest', 'checkin']);
    }
  });

  it('batches new-message mail: one an hour per unread conversation, a new one once read', async () => {
    const m = await mentor('globex', 'Chatty');
    const e = await entrepreneur('globex', 'Reader');
    const { conversationId } = await connect(e, m);
    const notices = async () => (await mails(e.email, 'new-message')).map((x) => x.data.count);
    // Minutes apart, as people are (a clock standing still puts every step in one instant).
    advanceMinutes(1);

    await say(m, conversationId, 'First: thanks for your request.');
    expect(await notices()).toEqual([1]);
    advanceMinutes(30);
    await say(m, conversationId, 'Second: when are you free?');
    expect(await notices()).toEqual([1]);

    // Read: the next message mails again.
    advanceMinutes(1);
    await (await as(e)).get(`/messages/${conversationId}`, 200);
    advanceMinutes(1);
    await say(m, conversationId, 'Third: I sent you an agenda.');
    expect(await notices()).toEqual([1, 1]);

    // Unread again: nothing more within the hour, then one an hour later.
    advanceMinutes(20);
    await say(m, conversationId, 'Fourth: did you see it?');
    expect(await notices()).toEqual([1, 1]);
    advanceMinutes(40); // an hour after the third
    await say(m, conversationId, 'Fifth: just checking.');
    expect(await notices()).toEqual([1, 1, 3]);
    const [first] = await mails(e.email, 'new-message');
    expect(first.data).toMatchObject({
      link: `${origin.globex}/messages/${conversationId}`,
      fromName: m.name,
      excerpt: 'First: thanks for your request.',
    });
  });

  it('keeps feedback blind until both sides gave it, or 14 days after the end', async () => {
    const m = await mentor('acme', 'Rated');
    const e = await entrepreneur('acme', 'Rating');
    const { engagementId } = await connect(e, m);
    const page = async (p: Person) =>
      (await (await as(p)).get(`/engagements/${engagementId}`, 200)).text;

    await page(e);
    const ended = await (
      await as(e)
    ).post(`/engagements/${engagementId}/end`, { reason: 'goals_met' });
    expect(ended.status).toBe(303);
    await page(e);
    const given = await (
      await as(e)
    ).post(`/engagements/${engagementId}/feedback`, {
      rating: '5',
      comment: 'Alpha: patient and practical advice',
    });
    expect(given.status).toBe(303);

    const mentorSees = await page(m);
    expect(mentorSees).toContain(
      `${e.name} has left feedback. You will see it once you have given yours.`,
    );
    expect(mentorSees).not.toContain('Alpha: patient');
    expect(mentorSees).not.toContain('rating: 5 of 5');

    await (
      await as(m)
    ).post(`/engagements/${engagementId}/feedback`, {
      rating: '4',
      comment: 'Beta: a founder who did the homework',
    });
    for (const p of [m, e]) {
      const text = await page(p);
      expect(text).toContain('Alpha: patient and practical advice');
      expect(text).toContain('Beta: a founder who did the homework');
      expect(text).not.toContain('has left feedback. You will see it');
    }

    // One side never answers: they see the other's feedback 14 days after the end.
    const m2 = await mentor('acme', 'Closing');
    const e2 = await entrepreneur('acme', 'Silent');
    const second = await connect(e2, m2);
    const page2 = async (p: Person) =>
      (await (await as(p)).get(`/engagements/${second.engagementId}`, 200)).text;
    await page2(m2);
    await (await as(m2)).post(`/engagements/${second.engagementId}/end`, { reason: 'goals_met' });
    await page2(m2);
    await (
      await as(m2)
    ).post(`/engagements/${second.engagementId}/feedback`, {
      rating: '3',
      comment: 'Gamma: we never quite found a rhythm',
    });
    clock.advanceDays(13);
    const early = await page2(e2);
    expect(early).toContain(`${m2.name} has left feedback.`);
    expect(early).not.toContain('Gamma: we never');
    clock.advanceDays(1);
    const late = await page2(e2);
    expect(late).toContain('Gamma: we never quite found a rhythm');
    expect(late).not.toContain('has left feedback. You will see it');
  });

  it('sends each reminder and check-in once when two passes run at the same time', async () => {
    const people = [];
    for (const slug of SLUGS) {
      const m = await mentor(slug, 'Twice');
      const e = await entrepreneur(slug, 'Twice');
      await connect(e, m);
      people.push({ m, e });
    }
    // A request sent 10 days after the acceptance is past its halfway point 4 days later.
    clock.advanceDays(10);
    const waiting = [];
    for (const slug of SLUGS) {
      const m = await mentor(slug, 'Reminded');
      await ask(await entrepreneur(slug, 'Reminding'), m);
      waiting.push(m);
    }
    clock.advanceDays(4); // 14 days after the acceptance, 4 days into the request
    await Promise.all([scheduler.runDue(), scheduler.runDue()]);
    for (const m of waiting) expect(await mails(m.email, 'request-reminder')).toHaveLength(1);
    for (const { m, e } of people) {
      expect(await mails(m.email, 'checkin')).toHaveLength(1);
      expect(await mails(e.email, 'checkin')).toHaveLength(1);
    }
    // And again later: each pass finds nothing left to do.
    await Promise.all([scheduler.runDue(), scheduler.runDue()]);
    for (const m of waiting) expect(await mails(m.email, 'request-reminder')).toHaveLength(1);
    for (const { m } of people) expect(await mails(m.email, 'checkin')).toHaveLength(1);
  });

  // Two instances may run a pass at once: the hold is claimed, so it mails once.
  it('holds a silent mentor once, with one mail, when two passes run at the same time', async () => {
    const held = [];
    for (const slug of SLUGS) {
      const m = await mentor(slug, 'Unheard');
      await connect(await entrepreneur(slug, 'Unheard'), m);
      held.push(m);
    }
    clock.advanceDays(14);
    await scheduler.runDue();
    clock.advanceDays(21); // 21 days of silence after the check-in
    await Promise.all([scheduler.runDue(), scheduler.runDue()]);
    for (const m of held) {
      expect((await profile(m.id)).held_since).not.toBeNull();
      expect(await mails(m.email, 'mentor-held')).toHaveLength(1);
    }
  });
});
