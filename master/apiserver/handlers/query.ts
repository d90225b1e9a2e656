// Query parameters, checked: a bad value is a 400 that names the parameter.
import type { IncomingMessage } from 'node:http';
import { badRequest } from '../../../shared/api/errors.js';

export function dryRun(q: URLSearchParams): boolean {
  const vals = q.getAll('dryRun');
  for (const v of vals) if (v !== 'All') throw badRequest(`dryRun: Unsupported value: "${v}": supported values: "All"`);
  return vals.length > 0;
}

export function fieldManager(q: URLSearchParams, fallback?: string): string | undefined {
  const v = q.get('fieldManager');
  if (v === null) return fallback;
  if (v.length > 128) throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
  if (/[^\x20-\x7e]/.test(v)) throw badRequest('fieldManager: Invalid value: must only contain printable characters');
  return v;
}

export function fieldValidation(q: URLSearchParams): void {
  const v = q.get('fieldValidation');
  if (v !== null && !['Strict', 'Warn', 'Ignore', ''].includes(v)) {
    throw badRequest(`fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
  }
}

export function nonNegativeInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw badRequest(`${name}: Invalid value: "${v}": must be a non-negative integer`);
  return Number(v);
}

export function int(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`${name}: Invalid value: "${v}": must be an integer`);
  return Number(v);
}

export function bool(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`${name}: Invalid value: "${v}": must be true or false`);
}

export function includeObject(q: URLSearchParams): 'None' | 'Metadata' | 'Object' {
  const v = q.get('includeObject') ?? 'Metadata';
  if (v === '' ) return 'Metadata';
  if (v !== 'None' && v !== 'Metadata' && v !== 'Object') {
    throw badRequest(`includeObject: Unsupported value: "${v}": supported values: "None", "Metadata", "Object"`);
  }
  return v;
}

/** Without fieldManager, Kubernetes names the manager after the User-Agent's program ("kubectl"). */
export function defaultManager(req: IncomingMessage): string | undefined {
  const ua = req.headers['user-agent'];
  if (ua === undefined || ua === '') return undefined;
  const prog = ua.split('/')[0]!.trim();
  return prog === '' ? undefined : prog.slice(0, 128);
}
