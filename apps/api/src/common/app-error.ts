import { type TErrorCode, type TInvalidParam } from '@portico/contracts';

/** The one error type domain code throws; the problem filter turns it into RFC 9457 JSON. */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    readonly detail?: string,
    readonly extra: { invalidParams?: TInvalidParam[]; retryAfterSeconds?: number } = {},
  ) {
    super(detail ?? code);
  }
}
