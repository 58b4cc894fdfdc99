import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

// Shapes and lengths only; which codes a tenant offers is checked by the service.
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/**
 * A repeated form field arrives as an array, a single one as a string; empty
 * picks are dropped. A group with nothing ticked is not sent at all: the
 * field keeps its initialiser, an empty list.
 */
const list = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v) => typeof v !== 'string' || v.trim() !== '',
  );
const codes = { message: 'profile.error.choice' };
const tooLong = { message: 'profile.error.tooLong' };
const NUMBER = /^\d{0,6}$/;

class SharedProfileFields {
  @Transform(list)
  @IsArray()
  @IsString({ each: true, ...codes })
  @ArrayMaxSize(20, codes)
  languages: string[] = [];

  @Transform(trim)
  @Matches(/^([A-Z]{2})?$/, { message: 'form.error.country' })
  country!: string;

  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(64, codes)
  timezone!: string;

  @Transform(list)
  @IsArray()
  @IsString({ each: true, ...codes })
  @ArrayMaxSize(3, codes)
  styles: string[] = [];

  @Transform(trim)
  @IsOptional()
  @IsString({ message: 'form.error.required' })
  @MaxLength(300, tooLong)
  website?: string;
}

export class MentorProfileForm extends SharedProfileFields {
  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(120, tooLong)
  headline!: string;

  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(2000, tooLong)
  bio!: string;

  @Transform(trim)
  @IsOptional()
  @IsString({ message: 'form.error.required' })
  @MaxLength(120, tooLong)
  employer?: string;

  @Transform(list)
  @IsArray()
  @IsString({ each: true, ...codes })
  @ArrayMaxSize(3, codes)
  expertiseTop: string[] = [];

  @Transform(list)
  @IsArray()
  @IsString({ each: true, ...codes })
  @ArrayMaxSize(3, codes)
  expertiseMore: string[] = [];

  @Transform(list)
  @IsArray()
  @IsString({ each: true, ...codes })
  @ArrayMaxSize(3, { message: 'profile.error.tooManyIndustries' })
  industries: string[] = [];

  @Transform(trim)
  @Matches(NUMBER, { message: 'profile.error.number' })
  yearsExperience!: string;

  @Transform(list)
  @IsArray()
  @IsString({ each: true, ...codes })
  @ArrayMaxSize(4, codes)
  stages: string[] = [];

  @Transform(trim)
  @Matches(NUMBER, { message: 'profile.error.number' })
  capacity!: string;

  @Transform(trim)
  @Matches(/^(\d{4}-\d{2}-\d{2})?$/, { message: 'profile.error.date' })
  pausedUntil!: string;

  @Transform(trim)
  @IsOptional()
  @IsString({ message: 'form.error.required' })
  @MaxLength(300, tooLong)
  awayNote?: string;
}

export class EntrepreneurProfileForm extends SharedProfileFields {
  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(120, tooLong)
  businessName!: string;

  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(40, codes)
  industry!: string;

  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(40, codes)
  stage!: string;

  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(80, tooLong)
  city!: string;

  @Transform(trim)
  @Matches(/^(\d{4})?$/, { message: 'profile.error.year' })
  foundedYear!: string;

  @Transform(trim)
  @Matches(NUMBER, { message: 'profile.error.number' })
  employees!: string;

  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(40, codes)
  revenueBand!: string;

  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(40, codes)
  registration!: string;

  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @MaxLength(2000, tooLong)
  description!: string;

  @Transform(list)
  @IsArray()
  @IsString({ each: true, ...codes })
  @ArrayMaxSize(3, codes)
  needsTop: string[] = [];

  @Transform(list)
  @IsArray()
  @IsString({ each: true, ...codes })
  @ArrayMaxSize(3, codes)
  needsMore: string[] = [];

  @Transform(list)
  @IsArray()
  @IsString({ each: true, ...codes })
  @ArrayMaxSize(4, codes)
  meetingWays: string[] = [];
}
