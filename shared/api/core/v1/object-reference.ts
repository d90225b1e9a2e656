// References between objects (k8s.io/api/core/v1 types.go).

/** ObjectReference: a whole object, or a field in one (Event.involvedObject, PV.claimRef). */
export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** LocalObjectReference: an object in the same namespace, by name. */
export interface LocalObjectReference {
  name?: string;
}

/** TypedLocalObjectReference: a PVC's dataSource. */
export interface TypedLocalObjectReference {
  apiGroup?: string;
  kind: string;
  name: string;
}
