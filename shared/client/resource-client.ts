// A typed client for one resource: the verbs controllers, the scheduler, the kubelet and
// bosunctl use, each taking an AbortSignal. Answers are checked at this edge (decode) before
// they are handed out as T.
import { isRecord, type ApiObject, type DeleteOptions, type ListMeta } from '../api/meta.js';
import type { QueryParams, RestClient } from './rest-client.js';
import { resourcePath, type ResourceCoordinates } from './resource-path.js';
import { decodeScale, type Scale } from './scale.js';
import { watchEvents, type TypedWatchEvent } from './watch-stream.js';

export interface ResourceRef<T extends ApiObject> extends ResourceCoordinates {
  /** Checks an object from the wire; the default only checks that it has metadata. */
  readonly decode?: (u: unknown) => T;
}

export interface ObjectList<T extends ApiObject> {
  readonly items: T[];
  readonly metadata: ListMeta;
}

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

export interface WatchOptions {
  readonly resourceVersion?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly allowWatchBookmarks?: boolean;
  readonly timeoutSeconds?: number;
}

export interface WriteOptions {
  readonly dryRun?: boolean;
  readonly fieldManager?: string;
}

export interface PatchOptions extends WriteOptions {
  /** Server-side apply only: take fields from other managers. */
  readonly force?: boolean;
  readonly subresource?: 'status';
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

const patchContentType: Readonly<Record<PatchType, string>> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',              // JSON is YAML
};

const writeQuery = (o: WriteOptions): QueryParams =>
  ({ dryRun: o.dryRun === true ? 'All' : undefined, fieldManager: o.fieldManager });

export function decodeApiObject(u: unknown): ApiObject {
  if (!isRecord(u) || !isRecord(u['metadata'])) throw new Error('the answer is not an API object (no metadata)');
  return u as ApiObject;
}

export class ResourceClient<T extends ApiObject> {
  private readonly decode: (u: unknown) => T;

  constructor(private readonly rest: RestClient, readonly ref: ResourceRef<T>) {
    this.decode = ref.decode ?? ((u) => decodeApiObject(u) as T);
  }

  private path(namespace: string, name?: string, subresource?: string): string {
    return resourcePath(this.ref, namespace, name, subresource);
  }

  async get(namespace: string, name: string, signal: AbortSignal): Promise<T> {
    return this.decode(await this.rest.request({ method: 'GET', path: this.path(namespace, name), signal }));
  }

  async list(namespace: string, opts: ListOptions, signal: AbortSignal): Promise<ObjectList<T>> {
    const body = await this.rest.request({ method: 'GET', path: this.path(namespace), query: { ...opts }, signal });
    if (!isRecord(body) || !Array.isArray(body['items'])) throw new Error(`the answer to a list of ${this.ref.resource} has no items`);
    const metadata = isRecord(body['metadata']) ? body['metadata'] as ListMeta : {};
    return { items: body['items'].map(this.decode), metadata };
  }

  /** Every page of a list, following `continue` (pages of opts.limit objects, if set). */
  async listAll(namespace: string, opts: ListOptions, signal: AbortSignal): Promise<ObjectList<T>> {
    const items: T[] = [];
    let page = await this.list(namespace, opts, signal);
    items.push(...page.items);
    while (page.metadata.continue !== undefined && page.metadata.continue !== '') {
      page = await this.list(namespace, { ...opts, continue: page.metadata.continue, resourceVersion: undefined }, signal);
      items.push(...page.items);
    }
    const { continue: _done, remainingItemCount: _none, ...metadata } = page.metadata;
    return { items, metadata };
  }

  async create(namespace: string, obj: T, opts: WriteOptions, signal: AbortSignal): Promise<T> {
    return this.decode(await this.rest.request({
      method: 'POST', path: this.path(namespace), query: writeQuery(opts), body: obj, signal,
    }));
  }

  /** PUT of the whole object; metadata.resourceVersion, when set, is the precondition (409 Conflict). */
  async update(obj: T, signal: AbortSignal): Promise<T> {
    return this.put(obj, undefined, signal);
  }

  async updateStatus(obj: T, signal: AbortSignal): Promise<T> {
    return this.put(obj, 'status', signal);
  }

  private async put(obj: T, subresource: 'status' | undefined, signal: AbortSignal): Promise<T> {
    const name = obj.metadata.name;
    if (name === undefined || name === '') throw new Error(`cannot update ${this.ref.resource} without metadata.name`);
    return this.decode(await this.rest.request({
      method: 'PUT', path: this.path(obj.metadata.namespace ?? '', name, subresource), body: obj, signal,
    }));
  }

  async patch(namespace: string, name: string, type: PatchType, body: unknown, opts: PatchOptions, signal: AbortSignal): Promise<T> {
    if (type === 'apply' && (opts.fieldManager === undefined || opts.fieldManager === '')) {
      throw new Error('a server-side apply needs a fieldManager');
    }
    const query = { ...writeQuery(opts), force: type === 'apply' && opts.force === true ? true : undefined };
    return this.decode(await this.rest.request({
      method: 'PATCH', path: this.path(namespace, name, opts.subresource), query, body,
      contentType: patchContentType[type], signal,
    }));
  }

  /** Deletes; the object may linger with a deletionTimestamp until its finalizers are gone. */
  async delete(namespace: string, name: string, opts: DeleteOptions, signal: AbortSignal): Promise<void> {
    await this.rest.request({
      method: 'DELETE', path: this.path(namespace, name), body: { kind: 'DeleteOptions', apiVersion: 'v1', ...opts }, signal,
    });
  }

  /**
   * The events after opts.resourceVersion (all objects as ADDED first when it is unset). The
   * iteration throws a StatusError for an HTTP error or an in-stream ERROR (410 Expired: list
   * again); it ends quietly when the server closes the stream or `signal` aborts.
   */
  async *watch(namespace: string, opts: WatchOptions, signal: AbortSignal): AsyncGenerator<TypedWatchEvent<T>> {
    let res;
    try {
      res = await this.rest.stream({ method: 'GET', path: this.path(namespace), query: { ...opts, watch: true }, signal });
    } catch (err) {
      if (signal.aborted) return;
      throw err;
    }
    try {
      yield* watchEvents(res, this.decode);
    } catch (err) {
      if (signal.aborted) return;
      throw err;
    } finally {
      res.destroy();
    }
  }

  async getScale(namespace: string, name: string, signal: AbortSignal): Promise<Scale> {
    return decodeScale(await this.rest.request({ method: 'GET', path: this.path(namespace, name, 'scale'), signal }));
  }

  async updateScale(namespace: string, name: string, scale: Scale, signal: AbortSignal): Promise<Scale> {
    const body: Scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', ...scale };
    return decodeScale(await this.rest.request({ method: 'PUT', path: this.path(namespace, name, 'scale'), body, signal }));
  }

  /** POST pods/{name}/binding: the scheduler's write that assigns a pod to a node. */
  async bind(namespace: string, name: string, nodeName: string, signal: AbortSignal): Promise<void> {
    await this.rest.request({
      method: 'POST', path: this.path(namespace, name, 'binding'), signal,
      body: { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } },
    });
  }
}
