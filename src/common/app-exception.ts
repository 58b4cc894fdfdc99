import { HttpStatus } from '@nestjs/common';

/** Every error the platform answers with on purpose: a stable code, a status, an i18n key. */
export enum ErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  TENANT_CONTEXT_MISSING = 'TENANT_CONTEXT_MISSING',
  BAD_REQUEST = 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  FORBIDDEN = 'FORBIDDEN',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  INTERNAL = 'INTERNAL',
}

export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${String(value)}`);
}

export function errorStatus(code: ErrorCode): HttpStatus {
  switch (code) {
    case ErrorCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.BAD_REQUEST:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ErrorCode.FORBIDDEN:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.TOO_MANY_REQUESTS:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.TENANT_CONTEXT_MISSING:
    case ErrorCode.INTERNAL:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return assertUnreachable(code);
  }
}

/** The catalog keys of an error page: `error.<status>.title` and `error.<status>.message`. */
export function errorMessageKeys(status: number): { titleKey: string; messageKey: string } {
  const known = [400, 403, 404, 413, 429, 500].includes(status)
    ? status
    : status >= 500
      ? 500
      : 400;
  return { titleKey: `error.${known}.title`, messageKey: `error.${known}.message` };
}

export class AppException extends Error {
  readonly status: HttpStatus;
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.status = errorStatus(code);
  }
}
