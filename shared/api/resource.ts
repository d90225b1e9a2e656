// What the apiserver needs to know about each kind it serves: where it lives in the URL
// space and in etcd, how discovery names it, and its strategy (defaults, validation,
// selectable fields). The table of every served resource is in resources.ts.
import type { ApiObject } from './meta.js';
import type { FieldError } from './validation/field-error.js';

export type Subresource = 'status' | 'scale' | 'binding' | 'eviction' | 'log' | 'exec' | 'attach' | 'portforward';

export interface KindStrategy {
  /** Fill in Kubernetes' defaults, in place. Runs on create and on every update. */
  defaults(obj: ApiObject): void;
  /** Every problem with a new object, with field paths ("spec.containers[0].image"). */
  validate(obj: ApiObject): FieldError[];
  /** Extra checks on update: immutable fields and the like (validate also runs). */
  validateUpdate?(obj: ApiObject, old: ApiObject): FieldError[];
  /** Fields a field selector may name, besides metadata.name and metadata.namespace. */
  selectableFields?(obj: ApiObject): Record<string, string>;
  /** On create: reset what a client may not set (usually status). */
  prepareForCreate?(obj: ApiObject): void;
}

export interface ResourceType {
  readonly group: string;            // '' for core
  readonly version: string;
  readonly resource: string;         // plural, lower case: 'deployments'
  readonly singular: string;         // 'deployment'
  readonly kind: string;             // 'Deployment'
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly subresources: readonly Subresource[];
  /** metadata.generation is kept and bumped on spec changes. */
  readonly generation: boolean;
  /** Where this kind is stored: several versions of one resource share a storage prefix. */
  readonly storageGroupResource?: string;
  readonly strategy: KindStrategy;
}

export const apiVersionOf = (t: Pick<ResourceType, 'group' | 'version'>): string =>
  t.group === '' ? t.version : `${t.group}/${t.version}`;
