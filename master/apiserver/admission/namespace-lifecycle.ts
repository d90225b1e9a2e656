// Namespace lifecycle: no content in a missing or terminating namespace; the system
// namespaces cannot be deleted.
import { forbidden, notFound } from '../../../shared/api/errors.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ResourceType } from '../../../shared/api/resource.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { WatchCache } from '../storage/watch-cache.js';
import { objectKey } from '../storage/keys.js';

export const systemNamespaces: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
const undeletable: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

export class NamespaceLifecycle {
  private readonly store: ObjectStore;
  private readonly cache: WatchCache | undefined;

  constructor(opts: { store: ObjectStore; cache: WatchCache | undefined }) {
    this.store = opts.store;
    this.cache = opts.cache;
  }

  async admitCreate(rt: ResourceType, obj: ApiObject): Promise<void> {
    if (!rt.namespaced) return;
    const ns = obj.metadata.namespace ?? '';
    const key = objectKey('namespaces', '', ns);
    // The cache may lag a namespace created a moment ago: ask etcd before refusing.
    const nsObj = this.cache?.get(key) ?? await this.store.get(key);
    if (nsObj === undefined) throw notFound({ group: '', resource: 'namespaces' }, ns);
    if (nsObj.metadata.deletionTimestamp !== undefined && !(rt.group === '' && rt.resource === 'events')) {
      throw forbidden({ group: rt.group, resource: rt.resource }, obj.metadata.name ?? '',
        `unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }

  admitDelete(rt: ResourceType, obj: ApiObject): void {
    if (rt.group === '' && rt.resource === 'namespaces' && undeletable.has(obj.metadata.name ?? '')) {
      throw forbidden({ group: '', resource: 'namespaces' }, obj.metadata.name ?? '', 'this namespace may not be deleted');
    }
  }
}
