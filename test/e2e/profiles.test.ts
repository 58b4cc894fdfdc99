import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
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

// Member profiles end to end: the mentor and business forms, what is shown on
// /profile and /people/:id, who may see a profile, tenant rules on the
// taxonomy, and profile photos.

const ACME = 'acme.localhost';
const GLOBEX = 'globex.localhost';
const RANDOM_UUID = '6f1c1d1e-8a53-4a43-9b0e-2f5c4b1b7a10';

type Tenant = Awaited<ReturnType<typeof tenantInfo>>;
type FormFields = Record<string, string | readonly string[]>;

// ---------------------------------------------------------------------------
// Forms as a browser sends them
// ---------------------------------------------------------------------------

/** Every field of the mentor form, filled in completely. */
const FULL_MENTOR: FormFields = {
  headline: 'Accountant helping small shops price and plan',
  bio: 'Twenty years of helping family businesses understand their numbers and grow.',
  expertiseTop: ['finance.pricing', 'finance.cash_flow', 'marketing.branding'],
  expertiseMore: ['sales.negotiation'],
  industries: ['retail', 'food_beverage'],
  yearsExperience: '20',
  languages: ['en', 'fr'],
  country: 'FR',
  timezone: 'UTC+01:00',
  stages: ['revenue'],
  styles: ['regular'],
  website: 'https://example.org/ana',
  capacity: '3',
  pausedUntil: '',
  awayNote: '',
};

/** Every field of the business form, filled in completely. */
const FULL_BUSINESS: FormFields = {
  businessName: 'Panadería Lucía',
  needsTop: ['finance.pricing', 'marketing.social_media'],
  needsMore: ['legal.contracts'],
  industry: 'food_beverage',
  stage: 'revenue',
  description: 'A neighbourhood bakery selling bread and cakes to families and cafés.',
  country: 'MX',
  timezone: 'UTC-06:00',
  city: 'Puebla',
  foundedYear: '2019',
  employees: '4',
  revenueBand: '10k_50k',
  registration: 'registered',
  meetingWays: ['video', 'in_person'],
  styles: ['regular'],
  languages: ['es', 'en'],
  website: 'panaderia-lucia.example',
};

/** Form fields as ordered pairs; a list repeats its field, an empty list sends nothing. */
function pairs(fields: FormFields): [string, string][] {
  return Object.entries(fields).flatMap(([name, value]): [string, string][] =>
    typeof value === 'string' ? [[name, value]] : value.map((v) => [name, v]),
  );
}

/** Opens the form page (for its CSRF token), then submits the fields. */
async function submitForm(v: Visitor, formPath: string, action: string, fields: FormFields) {
  await v.get(formPath, 200);
  return v.postForm(action, pairs(fields));
}

const saveMentor = (v: Visitor, fields: FormFields) =>
  submitForm(v, '/profile/edit?as=mentor', '/profile/mentor', fields);
const saveBusiness = (v: Visitor, fields: FormFields) =>
  submitForm(v, '/profile/edit?as=entrepreneur', '/profile/business', fields);

// ---------------------------------------------------------------------------
// Pictures
// ---------------------------------------------------------------------------

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/** A real, decodable 2×2 RGB PNG of one colour. */
function png(rgb: [number, number, number] = [29, 79, 145]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const row = Buffer.from([0, ...rgb, ...rgb]);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Starts like a PNG but is larger than the 512 KB limit. */
const hugePng = () => Buffer.concat([PNG_SIGNATURE, Buffer.alloc(600 * 1024, 7)]);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(32, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 3)]);

/** The URL the site gives a stored photo. */
const avatarUrl = (userId: string, bytes: Buffer) =>
  `/avatars/${userId}/${createHash('sha256').update(bytes).digest('base64url').slice(0, 16)}`;

/** Uploads a file the way the photo form does: the CSRF field first, then the file. */
async function uploadAvatar(v: Visitor, bytes: Buffer, filename = 'me.png') {
  await v.get('/profile', 200);
  return v.agent
    .post('/profile/avatar')
    .set('Host', v.host)
    .field('_csrf', v.csrf)
    .attach('avatar', bytes, filename);
}

// ---------------------------------------------------------------------------
// Reading the result
// ---------------------------------------------------------------------------

async function mentorRow(t: TestApp, userId: string) {
  const [row] = await t.db.ownerQuery<Record<string, unknown>>(
    `SELECT headline, bio, website, employer, expertise_top, expertise_more, industries,
            years_experience, languages, country, timezone, stages, styles, capacity
       FROM mentor_profiles WHERE user_id = $1`,
    [userId],
  );
  return row;
}

async function businessRow(t: TestApp, userId: string) {
  const [row] = await t.db.ownerQuery<Record<string, unknown>>(
    `SELECT business_name, needs_top, needs_more, industry, stage, founded_year, website
       FROM entrepreneur_profiles WHERE user_id = $1`,
    [userId],
  );
  return row;
}

async function avatarRows(t: TestApp, userId: string) {
  return t.db.ownerQuery<{ digest: string; content_type: string }>(
    `SELECT digest, content_type FROM member_avatars WHERE user_id = $1`,
    [userId],
  );
}

async function setStatus(t: TestApp, userId: string, status: string) {
  await t.db.ownerQuery(`UPDATE users SET status = $2 WHERE id = $1`, [userId, status]);
}

/** A page without what differs between two answers by construction: ids, tokens, the path. */
const normalise = (html: string, path: string) =>
  html
    .replaceAll(path, 'PATH')
    .replace(/name="_csrf" value="[^"]+"/g, '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID');

/** The entries of a definition list (`<dt>label</dt><dd>value</dd>`), as label → value. */
function facts(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<dt>([^<]*)<\/dt><dd[^>]*>(.*?)<\/dd>/gs))
    out[m[1]] = m[2].replace(/<[^>]+>/g, '');
  return out;
}

/** The text inside the first element whose opening tag matches `open`, without tags. */
function textOf(html: string, open: RegExp): string {
  const m = open.exec(html);
  if (!m) return '';
  const rest = html.slice(m.index + m[0].length);
  const tag = /^<(\w+)/.exec(m[0])![1];
  return rest
    .slice(0, rest.indexOf(`</${tag}>`))
    .replace(/<[^>]+>/g, '')
    .trim();
}

/** Fresh, unique email addresses: tests never share a person. */
let serial = 0;
const email = (label: string) => `${label}-${++serial}@example.org`;

/** An app with the two standard tenants (plus `extra`) and both tenants' ids and configs. */
async function start(extra: ReturnType<typeof tenantBundle>[] = []) {
  const t = await startTestApp({ tenants: [...twoTenants(), ...extra] });
  const tenants: Record<string, Tenant> = {};
  for (const slug of ['acme', 'globex', ...extra.map((b) => b.config.slug)])
    tenants[slug] = await tenantInfo(t, slug);
  return { t, tenants };
}

// ---------------------------------------------------------------------------

describe('who can see profiles', () => {
  let t: TestApp;
  let acme: Tenant;
  let globex: Tenant;
  let mentorId: string;
  let entrepreneurId: string;
  let globexMentorId: string;

  beforeAll(async () => {
    ({
      t,
      tenants: { acme, globex },
    } = await start());
    mentorId = await addMentor(t, acme, 'mentor@acme.example', {
      name: 'Marta Mentor',
      headline: 'Pricing for small shops',
      expertiseTop: ['finance.pricing'],
      languages: ['en'],
    });
    await addMentor(t, acme, 'mentor2@acme.example', {
      name: 'Omar Other',
      headline: 'Logistics',
      expertiseTop: ['operations.logistics'],
    });
    entrepreneurId = await addEntrepreneur(t, acme, 'founder@acme.example', {
      name: 'Fatima Founder',
      businessName: 'Fatima Foods',
      needsTop: ['finance.pricing'],
      languages: ['en'],
    });
    globexMentorId = await addMentor(t, globex, 'mentor@globex.example', {
      name: 'Gala Globex',
      headline: 'Globex headline',
      expertiseTop: ['finance.pricing'],
    });
    await addEntrepreneur(t, globex, 'founder@globex.example', { businessName: 'Globex Bakery' });
  });
  afterAll(() => t.close());

  describe('anonymous visitors', () => {
    it('are sent to log in and brought back, for every profile page', async () => {
      for (const path of ['/profile', '/profile/edit', `/people/${mentorId}`]) {
        const res = await t.get(ACME, path);
        expect({ path, status: res.status, location: res.headers.location }).toEqual({
          path,
          status: 303,
          location: `/login?next=${encodeURIComponent(path)}`,
        });
        expect(res.text).not.toContain('Marta Mentor');
      }
    });

    it('are brought back to the very form they asked for after logging in', async () => {
      const address = email('both-roles');
      await addMember(t, acme.id, { email: address, roles: ['mentor', 'entrepreneur'] });
      const v = new Visitor(t, ACME);
      const asked = await v.get('/profile/edit?as=entrepreneur', 303);
      const loginUrl = new URL(asked.headers.location, 'http://x');
      expect(loginUrl.pathname).toBe('/login');
      expect(loginUrl.searchParams.get('next')).toBe('/profile/edit?as=entrepreneur');
      await v.get(asked.headers.location, 200);
      const res = await v.post('/login', {
        email: address,
        password: PASSWORD,
        next: loginUrl.searchParams.get('next') ?? '',
      });
      expect(res.status).toBe(303);
      const back = await v.get(res.headers.location, 200);
      expect(back.text).toContain('action="/profile/business"');
    });

    it('cannot store a profile, with or without a CSRF token', async () => {
      const headline = 'Anonymous headline nobody should see';
      const stranger = new Visitor(t, ACME);
      const bare = await stranger.postForm('/profile/mentor', pairs({ ...FULL_MENTOR, headline }));
      expect(bare.status).toBe(403);
      await stranger.get('/login', 200); // now the session has a CSRF token
      expect(stranger.csrf).not.toBe('');
      const withToken = await stranger.postForm(
        '/profile/mentor',
        pairs({ ...FULL_MENTOR, headline }),
      );
      expect(withToken.status).toBe(404);
      const business = await stranger.postForm('/profile/business', pairs(FULL_BUSINESS));
      expect(business.status).toBe(404);
      const stored = await t.db.ownerQuery(`SELECT 1 FROM mentor_profiles WHERE headline = $1`, [
        headline,
      ]);
      expect(stored).toHaveLength(0);
      expect(
        await t.db.ownerQuery(`SELECT 1 FROM entrepreneur_profiles WHERE business_name = $1`, [
          FULL_BUSINESS.businessName,
        ]),
      ).toHaveLength(0);
    });
  });

  describe('members of the same tenant', () => {
    it('shows a mentor to a signed-in entrepreneur, with how the mentor fits them', async () => {
      const v = await loggedIn(t, ACME, 'founder@acme.example');
      const res = await v.get(`/people/${mentorId}`, 200);
      expect(res.text).toContain('<h1>Marta Mentor</h1>');
      expect(res.text).toContain('Pricing for small shops');
      expect(facts(res.text)['Your top 3 areas of expertise']).toBe('Pricing');
      expect(res.text).toContain('class="match-panel"');
      expect(textOf(res.text, /<h2 id="match-title">/)).toBe('How this mentor fits you');
      expect(res.text).toMatch(/\d+% match/);
      expect(res.headers['cache-control']).toContain('no-store');
    });

    it('shows profiles to a mentor without a match panel', async () => {
      const v = await loggedIn(t, ACME, 'mentor2@acme.example');
      const mentor = await v.get(`/people/${mentorId}`, 200);
      expect(mentor.text).toContain('Pricing for small shops');
      expect(mentor.text).not.toContain('match-panel');
      const business = await v.get(`/people/${entrepreneurId}`, 200);
      expect(business.text).toContain('Fatima Foods');
      expect(business.text).not.toContain('match-panel');
    });

    it('sends a member asking for their own page to their profile', async () => {
      const v = await loggedIn(t, ACME, 'mentor@acme.example');
      const res = await v.get(`/people/${mentorId}`, 303);
      expect(res.headers.location).toBe('/profile');
    });
  });

  describe('everyone else is simply not found', () => {
    it('answers a member of the other tenant exactly like a random id, in both directions', async () => {
      for (const [host, login, foreignId] of [
        [GLOBEX, 'founder@globex.example', mentorId],
        [ACME, 'founder@acme.example', globexMentorId],
      ]) {
        const v = await loggedIn(t, host, login);
        const foreign = await v.get(`/people/${foreignId}`);
        const random = await v.get(`/people/${RANDOM_UUID}`);
        expect({ host, status: foreign.status }).toEqual({ host, status: 404 });
        expect(random.status).toBe(404);
        expect(normalise(foreign.text, foreignId)).toBe(normalise(random.text, RANDOM_UUID));
        expect(foreign.text).not.toContain('Marta Mentor');
        expect(foreign.text).not.toContain('Gala Globex');
      }
    });

    it('answers a malformed id as not found', async () => {
      const v = await loggedIn(t, ACME, 'founder@acme.example');
      for (const id of ['not-a-uuid', `${mentorId}x`, '1', mentorId.toUpperCase() + '0']) {
        const res = await v.get(`/people/${id}`);
        expect({ id, status: res.status }).toEqual({ id, status: 404 });
      }
    });

    it('hides suspended, waiting and admin-only members like a random id', async () => {
      const suspended = await addMentor(t, acme, email('suspended'), {
        name: 'Sam Suspended',
        headline: 'Suspended headline',
      });
      await setStatus(t, suspended, 'suspended');
      const waiting = await addMentor(t, acme, email('waiting'), {
        name: 'Wanda Waiting',
        headline: 'Waiting headline',
      });
      await setStatus(t, waiting, 'pending_approval');
      const admin = await addMember(t, acme.id, { email: email('admin'), roles: ['admin'] });
      const noProfile = await addMember(t, acme.id, { email: email('bare'), roles: ['mentor'] });
      const v = await loggedIn(t, ACME, 'founder@acme.example');
      const random = normalise((await v.get(`/people/${RANDOM_UUID}`, 404)).text, RANDOM_UUID);
      for (const [who, id] of Object.entries({ suspended, waiting, admin, noProfile })) {
        const res = await v.get(`/people/${id}`);
        expect({ who, status: res.status }).toEqual({ who, status: 404 });
        expect({ who, body: normalise(res.text, id) }).toEqual({ who, body: random });
      }
    });

    it('does not sign a member in on the other tenant with the same cookie', async () => {
      const v = await loggedIn(t, ACME, 'mentor@acme.example');
      await v.get('/profile', 200);
      for (const path of ['/profile', '/profile/edit', `/people/${globexMentorId}`]) {
        const res = await v.agent.get(path).set('Host', GLOBEX);
        expect({ path, status: res.status, location: res.headers.location }).toEqual({
          path,
          status: 303,
          location: `/login?next=${encodeURIComponent(path)}`,
        });
      }
      const post = await v.agent
        .post('/profile/mentor')
        .set('Host', GLOBEX)
        .type('form')
        .send(new URLSearchParams([['_csrf', v.csrf], ...pairs(FULL_MENTOR)]).toString());
      expect([403, 404]).toContain(post.status);
      expect((await mentorRow(t, mentorId)).headline).toBe('Pricing for small shops');
    });
  });

  describe('a member waiting for approval', () => {
    /** A mentor signed up on acme whose account an admin has not approved yet. */
    async function pendingMentor() {
      const address = email('pending-mentor');
      const id = await addMember(t, acme.id, {
        email: address,
        roles: ['mentor'],
        name: 'Paula Pending',
      });
      await setStatus(t, id, 'pending_approval');
      return { id, v: await loggedIn(t, ACME, address) };
    }

    it('can save their profile and see it, but is not shown to others yet', async () => {
      const { id, v } = await pendingMentor();
      await v.get('/profile', 200);
      const res = await v.postForm('/profile/mentor', pairs(FULL_MENTOR));
      expect(res.status).toBe(303);
      expect((await v.get('/profile', 200)).text).toContain(FULL_MENTOR.headline);
      const other = await loggedIn(t, ACME, 'founder@acme.example');
      expect((await other.get(`/people/${id}`)).status).toBe(404);
    });

    it('can open the profile form the profile page links to', async () => {
      const { v } = await pendingMentor();
      const page = await v.get('/profile', 200);
      expect(page.text).toContain('href="/profile/edit?as=mentor"');
      const form = await v.get('/profile/edit?as=mentor');
      expect(form.status).toBe(200);
      expect(form.text).toContain('action="/profile/mentor"');
    });

    it('sees the photo they uploaded on their own profile', async () => {
      const { id, v } = await pendingMentor();
      const bytes = png([10, 120, 10]);
      expect((await uploadAvatar(v, bytes)).status).toBe(303);
      const page = await v.get('/profile', 200);
      expect(page.text).toContain(`src="${avatarUrl(id, bytes)}"`);
      const photo = await v.agent.get(avatarUrl(id, bytes)).set('Host', ACME);
      expect(photo.status).toBe(200);
      expect(photo.headers['content-type']).toBe('image/png');
    });
  });
});

describe('the mentor profile form', () => {
  let t: TestApp;
  let acme: Tenant;

  /** A signed-in mentor with no profile yet. */
  async function newMentor(label = 'mentor') {
    const address = email(label);
    const id = await addMember(t, acme.id, {
      email: address,
      roles: ['mentor'],
      name: 'Ana María Ruiz',
    });
    return { id, v: await loggedIn(t, ACME, address) };
  }

  /** A signed-in mentor who saved the full form through the site. */
  async function savedMentor(label = 'saved') {
    const m = await newMentor(label);
    expect((await saveMentor(m.v, FULL_MENTOR)).status).toBe(303);
    return { ...m, saved: await mentorRow(t, m.id) };
  }

  beforeAll(async () => {
    ({
      t,
      tenants: { acme },
    } = await start());
    await addEntrepreneur(t, acme, 'reader@acme.example', { businessName: 'Reader Shop' });
  });
  afterAll(() => t.close());

  describe('filling it in', () => {
    it('offers an empty form to a new mentor, with the tenant maximum', async () => {
      const { v } = await newMentor();
      const res = await v.get('/profile/edit', 200);
      expect(res.text).toContain('<form class="form" method="post" action="/profile/mentor"');
      expect(res.text).toContain('<option value="finance.pricing">Pricing</option>');
      expect(res.text).toContain('Between 1 and 5.');
      expect(res.text).toMatch(/id="capacity"[^>]*max="5"[^>]*value="2"/);
      expect(res.text).not.toContain('name="employer"');
    });

    it('saves every field and shows the labels, complete', async () => {
      const { id, v } = await newMentor();
      const res = await saveMentor(v, FULL_MENTOR);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/profile');
      expect(await mentorRow(t, id)).toEqual({
        headline: FULL_MENTOR.headline,
        bio: FULL_MENTOR.bio,
        website: 'https://example.org/ana',
        employer: null,
        expertise_top: ['finance.pricing', 'finance.cash_flow', 'marketing.branding'],
        expertise_more: ['sales.negotiation'],
        industries: ['retail', 'food_beverage'],
        years_experience: 20,
        languages: ['en', 'fr'],
        country: 'FR',
        timezone: 'UTC+01:00',
        stages: ['revenue'],
        styles: ['regular'],
        capacity: 3,
      });

      const page = await v.get('/profile', 200);
      expect(page.text).toContain('Your profile is saved.');
      expect(page.text).toContain('Your profile is 100% complete');
      expect(page.text).toContain('Your profile is complete. Thank you!');
      expect(page.text).not.toContain('Still missing');
      expect(facts(page.text)).toMatchObject({
        'Your top 3 areas of expertise': 'Pricing, Cash flow, Branding',
        'Up to 3 more areas': 'Negotiation',
        'Industries you know (up to 3)': 'Retail, Food and beverage',
        'Business stages you like to help': 'Earning revenue, not yet profitable',
        'How you like to mentor': 'Regular check-ins',
        'Years of experience': '20',
        'Languages you speak': 'English, French',
        Country: 'France',
        'Time zone': 'UTC+01:00',
        'How many entrepreneurs at once': '3 entrepreneurs at a time (3 places free)',
        'Website or profile link (optional)': 'https://example.org/ana',
      });
      // The notice is shown once.
      expect((await v.get('/profile', 200)).text).not.toContain('Your profile is saved.');
    });

    it('shows the saved values when the form is opened again', async () => {
      const { v } = await savedMentor();
      const form = await v.get('/profile/edit?as=mentor', 200);
      expect(form.text).toContain(`value="${FULL_MENTOR.headline}"`);
      expect(form.text).toMatch(/<option value="finance\.pricing" selected>Pricing<\/option>/);
      expect(form.text).toMatch(/name="industries" value="retail"[^>]*checked/);
      expect(form.text).toMatch(/<option value="UTC\+01:00" selected>/);
      expect(form.text).toMatch(/id="capacity"[^>]*value="3"/);
    });

    it('names what is still missing and why, with the right percentage', async () => {
      const { v } = await newMentor();
      const res = await saveMentor(v, {
        ...FULL_MENTOR,
        industries: [],
        styles: [],
        bio: 'Too short to count.',
      });
      expect(res.status).toBe(303);
      const page = await v.get('/profile', 200);
      expect(page.text).toContain('Your profile is 70% complete');
      const missing = textOf(page.text, /<ul class="missing-list">/);
      expect(missing).toContain(
        'Industries you know: matching gives extra weight to a shared industry.',
      );
      expect(missing).toContain(
        'How you like to mentor: it is matched with the kind of help people want.',
      );
      expect(missing).toContain(
        'A few sentences about you: people choose mentors they can picture.',
      );
      expect(missing).not.toContain('A headline');
      expect(page.text).not.toContain('Your profile is complete. Thank you!');
    });

    it('tells a mentor without a profile everything is missing', async () => {
      const { v } = await newMentor();
      const page = await v.get('/profile', 200);
      expect(page.text).toContain('Your profile is 0% complete');
      expect(page.text).toContain(
        'A headline: it is the first thing entrepreneurs read in their results.',
      );
      expect(page.text).toContain('href="/profile/edit?as=mentor"');
    });
  });

  describe('mistakes keep what was saved', () => {
    it('refuses a capacity above the tenant maximum', async () => {
      const { id, v, saved } = await savedMentor();
      const res = await saveMentor(v, { ...FULL_MENTOR, headline: 'Changed', capacity: '6' });
      expect(res.status).toBe(422);
      expect(res.text).toContain(
        'Enter how many entrepreneurs you can take at once, within the programme’s limit.',
      );
      expect(res.text).toContain('value="Changed"'); // what was typed is shown again
      expect(await mentorRow(t, id)).toEqual(saved);
      const page = await v.get('/profile', 200);
      expect(page.text).toContain(FULL_MENTOR.headline);
      expect(page.text).not.toContain('Changed');
    });

    it('refuses a capacity of zero, a missing one and one that is not a number', async () => {
      const { id, v, saved } = await savedMentor();
      for (const capacity of ['0', '', 'lots', '2.5']) {
        const res = await saveMentor(v, { ...FULL_MENTOR, capacity });
        expect({ capacity, status: res.status }).toEqual({ capacity, status: 422 });
      }
      expect(await mentorRow(t, id)).toEqual(saved);
    });

    it('refuses links that are not http or https', async () => {
      const { id, v, saved } = await savedMentor();
      for (const website of [
        'javascript:alert(1)',
        'JavaScript:alert(document.cookie)',
        'data:text/html,<script>alert(1)</script>',
        'ftp://example.org/file',
        'vbscript:msgbox(1)',
        'http://localhost',
      ]) {
        const res = await saveMentor(v, { ...FULL_MENTOR, website });
        expect({ website, status: res.status }).toEqual({ website, status: 422 });
        expect(res.text).toContain('Enter a web address starting with https:// or http://.');
        expect(res.text).not.toContain('href="javascript:');
      }
      expect(await mentorRow(t, id)).toEqual(saved);
    });

    it('accepts http and https links, and a bare domain as https', async () => {
      const { id, v } = await newMentor();
      for (const [website, stored] of [
        ['http://example.org/plain', 'http://example.org/plain'],
        ['https://example.org/secure', 'https://example.org/secure'],
        ['example.org/bare', 'https://example.org/bare'],
      ]) {
        expect((await saveMentor(v, { ...FULL_MENTOR, website })).status).toBe(303);
        expect((await mentorRow(t, id)).website).toBe(stored);
      }
    });

    it('refuses expertise, industries and other codes that are not in the taxonomy', async () => {
      const { id, v, saved } = await savedMentor();
      for (const [field, value] of [
        ['expertiseTop', ['finance.pricing', 'finance.astrology']],
        ['expertiseMore', ['not-a-code']],
        ['industries', ['finance.pricing']], // an expertise code is not an industry
        ['stages', ['unicorn']],
        ['styles', ['shouting']],
        ['languages', ['xx']],
        ['timezone', 'Mars/Olympus'],
        ['country', 'ZZ'],
      ] as const) {
        const res = await saveMentor(v, { ...FULL_MENTOR, [field]: value });
        expect({ field, status: res.status }).toEqual({ field, status: 422 });
        expect(res.text).toMatch(/Choose from the list\.|Please choose your country\./);
      }
      expect(await mentorRow(t, id)).toEqual(saved);
    });

    it('refuses more than three top areas or industries', async () => {
      const { id, v, saved } = await savedMentor();
      const four = await saveMentor(v, {
        ...FULL_MENTOR,
        industries: ['retail', 'fashion', 'health', 'energy'],
      });
      expect(four.status).toBe(422);
      expect(four.text).toContain('Choose at most 3 industries.');
      const top = await saveMentor(v, {
        ...FULL_MENTOR,
        expertiseTop: ['finance.pricing', 'finance.tax', 'finance.bookkeeping', 'marketing'],
      });
      expect(top.status).toBe(422);
      expect(await mentorRow(t, id)).toEqual(saved);
    });

    it('refuses a headline that is too long and a mentor with no language', async () => {
      const { id, v, saved } = await savedMentor();
      const long = await saveMentor(v, { ...FULL_MENTOR, headline: 'x'.repeat(121) });
      expect(long.status).toBe(422);
      expect(long.text).toContain('This is too long.');
      const mute = await saveMentor(v, { ...FULL_MENTOR, languages: [] });
      expect(mute.status).toBe(422);
      expect(mute.text).toContain('Choose at least one language you speak.');
      expect(await mentorRow(t, id)).toEqual(saved);
    });

    it('answers a form with a field missing with the form again, not a server error', async () => {
      const { id, v, saved } = await savedMentor();
      const fields = { ...FULL_MENTOR };
      delete fields.headline;
      const res = await saveMentor(v, fields);
      expect(res.status).toBe(422);
      expect(res.text).toContain('<p class="field-error" id="headline-error">');
      expect(await mentorRow(t, id)).toEqual(saved);
    });

    it('refuses a field that is not in the form as a bad request', async () => {
      const { id, v, saved } = await savedMentor();
      const extras: FormFields[] = [
        { role: 'admin' },
        { tenantId: RANDOM_UUID },
        { userId: RANDOM_UUID },
        { activeCount: '0' },
      ];
      for (const extra of extras) {
        const res = await saveMentor(v, { ...FULL_MENTOR, headline: 'Sneaky', ...extra });
        expect({ extra, status: res.status }).toEqual({ extra, status: 400 });
      }
      expect(await mentorRow(t, id)).toEqual(saved);
    });

    it('refuses a form without the CSRF token or with another session’s', async () => {
      const { id, v, saved } = await savedMentor();
      const other = await newMentor();
      await other.v.get('/profile/edit', 200);
      for (const token of [null, '', 'forged', other.v.csrf]) {
        const fields = pairs({ ...FULL_MENTOR, headline: 'Forged' });
        const body = new URLSearchParams(token === null ? fields : [['_csrf', token], ...fields]);
        const res = await v.agent
          .post('/profile/mentor')
          .set('Host', ACME)
          .type('form')
          .send(body.toString());
        expect({ token, status: res.status }).toEqual({ token, status: 403 });
      }
      expect(await mentorRow(t, id)).toEqual(saved);
    });

    it('keeps a mentor out of the business form and an unknown role out of the editor', async () => {
      const { v } = await newMentor();
      await v.get('/profile', 200);
      const res = await v.postForm('/profile/business', pairs(FULL_BUSINESS));
      expect(res.status).toBe(404);
      expect((await v.get('/profile/edit?as=entrepreneur')).status).toBe(404);
      expect((await v.get('/profile/edit?as=admin')).status).toBe(404);
    });
  });

  describe('free text', () => {
    const SCRIPT = '<script>alert(1)</script>';
    const BREAKOUT = '"><img src=x onerror=alert(1)>';

    it('is stored as typed and shown escaped to other members', async () => {
      const { id, v } = await newMentor();
      const res = await saveMentor(v, {
        ...FULL_MENTOR,
        headline: `Pricing ${SCRIPT}`,
        bio: `I help with prices. ${BREAKOUT} & more 'quotes' here, enough to count.`,
        awayNote: BREAKOUT,
      });
      expect(res.status).toBe(303);
      const row = await mentorRow(t, id);
      expect(row.headline).toBe(`Pricing ${SCRIPT}`);
      expect(row.bio).toBe(
        `I help with prices. ${BREAKOUT} & more 'quotes' here, enough to count.`,
      );

      const reader = await loggedIn(t, ACME, 'reader@acme.example');
      const page = await reader.get(`/people/${id}`, 200);
      expect(page.text).not.toContain(SCRIPT);
      expect(page.text).not.toContain('<img src=x');
      expect(page.text).toContain('Pricing &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).toContain('&lt;img src');
      expect(page.text).toContain('&quot;&gt;');

      // Shown back in the form inside attribute values without breaking out of them.
      const form = await v.get('/profile/edit', 200);
      expect(form.text).not.toContain(SCRIPT);
      expect(form.text).not.toContain('<img src=x');
      expect(form.text).toContain('value="Pricing &lt;script&gt;alert(1)&lt;/script&gt;"');
    });

    it('shows a website as a link that passes no credit or referrer', async () => {
      const { id, v } = await newMentor();
      expect((await saveMentor(v, { ...FULL_MENTOR, website: 'example.org/me' })).status).toBe(303);
      const reader = await loggedIn(t, ACME, 'reader@acme.example');
      const page = await reader.get(`/people/${id}`, 200);
      expect(page.text).toContain(
        '<a href="https://example.org/me" rel="nofollow noopener noreferrer ugc">https://example.org/me</a>',
      );
      const links = [...page.text.matchAll(/<a href="https:\/\/example\.org[^>]*>/g)];
      expect(links.length).toBeGreaterThan(0);
      for (const [a] of links) expect(a).toContain('rel="nofollow noopener noreferrer ugc"');
    });
  });
});

describe('the business profile form', () => {
  let t: TestApp;
  let acme: Tenant;

  async function newEntrepreneur(roles: ('entrepreneur' | 'mentor')[] = ['entrepreneur']) {
    const address = email('founder');
    const id = await addMember(t, acme.id, { email: address, roles, name: 'Lucía Pérez' });
    return { id, v: await loggedIn(t, ACME, address) };
  }

  beforeAll(async () => {
    ({
      t,
      tenants: { acme },
    } = await start());
    await addMentor(t, acme, 'mentor-reader@acme.example', { headline: 'Reader' });
  });
  afterAll(() => t.close());

  it('saves the needs and the business and shows them, complete', async () => {
    const { id, v } = await newEntrepreneur();
    const form = await v.get('/profile/edit', 200);
    expect(form.text).toContain('action="/profile/business"');
    expect(form.text).toContain('Top need 1');
    const res = await saveBusiness(v, FULL_BUSINESS);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/profile');
    expect(await businessRow(t, id)).toEqual({
      business_name: 'Panadería Lucía',
      needs_top: ['finance.pricing', 'marketing.social_media'],
      needs_more: ['legal.contracts'],
      industry: 'food_beverage',
      stage: 'revenue',
      founded_year: 2019,
      website: 'https://panaderia-lucia.example/',
    });
    const page = await v.get('/profile', 200);
    expect(page.text).toContain('Your profile is saved.');
    expect(page.text).toContain('Your profile is 100% complete');
    expect(facts(page.text)).toMatchObject({
      'Your top 3 needs': 'Pricing, Social media',
      'Up to 3 more needs': 'Contracts',
      Industry: 'Food and beverage',
      Stage: 'Earning revenue, not yet profitable',
      Place: 'Puebla, Mexico',
      'Year founded': '2019',
      'Yearly revenue': '10,000 to 50,000 a year',
      Registration: 'Formally registered',
      'How you prefer to meet': 'Video call, In person',
    });
    expect(page.text).toContain('Panadería Lucía');

    const mentor = await loggedIn(t, ACME, 'mentor-reader@acme.example');
    const seen = await mentor.get(`/people/${id}`, 200);
    expect(facts(seen.text)['Your top 3 needs']).toBe('Pricing, Social media');
  });

  it('stores business free text as typed and shows it escaped to mentors', async () => {
    const { id, v } = await newEntrepreneur();
    const name = '<script>alert("shop")</script>';
    const description = 'We bake. "><img src=x onerror=alert(1)> And sell it all day long.';
    expect(
      (
        await saveBusiness(v, {
          ...FULL_BUSINESS,
          businessName: name,
          description,
          city: '<b>Puebla</b>',
        })
      ).status,
    ).toBe(303);
    expect(await businessRow(t, id)).toMatchObject({ business_name: name });
    const mentor = await loggedIn(t, ACME, 'mentor-reader@acme.example');
    const page = await mentor.get(`/people/${id}`, 200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src=x');
    expect(page.text).not.toContain('<b>Puebla</b>');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;shop&quot;)&lt;/script&gt;');
    expect(page.text).toContain('&lt;b&gt;Puebla&lt;/b&gt;');
    expect(page.text).toContain(
      '<a href="https://panaderia-lucia.example/" rel="nofollow noopener noreferrer ugc">',
    );
  });

  it('names the missing needs when none are chosen', async () => {
    const { v } = await newEntrepreneur();
    expect((await saveBusiness(v, { ...FULL_BUSINESS, needsTop: [], needsMore: [] })).status).toBe(
      303,
    );
    const page = await v.get('/profile', 200);
    expect(page.text).toContain('Your profile is 90% complete');
    expect(page.text).toContain(
      'Your top needs: they count most in finding your mentors. The self-assessment can suggest them.',
    );
  });

  it('refuses a founding year in the future and keeps the saved profile', async () => {
    const { id, v } = await newEntrepreneur();
    expect((await saveBusiness(v, FULL_BUSINESS)).status).toBe(303);
    const saved = await businessRow(t, id);
    const nextYear = String(new Date().getUTCFullYear() + 1);
    const res = await saveBusiness(v, {
      ...FULL_BUSINESS,
      businessName: 'Renamed',
      foundedYear: nextYear,
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Enter a year, like 2019, not in the future.');
    expect(await businessRow(t, id)).toEqual(saved);
    for (const foundedYear of ['1899', '19', 'soon']) {
      const bad = await saveBusiness(v, { ...FULL_BUSINESS, foundedYear });
      expect({ foundedYear, status: bad.status }).toEqual({ foundedYear, status: 422 });
    }
    const thisYear = String(new Date().getUTCFullYear());
    expect((await saveBusiness(v, { ...FULL_BUSINESS, foundedYear: thisYear })).status).toBe(303);
    expect((await businessRow(t, id)).founded_year).toBe(Number(thisYear));
  });

  it('refuses needs outside the taxonomy and a single-choice code from another list', async () => {
    const { id, v } = await newEntrepreneur();
    expect((await saveBusiness(v, FULL_BUSINESS)).status).toBe(303);
    const saved = await businessRow(t, id);
    const changes: FormFields[] = [
      { needsTop: ['finance.pricing', 'witchcraft'] },
      { needsMore: ['retail'] },
      { industry: 'finance.pricing' },
      { revenueBand: 'billions' },
      { meetingWays: ['telepathy'] },
    ];
    for (const change of changes) {
      const res = await saveBusiness(v, { ...FULL_BUSINESS, ...change });
      expect({ change, status: res.status }).toEqual({ change, status: 422 });
      expect(res.text).toContain('Choose from the list.');
    }
    expect(await businessRow(t, id)).toEqual(saved);
  });

  it('keeps an entrepreneur out of the mentor form', async () => {
    const { id, v } = await newEntrepreneur();
    await v.get('/profile', 200);
    expect((await v.postForm('/profile/mentor', pairs(FULL_MENTOR))).status).toBe(404);
    expect((await v.get('/profile/edit?as=mentor')).status).toBe(404);
    expect(await mentorRow(t, id)).toBeUndefined();
  });

  it('lets a member with both roles keep both profiles', async () => {
    const { id, v } = await newEntrepreneur(['entrepreneur', 'mentor']);
    expect((await v.get('/profile/edit?as=entrepreneur', 200)).text).toContain(
      'action="/profile/business"',
    );
    expect((await v.get('/profile/edit?as=mentor', 200)).text).toContain(
      'action="/profile/mentor"',
    );
    expect((await saveBusiness(v, FULL_BUSINESS)).status).toBe(303);
    expect((await saveMentor(v, FULL_MENTOR)).status).toBe(303);
    expect(await businessRow(t, id)).toMatchObject({ business_name: 'Panadería Lucía' });
    expect(await mentorRow(t, id)).toMatchObject({ headline: FULL_MENTOR.headline });
    const page = await v.get('/profile', 200);
    expect(page.text).toContain('id="mentor-completeness-title"');
    expect(page.text).toContain('id="business-completeness-title"');
    expect(page.text).toContain(FULL_MENTOR.headline);
    expect(page.text).toContain('Panadería Lucía');
  });
});

describe('tenant rules on profiles', () => {
  let t: TestApp;
  let tenants: Record<string, Tenant>;

  async function mentorOn(slug: string, roles: ('mentor' | 'entrepreneur')[] = ['mentor']) {
    const address = email(`mentor-${slug}`);
    const id = await addMember(t, tenants[slug].id, {
      email: address,
      roles,
      name: 'Rafael Ruiz',
      locale: slug === 'globex' ? 'ar' : 'en',
    });
    return { id, v: await loggedIn(t, `${slug}.localhost`, address) };
  }

  beforeAll(async () => {
    ({ t, tenants } = await start([
      tenantBundle('corpo', { kind: 'corporate' }),
      tenantBundle('curated', {
        programme: {
          taxonomy: {
            hidden: ['finance.tax', 'legal'],
            labels: { 'finance.pricing': { en: 'Setting your prices', fr: 'Fixer ses prix' } },
          },
          mentorCapacity: { default: 1, maximum: 2 },
        },
      } as Parameters<typeof tenantBundle>[1]),
    ]));
  });
  afterAll(() => t.close());

  describe('corporate programmes', () => {
    it('ask mentors for their employer and show it', async () => {
      const { id, v } = await mentorOn('corpo');
      const form = await v.get('/profile/edit', 200);
      expect(form.text).toContain('<label for="employer">Employer</label>');
      expect(form.text).toContain('name="employer"');
      const res = await saveMentor(v, { ...FULL_MENTOR, employer: 'Corpo Bank plc' });
      expect(res.status).toBe(303);
      expect((await mentorRow(t, id)).employer).toBe('Corpo Bank plc');
      expect(facts((await v.get('/profile', 200)).text).Employer).toBe('Corpo Bank plc');

      const readerEmail = email('corpo-reader');
      await addEntrepreneur(t, tenants.corpo, readerEmail, {});
      const entrepreneur = await loggedIn(t, 'corpo.localhost', readerEmail);
      expect(facts((await entrepreneur.get(`/people/${id}`, 200)).text).Employer).toBe(
        'Corpo Bank plc',
      );
    });

    it('are the only ones that offer the employer field', async () => {
      for (const slug of ['acme', 'globex', 'curated']) {
        const { v } = await mentorOn(slug);
        const form = await v.get('/profile/edit', 200);
        expect({ slug, has: form.text.includes('name="employer"') }).toEqual({
          slug,
          has: false,
        });
      }
    });
  });

  describe('taxonomy rules', () => {
    it('do not offer a hidden code, nor the sub-areas of a hidden area', async () => {
      const curated = (await (await mentorOn('curated')).v.get('/profile/edit', 200)).text;
      const acme = (await (await mentorOn('acme')).v.get('/profile/edit', 200)).text;
      for (const code of ['finance.tax', 'legal', 'legal.contracts']) {
        expect(acme).toContain(`<option value="${code}">`);
        expect({ code, offered: curated.includes(`value="${code}"`) }).toEqual({
          code,
          offered: false,
        });
      }
      expect(curated).toContain('value="finance.bookkeeping"');
    });

    it('refuse a hidden code on submit and keep the saved profile', async () => {
      const { id, v } = await mentorOn('curated');
      expect((await saveMentor(v, { ...FULL_MENTOR, capacity: '2' })).status).toBe(303);
      const saved = await mentorRow(t, id);
      for (const expertiseTop of [['finance.tax'], ['legal.contracts'], ['legal']]) {
        const res = await saveMentor(v, { ...FULL_MENTOR, capacity: '2', expertiseTop });
        expect({ expertiseTop, status: res.status }).toEqual({ expertiseTop, status: 422 });
        expect(res.text).toContain('Choose from the list.');
      }
      expect(await mentorRow(t, id)).toEqual(saved);
      // The same code is fine where the tenant does not hide it.
      const acme = await mentorOn('acme');
      expect(
        (await saveMentor(acme.v, { ...FULL_MENTOR, expertiseTop: ['finance.tax'] })).status,
      ).toBe(303);
    });

    it('show the tenant’s own label in the form and on the profile', async () => {
      const { v } = await mentorOn('curated');
      const form = await v.get('/profile/edit', 200);
      expect(form.text).toContain('<option value="finance.pricing">Setting your prices</option>');
      expect((await saveMentor(v, { ...FULL_MENTOR, capacity: '2' })).status).toBe(303);
      const page = await v.get('/profile', 200);
      expect(facts(page.text)['Your top 3 areas of expertise']).toBe(
        'Setting your prices, Cash flow, Branding',
      );
      const acme = await mentorOn('acme');
      expect((await saveMentor(acme.v, FULL_MENTOR)).status).toBe(303);
      expect(facts((await acme.v.get('/profile', 200)).text)['Your top 3 areas of expertise']).toBe(
        'Pricing, Cash flow, Branding',
      );
    });

    it('limit capacity to the tenant’s own maximum', async () => {
      const { id, v } = await mentorOn('curated');
      const form = await v.get('/profile/edit', 200);
      expect(form.text).toContain('Between 1 and 2.');
      expect(form.text).toMatch(/id="capacity"[^>]*max="2"[^>]*value="1"/);
      const res = await saveMentor(v, { ...FULL_MENTOR, capacity: '3' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('within the programme’s limit');
      expect(await mentorRow(t, id)).toBeUndefined();
      expect((await saveMentor(v, { ...FULL_MENTOR, capacity: '2' })).status).toBe(303);
      expect((await mentorRow(t, id)).capacity).toBe(2);
    });
  });

  describe('in Arabic', () => {
    const ARABIC = /[\u0600-\u06FF]/;

    it('shows the mentor form right to left with Arabic labels', async () => {
      const { v } = await mentorOn('globex');
      const form = await v.get('/profile/edit', 200);
      expect(form.text).toMatch(/<html lang="ar" dir="rtl">/);
      expect(form.text).toContain('<option value="finance.pricing">التسعير</option>');
      for (const field of ['headline', 'bio', 'capacity', 'website']) {
        const label = textOf(form.text, new RegExp(`<label for="${field}">`));
        expect({ field, arabic: ARABIC.test(label), label }).toMatchObject({ field, arabic: true });
      }
      const button = textOf(form.text, /<button class="button" type="submit">/);
      expect(button).toMatch(ARABIC);
      expect(form.text).not.toContain('Save profile');
      expect(form.text).not.toContain('Headline');
    });

    it('saves and shows the profile with Arabic labels', async () => {
      const { v } = await mentorOn('globex');
      expect((await saveMentor(v, FULL_MENTOR)).status).toBe(303);
      const page = await v.get('/profile', 200);
      expect(page.text).toMatch(/<html lang="ar" dir="rtl">/);
      expect(page.text).toContain('التسعير');
      expect(page.text).not.toContain('Your profile is');
    });
  });
});

describe('profile photos', () => {
  let t: TestApp;
  let acme: Tenant;
  let globex: Tenant;

  async function member(slug: 'acme' | 'globex', name = 'Zoë Quinn') {
    const address = email(`photo-${slug}`);
    const id = await addMentor(t, slug === 'acme' ? acme : globex, address, {
      name,
      headline: `${name} headline`,
    });
    return { id, v: await loggedIn(t, `${slug}.localhost`, address) };
  }

  beforeAll(async () => {
    ({
      t,
      tenants: { acme, globex },
    } = await start());
  });
  afterAll(() => t.close());

  it('stores an uploaded PNG and shows it instead of the initials', async () => {
    const { id, v } = await member('acme');
    const before = await v.get('/profile', 200);
    expect(before.text).toContain(
      '<span class="avatar avatar-initials" aria-hidden="true">ZQ</span>',
    );
    expect(before.text).not.toContain('Remove my photo');

    const bytes = png();
    const res = await uploadAvatar(v, bytes);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/profile');
    const page = await v.get('/profile', 200);
    expect(page.text).toContain('Your photo is saved.');
    expect(page.text).toContain(`<img class="avatar" src="${avatarUrl(id, bytes)}"`);
    expect(page.text).not.toContain('avatar-initials');
    expect(page.text).toContain('Remove my photo');
    expect(await avatarRows(t, id)).toEqual([
      { digest: avatarUrl(id, bytes).split('/')[3], content_type: 'image/png' },
    ]);
  });

  it('serves the photo to members of the same tenant only', async () => {
    const { id, v } = await member('acme');
    const bytes = png([200, 30, 30]);
    expect((await uploadAvatar(v, bytes)).status).toBe(303);
    const url = avatarUrl(id, bytes);

    const colleague = await member('acme', 'Carl Colleague');
    const res = await colleague.v.agent.get(url).set('Host', ACME).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
    expect(res.headers['cache-control']).toContain('private');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await colleague.v.get(`/people/${id}`, 200)).text).toContain(`src="${url}"`);

    const anonymous = await t.get(ACME, url);
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers['content-type']).not.toBe('image/png');

    const stranger = await member('globex', 'Gil Globex');
    const foreign = await stranger.v.agent.get(url).set('Host', GLOBEX);
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).not.toBe('image/png');

    const stale = await colleague.v.agent.get(`/avatars/${id}/AAAAAAAAAAAAAAAA`).set('Host', ACME);
    expect(stale.status).toBe(404);
    const malformed = await colleague.v.agent.get(`/avatars/not-an-id/x`).set('Host', ACME);
    expect(malformed.status).toBe(404);
  });

  it('accepts a JPEG by its first bytes, whatever the file is called', async () => {
    const { id, v } = await member('acme');
    expect((await uploadAvatar(v, JPEG, 'photo.png')).status).toBe(303);
    const url = avatarUrl(id, JPEG);
    const res = await v.agent.get(url).set('Host', ACME);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
  });

  it('refuses a GIF or a text file and keeps the photo it had', async () => {
    const fresh = await member('acme');
    for (const [bytes, name] of [
      [GIF, 'me.gif'],
      [Buffer.from('just some words, not a picture'), 'me.png'],
    ] as const) {
      const res = await uploadAvatar(fresh.v, bytes, name);
      expect(res.status).toBe(303);
      const page = await fresh.v.get('/profile', 200);
      expect(page.text).toContain(
        'That file is not a PNG, JPEG or WebP picture. Nothing was changed.',
      );
      expect(page.text).toContain('avatar-initials');
    }
    expect(await avatarRows(t, fresh.id)).toHaveLength(0);

    const { id, v } = await member('acme');
    const kept = png([1, 2, 3]);
    expect((await uploadAvatar(v, kept)).status).toBe(303);
    const stored = await avatarRows(t, id);
    expect((await uploadAvatar(v, GIF, 'me.gif')).status).toBe(303);
    expect(await avatarRows(t, id)).toEqual(stored);
    expect((await v.get('/profile', 200)).text).toContain(`src="${avatarUrl(id, kept)}"`);
  });

  it('refuses a picture over 512 KB and stores nothing', async () => {
    const { id, v } = await member('acme');
    const res = await uploadAvatar(v, hugePng());
    expect(res.status).toBe(303);
    const page = await v.get('/profile', 200);
    expect(page.text).toContain('That picture is too large. Nothing was changed.');
    expect(page.text).toContain('avatar-initials');
    expect(await avatarRows(t, id)).toHaveLength(0);
  });

  it('asks for a file when none is chosen', async () => {
    const { id, v } = await member('acme');
    await v.get('/profile', 200);
    const res = await v.agent.post('/profile/avatar').set('Host', ACME).field('_csrf', v.csrf);
    expect(res.status).toBe(303);
    expect((await v.get('/profile', 200)).text).toContain('Choose a photo to upload first.');
    expect(await avatarRows(t, id)).toHaveLength(0);
  });

  it('refuses an upload without the CSRF token, or from an anonymous visitor', async () => {
    const { id, v } = await member('acme');
    await v.get('/profile', 200);
    const bare = await v.agent
      .post('/profile/avatar')
      .set('Host', ACME)
      .attach('avatar', png(), 'me.png');
    expect(bare.status).toBe(403);
    const forged = await v.agent
      .post('/profile/avatar')
      .set('Host', ACME)
      .field('_csrf', 'forged')
      .attach('avatar', png(), 'me.png');
    expect(forged.status).toBe(403);
    expect(await avatarRows(t, id)).toHaveLength(0);

    const unique = png([77, 66, 55]);
    const stranger = new Visitor(t, ACME);
    await stranger.get('/login', 200);
    const anonymous = await stranger.agent
      .post('/profile/avatar')
      .set('Host', ACME)
      .field('_csrf', stranger.csrf)
      .attach('avatar', unique, 'me.png');
    expect(anonymous.status).toBe(404);
    expect(
      await t.db.ownerQuery(`SELECT 1 FROM member_avatars WHERE digest = $1`, [
        avatarUrl(id, unique).split('/')[3],
      ]),
    ).toHaveLength(0);
  });

  it('removes the photo: initials again, and the old address is gone', async () => {
    const { id, v } = await member('acme');
    const bytes = png([9, 9, 9]);
    expect((await uploadAvatar(v, bytes)).status).toBe(303);
    const url = avatarUrl(id, bytes);
    expect((await v.agent.get(url).set('Host', ACME)).status).toBe(200);

    await v.get('/profile', 200);
    const res = await v.post('/profile/avatar/delete', {});
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/profile');
    const page = await v.get('/profile', 200);
    expect(page.text).toContain('Your photo is removed.');
    expect(page.text).toContain(
      '<span class="avatar avatar-initials" aria-hidden="true">ZQ</span>',
    );
    expect(page.text).not.toContain('<img class="avatar"');
    expect(await avatarRows(t, id)).toHaveLength(0);
    expect((await v.agent.get(url).set('Host', ACME)).status).toBe(404);
  });

  it('does not remove a photo without the CSRF token', async () => {
    const { id, v } = await member('acme');
    expect((await uploadAvatar(v, png([4, 5, 6]))).status).toBe(303);
    const stored = await avatarRows(t, id);
    const res = await v.post('/profile/avatar/delete', { _csrf: '' });
    expect(res.status).toBe(403);
    expect(await avatarRows(t, id)).toEqual(stored);
  });
});
