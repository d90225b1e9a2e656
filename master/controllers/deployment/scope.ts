// What one sync of one Deployment works with, and its writes of the Deployment itself.
// Kubernetes writes the revision annotation through /status; our status subresource keeps
// metadata as stored (as it keeps spec), so annotations go through a PUT of the Deployment.
import type { Deployment } from '../../../shared/api/apps/v1/deployment.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import type { EventRecorder } from '../../../shared/client/event-recorder.js';
import type { DeploymentApi } from './api.js';

export const deploymentGvk = { group: 'apps', version: 'v1', kind: 'Deployment' } as const;
export const replicaSetGvk = { group: 'apps', version: 'v1', kind: 'ReplicaSet' } as const;

export interface SyncScope {
  readonly api: DeploymentApi;
  readonly events: EventRecorder;
  readonly log: ClientLog;
  readonly now: () => Date;
  /** A copy of the cached Deployment that this sync changes and writes; its resourceVersion follows the writes. */
  d: Deployment;
  readonly signal: AbortSignal;
  /** Syncs this Deployment again after `ms` (to notice a passing progress deadline). */
  readonly requeueAfter: (ms: number) => void;
}

export const deploymentKey = (d: Deployment): string => `${d.metadata.namespace ?? ''}/${d.metadata.name ?? ''}`;

/** PUTs the working Deployment (its metadata and spec); the status being worked on is kept. */
export async function updateDeployment(s: SyncScope): Promise<void> {
  const saved = await s.api.updateDeployment(s.d, s.signal);
  s.d = { ...saved, ...(s.d.status !== undefined ? { status: s.d.status } : {}) };
}

/** PUTs the working Deployment's status. */
export async function updateDeploymentStatus(s: SyncScope): Promise<void> {
  const saved = await s.api.updateDeploymentStatus(s.d, s.signal);
  s.d = { ...s.d, metadata: { ...s.d.metadata, resourceVersion: saved.metadata.resourceVersion } };
}
