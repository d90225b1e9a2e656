// A kind with its group and version (the apiVersion string comes from resource.ts' apiVersionOf).
export { apiVersionOf } from './resource.js';

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}
