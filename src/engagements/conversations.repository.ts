import { modify } from '../infrastructure/database/returned-rows';
import type { EntityManager } from 'typeorm';

export const MESSAGE_MAX_LENGTH = 4000;
const PREVIEW_LENGTH = 140;

export interface InboxEntry {
  id: string;
  otherId: string;
  otherName: string;
  lastMessageAt: Date;
  preview: string;
  lastFromMe: boolean;
  unread: number;
  archived: boolean;
}

export interface ThreadHead {
  id: string;
  otherId: string;
  otherName: string;
  otherActive: boolean;
  archived: boolean;
  blocked: 'by-me' | 'by-them' | null;
}

export interface Message {
  id: string;
  senderId: string;
  body: string;
  createdAt: Date;
}

/** What sending did, for notifications and reply times. */
export interface Sent {
  messageId: string;
  recipientId: string;
  /** Unread messages the recipient now has here. */
  unread: number;
  /** When the recipient was last mailed about this conversation, and last read it. */
  notifiedAt: Date | null;
  readAt: Date | null;
  /** Since when the sender owed a reply (null: they were not replying). */
  replyingSince: Date | null;
}

export function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

/** A pair's members in the order the table keeps them (member_low < member_high). */
const pair = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

export const conversationsRepository = {
  /** The pair's conversation, created on first need (both sides get their row). */
  async ensure(
    em: EntityManager,
    tenantId: string,
    a: string,
    b: string,
    now: Date,
  ): Promise<string> {
    const [low, high] = pair(a, b);
    const [created] = (await em.query(
      `INSERT INTO conversations (tenant_id, member_low, member_high, created_at, last_message_at)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (tenant_id, member_low, member_high) DO NOTHING
       RETURNING id`,
      [tenantId, low, high, now],
    )) as { id: string }[];
    if (created) {
      await em.query(
        `INSERT INTO conversation_members (tenant_id, conversation_id, member_id, other_id, last_message_at)
         VALUES ($1, $2, $3, $4, $5), ($1, $2, $4, $3, $5)`,
        [tenantId, created.id, low, high, now],
      );
      return created.id;
    }
    const [existing] = (await em.query(
      `SELECT id FROM conversations WHERE member_low = $1 AND member_high = $2`,
      [low, high],
    )) as { id: string }[];
    return existing.id;
  },

  async idForPair(em: EntityManager, a: string, b: string): Promise<string | null> {
    const [low, high] = pair(a, b);
    const [row] = (await em.query(
      `SELECT id FROM conversations WHERE member_low = $1 AND member_high = $2`,
      [low, high],
    )) as { id: string }[];
    return row?.id ?? null;
  },

  /** Newest first; one index range over the member's rows. */
  async inbox(
    em: EntityManager,
    memberId: string,
    o: { archived: boolean; limit: number; offset: number },
  ): Promise<InboxEntry[]> {
    return (await em.query(
      `SELECT cm.conversation_id AS id, cm.other_id AS "otherId", u.name AS "otherName",
              cm.last_message_at AS "lastMessageAt", c.last_preview AS preview,
              (c.last_sender_id = $1) AS "lastFromMe", cm.unread, cm.archived
         FROM conversation_members cm
         JOIN conversations c ON c.id = cm.conversation_id
         JOIN users u ON u.id = cm.other_id
        WHERE cm.member_id = $1 AND cm.archived = $2
        ORDER BY cm.last_message_at DESC
        LIMIT $3 OFFSET $4`,
      [memberId, o.archived, o.limit, o.offset],
    )) as InboxEntry[];
  },

  async unreadConversations(em: EntityManager, memberId: string): Promise<number> {
    const [row] = (await em.query(
      `SELECT count(*)::int AS n FROM conversation_members WHERE member_id = $1 AND unread > 0`,
      [memberId],
    )) as { n: number }[];
    return row.n;
  },

  /** Only a participant gets the conversation; anyone else gets null, like a missing one. */
  async head(em: EntityManager, id: string, memberId: string): Promise<ThreadHead | null> {
    const [row] = (await em.query(
      `SELECT cm.conversation_id AS id, cm.other_id AS "otherId", u.name AS "otherName",
              (u.status = 'active' AND u.deleted_at IS NULL) AS "otherActive", cm.archived,
              CASE WHEN EXISTS (SELECT 1 FROM member_blocks b
                                 WHERE b.blocker_id = $2 AND b.blocked_id = cm.other_id) THEN 'by-me'
                   WHEN EXISTS (SELECT 1 FROM member_blocks b
                                 WHERE b.blocker_id = cm.other_id AND b.blocked_id = $2) THEN 'by-them'
              END AS blocked
         FROM conversation_members cm
         JOIN users u ON u.id = cm.other_id
        WHERE cm.conversation_id = $1 AND cm.member_id = $2`,
      [id, memberId],
    )) as ThreadHead[];
    return row ?? null;
  },

  /** The latest `limit` messages (older than `beforeId` when given), oldest first. */
  async messages(
    em: EntityManager,
    conversationId: string,
    o: { limit: number; beforeId?: string; afterId?: string },
  ): Promise<Message[]> {
    const rows = (await em.query(
      `SELECT id::text AS id, sender_id AS "senderId", body, created_at AS "createdAt"
         FROM messages
        WHERE conversation_id = $1
          AND ($2::bigint IS NULL OR id < $2::bigint)
          AND ($3::bigint IS NULL OR id > $3::bigint)
        ORDER BY id DESC
        LIMIT $4`,
      [conversationId, o.beforeId ?? null, o.afterId ?? null, o.limit],
    )) as Message[];
    return rows.reverse();
  },

  async markRead(
    em: EntityManager,
    conversationId: string,
    memberId: string,
    now: Date,
  ): Promise<void> {
    await em.query(
      `UPDATE conversation_members SET unread = 0, last_read_at = $3
        WHERE conversation_id = $1 AND member_id = $2 AND unread > 0`,
      [conversationId, memberId, now],
    );
  },

  /** Read, and no reply owed (the message was answered some other way). */
  async settle(
    em: EntityManager,
    conversationId: string,
    memberId: string,
    now: Date,
  ): Promise<void> {
    await em.query(
      `UPDATE conversation_members SET unread = 0, last_read_at = $3, awaiting_since = NULL
        WHERE conversation_id = $1 AND member_id = $2`,
      [conversationId, memberId, now],
    );
  },

  async setArchived(
    em: EntityManager,
    conversationId: string,
    memberId: string,
    archived: boolean,
  ): Promise<boolean> {
    const rows = (await modify(
      em,
      `UPDATE conversation_members SET archived = $3
        WHERE conversation_id = $1 AND member_id = $2 RETURNING member_id`,
      [conversationId, memberId, archived],
    )) as unknown[];
    return rows.length > 0;
  },

  /**
   * Adds a message and updates both sides: the sender has read everything
   * and no longer owes a reply; the recipient has one more unread message
   * and owes a reply since the first unanswered one. A new message brings an
   * archived conversation back to both inboxes.
   */
  async send(
    em: EntityManager,
    tenantId: string,
    m: { conversationId: string; senderId: string; body: string; now: Date },
  ): Promise<Sent> {
    // One statement, one round trip: every part sees the rows as they were
    // before it (so `before` still holds what the sender owed).
    const [sent] = (await em.query(
      `WITH msg AS (
         INSERT INTO messages (tenant_id, conversation_id, sender_id, body, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id
       ), conv AS (
         UPDATE conversations SET last_message_at = $5, last_sender_id = $3, last_preview = $6
          WHERE id = $2
       ), before AS (
         SELECT awaiting_since FROM conversation_members
          WHERE conversation_id = $2 AND member_id = $3
       ), updated AS (
         UPDATE conversation_members cm SET
           last_message_at = $5,
           archived = false,
           unread = CASE WHEN cm.member_id = $3 THEN 0 ELSE cm.unread + 1 END,
           last_read_at = CASE WHEN cm.member_id = $3 THEN $5 ELSE cm.last_read_at END,
           awaiting_since = CASE WHEN cm.member_id = $3 THEN NULL
                                 ELSE coalesce(cm.awaiting_since, $5) END
          WHERE cm.conversation_id = $2
          RETURNING cm.member_id, cm.unread, cm.notified_at, cm.last_read_at
       )
       SELECT (SELECT id::text FROM msg) AS "messageId", o.member_id AS "recipientId", o.unread,
              o.notified_at AS "notifiedAt", o.last_read_at AS "readAt",
              (SELECT awaiting_since FROM before) AS "replyingSince"
         FROM updated o WHERE o.member_id <> $3`,
      [tenantId, m.conversationId, m.senderId, m.body, m.now, preview(m.body)],
    )) as Sent[];
    return sent;
  },

  async markNotified(
    em: EntityManager,
    conversationId: string,
    memberId: string,
    now: Date,
  ): Promise<void> {
    await em.query(
      `UPDATE conversation_members SET notified_at = $3
        WHERE conversation_id = $1 AND member_id = $2`,
      [conversationId, memberId, now],
    );
  },
};
