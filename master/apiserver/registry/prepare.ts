// Server-owned metadata and the strategy (defaults, validation) around every write.
import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, invalid } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { apiVersionOf, type ResourceType } from '../../../shared/api/resource.js';
import { forbidden as forbiddenField, invalid as invalidField, type FieldError } from '../../../shared/api/validation/field-error.js';
import { deepEqual } from '../../../shared/util/deep-equal.js';
import { rfc3339 } from '../../../shared/util/time.js';
import { cloneObject } from './clone.js';

const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix Kubernetes appends to generateName. */
export function nameSuffix(): string {
  return Array.from(randomBytes(5), (b) => alphabet[b % alphabet.length]).join('');
}

export function gk(rt: ResourceType): { group: string; kind: string } {
  return { group: rt.group, kind: rt.kind };
}

/** The body names this resource's kind and a version of its group (or leaves them out). */
export function checkTypeMeta(rt: ResourceType, obj: ApiObject, servedVersions: readonly string[]): void {
  if (obj.kind !== undefined && obj.kind !== '' && obj.kind !== rt.kind) {
    throw badRequest(`the kind "${obj.kind}" in the request body does not match the resource "${rt.resource}" (kind "${rt.kind}") of the URL`);
  }
  if (obj.apiVersion !== undefined && obj.apiVersion !== '' && !servedVersions.includes(obj.apiVersion)) {
    throw badRequest(`the apiVersion "${obj.apiVersion}" in the request body does not match the URL's "${apiVersionOf(rt)}"`);
  }
}

function validateOrThrow(rt: ResourceType, obj: ApiObject, errs: FieldError[]): void {
  if (errs.length === 0) return;
  // Strategies and the generic checks may report the same problem: say it once.
  const seen = new Set<string>();
  const unique = errs.filter((e) => {
    const k = `${e.type}|${e.field}|${e.detail ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  throw invalid(gk(rt), obj.metadata.name ?? obj.metadata.generateName ?? '', unique);
}

/** Go's omitempty: empty metadata maps and lists are not stored (nor shown). */
function dropEmptyMetadata(obj: ApiObject): void {
  const m = obj.metadata;
  for (const f of ['labels', 'annotations'] as const) if (m[f] !== undefined && (m[f] === null || Object.keys(m[f]!).length === 0)) delete m[f];
  for (const f of ['finalizers', 'ownerReferences', 'managedFields'] as const) if (m[f] !== undefined && (m[f] === null || m[f]!.length === 0)) delete m[f];
}

/** A new object: server-set metadata, defaults, validation. Mutates and returns obj. */
export function prepareCreate(rt: ResourceType, obj: ApiObject, namespace: string, now: Date): ApiObject {
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  const m = obj.metadata;
  if (rt.namespaced) {
    if (m.namespace !== undefined && m.namespace !== '' && m.namespace !== namespace) {
      throw badRequest(`the namespace of the provided object (${m.namespace}) does not match the namespace sent on the request (${namespace})`);
    }
    m.namespace = namespace;
  } else {
    delete m.namespace;
  }
  if ((m.name === undefined || m.name === '') && m.generateName !== undefined && m.generateName !== '') {
    m.name = `${m.generateName}${nameSuffix()}`;
  }
  m.uid = randomUUID();
  m.creationTimestamp = rfc3339(now);
  delete m.resourceVersion;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (rt.generation) m.generation = 1; else delete m.generation;
  obj.apiVersion = apiVersionOf(rt);
  obj.kind = rt.kind;
  rt.strategy.prepareForCreate?.(obj);
  rt.strategy.defaults(obj);
  dropEmptyMetadata(obj);
  validateOrThrow(rt, obj, rt.strategy.validate(obj));
  return obj;
}

export type UpdateScope = 'main' | 'status' | 'whole';

/**
 * An update of `old` to `obj`: keeps what the server owns, keeps status (main) or
 * everything but status (status subresource), bumps generation on spec changes.
 */
export function prepareUpdate(rt: ResourceType, obj: ApiObject, old: ApiObject, scope: UpdateScope): ApiObject {
  if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
  let next: ApiObject;
  if (scope === 'status') {
    next = { ...cloneObject(old), status: obj.status };
    if (obj.status === undefined) delete next.status;
  } else {
    next = { ...obj };
    if (scope === 'main') {
      if (old.status !== undefined) next.status = cloneObject(old.status); else delete next.status;
    }
    const fixed = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const;
    const meta = { ...obj.metadata };
    for (const f of fixed) {
      if (old.metadata[f] !== undefined) (meta as Record<string, unknown>)[f] = old.metadata[f];
      else delete meta[f];
    }
    meta.name = old.metadata.name;
    if (old.metadata.namespace !== undefined) meta.namespace = old.metadata.namespace;
    if (meta.ownerReferences?.length === 0) delete meta.ownerReferences;
    next.metadata = meta;
  }
  next.apiVersion = apiVersionOf(rt);
  next.kind = rt.kind;
  rt.strategy.defaults(next);
  dropEmptyMetadata(next);
  if (rt.generation && scope !== 'status' && !deepEqual(next.spec, old.spec)) {
    next.metadata.generation = (old.metadata.generation ?? 0) + 1;
  }
  const errs = [...rt.strategy.validate(next), ...(rt.strategy.validateUpdate?.(next, old) ?? [])];
  if (old.metadata.deletionTimestamp !== undefined) {
    const added = (next.metadata.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
    if (added.length > 0) errs.push(forbiddenField('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`));
  }
  if (obj.metadata.uid !== undefined && obj.metadata.uid !== '' && obj.metadata.uid !== old.metadata.uid) {
    errs.push(invalidField('metadata.uid', obj.metadata.uid, 'field is immutable'));
  }
  validateOrThrow(rt, next, errs);
  return next;
}

/** An object being deleted whose last finalizer is gone may be removed for real. */
export function readyToDelete(rt: ResourceType, obj: ApiObject): boolean {
  const m = obj.metadata;
  if (m.deletionTimestamp === undefined || (m.finalizers?.length ?? 0) > 0) return false;
  if (rt.group === '' && rt.resource === 'namespaces') {
    const spec = obj.spec as { finalizers?: string[] } | undefined;
    if ((spec?.finalizers?.length ?? 0) > 0) return false;
  }
  if (rt.group === '' && rt.resource === 'pods') return (m.deletionGracePeriodSeconds ?? 0) === 0;
  return true;
}
