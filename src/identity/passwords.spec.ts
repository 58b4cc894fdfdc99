import { hashPassword, passwordProblem, verifyPassword } from './passwords';

describe('passwords', () => {
  it('accepts any 8–128 characters that are not a common password', () => {
    expect(passwordProblem('correct horse')).toBeNull();
    expect(passwordProblem('ñandú-río')).toBeNull();
    expect(passwordProblem('x'.repeat(128))).toBeNull();
  });

  it('refuses short, overlong and common passwords', () => {
    expect(passwordProblem('short')).toBe('too_short');
    expect(passwordProblem('x'.repeat(129))).toBe('too_long');
    expect(passwordProblem('Password123')).toBe('too_common');
    expect(passwordProblem('qwertyuiop')).toBe('too_common');
  });

  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'correct horsE')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
