// Kubernetes' defaults for ReplicationControllers (pkg/apis/core/v1/defaults.go:
// SetDefaults_ReplicationController): replicas 1, and selector and labels taken from the
// template's labels when missing. In place and idempotent.
import type { ReplicationController, ReplicationControllerSpec } from '../replicationcontroller.js';
import type { PodTemplateSpec } from '../pod.js';
import { defaultPodTemplateSpec } from './pod.js';
import { child } from './walk.js';

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'object' && Object.keys(v).length === 0);

export function defaultReplicationController(rc: ReplicationController): void {
  const spec = child<ReplicationControllerSpec>(rc, 'spec', true);
  if (spec === undefined) return;
  const template = child<PodTemplateSpec>(spec, 'template');
  const labels = template === undefined ? undefined : child<Record<string, string>>(template.metadata ?? {}, 'labels');
  if (labels !== undefined) {
    if (isEmpty(spec.selector)) spec.selector = { ...labels };
    if (isEmpty(rc.metadata.labels)) rc.metadata.labels = { ...labels };
  }
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (template !== undefined) defaultPodTemplateSpec(template);
}
