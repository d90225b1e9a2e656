// Namespace (k8s.io/api/core/v1 types.go).
import type { ApiObject, Condition } from '../../meta.js';

export interface NamespaceSpec {
  /** Cleared by the namespace controller once the namespace's contents are gone. */
  finalizers?: string[];
}

export interface NamespaceStatus {
  phase?: 'Active' | 'Terminating';
  conditions?: Condition[];
}

export interface Namespace extends ApiObject {
  spec?: NamespaceSpec;
  status?: NamespaceStatus;
}
