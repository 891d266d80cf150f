import { z } from 'zod';

/**
 * Every error Portico answers with has one of these codes; `errorStatus` is the one place a
 * code becomes an HTTP status. Problem bodies follow RFC 9457.
 * @see https://www.rfc-editor.org/rfc/rfc9457
 */
export const ErrorCode = {
  ValidationFailed: 'validation_failed',
  MalformedRequest: 'malformed_request',
  Unauthenticated: 'unauthenticated',
  InvalidCredentials: 'invalid_credentials',
  Forbidden: 'forbidden',
  CsrfFailed: 'csrf_failed',
  NotFound: 'not_found',
  Conflict: 'conflict',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  RateLimited: 'rate_limited',
  ClusterConnectionFailed: 'cluster_connection_failed',
  ChangeRefused: 'change_refused',
  NotReady: 'not_ready',
  Internal: 'internal',
} as const;
export type TErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorStatus: Record<TErrorCode, number> = {
  validation_failed: 400,
  malformed_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  cluster_connection_failed: 422,
  change_refused: 422,
  not_ready: 503,
  internal: 500,
};

export const errorTitle: Record<TErrorCode, string> = {
  validation_failed: 'Your request has invalid fields',
  malformed_request: 'The request could not be read',
  unauthenticated: 'Sign in required',
  invalid_credentials: 'Wrong e-mail or password',
  forbidden: 'Not allowed',
  csrf_failed: 'Missing or wrong CSRF token',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  cluster_connection_failed: 'Portico could not use this cluster',
  change_refused: 'The cluster refused the change',
  not_ready: 'Not ready',
  internal: 'Internal server error',
};

export const ZInvalidParam = z.object({
  name: z.string().describe('Dotted path of the field, e.g. `ports.0.port`'),
  reason: z.string(),
});
export type TInvalidParam = z.infer<typeof ZInvalidParam>;

export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.enum(Object.values(ErrorCode) as [TErrorCode, ...TErrorCode[]]),
  requestId: z.string(),
  invalid_params: z.array(ZInvalidParam).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;
