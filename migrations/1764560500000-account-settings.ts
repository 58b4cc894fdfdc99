import type { MigrationInterface, QueryRunner } from 'typeorm';

// A change of email address waits, as a single-use token like the others, for
// the person to prove the new address; the token row carries that address.
// A deleted account keeps its row (aggregate statistics count it) with no
// identity left in it; `deleted_at` tells it apart from a suspension.
export class AccountSettings1764560500000 implements MigrationInterface {
  name = 'AccountSettings1764560500000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_purpose_check`);
    await qr.query(`
      ALTER TABLE user_tokens
        ADD CONSTRAINT user_tokens_purpose_check
          CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
        ADD COLUMN new_email text,
        ADD CONSTRAINT user_tokens_new_email_check
          CHECK ((purpose = 'change_email') = (new_email IS NOT NULL))`);
    await qr.query(`ALTER TABLE users ADD COLUMN deleted_at timestamptz`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`ALTER TABLE users DROP COLUMN deleted_at`);
    await qr.query(`DELETE FROM user_tokens WHERE purpose = 'change_email'`);
    await qr.query(`
      ALTER TABLE user_tokens
        DROP CONSTRAINT user_tokens_new_email_check,
        DROP COLUMN new_email,
        DROP CONSTRAINT user_tokens_purpose_check,
        ADD CONSTRAINT user_tokens_purpose_check
          CHECK (purpose IN ('verify_email', 'reset_password'))`);
  }
}
