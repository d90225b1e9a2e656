// HorizontalPodAutoscaler validation (pkg/apis/autoscaling/validation:
// ValidateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerSpec,
// ValidateCrossVersionObjectReference). Scale-to-zero (the alpha HPAScaleToZero gate) is off.
import { isRecord } from '../../../meta.js';
import { type FieldError, invalid } from '../../../validation/field-error.js';
import { isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import type { CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec } from '../hpa.js';
import { validateBehavior } from './behavior.js';
import { validateMetrics } from './metrics.js';
import { validateCrossVersionObjectReference } from './object-reference.js';

export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): FieldError[] {
  return [
    ...validateObjectMeta(hpa.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain }),
    ...validateSpec(isRecord(hpa.spec) ? hpa.spec : ({} as HorizontalPodAutoscalerSpec), 'spec'),
  ];
}

/** Update-only rules; validateHorizontalPodAutoscaler runs as well. */
export function validateHorizontalPodAutoscalerUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): FieldError[] {
  return validateObjectMetaUpdate(hpa.metadata, old.metadata);
}

const minReplicasLowerBound = 1;

function validateSpec(spec: HorizontalPodAutoscalerSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const min = spec.minReplicas ?? undefined;
  const max = spec.maxReplicas ?? 0;
  if (min !== undefined && min < minReplicasLowerBound) {
    errs.push(invalid(`${path}.minReplicas`, min, `must be greater than or equal to ${minReplicasLowerBound}`));
  }
  if (max < 1) errs.push(invalid(`${path}.maxReplicas`, max, 'must be greater than 0'));
  if (min !== undefined && max < min) {
    errs.push(invalid(`${path}.maxReplicas`, max, 'must be greater than or equal to `minReplicas`'));
  }
  const ref = isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : ({} as CrossVersionObjectReference);
  errs.push(...validateCrossVersionObjectReference(ref, `${path}.scaleTargetRef`));
  errs.push(...validateMetrics(Array.isArray(spec.metrics) ? spec.metrics : [], `${path}.metrics`));
  if (isRecord(spec.behavior)) errs.push(...validateBehavior(spec.behavior, `${path}.behavior`));
  return errs;
}
