// Versions that share one storage form (autoscaling v1 and v2 HPAs, stored as v2):
// requests are converted to the storage version on the way in and back on the way out.
import type { ApiObject } from '../../shared/api/meta.js';
import { apiVersionOf, type ResourceType } from '../../shared/api/resource.js';
import { storageId } from './registry/keys.js';

export interface Conversion {
  /** "group/version/resource" of the served version that needs converting. */
  readonly served: string;
  toStorage(obj: ApiObject): ApiObject;
  fromStorage(obj: ApiObject): ApiObject;
}

const id = (rt: ResourceType): string => `${rt.group}/${rt.version}/${rt.resource}`;

export class Codec {
  private readonly storage = new Map<string, ResourceType>();
  private readonly conversions = new Map<string, Conversion>();

  constructor(opts: { resources: readonly ResourceType[]; conversions: readonly Conversion[] }) {
    // The first version listed for a storage prefix is the one stored.
    for (const rt of opts.resources) if (!this.storage.has(storageId(rt))) this.storage.set(storageId(rt), rt);
    for (const c of opts.conversions) this.conversions.set(c.served, c);
  }

  storageType(rt: ResourceType): ResourceType {
    return this.storage.get(storageId(rt)) ?? rt;
  }

  toStorage(rt: ResourceType, obj: ApiObject): ApiObject {
    const c = this.conversions.get(id(rt));
    return c === undefined ? obj : c.toStorage(obj);
  }

  /** The object as the request's version shows it, with apiVersion and kind set. */
  present(rt: ResourceType, obj: ApiObject): ApiObject {
    const c = this.conversions.get(id(rt));
    const out = c === undefined ? obj : c.fromStorage(obj);
    return { ...out, apiVersion: apiVersionOf(rt), kind: rt.kind };
  }
}
