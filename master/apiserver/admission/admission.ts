// The admission chain the registry runs inside every write.
import type { ApiObject } from '../../../shared/api/meta.js';
import type { ResourceType } from '../../../shared/api/resource.js';
import type { Admission } from '../registry/context.js';
import { keyFor } from '../registry/keys.js';
import type { ExtraOps } from '../storage/object-store.js';
import type { NamespaceLifecycle } from './namespace-lifecycle.js';
import { allocationKeys, carryOverServiceAllocations, type ServiceAllocator } from './service-allocation.js';

const isServices = (rt: ResourceType): boolean => rt.group === '' && rt.resource === 'services';
const none: ExtraOps = {};

export class AdmissionChain implements Admission {
  private readonly namespaces: NamespaceLifecycle;
  private readonly services: ServiceAllocator;

  constructor(opts: { namespaces: NamespaceLifecycle; services: ServiceAllocator }) {
    this.namespaces = opts.namespaces;
    this.services = opts.services;
  }

  async admitCreate(rt: ResourceType, obj: ApiObject, _dryRun: boolean): Promise<ExtraOps> {
    await this.namespaces.admitCreate(rt, obj);
    if (isServices(rt)) return this.services.allocate(obj, keyFor(rt, obj.metadata.namespace ?? '', obj.metadata.name ?? ''));
    return none;
  }

  carryOver(rt: ResourceType, obj: ApiObject, old: ApiObject): void {
    if (isServices(rt)) carryOverServiceAllocations(obj, old);
    // A namespace's spec.finalizers change only through /finalize, as in Kubernetes.
    if (rt.group === '' && rt.resource === 'namespaces') {
      const fin = (old.spec as { finalizers?: string[] } | undefined)?.finalizers;
      const spec = { ...(typeof obj.spec === 'object' && obj.spec !== null ? obj.spec : {}) } as { finalizers?: string[] };
      if (fin !== undefined) spec.finalizers = [...fin]; else delete spec.finalizers;
      obj.spec = spec;
    }
  }

  async admitUpdate(rt: ResourceType, obj: ApiObject, old: ApiObject, _dryRun: boolean): Promise<ExtraOps> {
    if (isServices(rt)) return this.services.allocate(obj, keyFor(rt, obj.metadata.namespace ?? '', obj.metadata.name ?? ''), old);
    return none;
  }

  releaseOnDelete(rt: ResourceType, obj: ApiObject): ExtraOps {
    return isServices(rt) ? { deletes: allocationKeys(obj) } : none;
  }

  admitDelete(rt: ResourceType, obj: ApiObject): void {
    this.namespaces.admitDelete(rt, obj);
  }
}
