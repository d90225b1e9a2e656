// Probes and lifecycle hooks (pkg/apis/core/validation: validateProbe, validateHandler,
// validateLifecycle and the actions they hold).
import { type FieldError, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import type { HTTPGetAction, Lifecycle, Probe } from '../container.js';
import { isSet, listOf, nonNegative, portNumOrName, recordOf, stringsOf, textOf } from './values.js';

type HandlerKind = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';

/** RFC 7230 token characters: what an HTTP header name may hold. */
const headerName = /^[-!#$%&'*+.^_`|~0-9a-zA-Z]+$/;

function validateHTTPGet(action: HTTPGetAction, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (textOf(action.path) === '') errs.push(required(`${path}.path`));
  errs.push(...portNumOrName(action.port, `${path}.port`));
  const scheme = textOf(action.scheme);
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(`${path}.scheme`, action.scheme ?? '', ['HTTP', 'HTTPS']));
  for (const header of listOf<{ name?: string }>(action.httpHeaders)) {
    const name = textOf(header.name);
    if (!headerName.test(name)) {
      errs.push(invalid(`${path}.httpHeaders`, name,
        "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"));
    }
  }
  return errs;
}

function validateAction(kind: HandlerKind, action: Record<string, unknown>, gracePeriod: unknown, path: string): FieldError[] {
  switch (kind) {
    case 'exec':
      return stringsOf(action['command']).length === 0 ? [required(`${path}.command`)] : [];
    case 'httpGet':
      return validateHTTPGet(action as unknown as HTTPGetAction, path);
    case 'tcpSocket':
      return portNumOrName(action['port'], `${path}.port`);
    case 'grpc':
      return portNumOrName(typeof action['port'] === 'number' ? action['port'] : 0, `${path}.port`);
    case 'sleep': {
      const seconds = action['seconds'];
      if (typeof gracePeriod !== 'number') return [];
      if (typeof seconds === 'number' && seconds > 0 && seconds <= gracePeriod) return [];
      return [invalid(path, seconds ?? 0,
        `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`)];
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** validateHandler: exactly one action, each valid. */
export function validateHandler(
  handler: Record<string, unknown>, kinds: readonly HandlerKind[], gracePeriod: unknown, path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let found = 0;
  for (const kind of kinds) {
    const action = recordOf<Record<string, unknown>>(handler[kind]);
    if (action === undefined) continue;
    if (found > 0) {
      errs.push(forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    found++;
    errs.push(...validateAction(kind, action, gracePeriod, `${path}.${kind}`));
  }
  if (found === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

const probeHandlers: readonly HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const lifecycleHandlers: readonly HandlerKind[] = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** validateProbe plus the rules of its kind (liveness and startup: successThreshold 1). */
export function validateProbe(probe: Probe, kind: ProbeKind, gracePeriod: unknown, path: string): FieldError[] {
  const errs = validateHandler(probe as unknown as Record<string, unknown>, probeHandlers, gracePeriod, path);
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    errs.push(...nonNegative(probe[field], `${path}.${field}`));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (isSet(tgps) && (typeof tgps !== 'number' || tgps <= 0)) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  }
  if (kind === 'readinessProbe' && isSet(tgps)) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes'));
  }
  if (kind !== 'readinessProbe' && (probe.successThreshold ?? 0) !== 1) {
    errs.push(invalid(`${path}.successThreshold`, probe.successThreshold ?? 0, 'must be 1'));
  }
  return errs;
}

export function validateLifecycle(lifecycle: Lifecycle, gracePeriod: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop'] as const) {
    const handler = recordOf<Record<string, unknown>>(lifecycle[hook]);
    if (handler !== undefined) errs.push(...validateHandler(handler, lifecycleHandlers, gracePeriod, `${path}.${hook}`));
  }
  return errs;
}
