import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';

// Messages are catalog keys; the page formats them in the visitor's language.
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Every settings change asks for the current password again (re-authentication). */
class ReauthenticatedForm {
  @IsString({ message: 'form.error.required' })
  @Length(1, 1024, { message: 'form.error.required' })
  currentPassword!: string;
}

export class PasswordChangeForm extends ReauthenticatedForm {
  @IsString({ message: 'form.error.required' })
  @MaxLength(1024, { message: 'form.error.passwordTooLong' })
  newPassword!: string;
}

export class EmailChangeForm extends ReauthenticatedForm {
  @Transform(trim)
  @IsEmail({}, { message: 'form.error.email' })
  @MaxLength(254, { message: 'form.error.email' })
  newEmail!: string;
}

export class AccountDeletionForm extends ReauthenticatedForm {
  @IsIn(['on'], { message: 'accountDelete.error.confirm' })
  confirm!: string;
}
