// For tests: objects with owners, a graph filled from them, and a GcApi that records every call
// and answers GETs from a map of live objects.
import { StatusError } from '../../../shared/api/errors.js';
import type { Event } from '../../../shared/api/core/v1/event.js';
import type { ApiObject, DeleteOptions, ObjectMeta, OwnerReference } from '../../../shared/api/meta.js';
import { FakeClock } from '../../../shared/client/fake-clock.js';
import { recordingLog } from '../../../shared/client/test-log.js';
import { AbsentOwnerCache } from './absent-owners.js';
import type { GcApi } from './api.js';
import { DependencyGraph } from './graph.js';
import { gcResources, type GcResource } from './resources.js';
import type { GcDeps } from './sync.js';

export const resources = gcResources();
export const res = (resource: string): GcResource => {
  const r = resources.find((x) => x.resource === resource);
  if (r === undefined) throw new Error(`no resource ${resource}`);
  return r;
};

export function obj(resource: string, meta: ObjectMeta): ApiObject {
  const r = res(resource);
  return {
    apiVersion: r.group === '' ? r.version : `${r.group}/${r.version}`, kind: r.kind,
    metadata: { resourceVersion: '10', ...(r.namespaced ? { namespace: 'default' } : {}), ...meta },
  };
}

export function ownerRef(owner: ApiObject, extra: Partial<OwnerReference> = {}): OwnerReference {
  return { apiVersion: owner.apiVersion ?? 'v1', kind: owner.kind ?? '', name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', ...extra };
}

export type Call =
  | { readonly verb: 'get'; readonly resource: string; readonly namespace: string; readonly name: string }
  | { readonly verb: 'patch'; readonly resource: string; readonly namespace: string; readonly name: string; readonly type: string; readonly body: unknown }
  | { readonly verb: 'delete'; readonly resource: string; readonly namespace: string; readonly name: string; readonly opts: DeleteOptions }
  | { readonly verb: 'event'; readonly event: Event };

export class FakeGcApi implements GcApi {
  readonly calls: Call[] = [];
  /** Live objects by "resource/namespace/name". */
  readonly live = new Map<string, ApiObject>();
  /** Errors to throw, once each, by "verb resource/namespace/name". */
  readonly failures = new Map<string, StatusError[]>();

  put(resource: string, o: ApiObject): void {
    this.live.set(`${resource}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, o);
  }

  writes(): Call[] {
    return this.calls.filter((c) => c.verb !== 'get');
  }

  private fail(verb: string, r: GcResource, namespace: string, name: string): void {
    const queue = this.failures.get(`${verb} ${r.resource}/${namespace}/${name}`);
    const err = queue?.shift();
    if (err !== undefined) throw err;
  }

  async get(r: GcResource, namespace: string, name: string): Promise<ApiObject | undefined> {
    this.calls.push({ verb: 'get', resource: r.resource, namespace, name });
    this.fail('get', r, namespace, name);
    return this.live.get(`${r.resource}/${namespace}/${name}`);
  }

  async patch(r: GcResource, namespace: string, name: string, type: 'merge' | 'strategic', body: unknown): Promise<void> {
    this.calls.push({ verb: 'patch', resource: r.resource, namespace, name, type, body });
    this.fail('patch', r, namespace, name);
  }

  async delete(r: GcResource, namespace: string, name: string, opts: DeleteOptions): Promise<void> {
    this.calls.push({ verb: 'delete', resource: r.resource, namespace, name, opts });
    this.fail('delete', r, namespace, name);
  }

  async createEvent(event: Event): Promise<void> {
    this.calls.push({ verb: 'event', event });
  }
}

export interface Harness {
  readonly deps: GcDeps;
  readonly api: FakeGcApi;
  readonly graph: DependencyGraph;
  readonly queued: string[];
}

/** A graph holding `objects` ([resource, object] pairs) and deps around a FakeGcApi. */
export function harness(objects: readonly (readonly [string, ApiObject])[]): Harness {
  const graph = new DependencyGraph();
  for (const [resource, o] of objects) graph.observe(res(resource), o);
  const api = new FakeGcApi();
  const queued: string[] = [];
  const deps: GcDeps = {
    graph, resources, api, absentOwners: new AbsentOwnerCache(), clock: new FakeClock(), log: recordingLog(),
    enqueue: (uid) => queued.push(uid), concurrency: 4,
  };
  return { deps, api, graph, queued };
}

export const conflict = (): StatusError => new StatusError(409, 'Conflict', 'the object has been modified');
export const notFound = (): StatusError => new StatusError(404, 'NotFound', 'not found');
