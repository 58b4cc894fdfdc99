import argon2 from 'argon2';
import { isCommonPassword } from './common-passwords';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// OWASP's argon2id baseline (19 MiB, 2 passes) keeps a login around 30 ms here.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

/** Length only, plus the breach-list check: no composition rules. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  if (isCommonPassword(password)) return 'too_common';
  return null;
}

const PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: 'form.error.passwordTooShort',
  too_long: 'form.error.passwordTooLong',
  too_common: 'form.error.passwordTooCommon',
};

/** The catalog key of the form error for a new password, or null when it is acceptable. */
export function passwordError(password: string): string | null {
  const problem = passwordProblem(password);
  return problem ? PROBLEM_MESSAGES[problem] : null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Verifies against a throwaway hash so an unknown email costs the same time as a known one. */
export async function spendVerificationTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-' + Math.random());
  await verifyPassword(await dummyHash, password);
}
