import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { NewMemberForm } from '../identity/identity.forms';

// Messages are catalog keys; the page formats them in the visitor's language.
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Approving needs nothing but the CSRF token (the guard has already taken it out). */
export class ApproveForm {}

export class DeclineForm {
  @IsOptional()
  @Transform(trim)
  @IsString({ message: 'members.error.reason' })
  @MaxLength(1000, { message: 'members.error.reason' })
  reason?: string;
}

export class RolesForm {
  @IsOptional()
  @IsIn(['on'])
  entrepreneur?: string;

  @IsOptional()
  @IsIn(['on'])
  mentor?: string;

  @IsOptional()
  @IsIn(['on'])
  admin?: string;
}

/** Suspend and reinstate carry nothing either. */
export class StatusForm {}

export class InviteForm {
  @Transform(trim)
  @IsString({ message: 'form.error.email' })
  @MaxLength(254, { message: 'form.error.email' })
  email!: string;

  @IsOptional()
  @IsIn(['on'])
  entrepreneur?: string;

  @IsOptional()
  @IsIn(['on'])
  mentor?: string;
}

export class InviteCsvForm {
  @IsString({ message: 'members.invite.csv.empty' })
  @Length(1, 30000, { message: 'members.invite.csv.tooLong' })
  csv!: string;
}

export class AcceptInvitationForm extends NewMemberForm {
  @IsString()
  @Length(10, 200)
  token!: string;
}
