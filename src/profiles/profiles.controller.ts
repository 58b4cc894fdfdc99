import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { SitePages } from '../branding/site-pages.service';
import type { LocaleCode } from '../branding/theme-contract';
import { AppException, ErrorCode } from '../common/app-exception';
import { parseForm, type FieldErrors } from '../common/http/form';
import { memberOrLogin, type Member } from '../common/member-access';
import { RateLimiter } from '../common/rate-limiter';
import { requireTenant, type AppCls } from '../common/request-context';
import { responsivenessView } from '../engagements/connecting-views';
import { SafetyService } from '../engagements/safety.service';
import { takeFlash } from '../common/http/flash';
import { MatchingService } from '../matching/matching.service';
import { presentExplanation } from '../matching/matching-views';
import {
  emptyEntrepreneurProfile,
  emptyMentorProfile,
  type EntrepreneurProfile,
  type MentorProfile,
} from './profile';
import {
  checkEntrepreneurForm,
  checkMentorForm,
  entrepreneurCompleteness,
  mentorCompleteness,
} from './profile-input';
import {
  avatarView,
  entrepreneurFormView,
  entrepreneurView,
  mentorFormView,
  mentorView,
} from './profile-views';
import { EntrepreneurProfileForm, MentorProfileForm } from './profiles.forms';
import { AVATAR_MAX_BYTES, ProfilesService, taxonomyFor } from './profiles.service';

type Flash = { profileFlash?: string };
/** Set by the upload middleware: the file, or why there is none. */
export type AvatarUpload = { file?: { buffer: Buffer }; avatarError?: 'size' | 'missing' };

/** Own-profile routes are open to members still waiting for approval. */
const OWN = { allowPending: true };
const today = () => new Date().toISOString().slice(0, 10);

function errorList(errors: FieldErrors) {
  return Object.entries(errors).map(([field, message]) => ({ field, message }));
}

/**
 * A member's own profile (view, edit, photo) and other members' profiles.
 * Profiles are for signed-in members of the same tenant only.
 */
@Controller()
export class ProfilesController {
  constructor(
    @Inject(ProfilesService) private readonly profiles: ProfilesService,
    @Inject(MatchingService) private readonly matching: MatchingService,
    @Inject(SitePages) private readonly pages: SitePages,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(SafetyService) private readonly safety: SafetyService,
    private readonly cls: ClsService<AppCls>,
  ) {}

  private locale(): LocaleCode {
    return this.cls.get('locale') ?? requireTenant(this.cls).config.locale.default;
  }

  private takeFlash(req: Request): string | null {
    const flash = (req.session as unknown as Flash).profileFlash ?? null;
    delete (req.session as unknown as Flash).profileFlash;
    return flash;
  }

  private done(req: Request, res: Response, notice: string, to = '/profile'): void {
    (req.session as unknown as Flash).profileFlash = notice;
    res.redirect(303, to);
  }

  @Get('profile')
  async own(@Req() req: Request, @Res() res: Response): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, undefined, OWN);
    if (!member) return;
    const person = await this.profiles.person(member.viewer.id, true);
    if (!person) throw new AppException(ErrorCode.NOT_FOUND);
    const taxonomy = taxonomyFor(member.tenant, this.locale());
    const isMentor = person.roles.includes('mentor');
    const isEntrepreneur = person.roles.includes('entrepreneur');
    this.pages.send(req, res, 'profile', {
      profile: {
        name: person.name,
        avatar: avatarView(person, person.avatarDigest),
        avatarMaxKb: AVATAR_MAX_BYTES / 1024,
        selfAssessment: member.tenant.config.programme.features.selfAssessment,
        notice: this.takeFlash(req),
        mentor: isMentor && person.mentor ? mentorView(person.mentor, taxonomy, today()) : null,
        entrepreneur:
          isEntrepreneur && person.entrepreneur
            ? entrepreneurView(person.entrepreneur, taxonomy)
            : null,
        mentorCompleteness: isMentor ? mentorCompleteness(person.mentor) : null,
        entrepreneurCompleteness: isEntrepreneur
          ? entrepreneurCompleteness(person.entrepreneur)
          : null,
      },
    });
  }

  @Get('profile/edit')
  async edit(@Req() req: Request, @Res() res: Response, @Query('as') as?: string): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, undefined, OWN);
    if (!member) return;
    const role = this.editableRole(member, as);
    if (role === 'mentor') {
      const saved = await this.profiles.mentor(member.viewer.id);
      return this.renderMentorForm(req, res, member, saved);
    }
    const saved = await this.profiles.entrepreneur(member.viewer.id);
    return this.renderEntrepreneurForm(req, res, member, saved);
  }

  /** The role whose profile is edited: asked for and held, or the first held. */
  private editableRole(member: Member, as: unknown): 'mentor' | 'entrepreneur' {
    const roles = member.viewer.roles;
    if ((as === 'mentor' || as === 'entrepreneur') && roles.includes(as)) return as;
    if (as !== undefined && as !== '') throw new AppException(ErrorCode.NOT_FOUND);
    if (roles.includes('mentor')) return 'mentor';
    if (roles.includes('entrepreneur')) return 'entrepreneur';
    throw new AppException(ErrorCode.NOT_FOUND);
  }

  private renderMentorForm(
    req: Request,
    res: Response,
    member: Member,
    values: Omit<MentorProfile, 'userId' | 'activeCount' | 'createdAt'> | null,
    errors: FieldErrors = {},
  ): void {
    const rules = member.tenant.config.programme.mentorCapacity;
    const taxonomy = taxonomyFor(member.tenant, this.locale());
    this.pages.send(
      req,
      res,
      'profile-mentor',
      {
        form: {
          ...mentorFormView(
            values ?? emptyMentorProfile(rules.default, this.locale()),
            taxonomy,
            rules.maximum,
          ),
          errors,
          errorList: errorList(errors),
          domains: '',
          isCorporate: member.tenant.config.kind === 'corporate',
        },
      },
      Object.keys(errors).length > 0 ? 422 : 200,
    );
  }

  private renderEntrepreneurForm(
    req: Request,
    res: Response,
    member: Member,
    values: Omit<EntrepreneurProfile, 'userId'> | null,
    errors: FieldErrors = {},
  ): void {
    const taxonomy = taxonomyFor(member.tenant, this.locale());
    this.pages.send(
      req,
      res,
      'profile-entrepreneur',
      {
        form: {
          ...entrepreneurFormView(values ?? emptyEntrepreneurProfile(this.locale()), taxonomy),
          errors,
          errorList: errorList(errors),
          domains: '',
          selfAssessment: member.tenant.config.programme.features.selfAssessment,
        },
      },
      Object.keys(errors).length > 0 ? 422 : 200,
    );
  }

  @Post('profile/mentor')
  async saveMentor(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, 'mentor', OWN)!;
    const { value: form, errors } = parseForm(MentorProfileForm, body);
    const saveErrors =
      Object.keys(errors).length > 0
        ? errors
        : await this.profiles.saveMentor(member.tenant, member.viewer, form, this.locale());
    if (Object.keys(saveErrors).length === 0) return this.done(req, res, 'profile.saved');
    // Shown again with what was typed; nothing saved before is touched.
    const shown = checkMentorForm(
      form,
      member.tenant,
      taxonomyFor(member.tenant, this.locale()),
      today(),
    );
    this.renderMentorForm(req, res, member, shown.value, saveErrors);
  }

  @Post('profile/business')
  async saveEntrepreneur(
    @Req() req: Request,
    @Res() res: Response,
    @Body() body: unknown,
  ): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, 'entrepreneur', OWN)!;
    const { value: form, errors } = parseForm(EntrepreneurProfileForm, body);
    const saveErrors =
      Object.keys(errors).length > 0
        ? errors
        : await this.profiles.saveEntrepreneur(member.tenant, member.viewer, form, this.locale());
    if (Object.keys(saveErrors).length === 0) return this.done(req, res, 'profile.saved');
    const shown = checkEntrepreneurForm(
      form,
      taxonomyFor(member.tenant, this.locale()),
      new Date().getUTCFullYear(),
    );
    this.renderEntrepreneurForm(req, res, member, shown.value, saveErrors);
  }

  @Post('profile/avatar')
  async uploadAvatar(@Req() req: Request, @Res() res: Response): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, undefined, OWN)!;
    await this.limiter.consume([
      { key: `${member.tenant.id}:avatar:${member.viewer.id}`, limit: 20, windowSeconds: 3600 },
    ]);
    const upload = req as unknown as AvatarUpload;
    if (upload.avatarError === 'size') return this.done(req, res, 'profile.avatar.tooLarge');
    if (!upload.file || upload.file.buffer.length === 0) {
      return this.done(req, res, 'profile.avatar.missing');
    }
    const result = await this.profiles.saveAvatar(
      member.tenant,
      member.viewer.id,
      upload.file.buffer,
    );
    const notices = {
      ok: 'profile.avatar.saved',
      type: 'profile.avatar.wrongType',
      size: 'profile.avatar.tooLarge',
    } as const;
    this.done(req, res, notices[result]);
  }

  @Post('profile/avatar/delete')
  async deleteAvatar(@Req() req: Request, @Res() res: Response): Promise<void> {
    const member = memberOrLogin(this.cls, req, res, undefined, OWN)!;
    await this.profiles.deleteAvatar(member.viewer.id);
    this.done(req, res, 'profile.avatar.deleted');
  }

  /** A member's photo, for signed-in members of the same tenant; the digest in the URL makes it cacheable. */
  @Get('avatars/:id/:digest')
  async avatar(
    @Req() req: Request,
    @Res() res: Response,
    @Param('id') id: string,
    @Param('digest') digest: string,
  ): Promise<void> {
    requireTenant(this.cls);
    const viewer = this.cls.get('viewer');
    // Members see each other's photos; someone awaiting approval sees their own.
    const allowed =
      viewer?.status === 'active' || (viewer?.status === 'pending_approval' && viewer.id === id);
    if (!viewer || !allowed || !isUUID(id)) {
      throw new AppException(ErrorCode.NOT_FOUND);
    }
    const avatar = await this.profiles.avatar(id);
    if (!avatar || avatar.digest !== digest) throw new AppException(ErrorCode.NOT_FOUND);
    res.setHeader('Content-Type', avatar.contentType);
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('Content-Disposition', 'inline; filename="avatar"');
    res.end(avatar.bytes);
  }

  @Get('people/:id')
  async person(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const member = memberOrLogin(this.cls, req, res);
    if (!member) return;
    if (!isUUID(id)) throw new AppException(ErrorCode.NOT_FOUND);
    if (id === member.viewer.id) return res.redirect(303, '/profile');
    const person = await this.profiles.person(id);
    // Only mentors and entrepreneurs have a profile page; another tenant's member is simply not found.
    if (!person || (!person.mentor && !person.entrepreneur)) {
      throw new AppException(ErrorCode.NOT_FOUND);
    }
    const locale = this.locale();
    const taxonomy = taxonomyFor(member.tenant, locale);
    const showMatch = person.mentor && member.viewer.roles.includes('entrepreneur');
    const explanation = showMatch
      ? await this.matching.explainOne(member.tenant, { id: member.viewer.id, locale }, id, locale)
      : null;
    const viewer = member.viewer;
    const features = member.tenant.config.programme.features;
    this.pages.send(req, res, 'person', {
      person: {
        id,
        notice: takeFlash(req),
        canAsk: !!person.mentor && viewer.roles.includes('entrepreneur'),
        canInvite:
          !!person.entrepreneur &&
          viewer.roles.includes('mentor') &&
          features.mentorInvitesEntrepreneurs,
        blockedByMe: await this.safety.isBlocked(viewer.id, id),
        responsiveness: person.mentor
          ? responsivenessView(
              person.mentor.replyHours ?? null,
              person.mentor.lastActiveAt ?? null,
              new Date(),
            )
          : null,
        name: person.name,
        avatar: avatarView(person, person.avatarDigest),
        mentor: person.mentor ? mentorView(person.mentor, taxonomy, today()) : null,
        entrepreneur: person.entrepreneur ? entrepreneurView(person.entrepreneur, taxonomy) : null,
        match: explanation ? presentExplanation(explanation) : null,
      },
    });
  }
}
