// Deployment validation (pkg/apis/apps/validation: ValidateDeployment, ValidateDeploymentSpec,
// ValidateDeploymentStrategy, ValidateRollingUpdateDeployment; the selector immutability check
// of pkg/registry/apps/deployment/strategy.go).
import { isRecord } from '../../../meta.js';
import { type FieldError, forbidden, invalid, notSupported, required } from '../../../validation/field-error.js';
import { isDNS1123Subdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../../validation/names.js';
import type { Deployment, DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment } from '../deployment.js';
import { intOrPercentValue, validateIntOrPercent, validateNotMoreThan100Percent } from './int-or-percent.js';
import { validateImmutable } from './immutable.js';
import { nonNegative } from './non-negative.js';
import { validateSelectorAndTemplate } from './selector-template.js';

export function validateDeployment(d: Deployment): FieldError[] {
  return [
    ...validateObjectMeta(d.metadata, { namespaced: true, nameValidator: isDNS1123Subdomain }),
    ...validateDeploymentSpec(isRecord(d.spec) ? d.spec : {}, 'spec'),
  ];
}

/** Update-only rules; validateDeployment runs as well. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata),
    ...validateImmutable(d.spec?.selector, old.spec?.selector, 'spec.selector'),
  ];
}

function validateDeploymentSpec(spec: DeploymentSpec, path: string): FieldError[] {
  const errs = [
    ...nonNegative(spec.replicas, `${path}.replicas`),
    ...validateSelectorAndTemplate(spec, path),
    ...validateStrategy(isRecord(spec.strategy) ? spec.strategy : {}, `${path}.strategy`),
    ...nonNegative(spec.minReadySeconds, `${path}.minReadySeconds`),
    ...nonNegative(spec.revisionHistoryLimit, `${path}.revisionHistoryLimit`),
  ];
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline === 'number') {
    errs.push(...nonNegative(deadline, `${path}.progressDeadlineSeconds`));
    if (deadline <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid(`${path}.progressDeadlineSeconds`, deadline, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

function validateStrategy(strategy: DeploymentStrategy, path: string): FieldError[] {
  const rollingUpdate = strategy.rollingUpdate ?? undefined;
  switch (strategy.type) {
    case 'Recreate':
      return rollingUpdate === undefined ? [] :
        [forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")];
    case 'RollingUpdate':
      return rollingUpdate === undefined ?
        [required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')] :
        validateRollingUpdate(rollingUpdate, `${path}.rollingUpdate`);
    default:
      return [notSupported(path, strategy, ['Recreate', 'RollingUpdate'])];
  }
}

function validateRollingUpdate(ru: RollingUpdateDeployment, path: string): FieldError[] {
  const errs = [
    ...validateIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...validateIntOrPercent(ru.maxSurge, `${path}.maxSurge`),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalid(`${path}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...validateNotMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`));
  return errs;
}
