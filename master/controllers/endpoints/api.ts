// The Endpoints controller's writes, as an interface so sync can be tested with a recording
// fake; endpointsApiFrom(client) is the real one.
import type { Endpoints } from '../../../shared/api/core/v1/endpoints.js';
import type { RestClient } from '../../../shared/client/rest-client.js';

export interface EndpointsApi {
  create(ep: Endpoints, signal: AbortSignal): Promise<void>;
  /** PUT; metadata.resourceVersion is the precondition (409 Conflict). */
  update(ep: Endpoints, signal: AbortSignal): Promise<void>;
  /** Deletes the object `uid` only (another one under that name is left: 409 Conflict). */
  delete(namespace: string, name: string, uid: string, signal: AbortSignal): Promise<void>;
}

const endpoints = { group: '', version: 'v1', resource: 'endpoints', namespaced: true } as const;

export function endpointsApiFrom(client: RestClient): EndpointsApi {
  const r = client.resource<Endpoints>(endpoints);
  return {
    async create(ep, signal) {
      await r.create(ep.metadata.namespace ?? '', ep, {}, signal);
    },
    async update(ep, signal) {
      await r.update(ep, signal);
    },
    async delete(namespace, name, uid, signal) {
      await r.delete(namespace, name, { preconditions: { uid } }, signal);
    },
  };
}
