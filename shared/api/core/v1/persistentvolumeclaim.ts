// PersistentVolumeClaim (k8s.io/api/core/v1 types.go).
import type { ApiObject, Condition, LabelSelector } from '../../meta.js';
import type { ResourceList } from './container.js';
import type { TypedLocalObjectReference } from './object-reference.js';
import type { PersistentVolumeAccessMode, PersistentVolumeMode } from './persistentvolume.js';

export interface VolumeResourceRequirements {
  limits?: ResourceList;
  requests?: ResourceList;
}

export interface PersistentVolumeClaimSpec {
  accessModes?: PersistentVolumeAccessMode[];
  selector?: LabelSelector;
  resources?: VolumeResourceRequirements;
  /** Set once, by the binder (or by the user to ask for one volume). */
  volumeName?: string;
  storageClassName?: string;
  volumeMode?: PersistentVolumeMode;
  dataSource?: TypedLocalObjectReference;
  volumeAttributesClassName?: string;
}

export interface PersistentVolumeClaimStatus {
  phase?: 'Pending' | 'Bound' | 'Lost';
  accessModes?: PersistentVolumeAccessMode[];
  capacity?: ResourceList;
  conditions?: Condition[];
}

export interface PersistentVolumeClaim extends ApiObject {
  spec?: PersistentVolumeClaimSpec;
  status?: PersistentVolumeClaimStatus;
}
