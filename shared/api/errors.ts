// API errors: each carries the Kubernetes reason, the HTTP code, details and a message a
// person can act on (k8s.io/apimachinery/pkg/api/errors). Callers test the reason, never text.
import type { Status, StatusDetails } from './meta.js';
import { type FieldError, fieldErrorMessage, formatFieldError } from './validation/field-error.js';

export type StatusReason =
  | 'BadRequest' | 'Unauthorized' | 'Forbidden' | 'NotFound' | 'AlreadyExists' | 'Conflict'
  | 'Gone' | 'Expired' | 'Invalid' | 'MethodNotAllowed' | 'NotAcceptable'
  | 'RequestEntityTooLarge' | 'UnsupportedMediaType' | 'TooManyRequests' | 'InternalError'
  | 'ServiceUnavailable' | 'Timeout';

export interface GroupResource { readonly group: string; readonly resource: string }
export interface GroupKind { readonly group: string; readonly kind: string }

export class StatusError extends Error {
  override readonly name = 'StatusError';
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details: StatusDetails = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  toStatus(): Status {
    const details = Object.keys(this.details).length > 0 ? { details: this.details } : {};
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: this.message, reason: this.reason, ...details, code: this.code };
  }
}

export const isStatusError = (e: unknown, reason?: StatusReason): e is StatusError =>
  e instanceof StatusError && (reason === undefined || e.reason === reason);

/** "deployments.apps" or "pods". */
export const qualifiedResource = (gr: GroupResource): string =>
  gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
const qualifiedKind = (gk: GroupKind): string => (gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`);

export const notFound = (gr: GroupResource, name: string): StatusError =>
  new StatusError(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`,
    { name, group: gr.group, kind: gr.resource });

export const alreadyExists = (gr: GroupResource, name: string): StatusError =>
  new StatusError(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`,
    { name, group: gr.group, kind: gr.resource });

export const conflict = (gr: GroupResource, name: string, why: string): StatusError =>
  new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`,
    { name, group: gr.group, kind: gr.resource });

export const staleObject = (gr: GroupResource, name: string): StatusError =>
  conflict(gr, name, 'the object has been modified; please apply your changes to the latest version and try again');

export const invalid = (gk: GroupKind, name: string, causes: readonly FieldError[]): StatusError => {
  const list = causes.map(formatFieldError);
  const joined = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new StatusError(422, 'Invalid', `${qualifiedKind(gk)} "${name}" is invalid: ${joined}`, {
    name, group: gk.group, kind: gk.kind,
    causes: causes.map((c) => ({ reason: c.type, message: fieldErrorMessage(c), field: c.field })),
  });
};

export const badRequest = (message: string): StatusError => new StatusError(400, 'BadRequest', message);

export const forbidden = (gr: GroupResource, name: string, why: string): StatusError =>
  new StatusError(403, 'Forbidden', `${qualifiedResource(gr)} "${name}" is forbidden: ${why}`,
    { name, group: gr.group, kind: gr.resource });

export const methodNotAllowed = (): StatusError =>
  new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

export const notAcceptable = (accepted: readonly string[]): StatusError =>
  new StatusError(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);

export const unsupportedMediaType = (got: string, accepted: readonly string[]): StatusError =>
  new StatusError(415, 'UnsupportedMediaType',
    `the body of the request was in an unknown format (${got}) - accepted media types include: ${accepted.join(', ')}`);

export const tooLarge = (limit: number): StatusError =>
  new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

export const expired = (message: string): StatusError => new StatusError(410, 'Expired', message);
export const gone = (message: string): StatusError => new StatusError(410, 'Gone', message);

export const internalError = (err: unknown): StatusError =>
  new StatusError(500, 'InternalError',
    `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`, {}, { cause: err });

export const serviceUnavailable = (message: string): StatusError =>
  new StatusError(503, 'ServiceUnavailable', message, { retryAfterSeconds: 1 });

export const timeout = (message: string): StatusError => new StatusError(504, 'Timeout', message);
