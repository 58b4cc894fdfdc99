import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { SUPPORTED_LOCALES, type LocaleCode } from '../branding/theme-contract';
import type { FieldErrors } from '../common/http/form';
import type { ResolvedTenant } from '../tenancy/resolution/resolved-tenant';
import { passwordError } from './passwords';

// Messages are catalog keys; the page formats them in the visitor's language.
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const checkbox = { message: 'form.error.required' };

/** What every new member fills in, whether they sign up or accept an invitation. */
export class NewMemberForm {
  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @Length(1, 80, { message: 'form.error.name' })
  name!: string;

  @IsString({ message: 'form.error.required' })
  @MaxLength(1024, { message: 'form.error.passwordTooLong' })
  password!: string;

  @IsIn(SUPPORTED_LOCALES, { message: 'form.error.required' })
  locale!: string;

  @Matches(/^[A-Z]{2}$/, { message: 'form.error.country' })
  country!: string;

  @IsIn(['on'], checkbox)
  acceptTerms!: string;

  @IsIn(['on'], checkbox)
  confirmAge!: string;
}

export class SignupForm extends NewMemberForm {
  @Transform(trim)
  @IsEmail({}, { message: 'form.error.email' })
  @MaxLength(254, { message: 'form.error.email' })
  email!: string;

  @IsOptional()
  @IsIn(['on'])
  asEntrepreneur?: string;

  @IsOptional()
  @IsIn(['on'])
  asMentor?: string;
}

export class LoginForm {
  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @Length(1, 254, { message: 'form.error.required' })
  email!: string;

  @IsString({ message: 'form.error.required' })
  @Length(1, 1024, { message: 'form.error.required' })
  password!: string;

  @IsOptional()
  @IsString()
  next?: string;
}

export class EmailForm {
  @Transform(trim)
  @IsEmail({}, { message: 'form.error.email' })
  @MaxLength(254, { message: 'form.error.email' })
  email!: string;
}

export class TokenForm {
  @IsString()
  @Length(10, 200)
  token!: string;
}

export class ResetPasswordForm extends TokenForm {
  @IsString({ message: 'form.error.required' })
  @MaxLength(1024, { message: 'form.error.passwordTooLong' })
  password!: string;
}

export class AccountForm {
  @Transform(trim)
  @IsString({ message: 'form.error.required' })
  @Length(1, 80, { message: 'form.error.name' })
  name!: string;

  @IsIn(SUPPORTED_LOCALES, { message: 'form.error.required' })
  locale!: string;
}

/**
 * The checks a new member's form needs beyond its DTO: the password rules,
 * and a language this tenant offers (anything else falls back to its default).
 */
export function checkNewMember(
  value: NewMemberForm,
  errors: FieldErrors,
  tenant: ResolvedTenant,
): void {
  if (!errors.password) {
    const problem = passwordError(value.password ?? '');
    if (problem) errors.password = problem;
  }
  if (!tenant.config.locale.supported.includes(value.locale as LocaleCode)) {
    value.locale = tenant.config.locale.default;
  }
}
