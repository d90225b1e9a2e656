// The namespace controller's reads and writes through the API, as an interface so sync can be
// tested with a recording fake; namespaceApiFrom(client) is the real one. Content is listed
// live (the controller keeps no cache of every resource); deletecollection removes it.
import { isStatusError } from '../../../shared/api/errors.js';
import type { Namespace } from '../../../shared/api/core/v1/namespace.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { resourcePath, type ResourceCoordinates } from '../../../shared/client/resource-path.js';
import type { RestClient } from '../../../shared/client/rest-client.js';

export interface NamespaceApi {
  list(r: ResourceCoordinates, namespace: string, signal: AbortSignal): Promise<ApiObject[]>;
  /** Deletes every object of `r` in `namespace` (background propagation). */
  deleteCollection(r: ResourceCoordinates, namespace: string, signal: AbortSignal): Promise<void>;
  updateStatus(ns: Namespace, signal: AbortSignal): Promise<void>;
  /** PUT namespaces/{name}/finalize: the body's spec.finalizers replace the namespace's. */
  finalize(ns: Namespace, signal: AbortSignal): Promise<void>;
}

const namespaces = { group: '', version: 'v1', resource: 'namespaces', namespaced: false } as const;
const background = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } as const;

export function namespaceApiFrom(client: RestClient): NamespaceApi {
  return {
    async list(r, namespace, signal) {
      return (await client.resource<ApiObject>(r).listAll(namespace, { limit: 500 }, signal)).items;
    },
    async deleteCollection(r, namespace, signal) {
      try {
        await client.request({ method: 'DELETE', path: resourcePath(r, namespace), body: background, signal });
      } catch (err) {
        if (!isStatusError(err, 'MethodNotAllowed') && !isStatusError(err, 'NotFound')) throw err;
        // No deletecollection for this resource: one by one.
        const items = (await client.resource<ApiObject>(r).listAll(namespace, {}, signal)).items;
        for (const item of items) {
          try {
            await client.resource<ApiObject>(r).delete(namespace, item.metadata.name ?? '', { propagationPolicy: 'Background' }, signal);
          } catch (e) {
            if (!isStatusError(e, 'NotFound')) throw e;
          }
        }
      }
    },
    async updateStatus(ns, signal) {
      await client.resource<Namespace>(namespaces).updateStatus(ns, signal);
    },
    async finalize(ns, signal) {
      await client.request({ method: 'PUT', path: resourcePath(namespaces, '', ns.metadata.name ?? '', 'finalize'), body: ns, signal });
    },
  };
}
