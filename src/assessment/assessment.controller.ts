import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import type { LocaleCode } from '../branding/theme-contract';
import { AppException, ErrorCode } from '../common/app-exception';
import { memberOrLogin, type Member } from '../common/member-access';
import { requireTenant, type AppCls } from '../common/request-context';
import { ProfilesService, taxonomyFor } from '../profiles/profiles.service';
import { isCode } from '../profiles/taxonomy';
import { chartView } from './assessment-chart';
import { AssessmentService, type AssessmentRecord } from './assessment.service';
import {
  MAX_MORE_NEEDS,
  MAX_TOP_NEEDS,
  pick,
  questionnaireFor,
  weakAreas,
  type Answers,
} from './scoring';

type Flash = { assessmentFlash?: string };
const asList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );

/**
 * The business self-assessment, for entrepreneurs: answer (in one sitting or
 * saved and resumed), see the scores and the weak areas explained, accept
 * the proposed needs into the profile, and compare with earlier results.
 */
@Controller('assessment')
export class AssessmentController {
  constructor(
    @Inject(AssessmentService) private readonly assessments: AssessmentService,
    @Inject(ProfilesService) private readonly profiles: ProfilesService,
    @Inject(SitePages) private readonly pages: SitePages,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private member(req: Request, res: Response): Member | null {
    const member = memberOrLogin(this.cls, req, res, 'entrepreneur');
    if (member && !member.tenant.config.programme.features.selfAssessment) {
      throw new AppException(ErrorCode.NOT_FOUND);
    }
    return member;
  }

  private locale(): LocaleCode {
    return this.cls.get('locale') ?? requireTenant(this.cls).config.locale.default;
  }

  private areaLabel(member: Member, area: string): string {
    return taxonomyFor(member.tenant, this.locale()).label(area);
  }

  @Get()
  async overview(@Req() req: Request, @Res() res: Response): Promise<void> {
    const member = this.member(req, res);
    if (!member) return;
    const [history, draft] = await Promise.all([
      this.assessments.history(member.viewer.id),
      this.assessments.draft(member.tenant, member.viewer.id),
    ]);
    const q = questionnaireFor(member.tenant.config.programme);
    const total = q.areas.reduce((n, a) => n + a.questions.length, 0);
    const date = new Intl.DateTimeFormat(this.locale(), { dateStyle: 'medium' });
    const flash = (req.session as unknown as Flash).assessmentFlash ?? null;
    delete (req.session as unknown as Flash).assessmentFlash;
    this.pages.send(req, res, 'assessment', {
      assessment: {
        notice: flash,
        areas: q.areas.length,
        questions: total,
        answered: Object.keys(draft).length,
        hasDraft: Object.keys(draft).length > 0,
        history: [...history].reverse().map((h) => ({
          id: h.id,
          date: h.completedAt ? date.format(h.completedAt) : '',
          average: average(h),
        })),
      },
    });
  }

  @Get('take')
  async take(@Req() req: Request, @Res() res: Response): Promise<void> {
    const member = this.member(req, res);
    if (!member) return;
    const answers = await this.assessments.draft(member.tenant, member.viewer.id);
    this.renderForm(req, res, member, answers, []);
  }

  private renderForm(
    req: Request,
    res: Response,
    member: Member,
    answers: Answers,
    missing: string[],
  ): void {
    const locale = this.locale();
    const q = questionnaireFor(member.tenant.config.programme);
    const unanswered = new Set(missing);
    const firstMissing = missing[0] ?? null;
    this.pages.send(
      req,
      res,
      'assessment-take',
      {
        form: {
          errors: {},
          errorList: firstMissing
            ? [{ field: `q-${firstMissing}-1`, message: 'assessment.error.unanswered' }]
            : [],
          domains: '',
          missingCount: missing.length,
          areas: q.areas.map((area) => ({
            title: this.areaLabel(member, area.area),
            questions: area.questions.map((question) => ({
              id: question.id,
              text: pick(question.text, locale),
              missing: unanswered.has(question.id),
              options: q.scale.map((anchor, i) => ({
                value: i + 1,
                label: pick(anchor, locale),
                checked: answers[question.id] === i + 1,
              })),
            })),
          })),
        },
      },
      missing.length > 0 ? 422 : 200,
    );
  }

  @Post('take')
  async submit(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const member = this.member(req, res)!;
    const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const answers: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key.startsWith('q_')) answers[key.slice(2)] = value;
    }
    const finish = raw.action === 'finish';
    const result = await this.assessments.submit(member.tenant, member.viewer.id, answers, finish);
    switch (result.kind) {
      case 'saved':
        (req.session as unknown as Flash).assessmentFlash = 'assessment.saved';
        return res.redirect(303, '/assessment');
      case 'incomplete': {
        const draft = await this.assessments.draft(member.tenant, member.viewer.id);
        return this.renderForm(req, res, member, draft, result.missing);
      }
      case 'completed':
        return res.redirect(303, `/assessment/results/${result.id}`);
    }
  }

  @Get('results/:id')
  async results(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const member = this.member(req, res);
    if (!member) return;
    // The person's own completed results, oldest first: this one and the one before it.
    const history = isUUID(id) ? await this.assessments.history(member.viewer.id) : [];
    const index = history.findIndex((h) => h.id === id);
    const record = history[index];
    if (!record?.scores) throw new AppException(ErrorCode.NOT_FOUND);
    const previous = index > 0 ? history[index - 1] : null;
    const locale = this.locale();
    const q = questionnaireFor(member.tenant.config.programme);
    const taxonomy = taxonomyFor(member.tenant, locale);
    const weak = weakAreas(q, record.scores);
    const proposedTop = record.proposedNeeds.slice(0, MAX_TOP_NEEDS);
    const profile = await this.profiles.entrepreneur(member.viewer.id);
    const option = (code: string, top: boolean) => ({
      code,
      label: taxonomy.label(code),
      top,
      checked: true,
    });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
    this.pages.send(req, res, 'assessment-results', {
      result: {
        id: record.id,
        date: record.completedAt ? date.format(record.completedAt) : '',
        previousDate: previous?.completedAt ? date.format(previous.completedAt) : null,
        chart: chartView(
          q.areas.map((a) => ({ code: a.area, label: taxonomy.label(a.area) })),
          record.scores,
          previous?.scores ?? null,
          new Set(weak),
          locale,
        ),
        weak: weak.map((area) => {
          const a = q.areas.find((x) => x.area === area)!;
          return {
            title: taxonomy.label(area),
            score: record.scores![area],
            text: pick(a.weakness, locale),
          };
        }),
        proposed: record.proposedNeeds.map((code) => option(code, proposedTop.includes(code))),
        hasProposed: record.proposedNeeds.length > 0,
        currentNeeds: profile ? taxonomy.list([...profile.needsTop, ...profile.needsMore]) : '',
      },
    });
  }

  /** The entrepreneur confirms (or trims) the proposed needs; they become the profile's needs. */
  @Post('results/:id/needs')
  async acceptNeeds(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const member = this.member(req, res)!;
    const record = isUUID(id) ? await this.assessments.result(member.viewer.id, id) : null;
    if (!record) throw new AppException(ErrorCode.NOT_FOUND);
    const form = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const chosen = new Set(asList(form.needs));
    // Only needs this result proposed, in its order: the first ones chosen are the top needs.
    const needs = record.proposedNeeds.filter((c) => chosen.has(c) && isCode('expertise', c));
    const user = { ...member.viewer, locale: this.locale() };
    await this.profiles.setNeeds(
      member.tenant,
      user,
      needs.slice(0, MAX_TOP_NEEDS),
      needs.slice(MAX_TOP_NEEDS, MAX_TOP_NEEDS + MAX_MORE_NEEDS),
    );
    (req.session as unknown as { profileFlash?: string }).profileFlash = 'assessment.needsSaved';
    res.redirect(303, '/mentors');
  }
}

function average(record: AssessmentRecord): number {
  const values = Object.values(record.scores ?? {});
  return values.length ? Math.round(values.reduce((s, v) => s + v, 0) / values.length) : 0;
}
