// The garbage collector's writes and its one kind of live read, as an interface so sync can be
// tested with a recording fake; gcApiFrom(client) is the real one.
import { isStatusError } from '../../../shared/api/errors.js';
import type { Event } from '../../../shared/api/core/v1/event.js';
import type { ApiObject, DeleteOptions } from '../../../shared/api/meta.js';
import type { RestClient } from '../../../shared/client/rest-client.js';
import type { GcResource } from './resources.js';

export interface GcApi {
  /** The live object (not the cache); undefined when there is none. */
  get(r: GcResource, namespace: string, name: string, signal: AbortSignal): Promise<ApiObject | undefined>;
  patch(r: GcResource, namespace: string, name: string, type: 'merge' | 'strategic', body: unknown, signal: AbortSignal): Promise<void>;
  delete(r: GcResource, namespace: string, name: string, opts: DeleteOptions, signal: AbortSignal): Promise<void>;
  createEvent(event: Event, signal: AbortSignal): Promise<void>;
}

const events = { group: '', version: 'v1', resource: 'events', namespaced: true } as const;

export function gcApiFrom(client: RestClient): GcApi {
  const res = (r: GcResource) => client.resource<ApiObject>(r);
  return {
    async get(r, namespace, name, signal) {
      try {
        return await res(r).get(namespace, name, signal);
      } catch (err) {
        if (isStatusError(err, 'NotFound')) return undefined;
        throw err;
      }
    },
    async patch(r, namespace, name, type, body, signal) {
      await res(r).patch(namespace, name, type, body, {}, signal);
    },
    async delete(r, namespace, name, opts, signal) {
      await res(r).delete(namespace, name, opts, signal);
    },
    async createEvent(event, signal) {
      await client.resource<Event>(events).create(event.metadata.namespace ?? 'default', event, {}, signal);
    },
  };
}
