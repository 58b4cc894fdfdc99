import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { END_REASONS, FEELINGS } from './engagements.repository';
import { MESSAGE_MAX_LENGTH } from './conversations.repository';
import { NOTIFICATION_MODES } from './notifications';
import { DECLINE_REASONS } from './requests.repository';
import { REPORT_REASONS } from './safety.service';

// Messages are catalog keys; the page formats them in the visitor's language.
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Line endings as typed in a textarea, normalised; surrounding space dropped. */
const text = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\r\n?/g, '\n').trim() : value;
const list = ({ value }: { value: unknown }) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export class RequestForm {
  @Transform(text)
  @IsString({ message: 'request.error.message' })
  @MaxLength(MESSAGE_MAX_LENGTH, { message: 'request.error.tooLong' })
  message: string = '';
}

export class DeclineRequestForm {
  @IsIn(DECLINE_REASONS, { message: 'request.error.reason' })
  reason!: string;

  @IsOptional()
  @IsIn(['on'])
  pause?: string;

  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'form.error.date' })
  pauseUntil?: string;
}

/** Accept and withdraw carry nothing but the CSRF token. */
export class EmptyForm {}

export class MessageForm {
  @Transform(text)
  @IsString({ message: 'messages.error.empty' })
  @Length(1, MESSAGE_MAX_LENGTH, { message: 'messages.error.length' })
  body: string = '';
}

export class ArchiveForm {
  @IsIn(['1', '0'])
  archived!: string;
}

export class MeetingForm {
  @Transform(trim)
  @IsString({ message: 'form.error.date' })
  metOn: string = '';

  @Type(() => Number)
  @IsInt({ message: 'engagement.error.minutes' })
  @Min(5, { message: 'engagement.error.minutes' })
  @Max(600, { message: 'engagement.error.minutes' })
  minutes!: number;

  @IsString({ message: 'engagement.error.way' })
  way: string = '';

  @Transform(list)
  @IsArray()
  @IsString({ each: true })
  topics: string[] = [];

  @IsOptional()
  @Transform(text)
  @IsString()
  @MaxLength(2000, { message: 'engagement.error.noteLength' })
  privateNote?: string;
}

export class GoalForm {
  @Transform(text)
  @IsString({ message: 'engagement.error.goalTitle' })
  @Length(1, 300, { message: 'engagement.error.goalTitle' })
  title: string = '';

  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'form.error.date' })
  targetDate?: string;
}

export class GoalProgressForm {
  @Type(() => Number)
  @IsInt({ message: 'engagement.error.progress' })
  @Min(0, { message: 'engagement.error.progress' })
  @Max(100, { message: 'engagement.error.progress' })
  progress!: number;
}

export class EndForm {
  @IsIn(END_REASONS, { message: 'engagement.error.endReason' })
  reason!: string;
}

export class FeedbackForm {
  @Type(() => Number)
  @IsInt({ message: 'engagement.error.rating' })
  @Min(1, { message: 'engagement.error.rating' })
  @Max(5, { message: 'engagement.error.rating' })
  rating!: number;

  @IsOptional()
  @Transform(text)
  @IsString()
  @MaxLength(2000, { message: 'engagement.error.commentLength' })
  comment?: string;
}

export class CheckinForm {
  @IsIn(['yes', 'no'], { message: 'checkin.error.met' })
  met!: string;

  @IsOptional()
  @IsIn([...FEELINGS, ''], { message: 'checkin.error.feeling' })
  feeling?: string;
}

export class ReportForm {
  @IsIn(REPORT_REASONS, { message: 'report.error.reason' })
  reason!: string;

  @IsOptional()
  @Transform(text)
  @IsString()
  @MaxLength(2000, { message: 'report.error.noteLength' })
  note?: string;

  @IsOptional()
  @IsIn(['on'])
  attach?: string;
}

export class ModerationForm {
  @IsIn(['warn', 'suspend', 'dismiss'])
  action!: string;
}

export class NotificationPrefsForm {
  @IsIn(NOTIFICATION_MODES, { message: 'notifications.error.mode' })
  requests!: string;

  @IsIn(NOTIFICATION_MODES, { message: 'notifications.error.mode' })
  messages!: string;

  @IsIn(NOTIFICATION_MODES, { message: 'notifications.error.mode' })
  reminders!: string;
}
