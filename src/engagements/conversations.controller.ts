import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { scriptUrl } from '../branding/page-scripts';
import { AppException, ErrorCode } from '../common/app-exception';
import { SitePages } from '../branding/site-pages.service';
import { wantsJson } from '../common/http/accepts-json';
import { setFlash, takeFlash } from '../common/http/flash';
import { parseForm, type FieldErrors } from '../common/http/form';
import { memberOrLogin, type Member } from '../common/member-access';
import { RateLimiter } from '../common/rate-limiter';
import type { AppCls } from '../common/request-context';
import { ProfilesService } from '../profiles/profiles.service';
import { avatarView } from '../profiles/profile-views';
import { assertId, errorList, found, LIMITS, localeFrom } from './connecting-http';
import { formatDateTime, messageParagraphs } from './connecting-views';
import type { Message } from './conversations.repository';
import { ConversationsService, INBOX_PAGE_SIZE, type Thread } from './conversations.service';
import { ArchiveForm, MessageForm } from './engagements.forms';

const MESSAGE_ID = /^\d{1,18}$/;

function pageNumber(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, n);
}

/**
 * The inbox and the threads. Only the two participants ever get a thread:
 * every route asks the service as the viewer, and anything else is a 404.
 * Sending is a plain form POST; with JavaScript on, the thread also sends and
 * refreshes in place through the same routes (JSON when asked for).
 */
@Controller()
export class ConversationsController {
  constructor(
    @Inject(ConversationsService) private readonly conversations: ConversationsService,
    @Inject(ProfilesService) private readonly profiles: ProfilesService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private messageView(m: Message, viewerId: string, locale: string) {
    return {
      id: m.id,
      mine: m.senderId === viewerId,
      at: formatDateTime(locale, m.createdAt),
      iso: new Date(m.createdAt).toISOString(),
      paragraphs: messageParagraphs(m.body),
    };
  }

  @Get('messages')
  async inbox(
    @Req() req: Request,
    @Res() res: Response,
    @Query('archived') archivedParam?: string,
    @Query('page') pageParam?: string,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res);
    if (!member) return;
    const locale = localeFrom(this.cls);
    const archived = archivedParam === '1';
    const page = pageNumber(pageParam);
    const rows = await this.conversations.inbox(member.viewer.id, archived, page);
    const shown = rows.slice(0, INBOX_PAGE_SIZE);
    const avatars = await this.profiles.avatarDigests(shown.map((r) => r.otherId));
    const base = archived ? '/messages?archived=1&' : '/messages?';
    this.pages.send(req, res, 'messages', {
      inbox: {
        notice: takeFlash(req),
        archived,
        items: shown.map((r) => ({
          id: r.id,
          otherName: r.otherName,
          avatar: avatarView({ id: r.otherId, name: r.otherName }, avatars.get(r.otherId) ?? null),
          at: formatDateTime(locale, r.lastMessageAt),
          preview: r.preview,
          lastFromMe: r.lastFromMe,
          unread: r.unread,
        })),
        prev: page > 1 ? `${base}page=${page - 1}` : null,
        next: rows.length > INBOX_PAGE_SIZE ? `${base}page=${page + 1}` : null,
      },
    });
  }

  @Get('messages/:id')
  async thread(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Query('before') before?: string,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res);
    if (!member) return;
    assertId(id);
    const beforeId = typeof before === 'string' && MESSAGE_ID.test(before) ? before : undefined;
    const thread = found(await this.conversations.thread(member.viewer.id, id, beforeId));
    this.renderThread(req, res, member, thread, beforeId);
  }

  private renderThread(
    req: Request,
    res: Response,
    member: Member,
    thread: Thread,
    beforeId?: string,
    typed = '',
    errors: FieldErrors = {},
  ): void {
    const locale = localeFrom(this.cls);
    const { head } = thread;
    const messages = thread.messages.map((m) => this.messageView(m, member.viewer.id, locale));
    const last = thread.messages.at(-1);
    this.pages.send(
      req,
      res,
      'conversation',
      {
        thread: {
          id: head.id,
          notice: takeFlash(req),
          other: { id: head.otherId, name: head.otherName },
          archived: head.archived,
          // Neither side learns who blocked whom beyond "you cannot write here".
          canWrite: !head.blocked && head.otherActive,
          blockedByMe: head.blocked === 'by-me',
          messages,
          older: thread.hasOlder ? `/messages/${head.id}?before=${thread.messages[0].id}` : null,
          newer: beforeId ? `/messages/${head.id}` : null,
          lastId: last?.id ?? '0',
          live: !beforeId,
          script: scriptUrl('conversation'),
          body: typed,
          errors,
          errorList: errorList(errors),
        },
      },
      Object.keys(errors).length > 0 ? 422 : 200,
    );
  }

  @Post('messages/:id')
  async send(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    const { value, errors } = parseForm(MessageForm, body);
    if (Object.keys(errors).length > 0) {
      if (wantsJson(req)) {
        res.status(422).json({ code: 'INVALID_MESSAGE', message: errors.body });
        return;
      }
      const thread = found(await this.conversations.thread(member.viewer.id, id));
      return this.renderThread(req, res, member, thread, undefined, value.body, errors);
    }
    await this.limiter.consume(LIMITS.messages(member.tenant.id, member.viewer.id));
    const sent = found(await this.conversations.send(member.tenant, member.viewer, id, value.body));
    if (sent.kind === 'blocked') {
      if (wantsJson(req)) {
        res.status(409).json({ code: 'CONVERSATION_CLOSED', message: 'messages.closed' });
        return;
      }
      setFlash(req, 'messages.closed');
      return res.redirect(303, `/messages/${id}`);
    }
    if (wantsJson(req)) {
      res.status(201).json({ id: sent.messageId });
      return;
    }
    res.redirect(303, `/messages/${id}#m${sent.messageId}`);
  }

  /** New messages since `after`, for the thread refreshing itself. */
  @Get('messages/:id/after/:after')
  async after(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Param('after') after: string,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res);
    if (!member) return;
    assertId(id);
    if (!MESSAGE_ID.test(after)) throw new AppException(ErrorCode.NOT_FOUND);
    const rows = found(await this.conversations.after(member.viewer.id, id, after));
    const locale = localeFrom(this.cls);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ messages: rows.map((m) => this.messageView(m, member.viewer.id, locale)) });
  }

  @Post('messages/:id/archive')
  async archive(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    const { value, errors } = parseForm(ArchiveForm, body);
    if (errors.archived) return void res.redirect(303, `/messages/${id}`);
    const archived = value.archived === '1';
    if (!(await this.conversations.archive(member.viewer.id, id, archived)))
      throw new AppException(ErrorCode.NOT_FOUND);
    setFlash(req, archived ? 'messages.archivedNotice' : 'messages.restoredNotice');
    res.redirect(303, archived ? '/messages' : `/messages/${id}`);
  }
}
