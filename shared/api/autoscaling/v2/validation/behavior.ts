// Scaling behavior validation (pkg/apis/autoscaling/validation: validateBehavior,
// validateScalingRules, validateScalingPolicy).
import { isRecord } from '../../../meta.js';
import { type FieldError, invalid, notSupported, required } from '../../../validation/field-error.js';
import type { HorizontalPodAutoscalerBehavior, HPAScalingPolicy, HPAScalingRules } from '../hpa.js';

const maxPeriodSeconds = 1800;
const maxStabilizationWindowSeconds = 3600;
const selectPolicies = ['Disabled', 'Max', 'Min'];
const policyTypes = ['Percent', 'Pods'];

export function validateBehavior(behavior: HorizontalPodAutoscalerBehavior, path: string): FieldError[] {
  return [
    ...(isRecord(behavior.scaleUp) ? validateRules(behavior.scaleUp, `${path}.scaleUp`) : []),
    ...(isRecord(behavior.scaleDown) ? validateRules(behavior.scaleDown, `${path}.scaleDown`) : []),
  ];
}

function validateRules(rules: HPAScalingRules, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (typeof window === 'number' && window < 0) {
    errs.push(invalid(`${path}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  }
  if (typeof window === 'number' && window > maxStabilizationWindowSeconds) {
    errs.push(invalid(`${path}.stabilizationWindowSeconds`, window,
      `must be less than or equal to ${maxStabilizationWindowSeconds}`));
  }
  const select = rules.selectPolicy ?? undefined;
  if (select !== undefined && !selectPolicies.includes(select)) {
    errs.push(notSupported(`${path}.selectPolicy`, select, selectPolicies));
  }
  const policies = Array.isArray(rules.policies) ? rules.policies : [];
  if (policies.length === 0) errs.push(required(`${path}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => errs.push(...validatePolicy(isRecord(p) ? p : ({} as HPAScalingPolicy), `${path}.policies[${i}]`)));
  return errs;
}

function validatePolicy(policy: HPAScalingPolicy, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!policyTypes.includes(policy.type)) errs.push(notSupported(`${path}.type`, policy.type ?? '', policyTypes));
  const value = policy.value ?? 0;
  if (value <= 0) errs.push(invalid(`${path}.value`, value, 'must be greater than zero'));
  const period = policy.periodSeconds ?? 0;
  if (period <= 0) errs.push(invalid(`${path}.periodSeconds`, period, 'must be greater than zero'));
  if (period > maxPeriodSeconds) {
    errs.push(invalid(`${path}.periodSeconds`, period, `must be less than or equal to ${maxPeriodSeconds}`));
  }
  return errs;
}
