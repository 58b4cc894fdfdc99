import type { LocaleCode } from '../src/branding/theme-contract';
import type { OwnerSql, TenantPlan } from './matching-data';

// Synthetic conversations for bench/messaging.bench.ts. Everything is
// generated inside the database (generate_series, INSERT … SELECT, window
// functions), then each side's conversation_members row is derived from the
// messages exactly as conversationsRepository.send would have left it:
// - the last sender has read everything (unread 0, last_read_at = their last
//   message) and owes no reply (awaiting_since NULL);
// - the other side owes a reply since the first message of the trailing run
//   from the last sender (awaiting_since), was mailed about that first unread
//   message (notified_at), and has either read it (unread 0) or not (unread =
//   the length of that run, last_read_at = their own last message);
// - both rows carry the conversation's last_message_at; archived only where
//   nothing is unread (a new message brings a conversation back).
//
// The measured tenant has one busy mentor with 1,000 conversations (5–40
// messages each, most near 5, recent ones likelier) and a member with exactly
// 10; every member also starts 0–3 conversations with others of the tenant.

export interface MessagingPlan extends TenantPlan {
  /** Members besides the busy mentor and the 10-conversation member. */
  members: number;
  /** The measured tenant: has the busy mentor and the 10-conversation member. */
  measured: boolean;
  /** Conversations of the busy mentor. */
  busyConversations: number;
}

export interface MessagingCounts {
  users: number;
  conversations: number;
  messages: number;
  memberRows: number;
  mails: number;
}

/** The measured tenant first, then `others` tenants of `otherMembers` members each. */
export function messagingPlans(
  measuredMembers: number,
  others: number,
  otherMembers: number,
  busyConversations = 1000,
): MessagingPlan[] {
  const langs: LocaleCode[] = ['en', 'fr', 'es', 'id', 'ar'];
  const plan = (slug: string, lang: LocaleCode, members: number, measured: boolean) => {
    const locales: LocaleCode[] =
      lang === 'en' ? ['en', 'fr'] : lang === 'ar' ? ['ar', 'en', 'fr'] : [lang, 'en'];
    return {
      slug,
      lang,
      locales,
      // TenantPlan's matching fields (benchBundle reads slug and languages only).
      mentors: 0,
      entrepreneurs: 0,
      countries: [COUNTRY[lang]],
      members,
      measured,
      busyConversations: measured ? busyConversations : 0,
    };
  };
  return [
    plan('msg-big', 'en', measuredMembers, true),
    ...Array.from({ length: others }, (_, i) =>
      plan(
        `msg-${String(i + 1).padStart(2, '0')}`,
        langs[(i + 1) % langs.length],
        otherMembers,
        false,
      ),
    ),
  ];
}

const COUNTRY: Record<LocaleCode, string> = { en: 'KE', fr: 'SN', es: 'MX', id: 'ID', ar: 'EG' };

const FIRST = `Amaka Wanjiru Kwame Thandiwe Grace David Sarah Michael Aisha John Mary Peter Esther
  Samuel Joy Daniel Faith Emmanuel Blessing Fatou Moussa Lucía Andrés Siti Budi Karim Layla Omar`
  .trim()
  .split(/\s+/);
const LAST = `Okafor Mwangi Mensah Naidoo Okonkwo Otieno Adeyemi Boateng Kamau Diallo Traoré Ndiaye
  García López Santoso Wijaya Haddad Mansour Khalil Achieng Osei Nwosu Banda Phiri Dlamini`
  .trim()
  .split(/\s+/);

/** Words messages are made of, the common ones first. */
const WORDS = `the to and you I a for of is it in that on we this my your with can be have will
  thanks thank would next week call meeting let me know how about what time are do if good great
  sounds plan idea customers sales price pricing cash flow loan bank numbers spreadsheet market
  product supplier suppliers team hire order orders stock shop online website instagram marketing
  budget costs margin revenue profit investors pitch deck grant application deadline tomorrow
  monday friday morning afternoon zoom whatsapp phone notes goals progress update shared sent
  attached draft feedback question questions answer helpful really sure happy sorry late busy
  travel back soon again first second last month year quarter target growth export license
  registration tax accountant lawyer contract partner partners family farm coffee bakery shop`
  .trim()
  .split(/\s+/);

/** Message bodies to draw from (1–4 sentences, a few long ones), made once in Node. */
export function messageBodies(count: number, random: () => number): string[] {
  const sentence = () => {
    const n = 4 + Math.floor(random() * 14);
    const words = Array.from(
      { length: n },
      () => WORDS[Math.floor(WORDS.length * random() ** 2.2)],
    );
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1) + (random() < 0.2 ? '?' : '.');
  };
  return Array.from({ length: count }, () => {
    const sentences =
      random() < 0.05 ? 8 + Math.floor(random() * 20) : 1 + Math.floor(random() * 4);
    return Array.from({ length: sentences }, sentence).join(' ');
  });
}

/** Helper tables (dropped after loading): people, planned conversations, message bodies. */
export async function createMessagingHelpers(sql: OwnerSql, bodies: string[]): Promise<void> {
  await sql.exec(`
    CREATE TABLE bench_msg_people (
      tenant_id uuid NOT NULL, n int NOT NULL, user_id uuid NOT NULL, kind text NOT NULL,
      suspended boolean NOT NULL, created_at timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, n))`);
  await sql.exec(`
    CREATE TABLE bench_msg_convs (
      tenant_id uuid NOT NULL, id uuid NOT NULL, low uuid NOT NULL, high uuid NOT NULL,
      messages int NOT NULL, first_at timestamptz NOT NULL, last_at timestamptz NOT NULL,
      busy boolean NOT NULL)`);
  await sql.exec(`CREATE TABLE bench_msg_bodies (k int PRIMARY KEY, body text NOT NULL)`);
  await sql.exec(
    `INSERT INTO bench_msg_bodies SELECT k - 1, b FROM unnest($1::text[]) WITH ORDINALITY AS t(b, k)`,
    [bodies],
  );
}

export async function dropMessagingHelpers(sql: OwnerSql): Promise<void> {
  await sql.exec(`DROP TABLE IF EXISTS bench_msg_people, bench_msg_convs, bench_msg_bodies`);
}

/** Member numbers in the measured tenant: 0 the busy mentor, 1 the member with 10 conversations. */
export const BUSY_N = 0;
export const LIGHT_N = 1;
const FIRST_OTHER_N = 2;

/**
 * Fills one tenant: users (with mentor profiles for mentors), conversations,
 * messages, both sides' participant rows, a few blocks and notification
 * preferences, and delivered mail in the outbox. Every statement is scoped to
 * the tenant.
 */
export async function loadMessagingTenant(
  sql: OwnerSql,
  tenantId: string,
  plan: MessagingPlan,
): Promise<MessagingCounts> {
  const run = (text: string, params: unknown[] = []) => sql.exec(text, params, tenantId);
  const last = FIRST_OTHER_N + plan.members - 1;
  const busyPartners = plan.measured ? plan.busyConversations : 0;
  // Partners: the busy mentor talks with members 2…1001, the light member with the next 10.
  const lightFrom = FIRST_OTHER_N + busyPartners;
  if (plan.measured && plan.members < busyPartners + 10) {
    throw new Error(`the measured tenant needs at least ${busyPartners + 10} other members`);
  }

  // 1. People. 40% mentors; 1% suspended (never a measured member's partner).
  await run(
    `INSERT INTO bench_msg_people
     SELECT $1::uuid, g, gen_random_uuid(),
            CASE WHEN g = ${BUSY_N} OR random() < 0.4 THEN 'm' ELSE 'e' END,
            g >= $3 AND random() < 0.01,
            now() - interval '30 days' - random() * interval '700 days'
       FROM generate_series($2::int, $4::int) g`,
    [tenantId, plan.measured ? BUSY_N : FIRST_OTHER_N, lightFrom + (plan.measured ? 10 : 0), last],
  );
  await run(
    `INSERT INTO users (tenant_id, id, email, email_verified_at, password_hash, name, locale, country,
                        roles, status, terms_accepted_at, password_changed_at, created_at, updated_at)
     SELECT p.tenant_id, p.user_id, 'member' || p.n || $2, p.created_at, $3,
            ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int] || ' ' ||
              ($5::text[])[1 + floor(random() * cardinality($5::text[]))::int],
            $6, $7, ARRAY[CASE p.kind WHEN 'm' THEN 'mentor' ELSE 'entrepreneur' END],
            CASE WHEN p.suspended THEN 'suspended' ELSE 'active' END,
            p.created_at, p.created_at, p.created_at, p.created_at
       FROM bench_msg_people p WHERE p.tenant_id = $1`,
    [
      tenantId,
      `@${plan.slug}.bench.example`,
      '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$bmV2ZXItYS1yZWFsLWhhc2gtYmVuY2gtb25seQ',
      FIRST,
      LAST,
      plan.lang,
      plan.countries[0],
    ],
  );
  // Mentors have a profile (sending updates its last_active_at / reply time).
  await run(
    `INSERT INTO mentor_profiles (tenant_id, user_id, headline, bio, capacity, active_count,
                                  languages, country, reply_hours, replies_counted, last_active_at,
                                  created_at, updated_at)
     SELECT p.tenant_id, p.user_id, left(b.body, 60), b.body,
            CASE WHEN p.n = ${BUSY_N} THEN 50 ELSE 1 + floor(random() * 5)::int END, 0,
            ARRAY[$2::text], $3, CASE WHEN random() < 0.7 THEN random() * 72 END,
            floor(random() * 40)::int, now() - random() * interval '30 days',
            p.created_at, p.created_at
       FROM bench_msg_people p
       JOIN bench_msg_bodies b ON b.k = p.n % 5000
      WHERE p.tenant_id = $1 AND p.kind = 'm'`,
    [tenantId, plan.lang, plan.countries[0]],
  );

  // 2. Planned conversations: the busy mentor's and the light member's, then
  //    each other member (their partners too) starts 0–3 with random members
  //    (pairs deduplicated).
  //    Last activity skews recent; message counts skew low.
  const convColumns = `tenant_id, id, low, high, messages, first_at, last_at, busy`;
  const timing = (messages: string) => `
            x.last_at - (${messages}) * (interval '20 minutes' + random() * interval '30 hours') AS first_at`;
  if (plan.measured) {
    await run(
      `INSERT INTO bench_msg_convs (${convColumns})
       SELECT x.tenant_id, gen_random_uuid(), least(x.a, x.b), greatest(x.a, x.b), x.messages,
              ${timing('x.messages')}, x.last_at, x.busy
         FROM (
           SELECT o.tenant_id, me.user_id AS a, o.user_id AS b, me.n = ${BUSY_N} AS busy,
                  CASE WHEN me.n = ${BUSY_N} THEN 5 + floor(36 * random() ^ 2.5)::int
                       ELSE 3 + floor(18 * random() ^ 2)::int END AS messages,
                  now() - interval '5 minutes' - random() ^ 2.2 * interval '400 days' AS last_at
             FROM bench_msg_people o
             JOIN bench_msg_people me ON me.tenant_id = o.tenant_id
                  AND me.n = CASE WHEN o.n < $2 THEN ${BUSY_N} ELSE ${LIGHT_N} END
            WHERE o.tenant_id = $1 AND o.n >= ${FIRST_OTHER_N} AND o.n < $2 + 10
           OFFSET 0) x`,
      [tenantId, lightFrom],
    );
  }
  await run(
    `INSERT INTO bench_msg_convs (${convColumns})
     SELECT DISTINCT ON (least(x.a, x.b), greatest(x.a, x.b))
            x.tenant_id, gen_random_uuid(), least(x.a, x.b), greatest(x.a, x.b), x.messages,
            ${timing('x.messages')}, x.last_at, false
       FROM (
         SELECT f.tenant_id, f.user_id AS a, t.user_id AS b,
                2 + floor(40 * random() ^ 2.5)::int AS messages,
                now() - interval '5 minutes' - random() ^ 1.5 * interval '600 days' AS last_at
           FROM (SELECT f.tenant_id, f.user_id, f.n,
                        $2::int + floor(random() * ($3::int - $2::int + 1))::int AS target
                   FROM (SELECT tenant_id, user_id, n, floor(4 * random() ^ 1.5)::int AS k
                           FROM bench_msg_people WHERE tenant_id = $1 AND n >= $2::int
                         OFFSET 0) f,
                        generate_series(1, f.k) i
                 OFFSET 0) f
           JOIN bench_msg_people t ON t.tenant_id = f.tenant_id AND t.n = f.target AND t.n <> f.n
         OFFSET 0) x
      ORDER BY least(x.a, x.b), greatest(x.a, x.b)`,
    [tenantId, FIRST_OTHER_N, last],
  );

  // 3. Conversations, then their messages in time order (ids grow with time,
  //    conversations interleaved as in real life), then each conversation's
  //    last message copied onto it.
  await run(
    `INSERT INTO conversations (tenant_id, id, member_low, member_high, created_at, last_message_at)
     SELECT tenant_id, id, low, high, first_at, last_at FROM bench_msg_convs WHERE tenant_id = $1`,
    [tenantId],
  );
  await run(
    `INSERT INTO messages (tenant_id, conversation_id, sender_id, body, created_at)
     SELECT m.tenant_id, m.id, m.sender, b.body, m.at
       FROM (
         SELECT c.tenant_id, c.id,
                CASE WHEN i = 1 OR random() < 0.5 THEN c.low ELSE c.high END AS sender,
                c.first_at + (c.last_at - c.first_at) * ((i - 1 + 0.9 * random()) / c.messages) AS at,
                floor(5000 * random() ^ 1.3)::int AS k
           FROM bench_msg_convs c, generate_series(1, c.messages) i
          WHERE c.tenant_id = $1
         OFFSET 0) m
       JOIN bench_msg_bodies b ON b.k = m.k
      ORDER BY m.at`,
    [tenantId],
  );
  await run(
    `UPDATE conversations c
        SET last_message_at = l.created_at, last_sender_id = l.sender_id,
            last_preview = CASE WHEN char_length(l.flat) > 140 THEN left(l.flat, 139) || '…' ELSE l.flat END
       FROM (SELECT DISTINCT ON (conversation_id) conversation_id, created_at, sender_id,
                    btrim(regexp_replace(body, '\\s+', ' ', 'g')) AS flat
               FROM messages WHERE tenant_id = $1
              ORDER BY conversation_id, id DESC) l
      WHERE c.tenant_id = $1 AND c.id = l.conversation_id`,
    [tenantId],
  );

  // 4. Both sides' rows, derived from the messages' runs (see the top of this file).
  await run(
    `WITH r AS (
       SELECT conversation_id, id, sender_id, created_at, starts,
              sum(starts) OVER (PARTITION BY conversation_id ORDER BY id) AS run
         FROM (SELECT conversation_id, id, sender_id, created_at,
                      CASE WHEN sender_id IS DISTINCT FROM lag(sender_id) OVER w THEN 1 ELSE 0 END AS starts
                 FROM messages WHERE tenant_id = $1
               WINDOW w AS (PARTITION BY conversation_id ORDER BY id)) m
     ), s AS (
       SELECT conversation_id, max(run) AS last_run,
              (array_agg(sender_id ORDER BY id DESC))[1] AS last_sender,
              max(created_at) AS last_at
         FROM r GROUP BY conversation_id
     ), t AS (
       SELECT s.conversation_id, s.last_sender, s.last_at,
              min(r.created_at) FILTER (WHERE r.run = s.last_run) AS run_start,
              count(*) FILTER (WHERE r.run = s.last_run)::int AS run_len,
              max(r.created_at) FILTER (WHERE r.run = s.last_run - 1) AS before_run,
              min(r.created_at) FILTER (WHERE r.run = s.last_run - 1) AS prev_run_start
         FROM s JOIN r ON r.conversation_id = s.conversation_id
        GROUP BY s.conversation_id, s.last_sender, s.last_at
     ), sides AS (
       SELECT t.*, c.busy,
              CASE WHEN t.last_sender = c.low THEN c.high ELSE c.low END AS recipient,
              -- Recent conversations are likelier to still be unread.
              random() < CASE WHEN t.last_at > now() - interval '14 days' THEN 0.6 ELSE 0.2 END AS unread
         FROM t JOIN bench_msg_convs c ON c.tenant_id = $1 AND c.id = t.conversation_id
     )
     INSERT INTO conversation_members (tenant_id, conversation_id, member_id, other_id,
                                       last_message_at, last_read_at, unread, archived,
                                       notified_at, awaiting_since)
     SELECT $1::uuid, conversation_id, recipient, last_sender, last_at,
            CASE WHEN unread THEN before_run
                 ELSE least(now(), last_at + random() * interval '12 hours') END,
            CASE WHEN unread THEN run_len ELSE 0 END,
            NOT unread AND random() < CASE WHEN busy THEN 0.08 ELSE 0.05 END,
            run_start, run_start
       FROM sides
     UNION ALL
     SELECT $1::uuid, conversation_id, last_sender, recipient, last_at, last_at, 0,
            random() < CASE WHEN busy THEN 0.08 ELSE 0.05 END,
            prev_run_start, NULL
       FROM sides`,
    [tenantId],
  );

  // 5. A few blocks and notification preferences, away from the measured
  //    members' partners (their preference stays the default: mail at once).
  await run(
    `INSERT INTO member_blocks (tenant_id, blocker_id, blocked_id, created_at)
     SELECT f.tenant_id, f.user_id, t.user_id, now() - random() * interval '200 days'
       FROM (SELECT tenant_id, user_id, n, $2::int + floor(random() * ($3::int - $2::int + 1))::int AS target
               FROM bench_msg_people WHERE tenant_id = $1 AND n >= $2 AND random() < 0.005
             OFFSET 0) f
       JOIN bench_msg_people t ON t.tenant_id = f.tenant_id AND t.n = f.target AND t.n <> f.n
     ON CONFLICT DO NOTHING`,
    [tenantId, lightFrom + (plan.measured ? 10 : 0), last],
  );
  await run(
    `INSERT INTO notification_prefs (tenant_id, member_id, kind, mode)
     SELECT p.tenant_id, p.user_id, k.kind,
            (ARRAY['immediate', 'daily', 'daily', 'off'])[1 + floor(random() * 4)::int]
       FROM bench_msg_people p, unnest(ARRAY['requests', 'messages', 'reminders']) AS k(kind)
      WHERE p.tenant_id = $1 AND p.n >= $2 AND (hashtext(p.user_id::text) & 1023) < 100`,
    [tenantId, lightFrom + (plan.measured ? 10 : 0)],
  );

  // 6. Delivered mail, as the outbox holds after a while (the worker clears data).
  await run(
    `INSERT INTO mail_outbox (tenant_id, recipient, locale, template, data, status, attempts,
                              next_attempt_at, created_at, sent_at)
     SELECT $1::uuid, 'member' || (1 + floor(random() * $3::int))::int || $2::text, $4::text,
            'new-message', '{}'::jsonb,
            'sent', 1, t, t, t
       FROM (SELECT now() - random() * interval '400 days' AS t
               FROM bench_msg_convs WHERE tenant_id = $1) x`,
    [tenantId, `@${plan.slug}.bench.example`, plan.members, plan.lang],
  );

  const [counts] = await run(
    `SELECT (SELECT count(*) FROM users WHERE tenant_id = $1)::int AS users,
            (SELECT count(*) FROM conversations WHERE tenant_id = $1)::int AS conversations,
            (SELECT count(*) FROM messages WHERE tenant_id = $1)::int AS messages,
            (SELECT count(*) FROM conversation_members WHERE tenant_id = $1)::int AS "memberRows",
            (SELECT count(*) FROM mail_outbox WHERE tenant_id = $1)::int AS mails`,
    [tenantId],
  );
  return counts as unknown as MessagingCounts;
}

export interface MeasuredMembers {
  busy: { id: string; name: string };
  light: { id: string; name: string };
  /** The busy mentor's conversations (each with an active, unblocked member). */
  busyConversations: string[];
  /** The other member of each of those conversations, in the same order. */
  partners: { id: string; name: string; mentor: boolean }[];
  busyUnread: number;
  busyArchived: number;
  busyMessages: number;
  lightConversations: number;
}

export async function measuredMembers(sql: OwnerSql, tenantId: string): Promise<MeasuredMembers> {
  const people = await sql.exec(
    `SELECT p.n, u.id, u.name FROM bench_msg_people p JOIN users u ON u.id = p.user_id
      WHERE p.tenant_id = $1 AND p.n IN (${BUSY_N}, ${LIGHT_N}) ORDER BY p.n`,
    [tenantId],
    tenantId,
  );
  const [busy, light] = people.map((p) => ({ id: p.id as string, name: p.name as string }));
  const conversations = await sql.exec(
    `SELECT cm.conversation_id AS id, u.id AS other, u.name, 'mentor' = ANY (u.roles) AS mentor
       FROM conversation_members cm
       JOIN users u ON u.tenant_id = cm.tenant_id AND u.id = cm.other_id
      WHERE cm.tenant_id = $1 AND cm.member_id = $2 AND u.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM member_blocks b
                         WHERE b.tenant_id = $1 AND ((b.blocker_id = $2 AND b.blocked_id = u.id)
                            OR (b.blocker_id = u.id AND b.blocked_id = $2)))
      ORDER BY cm.conversation_id`,
    [tenantId, busy.id],
    tenantId,
  );
  const [stats] = await sql.exec(
    `SELECT count(*) FILTER (WHERE unread > 0)::int AS unread,
            count(*) FILTER (WHERE archived)::int AS archived,
            (SELECT count(*) FROM messages m JOIN conversation_members x
                ON x.tenant_id = m.tenant_id AND x.conversation_id = m.conversation_id
              WHERE x.tenant_id = $1 AND x.member_id = $2)::int AS messages,
            (SELECT count(*) FROM conversation_members WHERE tenant_id = $1 AND member_id = $3)::int AS light
       FROM conversation_members WHERE tenant_id = $1 AND member_id = $2`,
    [tenantId, busy.id, light.id],
    tenantId,
  );
  return {
    busy,
    light,
    busyConversations: conversations.map((c) => c.id as string),
    partners: conversations.map((c) => ({
      id: c.other as string,
      name: c.name as string,
      mentor: c.mentor as boolean,
    })),
    busyUnread: stats.unread as number,
    busyArchived: stats.archived as number,
    busyMessages: stats.messages as number,
    lightConversations: stats.light as number,
  };
}
