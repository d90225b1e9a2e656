// ServiceAccount (k8s.io/api/core/v1 types.go).
import type { ApiObject } from '../../meta.js';
import type { LocalObjectReference, ObjectReference } from './object-reference.js';

export interface ServiceAccount extends ApiObject {
  secrets?: ObjectReference[];
  imagePullSecrets?: LocalObjectReference[];
  automountServiceAccountToken?: boolean;
}
