import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import { Translator } from '../branding/i18n/translator';
import { SitePresenter } from '../branding/site-presenter';
import { addDays, CLOCK, isIsoDate, isoDate, type Clock } from '../common/clock';
import { AppException, ErrorCode } from '../common/app-exception';
import { setFlash, takeFlash } from '../common/http/flash';
import { parseForm, type FieldErrors } from '../common/http/form';
import { memberOrLogin, type Member } from '../common/member-access';
import { RateLimiter } from '../common/rate-limiter';
import type { AppCls } from '../common/request-context';
import { mentorCardView } from '../matching/matching-views';
import { MatchingService } from '../matching/matching.service';
import { ProfilesService, taxonomyFor } from '../profiles/profiles.service';
import { avatarView } from '../profiles/profile-views';
import { assertId, errorList, found, LIMITS, localeFrom } from './connecting-http';
import { formatDate, formatDateTime, messageParagraphs } from './connecting-views';
import { DeclineRequestForm, EmptyForm, RequestForm } from './engagements.forms';
import type { DeclineReason, MentoringRequest, Party } from './requests.repository';
import { DECLINE_REASONS } from './requests.repository';
import { answererOf, RequestsService, type RequestRefusal } from './requests.service';

type Mode = 'ask' | 'invite';
/** How far ahead a mentor may pause while declining. */
const PAUSE_MAX_DAYS = 365;

/** Whitespace-insensitive: a template sent as it came is not a personal message. */
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Asking for mentoring (and mentors inviting), answering, withdrawing. An
 * entrepreneur writes a personal message, starting from a localised
 * template with tips; the mentor accepts or declines with a private reason.
 */
@Controller()
export class RequestsController {
  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(MatchingService) private readonly matching: MatchingService,
    @Inject(ProfilesService) private readonly profiles: ProfilesService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(SitePresenter) private readonly presenter: SitePresenter,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private translator(): Translator {
    const pr = this.pages.pageRequest();
    return this.presenter.translator(pr.site, pr.locale);
  }

  private template(mode: Mode, to: Party): string {
    return this.translator().t(mode === 'ask' ? 'request.template' : 'request.inviteTemplate', {
      name: to.name,
    });
  }

  @Get('mentors/:id/request')
  async askForm(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const member = memberOrLogin(this.cls, req, res, 'entrepreneur');
    if (!member) return;
    return this.compose(req, res, member, id, 'ask');
  }

  @Post('mentors/:id/request')
  async ask(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const member = memberOrLogin(this.cls, req, res, 'entrepreneur')!;
    return this.submit(req, res, member, id, 'ask', body);
  }

  @Get('people/:id/invite')
  async inviteForm(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const member = memberOrLogin(this.cls, req, res, 'mentor');
    if (!member) return;
    return this.compose(req, res, member, id, 'invite');
  }

  @Post('people/:id/invite')
  async invite(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const member = memberOrLogin(this.cls, req, res, 'mentor')!;
    return this.submit(req, res, member, id, 'invite', body);
  }

  private async counterpart(member: Member, id: string, mode: Mode): Promise<Party> {
    assertId(id);
    if (id === member.viewer.id) throw new AppException(ErrorCode.NOT_FOUND);
    if (mode === 'invite' && !member.tenant.config.programme.features.mentorInvitesEntrepreneurs)
      throw new AppException(ErrorCode.NOT_FOUND);
    return found(await this.requests.counterpart(id, mode === 'ask' ? 'mentor' : 'entrepreneur'));
  }

  private async compose(
    req: Request,
    res: Response,
    member: Member,
    id: string,
    mode: Mode,
    typed?: string,
    errors: FieldErrors = {},
    refusal?: RequestRefusal | null,
  ): Promise<void> {
    const to = await this.counterpart(member, id, mode);
    const rules = member.tenant.config.programme;
    const [entrepreneurId, mentorId] =
      mode === 'ask' ? [member.viewer.id, to.id] : [to.id, member.viewer.id];
    const pre = await this.requests.preflight(
      member.tenant,
      entrepreneurId,
      mentorId,
      mode === 'ask' ? 'entrepreneur' : 'mentor',
    );
    const digests = await this.profiles.avatarDigests([to.id]);
    const problem = refusal ?? pre.refusal;
    const status = Object.keys(errors).length > 0 ? 422 : refusal ? 409 : 200;
    this.pages.send(
      req,
      res,
      'request-new',
      {
        compose: {
          mode,
          isAsk: mode === 'ask',
          action: mode === 'ask' ? `/mentors/${to.id}/request` : `/people/${to.id}/invite`,
          to: { id: to.id, name: to.name, avatar: avatarView(to, digests.get(to.id) ?? null) },
          message: typed ?? this.template(mode, to),
          minLength: rules.requestMessageMinLength,
          open: pre.open,
          cap: rules.openRequestsPerEntrepreneur,
          expiryDays: rules.requestExpiryDays,
          refusal: problem ? `request.refused.${problem}` : null,
          errors,
          errorList: errorList(errors),
        },
      },
      status,
    );
  }

  private async submit(
    req: Request,
    res: Response,
    member: Member,
    id: string,
    mode: Mode,
    body: unknown,
  ): Promise<void> {
    const to = await this.counterpart(member, id, mode);
    const { value, errors } = parseForm(RequestForm, body);
    const min = member.tenant.config.programme.requestMessageMinLength;
    if (!errors.message && normalise(value.message) === normalise(this.template(mode, to)))
      errors.message = 'request.error.unchanged';
    else if (!errors.message && value.message.length < min)
      errors.message = 'request.error.tooShort';
    if (Object.keys(errors).length > 0)
      return this.compose(req, res, member, id, mode, value.message, errors);
    await this.limiter.consume(LIMITS.requests(member.tenant.id, member.viewer.id));
    const outcome = await this.requests.send(
      member.tenant,
      member.viewer,
      to,
      mode === 'ask' ? 'entrepreneur' : 'mentor',
      value.message,
    );
    if (outcome.kind === 'refused')
      return this.compose(req, res, member, id, mode, value.message, {}, outcome.reason);
    setFlash(req, mode === 'ask' ? 'request.sent' : 'request.invited');
    res.redirect(303, `/requests/${outcome.id}`);
  }

  @Get('requests')
  list(@Res() res: Response) {
    res.redirect(303, '/mentoring');
  }

  @Get('requests/:id')
  async show(@Req() req: Request, @Res() res: Response, @Param('id') id: string) {
    const member = memberOrLogin(this.cls, req, res);
    if (!member) return;
    assertId(id);
    const r = found(await this.requests.find(id, member.viewer.id));
    return this.render(req, res, member, r);
  }

  private async render(
    req: Request,
    res: Response,
    member: Member,
    r: MentoringRequest,
    errors: FieldErrors = {},
  ): Promise<void> {
    const locale = localeFrom(this.cls);
    const me = member.viewer.id;
    const answering = answererOf(r) === me;
    const iAmMentor = r.mentorId === me;
    const otherId = iAmMentor ? r.entrepreneurId : r.mentorId;
    const digests = await this.profiles.avatarDigests([otherId]);
    const otherName = iAmMentor ? r.entrepreneurName : r.mentorName;
    // After a no (or silence), an entrepreneur who asked sees who else fits.
    const showNext =
      !answering &&
      r.initiatedBy === 'entrepreneur' &&
      (r.status === 'declined' || r.status === 'expired');
    const next = showNext
      ? await this.matching.recommend(member.tenant, { id: me, locale }, locale, { limit: 3 })
      : null;
    const nextAvatars = next
      ? await this.profiles.avatarDigests(next.items.map((i) => i.mentor.userId))
      : new Map<string, string>();
    const taxonomy = taxonomyFor(member.tenant, locale);
    const today = isoDate(this.clock.now());
    this.pages.send(
      req,
      res,
      'request',
      {
        request: {
          id: r.id,
          notice: takeFlash(req),
          other: {
            id: otherId,
            name: otherName,
            avatar: avatarView({ id: otherId, name: otherName }, digests.get(otherId) ?? null),
          },
          invited: r.initiatedBy === 'mentor',
          fromMe: !answering,
          status: r.status,
          statusLabel: `request.status.${r.status}`,
          isOpen: r.status === 'open',
          answering: answering && r.status === 'open',
          canWithdraw: !answering && r.status === 'open',
          iAmMentor,
          // The private reason is shown to the one who gave it, never to the other side.
          declineReason: answering && r.declineReason ? `request.reason.${r.declineReason}` : null,
          sentAt: formatDateTime(locale, r.createdAt),
          expiresOn: formatDate(locale, r.expiresAt),
          paragraphs: messageParagraphs(r.message),
          engagementId: r.engagementId,
          reasons: DECLINE_REASONS.map((code) => ({ code, label: `request.reason.${code}` })),
          pauseMin: today,
          pauseMax: isoDate(addDays(this.clock.now(), PAUSE_MAX_DAYS)),
          errors,
          errorList: errorList(errors),
          showNext,
          next: next
            ? next.items.map((i) =>
                mentorCardView(
                  i.mentor,
                  i.explanation,
                  nextAvatars.get(i.mentor.userId) ?? null,
                  taxonomy,
                  true,
                ),
              )
            : null,
        },
      },
      Object.keys(errors).length > 0 ? 422 : 200,
    );
  }

  @Post('requests/:id/accept')
  async accept(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    parseForm(EmptyForm, body);
    const outcome = found(await this.requests.accept(member.tenant, member.viewer, id));
    if (outcome.kind === 'refused') {
      setFlash(req, `request.refused.${outcome.reason}`);
      return res.redirect(303, `/requests/${id}`);
    }
    setFlash(req, 'request.accepted');
    res.redirect(303, `/engagements/${outcome.id}`);
  }

  @Post('requests/:id/decline')
  async decline(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    const { value, errors } = parseForm(DeclineRequestForm, body);
    let pauseUntil: string | null = null;
    if (value.pause === 'on') {
      const now = this.clock.now();
      const max = isoDate(addDays(now, PAUSE_MAX_DAYS));
      if (
        !isIsoDate(value.pauseUntil) ||
        value.pauseUntil <= isoDate(now) ||
        value.pauseUntil > max
      )
        errors.pauseUntil = 'request.error.pauseUntil';
      else pauseUntil = value.pauseUntil;
    }
    if (Object.keys(errors).length > 0) {
      const r = found(await this.requests.find(id, member.viewer.id));
      return this.render(req, res, member, r, errors);
    }
    const outcome = found(
      await this.requests.decline(
        member.tenant,
        member.viewer,
        id,
        value.reason as DeclineReason,
        pauseUntil,
      ),
    );
    setFlash(req, outcome.kind === 'ok' ? 'request.declined' : `request.refused.${outcome.reason}`);
    res.redirect(303, outcome.kind === 'ok' ? '/mentoring' : `/requests/${id}`);
  }

  @Post('requests/:id/withdraw')
  async withdraw(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    parseForm(EmptyForm, body);
    const outcome = found(await this.requests.withdraw(member.viewer, id));
    setFlash(
      req,
      outcome.kind === 'ok' ? 'request.withdrawn' : `request.refused.${outcome.reason}`,
    );
    res.redirect(303, `/requests/${id}`);
  }
}
