// The replica controllers' writes (and the one live read, before adopting), as an interface so
// sync can be tested with a recording fake; replicaApiFrom(client, kind) is the real one.
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import type { RestClient } from '../../../shared/client/rest-client.js';
import type { ReplicaKind } from './kind.js';

export interface ReplicaApi {
  /** Creates `pod` (it has a generateName); the answer carries its name and uid. */
  createPod(namespace: string, pod: Pod, signal: AbortSignal): Promise<Pod>;
  deletePod(namespace: string, name: string, signal: AbortSignal): Promise<void>;
  /** A strategic merge patch of a pod (adoption, release). */
  patchPod(namespace: string, name: string, body: unknown, signal: AbortSignal): Promise<void>;
  /** PUT …/status of the owner; its resourceVersion is the precondition (409 Conflict). */
  updateStatus(owner: ApiObject, signal: AbortSignal): Promise<void>;
  /** The owner as stored now (not the cache): checked once before adopting. */
  getOwner(namespace: string, name: string, signal: AbortSignal): Promise<ApiObject>;
}

const pods = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

export function replicaApiFrom(client: RestClient, kind: ReplicaKind): ReplicaApi {
  const podClient = client.resource<Pod>(pods);
  const owners = client.resource<ApiObject>(kind.resource);
  return {
    createPod: (namespace, pod, signal) => podClient.create(namespace, pod, {}, signal),
    deletePod: (namespace, name, signal) => podClient.delete(namespace, name, {}, signal),
    async patchPod(namespace, name, body, signal) {
      await podClient.patch(namespace, name, 'strategic', body, {}, signal);
    },
    async updateStatus(owner, signal) {
      await owners.updateStatus(owner, signal);
    },
    getOwner: (namespace, name, signal) => owners.get(namespace, name, signal),
  };
}
