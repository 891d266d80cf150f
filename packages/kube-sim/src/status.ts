/**
 * apiserver-style errors, answered as `Status` objects.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/status/
 * @see https://github.com/kubernetes/apimachinery/blob/master/pkg/api/errors/errors.go
 */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): StatusBody {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      // The apiserver leaves `reason` out of some 500s (e.g. server-side apply's typed-patch errors).
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** `services` or `deployments.apps`, the way the apiserver names a resource in messages. */
export function qualified(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export const errors = {
  notFound: (plural: string, group: string, name: string) => new ApiError(404, 'NotFound', `${qualified(plural, group)} "${name}" not found`, { name, group: group || undefined, kind: plural }),
  alreadyExists: (plural: string, group: string, name: string) =>
    new ApiError(409, 'AlreadyExists', `${qualified(plural, group)} "${name}" already exists`, { name, group: group || undefined, kind: plural }),
  conflict: (plural: string, group: string, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again') =>
    new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(plural, group)} "${name}": ${why}`, { name, group: group || undefined, kind: plural }),
  invalid: (kind: string, group: string, name: string, causes: StatusCause[]) =>
    new ApiError(422, 'Invalid', `${group ? `${kind}.${group}` : kind} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, {
      name,
      group: group || undefined,
      kind,
      causes,
    }),
  badRequest: (message: string, causes?: StatusCause[]) => new ApiError(400, 'BadRequest', message, causes ? { causes } : undefined),
  unauthorized: () => new ApiError(401, 'Unauthorized', 'Unauthorized'),
  forbidden: (message: string, name: string | undefined, plural: string, group: string) => new ApiError(403, 'Forbidden', message, { name, group: group || undefined, kind: plural }),
  methodNotAllowed: (message = 'the server does not allow this method on the requested resource') => new ApiError(405, 'MethodNotAllowed', message),
  unsupportedMediaType: (contentType: string) =>
    new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got ${contentType})`),
  expired: (message: string) => new ApiError(410, 'Expired', message),
  tooManyRequests: (retryAfterSeconds = 1) => new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds }),
  /** A 500 without reason or details, as server-side apply answers a config it cannot type. */
  typedPatch: (message: string) => new ApiError(500, '', message),
  internal: (message: string) => new ApiError(500, 'InternalError', `Internal error occurred: ${message}`),
  serviceUnavailable: (message = 'the server is currently unable to handle the request') => new ApiError(503, 'ServiceUnavailable', message),
};

/** Field-level validation problem; `field` uses apiserver notation (`spec.ports[0].port`). */
export function fieldInvalid(field: string, value: unknown, detail: string): StatusCause {
  return { reason: 'FieldValueInvalid', field, message: `Invalid value: ${JSON.stringify(value)}: ${detail}` };
}
export function fieldRequired(field: string, detail = ''): StatusCause {
  return { reason: 'FieldValueRequired', field, message: `Required value${detail ? `: ${detail}` : ''}` };
}
export function fieldNotSupported(field: string, value: unknown, supported: string[]): StatusCause {
  return {
    reason: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  };
}
export function fieldDuplicate(field: string, value: unknown): StatusCause {
  return { reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${JSON.stringify(value)}` };
}
export function fieldForbidden(field: string, detail: string): StatusCause {
  return { reason: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` };
}
