// Writing responses: JSON bodies and Status errors, always as application/json.
import type { ServerResponse } from 'node:http';
import { StatusError, internalError } from '../../../shared/api/errors.js';
import type { Status } from '../../../shared/api/meta.js';

export function writeJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function toStatusError(err: unknown): StatusError {
  return err instanceof StatusError ? err : internalError(err);
}

export function writeError(res: ServerResponse, err: StatusError): void {
  if (res.headersSent) { res.destroy(); return; }
  const headers: Record<string, string> = {};
  const retry = err.details.retryAfterSeconds;
  if (retry !== undefined) headers['Retry-After'] = String(retry);
  writeJson(res, err.code, err.toStatus(), headers);
}

export function successStatus(code: number, details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', ...(details ? { details } : {}), code };
}
