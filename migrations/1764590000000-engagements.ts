import type { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRls } from '../src/infrastructure/database/rls';

// Connecting: requests, conversations, engagements and what keeps them alive.
//
// Times are written by the application from its clock (never `now()` in a
// statement), so expiry, reminders and check-ins can be driven by a test clock.
//
// A conversation belongs to a pair (`member_low` < `member_high`). Each side
// has its own row in `conversation_members`: unread count, archive flag, when
// it was last mailed about unread messages, and since when it owes a reply
// (the source of "usually replies within …"). The inbox is one index range
// over (member, archived, last_message_at).
export class Engagements1764590000000 implements MigrationInterface {
  name = 'Engagements1764590000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      ALTER TABLE mentoring_requests
        ADD COLUMN initiated_by text NOT NULL DEFAULT 'entrepreneur'
          CHECK (initiated_by IN ('entrepreneur', 'mentor')),
        ADD COLUMN message text NOT NULL DEFAULT '' CHECK (char_length(message) <= 4000),
        ADD COLUMN decline_reason text
          CHECK (decline_reason IN ('busy', 'fit', 'spam', 'inappropriate', 'none')),
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN reminded_at timestamptz`);
    await qr.query(`UPDATE mentoring_requests SET expires_at = created_at + interval '7 days'`);
    await qr.query(`
      ALTER TABLE mentoring_requests
        ALTER COLUMN expires_at SET NOT NULL,
        ALTER COLUMN expires_at SET DEFAULT now() + interval '7 days'`);
    await qr.query(`
      CREATE UNIQUE INDEX mentoring_requests_one_open
        ON mentoring_requests (tenant_id, entrepreneur_id, mentor_id) WHERE status = 'open'`);
    await qr.query(`
      CREATE INDEX mentoring_requests_due_idx
        ON mentoring_requests (tenant_id, expires_at) WHERE status = 'open'`);

    // Responsiveness (from real reply times) and a hold after silence.
    await qr.query(`
      ALTER TABLE mentor_profiles
        ADD COLUMN reply_hours float8 CHECK (reply_hours >= 0),
        ADD COLUMN replies_counted int NOT NULL DEFAULT 0,
        ADD COLUMN last_active_at timestamptz,
        ADD COLUMN held_since timestamptz`);

    await qr.query(`
      CREATE TABLE engagements (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL,
        entrepreneur_id uuid NOT NULL,
        mentor_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'completed', 'closed')),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        ended_by uuid,
        end_reason text CHECK (end_reason IN ('goals_met', 'no_time', 'not_a_fit', 'no_response', 'other')),
        next_checkin_at timestamptz,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, request_id) REFERENCES mentoring_requests (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, entrepreneur_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, mentor_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        CHECK ((status = 'active') = (ended_at IS NULL))
      )`);
    await qr.query(`
      CREATE UNIQUE INDEX engagements_one_active
        ON engagements (tenant_id, entrepreneur_id, mentor_id) WHERE status = 'active'`);
    await qr.query(`CREATE INDEX engagements_mentor_idx ON engagements (tenant_id, mentor_id)`);
    await qr.query(
      `CREATE INDEX engagements_entrepreneur_idx ON engagements (tenant_id, entrepreneur_id)`,
    );
    await qr.query(`
      CREATE INDEX engagements_checkin_due_idx
        ON engagements (tenant_id, next_checkin_at) WHERE status = 'active'`);
    await enableTenantRls(qr, 'engagements');

    await qr.query(`
      CREATE TABLE conversations (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        member_low uuid NOT NULL,
        member_high uuid NOT NULL,
        created_at timestamptz NOT NULL,
        last_message_at timestamptz NOT NULL,
        last_sender_id uuid,
        last_preview text NOT NULL DEFAULT '',
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, member_low, member_high),
        CHECK (member_low < member_high),
        FOREIGN KEY (tenant_id, member_low) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, member_high) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await enableTenantRls(qr, 'conversations');

    await qr.query(`
      CREATE TABLE conversation_members (
        tenant_id uuid NOT NULL,
        conversation_id uuid NOT NULL,
        member_id uuid NOT NULL,
        other_id uuid NOT NULL,
        last_message_at timestamptz NOT NULL,
        last_read_at timestamptz,
        unread int NOT NULL DEFAULT 0 CHECK (unread >= 0),
        archived boolean NOT NULL DEFAULT false,
        notified_at timestamptz,
        awaiting_since timestamptz,
        PRIMARY KEY (tenant_id, conversation_id, member_id),
        FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, member_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(`
      CREATE INDEX conversation_members_inbox_idx
        ON conversation_members (tenant_id, member_id, archived, last_message_at DESC)`);
    await qr.query(`
      CREATE INDEX conversation_members_unread_idx
        ON conversation_members (tenant_id, member_id) WHERE unread > 0`);
    await enableTenantRls(qr, 'conversation_members');

    await qr.query(`
      CREATE TABLE messages (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        conversation_id uuid NOT NULL,
        sender_id uuid NOT NULL,
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, conversation_id) REFERENCES conversations (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, sender_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX messages_conversation_idx ON messages (tenant_id, conversation_id, id)`,
    );
    await enableTenantRls(qr, 'messages');

    // What a reporter chose to attach is copied here: moderators never read conversations.
    await qr.query(`
      CREATE TABLE member_reports (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        reporter_id uuid NOT NULL,
        reported_id uuid NOT NULL,
        reason text NOT NULL CHECK (reason IN ('spam', 'scam', 'harassment', 'inappropriate', 'other')),
        note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
        attached jsonb,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'warned', 'suspended', 'dismissed')),
        created_at timestamptz NOT NULL,
        handled_at timestamptz,
        handled_by uuid,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, reporter_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, reported_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX member_reports_queue_idx ON member_reports (tenant_id, status, created_at)`,
    );
    await enableTenantRls(qr, 'member_reports');

    await qr.query(`
      CREATE TABLE engagement_meetings (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL,
        logged_by uuid NOT NULL,
        met_on date NOT NULL,
        minutes int NOT NULL CHECK (minutes BETWEEN 5 AND 600),
        way text NOT NULL,
        topics text[] NOT NULL DEFAULT '{}',
        private_note text NOT NULL DEFAULT '' CHECK (char_length(private_note) <= 2000),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, engagement_id) REFERENCES engagements (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, logged_by) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX engagement_meetings_idx ON engagement_meetings (tenant_id, engagement_id, met_on)`,
    );
    await enableTenantRls(qr, 'engagement_meetings');

    await qr.query(`
      CREATE TABLE engagement_goals (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL,
        created_by uuid NOT NULL,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
        target_date date,
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, engagement_id) REFERENCES engagements (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX engagement_goals_idx ON engagement_goals (tenant_id, engagement_id)`,
    );
    await enableTenantRls(qr, 'engagement_goals');

    // One row per side and round; only the token's hash is kept, and it works once.
    await qr.query(`
      CREATE TABLE engagement_checkins (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        engagement_id uuid NOT NULL,
        member_id uuid NOT NULL,
        token_hash text NOT NULL,
        sent_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        answered_at timestamptz,
        met boolean,
        feeling text CHECK (feeling IN ('great', 'ok', 'stuck')),
        PRIMARY KEY (tenant_id, id),
        UNIQUE (tenant_id, token_hash),
        FOREIGN KEY (tenant_id, engagement_id) REFERENCES engagements (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, member_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX engagement_checkins_idx ON engagement_checkins (tenant_id, engagement_id, sent_at)`,
    );
    await enableTenantRls(qr, 'engagement_checkins');

    await qr.query(`
      CREATE TABLE engagement_feedback (
        tenant_id uuid NOT NULL,
        engagement_id uuid NOT NULL,
        member_id uuid NOT NULL,
        rating int NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 2000),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, engagement_id, member_id),
        FOREIGN KEY (tenant_id, engagement_id) REFERENCES engagements (tenant_id, id) ON DELETE CASCADE
      )`);
    await enableTenantRls(qr, 'engagement_feedback');

    await qr.query(`
      CREATE TABLE notification_prefs (
        tenant_id uuid NOT NULL,
        member_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('requests', 'messages', 'reminders')),
        mode text NOT NULL CHECK (mode IN ('immediate', 'daily', 'off')),
        PRIMARY KEY (tenant_id, member_id, kind),
        FOREIGN KEY (tenant_id, member_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await enableTenantRls(qr, 'notification_prefs');

    // Items waiting for a member's daily digest.
    await qr.query(`
      CREATE TABLE notification_digest (
        tenant_id uuid NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        member_id uuid NOT NULL,
        kind text NOT NULL,
        item jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, member_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);
    await qr.query(
      `CREATE INDEX notification_digest_member_idx ON notification_digest (tenant_id, member_id, created_at)`,
    );
    await enableTenantRls(qr, 'notification_digest');
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of [
      'notification_digest',
      'notification_prefs',
      'engagement_feedback',
      'engagement_checkins',
      'engagement_goals',
      'engagement_meetings',
      'member_reports',
      'messages',
      'conversation_members',
      'conversations',
      'engagements',
    ]) {
      await qr.query(`DROP TABLE ${table}`);
    }
    await qr.query(`
      ALTER TABLE mentor_profiles DROP COLUMN reply_hours, DROP COLUMN replies_counted,
        DROP COLUMN last_active_at, DROP COLUMN held_since`);
    await qr.query(`DROP INDEX mentoring_requests_due_idx`);
    await qr.query(`DROP INDEX mentoring_requests_one_open`);
    await qr.query(`
      ALTER TABLE mentoring_requests DROP COLUMN initiated_by, DROP COLUMN message,
        DROP COLUMN decline_reason, DROP COLUMN answered_at, DROP COLUMN expires_at,
        DROP COLUMN reminded_at`);
  }
}
