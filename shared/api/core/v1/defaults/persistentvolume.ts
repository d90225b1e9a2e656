// Kubernetes' defaults for PersistentVolumes and claims (pkg/apis/core/v1/defaults.go:
// SetDefaults_PersistentVolume, _PersistentVolumeClaim, _PersistentVolumeClaimSpec,
// _ResourceList). In place and idempotent.
import type { PersistentVolume, PersistentVolumeSpec } from '../persistentvolume.js';
import type { PersistentVolumeClaim, PersistentVolumeClaimSpec } from '../persistentvolumeclaim.js';
import type { HostPathVolumeSource } from '../volume.js';
import { canonicalResourceList, child, unsetString } from './walk.js';

function defaultPhase(obj: object, phase: string): void {
  const status = child<{ phase?: string }>(obj, 'status', true);
  if (status !== undefined && unsetString(status.phase)) status.phase = phase;
}

export function defaultPersistentVolume(pv: PersistentVolume): void {
  defaultPhase(pv, 'Pending');
  const spec = child<PersistentVolumeSpec>(pv, 'spec', true);
  if (spec === undefined) return;
  if (unsetString(spec.persistentVolumeReclaimPolicy)) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
  canonicalResourceList(spec, 'capacity');
  const hostPath = child<HostPathVolumeSource>(spec, 'hostPath');
  if (hostPath !== undefined && (hostPath.type === undefined || hostPath.type === null)) hostPath.type = '';
}

export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
  defaultPhase(pvc, 'Pending');
  const spec = child<PersistentVolumeClaimSpec>(pvc, 'spec', true);
  if (spec === undefined) return;
  if (spec.volumeMode === undefined || spec.volumeMode === null) spec.volumeMode = 'Filesystem';
  const resources = child<object>(spec, 'resources', true);
  if (resources !== undefined) {
    canonicalResourceList(resources, 'requests');
    canonicalResourceList(resources, 'limits');
  }
  const status = child<object>(pvc, 'status');
  if (status !== undefined) canonicalResourceList(status, 'capacity');
}
