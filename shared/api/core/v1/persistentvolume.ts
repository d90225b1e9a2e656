// PersistentVolume (k8s.io/api/core/v1 types.go), with the sources Bosun serves.
import type { ApiObject, Time } from '../../meta.js';
import type { NodeSelector } from './affinity.js';
import type { ResourceList } from './container.js';
import type { ObjectReference } from './object-reference.js';
import type { HostPathVolumeSource, NFSVolumeSource } from './volume.js';

export type PersistentVolumeAccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';
export type PersistentVolumeMode = 'Block' | 'Filesystem';
export type PersistentVolumeReclaimPolicy = 'Recycle' | 'Delete' | 'Retain';

export interface LocalVolumeSource {
  path: string;
  fsType?: string;
}

export interface SecretReference {
  name?: string;
  namespace?: string;
}

export interface CSIPersistentVolumeSource {
  driver: string;
  volumeHandle: string;
  readOnly?: boolean;
  fsType?: string;
  volumeAttributes?: Record<string, string>;
  nodePublishSecretRef?: SecretReference;
}

export interface PersistentVolumeSource {
  hostPath?: HostPathVolumeSource;
  nfs?: NFSVolumeSource;
  local?: LocalVolumeSource;
  csi?: CSIPersistentVolumeSource;
}

export interface VolumeNodeAffinity {
  required?: NodeSelector;
}

export interface PersistentVolumeSpec extends PersistentVolumeSource {
  capacity?: ResourceList;
  accessModes?: PersistentVolumeAccessMode[];
  claimRef?: ObjectReference;
  persistentVolumeReclaimPolicy?: PersistentVolumeReclaimPolicy;
  storageClassName?: string;
  mountOptions?: string[];
  volumeMode?: PersistentVolumeMode;
  nodeAffinity?: VolumeNodeAffinity;
  volumeAttributesClassName?: string;
}

export interface PersistentVolumeStatus {
  phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';
  message?: string;
  reason?: string;
  lastPhaseTransitionTime?: Time;
}

export interface PersistentVolume extends ApiObject {
  spec?: PersistentVolumeSpec;
  status?: PersistentVolumeStatus;
}

/** The source fields of a PersistentVolume, in Kubernetes' order. */
export const persistentVolumeSourceKeys = ['hostPath', 'nfs', 'local', 'csi'] as const;
