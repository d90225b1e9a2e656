// Kubernetes' defaults for pod volumes (pkg/apis/core/v1/defaults.go: SetDefaults_Volume,
// _HostPathVolumeSource, _SecretVolumeSource, _ConfigMapVolumeSource, _DownwardAPIVolumeSource,
// _ProjectedVolumeSource, _ServiceAccountTokenProjection), in place and idempotent.
import type { ObjectFieldSelector, ResourceFieldSelector } from '../container.js';
import type {
  DownwardAPIVolumeFile, HostPathVolumeSource, ProjectedVolumeSource, ServiceAccountTokenProjection, Volume,
  VolumeProjection,
} from '../volume.js';
import { defaultObjectFieldSelector, defaultResourceFieldSelector } from './container.js';
import { canonicalQuantityField, child, members } from './walk.js';

/** 0644, the mode Kubernetes gives projected files. */
export const defaultFileMode = 0o644;

function defaultDownwardAPIFiles(items: unknown): void {
  for (const file of members<DownwardAPIVolumeFile>(items)) {
    const fieldRef = child<ObjectFieldSelector>(file, 'fieldRef');
    if (fieldRef !== undefined) defaultObjectFieldSelector(fieldRef);
    const resourceFieldRef = child<ResourceFieldSelector>(file, 'resourceFieldRef');
    if (resourceFieldRef !== undefined) defaultResourceFieldSelector(resourceFieldRef);
  }
}

function defaultMode(source: { defaultMode?: number | null }): void {
  if (source.defaultMode === undefined || source.defaultMode === null) source.defaultMode = defaultFileMode;
}

function defaultProjected(projected: ProjectedVolumeSource): void {
  defaultMode(projected);
  for (const source of members<VolumeProjection>(projected.sources)) {
    const downwardAPI = child<{ items?: unknown }>(source, 'downwardAPI');
    if (downwardAPI !== undefined) defaultDownwardAPIFiles(downwardAPI.items);
    const token = child<ServiceAccountTokenProjection>(source, 'serviceAccountToken');
    if (token !== undefined && (token.expirationSeconds === undefined || token.expirationSeconds === null)) {
      token.expirationSeconds = 3600;
    }
  }
}

export function defaultVolume(volume: Volume): void {
  // A volume naming no source at all is an emptyDir. (One naming a source Bosun does not
  // know is left for validation, rather than given a second source.)
  if (Object.keys(volume).every((k) => k === 'name')) volume.emptyDir = {};
  const hostPath = child<HostPathVolumeSource>(volume, 'hostPath');
  if (hostPath !== undefined && (hostPath.type === undefined || hostPath.type === null)) hostPath.type = '';
  const emptyDir = child<object>(volume, 'emptyDir');
  if (emptyDir !== undefined) canonicalQuantityField(emptyDir, 'sizeLimit');
  for (const key of ['secret', 'configMap'] as const) {
    const source = child<{ defaultMode?: number }>(volume, key);
    if (source !== undefined) defaultMode(source);
  }
  const downwardAPI = child<{ defaultMode?: number; items?: unknown }>(volume, 'downwardAPI');
  if (downwardAPI !== undefined) {
    defaultMode(downwardAPI);
    defaultDownwardAPIFiles(downwardAPI.items);
  }
  const projected = child<ProjectedVolumeSource>(volume, 'projected');
  if (projected !== undefined) defaultProjected(projected);
}
