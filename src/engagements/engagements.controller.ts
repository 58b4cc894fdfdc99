import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import { isIsoDate, isoDate } from '../common/clock';
import { AppException, ErrorCode } from '../common/app-exception';
import { setFlash, takeFlash } from '../common/http/flash';
import { parseForm, type FieldErrors } from '../common/http/form';
import { memberOrLogin, type Member } from '../common/member-access';
import { RateLimiter } from '../common/rate-limiter';
import { requireTenant, type AppCls } from '../common/request-context';
import { taxonomyFor } from '../profiles/profiles.service';
import { isCode } from '../profiles/taxonomy';
import { assertId, errorList, found, LIMITS, localeFrom } from './connecting-http';
import { formatDate, formatDateTime } from './connecting-views';
import {
  CheckinForm,
  EmptyForm,
  EndForm,
  FeedbackForm,
  GoalForm,
  GoalProgressForm,
  MeetingForm,
} from './engagements.forms';
import {
  END_REASONS,
  FEELINGS,
  type EndReason,
  type Engagement,
  type Feeling,
} from './engagements.repository';
import { EngagementsService, type EngagementDetail } from './engagements.service';
import { answererOf, RequestsService } from './requests.service';

const MAX_TOPICS = 6;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const feelingOptions = () => FEELINGS.map((f) => ({ code: f, label: `checkin.feeling.${f}` }));

type Section = 'meeting' | 'goal' | 'feedback' | 'end';

/**
 * The mentoring hub (requests waiting, sent, engagements), one engagement's
 * page (meetings, goals, check-in, closing, feedback), and the one-click
 * check-in answer page reached from mail without logging in.
 */
@Controller()
export class EngagementsController {
  constructor(
    @Inject(EngagementsService) private readonly engagements: EngagementsService,
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    private readonly cls: ClsService<AppCls>,
  ) {}

  @Get('mentoring')
  async hub(@Req() req: Request, @Res() res: Response): Promise<void> {
    const member = memberOrLogin(this.cls, req, res);
    if (!member) return;
    const me = member.viewer.id;
    const locale = localeFrom(this.cls);
    const requests = await this.requests.list(me);
    const engagements = await this.engagements.list(me);
    const isMentor = member.viewer.roles.includes('mentor');
    const held = isMentor && (await this.engagements.isHeld(me));
    const time = isMentor ? await this.engagements.mentoringTime(me) : null;
    const requestView = (r: (typeof requests)[number]) => {
      const iAmMentor = r.mentorId === me;
      return {
        id: r.id,
        otherName: iAmMentor ? r.entrepreneurName : r.mentorName,
        invited: r.initiatedBy === 'mentor',
        status: r.status,
        statusLabel: `request.status.${r.status}`,
        sentAt: formatDateTime(locale, r.createdAt),
        expiresOn: formatDate(locale, r.expiresAt),
      };
    };
    const engagementView = (e: Engagement) => ({
      id: e.id,
      otherName: e.mentorId === me ? e.entrepreneurName : e.mentorName,
      asMentor: e.mentorId === me,
      status: e.status,
      since: formatDate(locale, e.startedAt),
      ended: e.endedAt ? formatDate(locale, e.endedAt) : null,
    });
    const open = requests.filter((r) => r.status === 'open');
    this.pages.send(req, res, 'mentoring', {
      hub: {
        notice: takeFlash(req),
        held,
        // The volunteering record (what corporate programmes report as hours).
        time:
          time && time.meetings > 0
            ? { hours: Math.round((time.minutes / 60) * 10) / 10, meetings: time.meetings }
            : null,
        isEntrepreneur: member.viewer.roles.includes('entrepreneur'),
        waiting: open.filter((r) => answererOf(r) === me).map(requestView),
        sent: open.filter((r) => answererOf(r) !== me).map(requestView),
        answered: requests
          .filter((r) => r.status !== 'open' && r.status !== 'accepted')
          .slice(0, 20)
          .map(requestView),
        active: engagements.filter((e) => e.status === 'active').map(engagementView),
        past: engagements.filter((e) => e.status !== 'active').map(engagementView),
      },
    });
  }

  @Get('engagements')
  list(@Res() res: Response): void {
    res.redirect(303, '/mentoring');
  }

  /** A mentor held after silence says they continue. */
  @Post('mentoring/continue')
  async continueMentoring(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, 'mentor')!;
    parseForm(EmptyForm, body);
    const released = await this.engagements.release(member.viewer.id);
    setFlash(req, released ? 'mentoring.continued' : 'mentoring.notHeld');
    res.redirect(303, '/mentoring');
  }

  @Get('engagements/:id')
  async show(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const member = memberOrLogin(this.cls, req, res);
    if (!member) return;
    assertId(id);
    const detail = found(await this.engagements.detail(member.viewer.id, id));
    this.render(req, res, member, detail);
  }

  private render(
    req: Request,
    res: Response,
    member: Member,
    d: EngagementDetail,
    failed?: { section: Section; errors: FieldErrors; values: Record<string, unknown> },
  ): void {
    const locale = localeFrom(this.cls);
    const taxonomy = taxonomyFor(member.tenant, locale);
    const me = member.viewer.id;
    const e = d.engagement;
    const asMentor = e.mentorId === me;
    const features = member.tenant.config.programme.features;
    const active = e.status === 'active';
    const names = new Map([
      [e.mentorId, e.mentorName],
      [e.entrepreneurId, e.entrepreneurName],
    ]);
    const errorsOf = (section: Section) =>
      failed?.section === section ? failed.errors : ({} as FieldErrors);
    // What each form shows again after a mistake; empty fields otherwise.
    const blank: Record<Section, Record<string, unknown>> = {
      meeting: { metOn: '', minutes: '', privateNote: '', way: '', topics: [] },
      goal: { title: '', targetDate: '' },
      feedback: { comment: '' },
      end: {},
    };
    const valuesOf = (section: Section) => ({
      ...blank[section],
      ...(failed?.section === section ? failed.values : {}),
    });
    const meetingValues = valuesOf('meeting');
    const chosenTopics = new Set((meetingValues.topics as string[] | undefined) ?? []);
    const chosenWay = (meetingValues.way as string | undefined) ?? '';
    this.pages.send(
      req,
      res,
      'engagement',
      {
        engagement: {
          id: e.id,
          notice: takeFlash(req),
          otherName: asMentor ? e.entrepreneurName : e.mentorName,
          otherId: asMentor ? e.entrepreneurId : e.mentorId,
          asMentor,
          active,
          status: e.status,
          since: formatDate(locale, e.startedAt),
          ended: e.endedAt ? formatDate(locale, e.endedAt) : null,
          endReason: e.endReason ? `engagement.end.${e.endReason}` : null,
          endedByMe: e.endedBy === me,
          conversationId: d.conversationId,
          meetingLog: features.meetingLog,
          goalsOn: features.goals,
          totalHours: Math.round((d.totalMinutes / 60) * 10) / 10,
          meetings: d.meetings.map((m) => ({
            metOn: formatDate(locale, m.metOn),
            minutes: m.minutes,
            way: taxonomy.label(m.way),
            topics: m.topics.length > 0 ? taxonomy.list(m.topics) : null,
            by: names.get(m.loggedBy) ?? '',
            mine: m.loggedBy === me,
            privateNote: m.privateNote || null,
          })),
          goals: d.goals.map((g) => ({
            id: g.id,
            title: g.title,
            target: g.targetDate ? formatDate(locale, g.targetDate) : null,
            progress: g.progress,
            done: g.progress === 100,
            steps: [0, 25, 50, 75, 100].map((p) => ({ value: p, current: p === g.progress })),
          })),
          checkin: d.openCheckin ? { feelings: feelingOptions() } : null,
          ratings: [1, 2, 3, 4, 5],
          lastCheckins: d.lastCheckins.map((c) => ({
            by: names.get(c.memberId) ?? '',
            mine: c.memberId === me,
            met: c.met,
            feeling: c.feeling ? `checkin.feeling.${c.feeling}` : null,
            at: formatDate(locale, c.answeredAt!),
          })),
          myFeedback: d.myFeedback,
          theirFeedback: d.theirFeedback,
          theirFeedbackWaiting: d.theirFeedbackWaiting,
          canGiveFeedback: !active && !d.myFeedback,
          endReasons: END_REASONS.map((code) => ({ code, label: `engagement.end.${code}` })),
          ways: taxonomy
            .options('meetingWays')
            .map((o) => ({ ...o, selected: o.code === chosenWay })),
          // Topics at the level of areas: a dozen boxes, not sixty.
          topics: taxonomy.expertise().map((a) => ({
            code: a.code,
            label: a.label,
            checked: chosenTopics.has(a.code),
          })),
          today: isoDate(this.engagements.now()),
          meetingForm: { errors: errorsOf('meeting'), values: meetingValues },
          goalForm: { errors: errorsOf('goal'), values: valuesOf('goal') },
          feedbackForm: { errors: errorsOf('feedback'), values: valuesOf('feedback') },
          errorList: failed ? errorList(failed.errors) : [],
        },
      },
      failed ? 422 : 200,
    );
  }

  /** After a change: back to the page with a notice (404 when the engagement is not the viewer's). */
  private after(req: Request, res: Response, id: string, outcome: unknown, notice: string): void {
    if (outcome === null) throw new AppException(ErrorCode.NOT_FOUND);
    setFlash(req, outcome === 'ended' ? 'engagement.alreadyEnded' : notice);
    res.redirect(303, `/engagements/${id}`);
  }

  private async invalid(
    req: Request,
    res: Response,
    member: Member,
    id: string,
    section: Section,
    errors: FieldErrors,
    values: Record<string, unknown>,
  ): Promise<void> {
    const detail = found(await this.engagements.detail(member.viewer.id, id));
    this.render(req, res, member, detail, { section, errors, values });
  }

  @Post('engagements/:id/meetings')
  async logMeeting(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    if (!member.tenant.config.programme.features.meetingLog)
      throw new AppException(ErrorCode.NOT_FOUND);
    const { value, errors } = parseForm(MeetingForm, body);
    const today = isoDate(this.engagements.now());
    if (!isIsoDate(value.metOn) || value.metOn > today) errors.metOn = 'engagement.error.metOn';
    if (!isCode('meetingWays', value.way)) errors.way = 'engagement.error.way';
    const topics = [...new Set(value.topics)];
    if (topics.length > MAX_TOPICS || topics.some((t) => !isCode('expertise', t)))
      errors.topics = 'engagement.error.topics';
    if (Object.keys(errors).length > 0)
      return this.invalid(req, res, member, id, 'meeting', errors, { ...value, topics });
    const outcome = await this.engagements.logMeeting(member.tenant, member.viewer.id, id, {
      metOn: value.metOn,
      minutes: value.minutes,
      way: value.way,
      topics,
      privateNote: value.privateNote ?? '',
    });
    return this.after(req, res, id, outcome, 'engagement.meetingLogged');
  }

  @Post('engagements/:id/goals')
  async addGoal(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    if (!member.tenant.config.programme.features.goals) throw new AppException(ErrorCode.NOT_FOUND);
    const { value, errors } = parseForm(GoalForm, body);
    const targetDate = value.targetDate || null;
    if (targetDate !== null && !isIsoDate(targetDate)) errors.targetDate = 'form.error.date';
    if (Object.keys(errors).length > 0)
      return this.invalid(req, res, member, id, 'goal', errors, { ...value });
    const outcome = await this.engagements.addGoal(member.tenant, member.viewer.id, id, {
      title: value.title,
      targetDate,
    });
    return this.after(req, res, id, outcome, 'engagement.goalAdded');
  }

  @Post('engagements/:id/goals/:goalId')
  async goalProgress(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Param('goalId') goalId: string,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    assertId(goalId);
    const { value, errors } = parseForm(GoalProgressForm, body);
    if (errors.progress) throw new AppException(ErrorCode.BAD_REQUEST, 'progress: 0 to 100');
    const outcome = await this.engagements.setGoalProgress(
      member.viewer.id,
      id,
      goalId,
      value.progress,
    );
    // A goal id from another engagement is as missing as any other.
    return this.after(req, res, id, outcome === false ? null : outcome, 'engagement.goalUpdated');
  }

  @Post('engagements/:id/end')
  async end(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    const { value, errors } = parseForm(EndForm, body);
    if (errors.reason) return this.invalid(req, res, member, id, 'end', errors, {});
    const outcome = await this.engagements.end(
      member.tenant,
      member.viewer.id,
      id,
      value.reason as EndReason,
    );
    return this.after(req, res, id, outcome, 'engagement.ended');
  }

  @Post('engagements/:id/feedback')
  async feedback(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    const { value, errors } = parseForm(FeedbackForm, body);
    if (Object.keys(errors).length > 0)
      return this.invalid(req, res, member, id, 'feedback', errors, { ...value });
    const outcome = await this.engagements.giveFeedback(member.tenant, member.viewer.id, id, {
      rating: value.rating,
      comment: value.comment ?? '',
    });
    if (outcome === null) throw new AppException(ErrorCode.NOT_FOUND);
    setFlash(
      req,
      outcome === 'ok'
        ? 'engagement.feedbackThanks'
        : outcome === 'given'
          ? 'engagement.feedbackGiven'
          : 'engagement.feedbackEarly',
    );
    res.redirect(303, `/engagements/${id}`);
  }

  /** Answering the current check-in from the engagement page (signed in). */
  @Post('engagements/:id/checkin')
  async checkinSignedIn(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res)!;
    assertId(id);
    const { value, errors } = parseForm(CheckinForm, body);
    if (Object.keys(errors).length > 0)
      throw new AppException(ErrorCode.BAD_REQUEST, 'check-in: met yes|no');
    const ok = found(
      await this.engagements.answerOwnCheckin(member.viewer.id, id, {
        met: value.met === 'yes',
        feeling: (value.feeling || null) as Feeling | null,
      }),
    );
    setFlash(req, ok ? 'checkin.thanks' : 'checkin.used');
    res.redirect(303, `/engagements/${id}`);
  }

  /** The page a check-in mail links to: the answer clicked is preselected, one press sends it. */
  @Get('checkins/:token')
  async checkinPage(
    @Req() req: Request,
    @Res() res: Response,
    @Param('token') token: string,
    @Query('met') met?: string,
  ): Promise<void> {
    requireTenant(this.cls);
    await this.limiter.consume(LIMITS.checkins(requireTenant(this.cls).id, req.ip ?? ''));
    const checkin = TOKEN.test(token) ? await this.engagements.checkinByToken(token) : null;
    const usable =
      checkin && !checkin.answeredAt && new Date(checkin.expiresAt) > this.engagements.now();
    this.pages.send(
      req,
      res,
      'checkin',
      {
        checkin: {
          usable: !!usable,
          action: `/checkins/${token}`,
          otherName: checkin?.otherName ?? '',
          met: met === 'no' ? 'no' : 'yes',
          metYes: met !== 'no',
          feelings: feelingOptions(),
        },
      },
      usable ? 200 : 410,
    );
  }

  @Post('checkins/:token')
  async checkinAnswer(
    @Req() req: Request,
    @Res() res: Response,
    @Param('token') token: string,
    @Body() body: unknown,
  ): Promise<void> {
    requireTenant(this.cls);
    await this.limiter.consume(LIMITS.checkins(requireTenant(this.cls).id, req.ip ?? ''));
    const { value, errors } = parseForm(CheckinForm, body);
    const checkin = TOKEN.test(token) ? await this.engagements.checkinByToken(token) : null;
    if (!checkin || Object.keys(errors).length > 0)
      return void res.redirect(303, `/checkins/${token}`);
    const ok = await this.engagements.answerCheckin(checkin.id, checkin.memberId, {
      met: value.met === 'yes',
      feeling: (value.feeling || null) as Feeling | null,
    });
    this.pages.notice(req, res, {
      titleKey: ok ? 'checkin.thanksTitle' : 'checkin.usedTitle',
      bodyKey: ok ? 'checkin.thanks' : 'checkin.used',
    });
  }
}
