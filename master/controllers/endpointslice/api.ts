// The EndpointSlice controller's writes, as an interface so sync can be tested with a recording
// fake; sliceApiFrom(client) is the real one. Writes answer with the stored slice, so the
// tracker knows which resourceVersion to wait for.
import type { EndpointSlice } from '../../../shared/api/discovery/v1/endpoint-slice.js';
import type { RestClient } from '../../../shared/client/rest-client.js';

export interface SliceApi {
  create(slice: EndpointSlice, signal: AbortSignal): Promise<EndpointSlice>;
  /** PUT; metadata.resourceVersion is the precondition (409 Conflict). */
  update(slice: EndpointSlice, signal: AbortSignal): Promise<EndpointSlice>;
  /** Deletes the object `uid` only. */
  delete(namespace: string, name: string, uid: string, signal: AbortSignal): Promise<void>;
}

export const endpointSlices = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespaced: true } as const;

export function sliceApiFrom(client: RestClient): SliceApi {
  const r = client.resource<EndpointSlice>(endpointSlices);
  return {
    create: (slice, signal) => r.create(slice.metadata.namespace ?? '', slice, {}, signal),
    update: (slice, signal) => r.update(slice, signal),
    async delete(namespace, name, uid, signal) {
      await r.delete(namespace, name, { preconditions: { uid } }, signal);
    },
  };
}
