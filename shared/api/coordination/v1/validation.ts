// Lease validation (pkg/apis/coordination/validation: ValidateLease, ValidateLeaseSpec,
// ValidateCoordinatedLeaseStrategy).
import { isRecord } from '../../meta.js';
import { type FieldError, forbidden, invalid, notSupported } from '../../validation/field-error.js';
import {
  isDNS1123Subdomain, isQualifiedName, validateObjectMeta, validateObjectMetaUpdate,
} from '../../validation/names.js';
import type { Lease, LeaseSpec } from './lease.js';
import { canonicalMicroTime } from './micro-time.js';

const knownStrategies = ['OldestEmulationVersion'];

export function validateLease(lease: Lease): FieldError[] {
  return [
    ...validateObjectMeta(lease.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain }),
    ...validateLeaseSpec(isRecord(lease.spec) ? lease.spec : {}, 'spec'),
  ];
}

export function validateLeaseUpdate(lease: Lease, old: Lease): FieldError[] {
  return validateObjectMetaUpdate(lease.metadata, old.metadata);
}

function validateLeaseSpec(spec: LeaseSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const duration = spec.leaseDurationSeconds;
  if (typeof duration === 'number' && duration <= 0) {
    errs.push(invalid(`${path}.leaseDurationSeconds`, duration, 'must be greater than 0'));
  }
  const transitions = spec.leaseTransitions;
  if (typeof transitions === 'number' && transitions < 0) {
    errs.push(invalid(`${path}.leaseTransitions`, transitions, 'must be greater than or equal to 0'));
  }
  const strategy = spec.strategy ?? undefined;
  if (strategy !== undefined) errs.push(...validateStrategy(strategy, `${path}.strategy`));
  if ((spec.preferredHolder ?? '') !== '' && (strategy ?? '') === '') {
    errs.push(forbidden(`${path}.preferredHolder`, 'may only be specified if `strategy` is defined'));
  }
  for (const field of ['acquireTime', 'renewTime'] as const) {
    errs.push(...validateMicroTime(spec[field], `${path}.${field}`));
  }
  return errs;
}

/** Kubernetes names the field twice here ("spec.strategy.strategy"); kept for fidelity. */
function validateStrategy(strategy: string, path: string): FieldError[] {
  if (!strategy.includes('/')) {
    return knownStrategies.includes(strategy) ? [] : [notSupported(`${path}.strategy`, strategy, knownStrategies)];
  }
  return isQualifiedName(strategy).map((msg) => invalid(`${path}.strategy`, strategy, msg));
}

/**
 * Kubernetes refuses a malformed MicroTime while decoding (400); Bosun decodes plain JSON, so
 * the same input is refused here instead.
 */
function validateMicroTime(value: unknown, path: string): FieldError[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string' && canonicalMicroTime(value) !== undefined) return [];
  return [invalid(path, value, 'must be a time in RFC 3339 form with six fraction digits (e.g. "2006-01-02T15:04:05.000000Z")')];
}
