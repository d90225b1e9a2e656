// Kubernetes' defaults for apps/v1 (pkg/apis/apps/v1/defaults.go), applied in place. Every
// function is idempotent and leaves a field of the wrong JSON type alone for validation to report.
import { isRecord } from '../../meta.js';
import { defaultPodTemplateSpec } from '../../core/v1/defaults.js';
import type { PodTemplateSpec } from '../../core/v1/pod.js';
import type { Deployment, DeploymentSpec } from './deployment.js';
import type { ReplicaSet, ReplicaSetSpec } from './replicaset.js';

/** parent[key] as an object, made empty when absent or null; undefined when it is not an object. */
function child<T extends object>(parent: object, key: string): T | undefined {
  const p = parent as Record<string, unknown>;
  if (p[key] === undefined || p[key] === null) p[key] = {};
  return isRecord(p[key]) ? (p[key] as T) : undefined;
}

function defaultTemplate(spec: DeploymentSpec | ReplicaSetSpec): void {
  const template = child<PodTemplateSpec>(spec, 'template');
  if (template !== undefined) defaultPodTemplateSpec(template);
}

export function defaultDeployment(d: Deployment): void {
  const spec = child<DeploymentSpec>(d, 'spec');
  if (spec === undefined) return;
  spec.replicas ??= 1;
  const strategy = child<NonNullable<DeploymentSpec['strategy']>>(spec, 'strategy');
  if (strategy !== undefined) {
    strategy.type ||= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = child<NonNullable<typeof strategy.rollingUpdate>>(strategy, 'rollingUpdate');
      if (ru !== undefined) {
        ru.maxUnavailable ??= '25%';
        ru.maxSurge ??= '25%';
      }
    }
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultTemplate(spec);
}

export function defaultReplicaSet(rs: ReplicaSet): void {
  const spec = child<ReplicaSetSpec>(rs, 'spec');
  if (spec === undefined) return;
  spec.replicas ??= 1;
  defaultTemplate(spec);
}
