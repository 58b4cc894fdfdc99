import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, HOUR_MS, type Clock } from '../common/clock';
import { TenantTx } from '../infrastructure/database/tenant-tx';
import { TenantMailTx } from '../infrastructure/mail/tenant-mail-tx';
import type { Viewer } from '../identity/user';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import {
  conversationsRepository,
  preview,
  type InboxEntry,
  type Message,
  type Sent,
  type ThreadHead,
} from './conversations.repository';
import { MESSAGE_MAIL_INTERVAL_MS, notificationsRepository } from './notifications';
import { requestsRepository } from './requests.repository';

export const INBOX_PAGE_SIZE = 30;
export const THREAD_PAGE_SIZE = 50;

export interface Thread {
  head: ThreadHead;
  messages: Message[];
  /** Older messages exist before the first one shown. */
  hasOlder: boolean;
}

/**
 * Should the recipient be mailed about this message now? Only the first
 * unread message since they last read the conversation or were last mailed,
 * and then at most once an hour while it stays unread.
 */
export function shouldMailMessage(sent: Sent, now: Date): boolean {
  if (!sent.notifiedAt) return true;
  const notified = new Date(sent.notifiedAt).getTime();
  if (sent.readAt && new Date(sent.readAt).getTime() >= notified) return true;
  return now.getTime() - notified >= MESSAGE_MAIL_INTERVAL_MS;
}

/**
 * Conversations between the two members of a pair. Every read and write
 * starts from the viewer's own participant row, so anyone else (another
 * member, an admin, another tenant) finds nothing, exactly like a missing id.
 */
@Injectable()
export class ConversationsService {
  constructor(
    @Inject(TenantTx) private readonly tx: TenantTx,
    @Inject(TenantMailTx) private readonly mailTx: TenantMailTx,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  inbox(memberId: string, archived: boolean, page: number): Promise<InboxEntry[]> {
    return this.tx.run((em) =>
      conversationsRepository.inbox(em, memberId, {
        archived,
        // One more than a page tells whether there is a next one.
        limit: INBOX_PAGE_SIZE + 1,
        offset: (page - 1) * INBOX_PAGE_SIZE,
      }),
    );
  }

  /** The thread, marked read for the viewer; null for anyone but the two participants. */
  thread(memberId: string, id: string, beforeId?: string): Promise<Thread | null> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const head = await conversationsRepository.head(em, id, memberId);
      if (!head) return null;
      const rows = await conversationsRepository.messages(em, id, {
        limit: THREAD_PAGE_SIZE + 1,
        beforeId,
      });
      const hasOlder = rows.length > THREAD_PAGE_SIZE;
      if (!beforeId) await conversationsRepository.markRead(em, id, memberId, now);
      return { head, messages: hasOlder ? rows.slice(1) : rows, hasOlder };
    });
  }

  /** Messages after `afterId`, for a page refreshing itself; marks them read. */
  after(memberId: string, id: string, afterId: string): Promise<Message[] | null> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const head = await conversationsRepository.head(em, id, memberId);
      if (!head) return null;
      const rows = await conversationsRepository.messages(em, id, {
        limit: THREAD_PAGE_SIZE,
        afterId,
      });
      if (rows.length > 0) await conversationsRepository.markRead(em, id, memberId, now);
      return rows;
    });
  }

  /**
   * Sends a message: 'blocked' when either side blocked the other or the
   * other account is no longer active; null for a non-participant.
   */
  async send(
    tenant: ResolvedTenant,
    sender: Viewer,
    id: string,
    body: string,
  ): Promise<{ kind: 'ok'; messageId: string } | { kind: 'blocked' } | null> {
    const now = this.clock.now();
    return this.mailTx.run(async (em) => {
      const head = await conversationsRepository.head(em, id, sender.id);
      if (!head) return null;
      if (head.blocked || !head.otherActive) return { kind: 'blocked' as const };
      const sent = await conversationsRepository.send(em, tenant.id, {
        conversationId: id,
        senderId: sender.id,
        body,
        now,
      });
      if (shouldMailMessage(sent, now)) {
        const outcome = await notificationsRepository.notify(
          em,
          tenant,
          {
            recipientId: sent.recipientId,
            kind: 'messages',
            template: 'new-message',
            data: {
              link: `${tenant.canonicalOrigin}/messages/${id}`,
              fromName: sender.name,
              excerpt: preview(body),
              count: sent.unread,
            },
          },
          now,
        );
        if (outcome === 'mailed')
          await conversationsRepository.markNotified(em, id, sent.recipientId, now);
      }
      // Last, so the lock on the sender's profile row is held only until COMMIT.
      if (sent.replyingSince) {
        const hours = (now.getTime() - new Date(sent.replyingSince).getTime()) / HOUR_MS;
        await requestsRepository.recordReply(em, sender.id, hours, now);
      } else {
        await requestsRepository.touch(em, sender.id, now);
      }
      return { kind: 'ok' as const, messageId: sent.messageId };
    });
  }

  archive(memberId: string, id: string, archived: boolean): Promise<boolean> {
    return this.tx.run((em) => conversationsRepository.setArchived(em, id, memberId, archived));
  }

  unreadCount(memberId: string): Promise<number> {
    return this.tx.run((em) => conversationsRepository.unreadConversations(em, memberId));
  }
}
