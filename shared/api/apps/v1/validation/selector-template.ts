// The selector and pod template a ReplicaSet or Deployment carries (pkg/apis/apps/validation:
// the selector part of ValidateDeploymentSpec / ValidateReplicaSetSpec, and
// ValidatePodTemplateSpecForReplicaSet).
import { isRecord, type LabelSelector } from '../../../meta.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { validateLabelSelector } from '../../../validation/names.js';
import { type Selector, SelectorError, selectorFromLabelSelector } from '../../../labels/selector.js';
import { validatePodTemplateSpec } from '../../../core/v1/validation/pod.js';
import type { PodTemplateSpec } from '../../../core/v1/pod.js';

export interface SelectorAndTemplate {
  readonly selector?: LabelSelector;
  readonly template?: PodTemplateSpec;
}

/** spec.selector is required, valid and not empty; the template's labels match it. */
export function validateSelectorAndTemplate(spec: SelectorAndTemplate, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector ?? undefined;
  if (selector === undefined) {
    errs.push(required(`${path}.selector`));
  } else {
    errs.push(...validateLabelSelector(selector, `${path}.selector`));
    if (selectorTerms(selector) === 0) {
      // Kubernetes says "deployment" for ReplicaSets too.
      errs.push(invalid(`${path}.selector`, selector, 'empty selector is invalid for deployment'));
    }
  }
  const parsed = parseSelector(selector);
  if (parsed === undefined) errs.push(invalid(`${path}.selector`, selector, 'invalid label selector'));
  else errs.push(...validateTemplate(spec.template, parsed, `${path}.template`));
  return errs;
}

const selectorTerms = (s: LabelSelector): number =>
  Object.keys(isRecord(s.matchLabels) ? s.matchLabels : {}).length +
  (Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0);

/** As LabelSelectorAsSelector: none selects nothing, {} everything, a malformed one is undefined. */
function parseSelector(selector: LabelSelector | undefined): Selector | undefined {
  try {
    return selectorFromLabelSelector(selector);
  } catch (err) {
    if (err instanceof SelectorError) return undefined;
    throw err;
  }
}

function validateTemplate(template: PodTemplateSpec | undefined, selector: Selector, path: string): FieldError[] {
  if (template === undefined || template === null) return [required(path)];
  const errs: FieldError[] = [];
  const labels = template.metadata?.labels ?? undefined;
  if (!selector.isEmpty() && !selector.matches(labels)) {
    errs.push(invalid(`${path}.metadata.labels`, labels ?? null, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, path));
  const restartPolicy = template.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(notSupported(`${path}.spec.restartPolicy`, restartPolicy, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec.activeDeadlineSeconds !== null) {
    errs.push(forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}
