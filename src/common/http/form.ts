import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppException, ErrorCode } from '../app-exception';

export type FieldErrors = Record<string, string>;

/**
 * Validates a submitted form against its DTO class, the same rules as the
 * global ValidationPipe (whitelist, forbid unknown fields). A field that is
 * not in the form at all (`role`, `tenantId`, `emailVerified`…) is refused as
 * a bad request; ordinary mistakes come back per field, as catalog keys, so
 * the page can be shown again with what the person typed.
 */
export function parseForm<T extends object>(
  dto: ClassConstructor<T>,
  body: unknown,
): { value: T; errors: FieldErrors } {
  const plain = typeof body === 'object' && body !== null ? body : {};
  const value = plainToInstance(dto, plain);
  const problems = validateSync(value, { whitelist: true, forbidNonWhitelisted: true });
  const unknown = problems.filter((p) => p.constraints?.whitelistValidation);
  if (unknown.length > 0) {
    throw new AppException(
      ErrorCode.BAD_REQUEST,
      `unexpected field(s): ${unknown.map((p) => p.property).join(', ')}`,
    );
  }
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const first = Object.values(problem.constraints ?? {})[0];
    if (first) errors[problem.property] = first;
  }
  return { value, errors };
}
