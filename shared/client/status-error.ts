// Turning an apiserver's error answer into the shared StatusError: a meta/v1 Status body keeps
// its reason, message and details; any other body gets client-go's generic reason and message
// for the HTTP code (k8s.io/apimachinery/pkg/api/errors NewGenericServerResponse).
import { StatusError, type StatusReason } from '../api/errors.js';
import { isRecord, type StatusDetails } from '../api/meta.js';

const knownReasons: ReadonlySet<string> = new Set<StatusReason>([
  'BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'AlreadyExists', 'Conflict', 'Gone',
  'Expired', 'Invalid', 'MethodNotAllowed', 'NotAcceptable', 'RequestEntityTooLarge',
  'UnsupportedMediaType', 'TooManyRequests', 'InternalError', 'ServiceUnavailable', 'Timeout',
]);

const isKnownReason = (r: unknown): r is StatusReason => typeof r === 'string' && knownReasons.has(r);

/** The reason client-go gives an HTTP code when the body does not name one. */
export function reasonForCode(code: number): StatusReason {
  switch (code) {
    case 400: return 'BadRequest';
    case 401: return 'Unauthorized';
    case 403: return 'Forbidden';
    case 404: return 'NotFound';
    case 405: return 'MethodNotAllowed';
    case 406: return 'NotAcceptable';
    case 409: return 'Conflict';
    case 410: return 'Gone';
    case 413: return 'RequestEntityTooLarge';
    case 415: return 'UnsupportedMediaType';
    case 422: return 'Invalid';
    case 429: return 'TooManyRequests';
    case 503: return 'ServiceUnavailable';
    case 504: return 'Timeout';
    default: return code >= 400 && code < 500 ? 'BadRequest' : 'InternalError';
  }
}

function genericMessage(code: number, serverText: string): string {
  switch (code) {
    case 400: return 'the server rejected our request for an unknown reason';
    case 401: return 'the server has asked for the client to provide credentials';
    case 404: return 'the server could not find the requested resource';
    case 405: return 'the server does not allow this method on the requested resource';
    case 409: return 'the server reported a conflict';
    case 422: return 'the server rejected our request due to an error in our request';
    case 429: return 'the server has received too many requests and has asked us to try again later';
    case 503: return 'the server is currently unable to handle the request';
    case 504: return 'the server was unable to return a response in the time allotted, but may still be processing the request';
    case 406:
      return serverText !== '' ? serverText : 'the server was unable to respond with a content type that the client supports';
    case 403: case 415: return serverText;
    default:
      return code >= 500 ? `an error on the server (${JSON.stringify(serverText)}) has prevented the request from succeeding`
        : `the server responded with the status code ${code} but did not return more information`;
  }
}

/** A meta/v1 Status (as an in-stream watch ERROR carries it) as a StatusError; undefined if it is not one. */
export function statusErrorFromStatus(body: unknown, httpCode?: number): StatusError | undefined {
  if (!isRecord(body) || body['kind'] !== 'Status') return undefined;
  const code = typeof body['code'] === 'number' && body['code'] > 0 ? body['code'] : httpCode ?? 500;
  const reason = isKnownReason(body['reason']) ? body['reason'] : reasonForCode(code);
  const message = typeof body['message'] === 'string' && body['message'] !== ''
    ? body['message'] : genericMessage(code, '');
  const details = isRecord(body['details']) ? body['details'] as StatusDetails : {};
  return new StatusError(code, reason, message, details);
}

/** The error for a non-2xx answer: `text` is the raw body, `retryAfterSeconds` from the header. */
export function statusErrorFromResponse(code: number, text: string, retryAfterSeconds?: number): StatusError {
  let body: unknown;
  try { body = JSON.parse(text); } catch { body = undefined; }
  const fromStatus = statusErrorFromStatus(body, code);
  if (fromStatus !== undefined) return fromStatus;
  const details: StatusDetails = retryAfterSeconds !== undefined ? { retryAfterSeconds } : {};
  return new StatusError(code, reasonForCode(code), genericMessage(code, text.trim().slice(0, 1000)), details);
}
