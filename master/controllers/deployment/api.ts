// The Deployment controller's writes (and the one live read, before adopting), as an interface
// so sync can be tested with a recording fake; deploymentApiFrom(client) is the real one.
// Updates are PUTs of a cached object: its resourceVersion is the precondition (409 Conflict).
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../../shared/api/apps/v1/replicaset.js';
import type { RestClient } from '../../../shared/client/rest-client.js';

export interface DeploymentApi {
  createReplicaSet(namespace: string, rs: ReplicaSet, signal: AbortSignal): Promise<ReplicaSet>;
  updateReplicaSet(rs: ReplicaSet, signal: AbortSignal): Promise<ReplicaSet>;
  /** Deletes the ReplicaSet `uid` (a precondition), its pods following in the background. */
  deleteReplicaSet(namespace: string, name: string, uid: string, signal: AbortSignal): Promise<void>;
  /** A strategic merge patch (adoption, release). */
  patchReplicaSet(namespace: string, name: string, body: unknown, signal: AbortSignal): Promise<void>;
  /** PUT of the Deployment itself: annotations, and the template for a legacy rollback. */
  updateDeployment(d: Deployment, signal: AbortSignal): Promise<Deployment>;
  updateDeploymentStatus(d: Deployment, signal: AbortSignal): Promise<Deployment>;
  /** The Deployment as stored now (not the cache): checked once before adopting. */
  getDeployment(namespace: string, name: string, signal: AbortSignal): Promise<Deployment>;
}

const replicaSets = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true } as const;
const deployments = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true } as const;

export function deploymentApiFrom(client: RestClient): DeploymentApi {
  const rsClient = client.resource<ReplicaSet>(replicaSets);
  const dClient = client.resource<Deployment>(deployments);
  return {
    createReplicaSet: (namespace, rs, signal) => rsClient.create(namespace, rs, {}, signal),
    updateReplicaSet: (rs, signal) => rsClient.update(rs, signal),
    deleteReplicaSet: (namespace, name, uid, signal) =>
      rsClient.delete(namespace, name, { propagationPolicy: 'Background', preconditions: { uid } }, signal),
    async patchReplicaSet(namespace, name, body, signal) {
      await rsClient.patch(namespace, name, 'strategic', body, {}, signal);
    },
    updateDeployment: (d, signal) => dClient.update(d, signal),
    updateDeploymentStatus: (d, signal) => dClient.updateStatus(d, signal),
    getDeployment: (namespace, name, signal) => dClient.get(namespace, name, signal),
  };
}
