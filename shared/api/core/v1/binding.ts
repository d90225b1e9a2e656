// Binding (k8s.io/api/core/v1 types.go): the body of POST pods/<name>/binding, which the
// scheduler sends to put a pod on a node.
import type { ApiObject } from '../../meta.js';
import type { ObjectReference } from './object-reference.js';

export interface Binding extends ApiObject {
  apiVersion?: 'v1';
  kind?: 'Binding';
  target: ObjectReference & { kind?: 'Node' | '' };
}
