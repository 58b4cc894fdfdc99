import { askFor, connectPair, idFrom, REQUEST_MESSAGE } from '../support/connecting';
import { addEntrepreneur, addMentor, loggedIn, PASSWORD, tenantInfo } from '../support/people';
import { startTestApp, type TestApp } from '../support/test-app';
import { twoTenants } from '../support/tenant-fixtures';
import type { Visitor } from '../support/visitor';

type Tenant = Awaited<ReturnType<typeof tenantInfo>>;

const DAY = 86_400_000;
/** A calendar date (UTC) `days` from today, as the forms take it. */
const dayFromToday = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const mediumDate = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

/** The ids of the radio buttons checked on a page (`requests-immediate`, …). */
const checkedRadios = (html: string) =>
  [...html.matchAll(/<input type="radio" id="([\w-]+)"[^>]*\schecked>/g)].map((m) => m[1]).sort();

describe('engagements: meetings, goals, check-ins, ending, preferences, export and deletion', () => {
  let t: TestApp;
  let acme: Tenant;
  let globex: Tenant;
  const id: Record<string, string> = {};
  const as: Record<string, Visitor> = {};
  /** Engagement and conversation ids per pair key. */
  const e: Record<string, { engagementId: string; conversationId: string }> = {};

  const mail = (to: string, template: string) =>
    t.db.ownerQuery<{ data: Record<string, unknown> }>(
      `SELECT data FROM mail_outbox WHERE recipient = $1 AND template = $2 ORDER BY created_at`,
      [to, template],
    );

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.ownerQuery<{ n: number }>(sql, params))[0].n;

  const meetingsIn = (engagementId: string) =>
    count(`SELECT count(*)::int AS n FROM engagement_meetings WHERE engagement_id = $1`, [
      engagementId,
    ]);
  const goalsIn = (engagementId: string) =>
    count(`SELECT count(*)::int AS n FROM engagement_goals WHERE engagement_id = $1`, [
      engagementId,
    ]);
  const activeCount = async (mentorId: string) =>
    (
      await t.db.ownerQuery<{ n: number }>(
        `SELECT active_count AS n FROM mentor_profiles WHERE user_id = $1`,
        [mentorId],
      )
    )[0].n;

  /** Asks and has the mentor accept: the pair's request, engagement and conversation ids. */
  const connect = (entrepreneur: string, mentor: string) =>
    connectPair(
      t,
      { v: as[entrepreneur], id: id[entrepreneur] },
      { v: as[mentor], id: id[mentor] },
    );

  async function write(v: Visitor, conversationId: string, body: string) {
    await v.get(`/messages/${conversationId}`, 200);
    const res = await v.post(`/messages/${conversationId}`, { body });
    if (res.status !== 303) throw new Error(`message: ${res.status}`);
  }

  /** Opens the engagement page (for its CSRF token), then posts one of its forms. */
  async function onPage(v: Visitor, engagementId: string, path: string, fields: object) {
    await v.get(`/engagements/${engagementId}`, 200);
    return v.postForm(
      `/engagements/${engagementId}${path}`,
      Object.entries(fields).flatMap(([k, val]) =>
        Array.isArray(val)
          ? val.map((x) => [k, String(x)] as [string, string])
          : [[k, String(val)] as [string, string]],
      ),
    );
  }

  const validMeeting = (over: Record<string, unknown> = {}) => ({
    metOn: dayFromToday(-2),
    minutes: '90',
    way: 'video',
    topics: ['finance'],
    privateNote: 'Rosa private: prepare a price list',
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp({ tenants: twoTenants(), env: { LOG_LEVEL: 'error' } });
    acme = await tenantInfo(t, 'acme');
    globex = await tenantInfo(t, 'globex');
    // Keys of the other programme's look-alikes start with "g": grosa is rosa@globex.example.
    const emailOf = (tenant: Tenant, key: string) =>
      tenant === acme ? `${key}@acme.example` : `${key.slice(1)}@globex.example`;
    const mentor = async (tenant: Tenant, key: string, name: string, capacity: number) => {
      id[key] = await addMentor(t, tenant, emailOf(tenant, key), {
        name,
        expertiseTop: ['finance.pricing'],
        capacity,
      });
    };
    const entrepreneur = async (tenant: Tenant, key: string, name: string) => {
      id[key] = await addEntrepreneur(t, tenant, emailOf(tenant, key), {
        name,
        needsTop: ['finance.pricing'],
      });
    };
    await mentor(acme, 'rosa', 'Rosa Mentor', 1);
    await mentor(acme, 'omar', 'Omar Mentor', 2);
    await mentor(acme, 'hugo', 'Hugo Mentor', 1);
    await mentor(acme, 'ivan', 'Ivan Mentor', 2);
    await entrepreneur(acme, 'ana', 'Ana Baker');
    await entrepreneur(acme, 'bea', 'Bea Second');
    await entrepreneur(acme, 'carla', 'Carla Third');
    await entrepreneur(acme, 'dora', 'Dora Leaving');
    // Look-alikes in the other programme, connected the same way.
    await mentor(globex, 'grosa', 'Rosa Globex', 1);
    await mentor(globex, 'ghugo', 'Hugo Globex', 1);
    await entrepreneur(globex, 'gana', 'Ana Globex');
    await entrepreneur(globex, 'gdora', 'Dora Globex');
    for (const key of ['rosa', 'omar', 'hugo', 'ivan', 'ana', 'bea', 'carla', 'dora']) {
      as[key] = await loggedIn(t, 'acme.localhost', emailOf(acme, key));
    }
    for (const key of ['grosa', 'ghugo', 'gana', 'gdora']) {
      as[key] = await loggedIn(t, 'globex.localhost', emailOf(globex, key));
    }
    e.rosa = await connect('ana', 'rosa');
    e.omar = await connect('bea', 'omar');
    e.grosa = await connect('gana', 'grosa');
    e.ghugo = await connect('gdora', 'ghugo');
    // The look-alike pair logs a meeting and a goal of its own.
    expect(
      (
        await onPage(as.grosa, e.grosa.engagementId, '/meetings', {
          ...validMeeting(),
          privateNote: 'Globex private note',
        })
      ).status,
    ).toBe(303);
    expect(
      (await onPage(as.gana, e.grosa.engagementId, '/goals', { title: 'Globex goal' })).status,
    ).toBe(303);
  });
  afterAll(() => t.close());

  describe('meetings', () => {
    it('refuses a future date, 0 minutes, an unknown way or an unknown topic with the field’s error and what was typed', async () => {
      const E = e.rosa.engagementId;
      const future = dayFromToday(2);
      const cases: [Record<string, unknown>, string, string[]][] = [
        [
          { metOn: future },
          'Enter the date of the meeting (today or earlier).',
          [`value="${future}"`],
        ],
        [
          { minutes: '0' },
          'Enter a duration from 5 to 600 minutes.',
          ['name="minutes"', 'value="0"'],
        ],
        [{ way: 'carrier-pigeon' }, 'Choose how you met.', []],
        [
          { topics: ['finance', 'not.a.topic'] },
          'Choose up to 6 topics from the list.',
          ['id="topics-finance" name="topics" value="finance" checked'],
        ],
      ];
      for (const [bad, error, kept] of cases) {
        const res = await onPage(as.rosa, E, '/meetings', validMeeting(bad));
        expect({ bad, status: res.status }).toEqual({ bad, status: 422 });
        expect(res.text).toContain(
          `<p class="field-error" id="${Object.keys(bad)[0]}-error">${error}</p>`,
        );
        // What was typed is still there.
        expect(res.text).toContain('Rosa private: prepare a price list</textarea>');
        for (const k of kept) expect(res.text).toContain(k);
        if (!('metOn' in bad)) expect(res.text).toContain(`value="${dayFromToday(-2)}"`);
        if (!('way' in bad)) expect(res.text).toMatch(/<option value="video" selected>/);
      }
      // All at once: every field's error shows.
      const all = await onPage(
        as.rosa,
        E,
        '/meetings',
        validMeeting({ metOn: future, minutes: '0', way: 'carrier-pigeon', topics: ['nope'] }),
      );
      expect(all.status).toBe(422);
      for (const field of ['metOn', 'minutes', 'way', 'topics']) {
        expect(all.text).toContain(`id="${field}-error"`);
      }
      expect(await meetingsIn(E)).toBe(0);
    });

    it('shows a logged meeting to both, its private note only to its writer, and sums the hours', async () => {
      const E = e.rosa.engagementId;
      const byRosa = await onPage(as.rosa, E, '/meetings', validMeeting());
      expect(byRosa.status).toBe(303);
      const byAna = await onPage(as.ana, E, '/meetings', {
        metOn: dayFromToday(-1),
        minutes: '45',
        way: 'phone',
        privateNote: 'Ana private: I felt nervous',
      });
      expect(byAna.status).toBe(303);
      expect(await meetingsIn(E)).toBe(2);

      const rosa = await as.rosa.get(`/engagements/${E}`, 200);
      const ana = await as.ana.get(`/engagements/${E}`, 200);
      for (const page of [rosa.text, ana.text]) {
        expect(page).toContain(mediumDate(dayFromToday(-2)));
        expect(page).toContain(mediumDate(dayFromToday(-1)));
        expect(page).toContain('90 min');
        expect(page).toContain('45 min');
        // 90 + 45 minutes.
        expect(page).toContain('2 meetings, 2.3 hours in total.');
        expect(page).not.toContain('Globex private note');
      }
      expect(rosa.text).toContain('Rosa private: prepare a price list');
      expect(rosa.text).not.toContain('Ana private: I felt nervous');
      expect(ana.text).toContain('Ana private: I felt nervous');
      expect(ana.text).not.toContain('Rosa private: prepare a price list');
      expect((await as.rosa.get('/mentoring', 200)).text).toContain(
        'You have given 2.3 hours of mentoring in 2 meetings.',
      );
      // The look-alike's total is its own.
      expect((await as.grosa.get(`/engagements/${e.grosa.engagementId}`, 200)).text).toContain(
        'Globex private note',
      );
    });
  });

  describe('goals', () => {
    const goal = async (engagementId: string, title: string) =>
      (
        await t.db.ownerQuery<{ id: string; progress: number; target: string | null }>(
          `SELECT id, progress, to_char(target_date, 'YYYY-MM-DD') AS target
             FROM engagement_goals WHERE engagement_id = $1 AND title = $2`,
          [engagementId, title],
        )
      )[0];

    it('adds goals with and without a target date and saves progress', async () => {
      const E = e.rosa.engagementId;
      expect(
        (
          await onPage(as.ana, E, '/goals', {
            title: 'Raise cake prices by 10%',
            targetDate: '2030-06-30',
          })
        ).status,
      ).toBe(303);
      expect((await as.ana.get(`/engagements/${E}`, 200)).text).toContain('Goal added.');
      expect(
        (await onPage(as.rosa, E, '/goals', { title: 'Keep the books every week', targetDate: '' }))
          .status,
      ).toBe(303);
      const dated = await goal(E, 'Raise cake prices by 10%');
      const undated = await goal(E, 'Keep the books every week');
      expect(dated.target).toBe('2030-06-30');
      expect(undated.target).toBeNull();

      const page = await as.rosa.get(`/engagements/${E}`, 200);
      expect(page.text).toContain(
        `<strong>Raise cake prices by 10%</strong> <span class="small">by ${mediumDate('2030-06-30')}</span>`,
      );
      expect(page.text).toContain('<strong>Keep the books every week</strong></p>');
      expect(page.text).not.toContain('Globex goal');

      const updated = await onPage(as.rosa, E, `/goals/${dated.id}`, { progress: '50' });
      expect(updated.status).toBe(303);
      const after = await as.ana.get(`/engagements/${E}`, 200);
      expect(after.text).toContain('50% done');
      expect((await goal(E, 'Raise cake prices by 10%')).progress).toBe(50);
    });

    it('answers a goal id from another engagement of the same programme with 404, leaving it unchanged', async () => {
      expect(
        (await onPage(as.bea, e.omar.engagementId, '/goals', { title: 'Bea’s own goal' })).status,
      ).toBe(303);
      const theirs = await goal(e.omar.engagementId, 'Bea’s own goal');
      const res = await onPage(as.ana, e.rosa.engagementId, `/goals/${theirs.id}`, {
        progress: '100',
      });
      expect(res.status).toBe(404);
      expect((await goal(e.omar.engagementId, 'Bea’s own goal')).progress).toBe(0);
      // The look-alike programme's goal is just as missing.
      const [globexGoal] = await t.db.ownerQuery<{ id: string }>(
        `SELECT id FROM engagement_goals WHERE title = 'Globex goal'`,
      );
      const cross = await onPage(as.ana, e.rosa.engagementId, `/goals/${globexGoal.id}`, {
        progress: '100',
      });
      expect(cross.status).toBe(404);
      expect((await goal(e.grosa.engagementId, 'Globex goal')).progress).toBe(0);
    });

    it('refuses an invalid target date with 422, keeping the title', async () => {
      const E = e.rosa.engagementId;
      const before = await goalsIn(E);
      for (const targetDate of ['2030-02-30', 'next spring']) {
        const res = await onPage(as.ana, E, '/goals', { title: 'Open a second shop', targetDate });
        expect(res.status).toBe(422);
        expect(res.text).toContain(
          '<p class="field-error" id="targetDate-error">Enter a real date, like 2026-03-31.</p>',
        );
        expect(res.text).toContain('value="Open a second shop"');
      }
      expect(await goalsIn(E)).toBe(before);
    });
  });

  describe('check-ins', () => {
    it('answers a check-in from the engagement page once and shows the latest answer', async () => {
      const E = e.rosa.engagementId;
      await t.db.ownerQuery(
        `INSERT INTO engagement_checkins (tenant_id, engagement_id, member_id, token_hash, sent_at, expires_at)
         VALUES ($1, $2, $3, $4, now() - interval '1 day', now() + interval '13 days')`,
        [acme.id, E, id.ana, `test-checkin-${E}`],
      );
      const page = await as.ana.get(`/engagements/${E}`, 200);
      expect(page.text).toContain('Did you meet Rosa Mentor? How is it going?');
      expect(page.text).toContain(`action="/engagements/${E}/checkin"`);
      // Only the member it was sent to is asked.
      expect((await as.rosa.get(`/engagements/${E}`, 200)).text).not.toContain(
        `action="/engagements/${E}/checkin"`,
      );

      const answered = await as.ana.post(`/engagements/${E}/checkin`, {
        met: 'no',
        feeling: 'stuck',
      });
      expect(answered.status).toBe(303);
      const after = await as.ana.get(`/engagements/${E}`, 200);
      expect(after.text).toContain('Thank you, your answer has been saved.');
      expect(after.text).toContain('Latest check-ins');
      expect(after.text).toMatch(/<li>You \([^)]*\): Not yet · We are stuck<\/li>/);
      expect(after.text).not.toContain(`action="/engagements/${E}/checkin"`);
      const mentorView = await as.rosa.get(`/engagements/${E}`, 200);
      expect(mentorView.text).toMatch(/<li>Ana Baker \([^)]*\): Not yet · We are stuck<\/li>/);

      const again = await as.ana.post(`/engagements/${E}/checkin`, {
        met: 'yes',
        feeling: 'great',
      });
      expect(again.status).toBe(303);
      const used = await as.ana.get(`/engagements/${E}`, 200);
      expect(used.text).toContain('This check-in has already been answered');
      expect(used.text).toMatch(/Not yet · We are stuck/);
      const rows = await t.db.ownerQuery<{ met: boolean; feeling: string }>(
        `SELECT met, feeling FROM engagement_checkins WHERE engagement_id = $1`,
        [E],
      );
      expect(rows).toEqual([{ met: false, feeling: 'stuck' }]);
      // Nothing of it shows in the look-alike programme.
      expect((await as.gana.get(`/engagements/${e.grosa.engagementId}`, 200)).text).not.toContain(
        'Latest check-ins',
      );
    });
  });

  describe('ending', () => {
    it('keeps feedback closed while the mentoring is active', async () => {
      const E = e.rosa.engagementId;
      const early = await onPage(as.ana, E, '/feedback', { rating: '5', comment: 'Too early' });
      expect(early.status).toBe(303);
      expect((await as.ana.get(`/engagements/${E}`, 200)).text).toContain(
        'Feedback opens when the mentoring ends.',
      );
      expect(
        await count(`SELECT count(*)::int AS n FROM engagement_feedback WHERE engagement_id = $1`, [
          E,
        ]),
      ).toBe(0);
    });

    it('ends by either side with a reason, frees the mentor’s place and mails the other side', async () => {
      // Rosa (capacity 1) is full: not recommended to a third entrepreneur.
      const before = await as.carla.get('/mentors', 200);
      expect(before.text).not.toContain('Rosa Mentor');
      expect(before.text).toContain('Omar Mentor');
      expect(await activeCount(id.rosa)).toBe(1);

      const E = e.rosa.engagementId;
      const ended = await onPage(as.ana, E, '/end', { reason: 'no_time' });
      expect(ended.status).toBe(303);
      const page = await as.ana.get(`/engagements/${E}`, 200);
      expect(page.text).toContain('The mentoring has ended. Please leave a short feedback below.');
      expect(page.text).toContain('No time right now');
      expect(page.text).toContain(`action="/engagements/${E}/feedback"`);
      const [row] = await t.db.ownerQuery<{ status: string; ended_by: string }>(
        `SELECT status, ended_by FROM engagements WHERE id = $1`,
        [E],
      );
      expect(row).toEqual({ status: 'closed', ended_by: id.ana });
      expect(await activeCount(id.rosa)).toBe(0);
      const [toRosa] = await mail('rosa@acme.example', 'engagement-ended');
      expect(toRosa.data).toMatchObject({ otherName: 'Ana Baker', outcome: 'closed' });
      expect(String(toRosa.data.link)).toContain(`/engagements/${E}`);
      expect(await mail('ana@acme.example', 'engagement-ended')).toHaveLength(0);
      expect((await as.carla.get('/mentors', 200)).text).toContain('Rosa Mentor');

      // The mentor's side ends the same way.
      const byMentor = await onPage(as.omar, e.omar.engagementId, '/end', { reason: 'goals_met' });
      expect(byMentor.status).toBe(303);
      const [toBea] = await mail('bea@acme.example', 'engagement-ended');
      expect(toBea.data).toMatchObject({ otherName: 'Omar Mentor', outcome: 'completed' });
      expect(await activeCount(id.omar)).toBe(0);

      // The look-alike programme's mentoring goes on.
      expect(await activeCount(id.grosa)).toBe(1);
      expect(await mail('rosa@globex.example', 'engagement-ended')).toHaveLength(0);
    });

    it('refuses meetings and goals after the end, storing nothing', async () => {
      const E = e.rosa.engagementId;
      const meetings = await meetingsIn(E);
      const goals = await goalsIn(E);
      const [dated] = await t.db.ownerQuery<{ id: string; progress: number }>(
        `SELECT id, progress FROM engagement_goals WHERE engagement_id = $1 AND title = 'Raise cake prices by 10%'`,
        [E],
      );
      const attempts: [Visitor, string, object][] = [
        [as.rosa, '/meetings', validMeeting({ privateNote: 'After the end' })],
        [as.ana, '/goals', { title: 'A goal after the end' }],
        [as.ana, `/goals/${dated.id}`, { progress: '100' }],
      ];
      for (const [v, path, fields] of attempts) {
        const res = await onPage(v, E, path, fields);
        expect({ path, status: res.status }).toEqual({ path, status: 303 });
        expect((await v.get(`/engagements/${E}`, 200)).text).toContain(
          'This mentoring has already ended.',
        );
      }
      expect(await meetingsIn(E)).toBe(meetings);
      expect(await goalsIn(E)).toBe(goals);
      const [still] = await t.db.ownerQuery<{ progress: number }>(
        `SELECT progress FROM engagement_goals WHERE id = $1`,
        [dated.id],
      );
      expect(still.progress).toBe(dated.progress);
    });

    it('opens feedback after the end and keeps the first when given twice', async () => {
      const E = e.rosa.engagementId;
      const first = await onPage(as.ana, E, '/feedback', {
        rating: '4',
        comment: 'Rosa helped a lot',
      });
      expect(first.status).toBe(303);
      expect((await as.ana.get(`/engagements/${E}`, 200)).text).toContain(
        'Thank you for your feedback.',
      );
      const second = await as.ana.post(`/engagements/${E}/feedback`, {
        rating: '1',
        comment: 'Changed my mind',
      });
      expect(second.status).toBe(303);
      const page = await as.ana.get(`/engagements/${E}`, 200);
      expect(page.text).toContain('You have already given your feedback.');
      expect(page.text).toContain('Your rating: 4 of 5.');
      expect(page.text).toContain('Rosa helped a lot');
      expect(page.text).not.toContain('Changed my mind');
      const rows = await t.db.ownerQuery<{ rating: number; comment: string }>(
        `SELECT rating, comment FROM engagement_feedback WHERE engagement_id = $1`,
        [E],
      );
      expect(rows).toEqual([{ rating: 4, comment: 'Rosa helped a lot' }]);
      // Blind until the other side answers.
      const rosa = await as.rosa.get(`/engagements/${E}`, 200);
      expect(rosa.text).toContain('Ana Baker has left feedback.');
      expect(rosa.text).not.toContain('Rosa helped a lot');
    });
  });

  describe('notification preferences', () => {
    it('shows every kind checked “Right away” by default', async () => {
      const page = await as.carla.get('/account/notifications', 200);
      expect(page.text).toContain('Email notifications');
      expect((page.text.match(/<fieldset class="field">/g) ?? []).length).toBe(3);
      expect((page.text.match(/>Right away<\/label>/g) ?? []).length).toBe(3);
      expect(checkedRadios(page.text)).toEqual([
        'messages-immediate',
        'reminders-immediate',
        'requests-immediate',
      ]);
    });

    it('saves nothing from an invalid choice and says so', async () => {
      await as.carla.get('/account/notifications', 200);
      const res = await as.carla.post('/account/notifications', {
        requests: 'weekly',
        messages: 'daily',
        reminders: 'off',
      });
      expect(res.status).toBe(303);
      const page = await as.carla.get('/account/notifications', 200);
      expect(page.text).toContain('Choose one option for each kind of email.');
      expect(checkedRadios(page.text)).toEqual([
        'messages-immediate',
        'reminders-immediate',
        'requests-immediate',
      ]);
      expect(
        await count(`SELECT count(*)::int AS n FROM notification_prefs WHERE member_id = $1`, [
          id.carla,
        ]),
      ).toBe(0);
    });

    it('saves valid choices and shows them checked, for that member only', async () => {
      await as.carla.get('/account/notifications', 200);
      const res = await as.carla.post('/account/notifications', {
        requests: 'daily',
        messages: 'off',
        reminders: 'immediate',
      });
      expect(res.status).toBe(303);
      const page = await as.carla.get('/account/notifications', 200);
      expect(page.text).toContain('Your choices are saved.');
      expect(checkedRadios(page.text)).toEqual([
        'messages-off',
        'reminders-immediate',
        'requests-daily',
      ]);
      for (const other of [as.bea, as.gana]) {
        expect(checkedRadios((await other.get('/account/notifications', 200)).text)).toEqual([
          'messages-immediate',
          'reminders-immediate',
          'requests-immediate',
        ]);
      }
    });
  });

  describe('data export and account deletion', () => {
    let requestToIvan: string;

    beforeAll(async () => {
      e.hugo = await connect('dora', 'hugo');
      await write(as.dora, e.hugo.conversationId, 'Dora writes her own words');
      await write(as.hugo, e.hugo.conversationId, 'Hugo writes his mentor words');
      const sent = await askFor(as.dora, id.ivan);
      requestToIvan = idFrom(sent.headers.location, '/requests');
      await write(as.gdora, e.ghugo.conversationId, 'Globex Dora writes too');
      await write(as.ghugo, e.ghugo.conversationId, 'Hugo Globex answers');
    });

    it('exports the entrepreneur’s requests, engagements and own messages, not the mentor’s', async () => {
      const res = await as.dora.agent.get('/account/data.json').set('Host', 'acme.localhost');
      expect(res.status).toBe(200);
      const data = JSON.parse(res.text) as {
        connecting: {
          requests: { id: string; status: string; asRole: string; message: string | null }[];
          engagements: { id: string; status: string; asRole: string }[];
          messagesWritten: { conversationId: string; body: string }[];
        };
      };
      const c = data.connecting;
      expect(c.requests.map((r) => [r.status, r.asRole]).sort()).toEqual([
        ['accepted', 'entrepreneur'],
        ['open', 'entrepreneur'],
      ]);
      expect(c.requests.find((r) => r.id === requestToIvan)?.message).toBe(REQUEST_MESSAGE);
      expect(c.engagements).toEqual([
        expect.objectContaining({
          id: e.hugo.engagementId,
          status: 'active',
          asRole: 'entrepreneur',
        }),
      ]);
      const bodies = c.messagesWritten.map((m) => m.body);
      expect(bodies).toContain('Dora writes her own words');
      expect(bodies).toContain(REQUEST_MESSAGE); // the request's message opened the thread
      expect(res.text).not.toContain('Hugo writes his mentor words');
      expect(res.text).not.toContain('Globex');
    });

    it('closes the engagement, frees the mentor’s place and withdraws open requests when the entrepreneur deletes the account', async () => {
      expect(await activeCount(id.hugo)).toBe(1);
      expect((await as.carla.get('/mentors', 200)).text).not.toContain('Hugo Mentor');

      await as.dora.get('/account/delete', 200);
      const gone = await as.dora.post('/account/delete', {
        currentPassword: PASSWORD,
        confirm: 'on',
      });
      expect(gone.status).toBe(200);
      expect(gone.text).toContain('Your account has been deleted');

      const [engagement] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM engagements WHERE id = $1`,
        [e.hugo.engagementId],
      );
      expect(engagement.status).not.toBe('active');
      expect(await activeCount(id.hugo)).toBe(0);
      expect((await as.carla.get('/mentors', 200)).text).toContain('Hugo Mentor');
      const [request] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM mentoring_requests WHERE id = $1`,
        [requestToIvan],
      );
      expect(request.status).toBe('withdrawn');
      expect((await as.ivan.get('/mentoring', 200)).text).not.toContain('Request from');

      // The mentor keeps the conversation (and what they wrote), but cannot write into it.
      const thread = await as.hugo.get(`/messages/${e.hugo.conversationId}`, 200);
      expect(thread.text).toContain('Hugo writes his mentor words');
      expect(thread.text).toContain('You cannot write in this conversation any more.');
      const past = await as.hugo.get(`/engagements/${e.hugo.engagementId}`, 200);
      expect(past.text).toContain('Ended on');

      // The look-alike in the other programme is untouched.
      const [globexEngagement] = await t.db.ownerQuery<{ status: string }>(
        `SELECT status FROM engagements WHERE id = $1`,
        [e.ghugo.engagementId],
      );
      expect(globexEngagement.status).toBe('active');
      expect(await activeCount(id.ghugo)).toBe(1);
      expect((await as.gdora.get('/mentoring')).status).toBe(200);
    });
  });
});
