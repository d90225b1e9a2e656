// The kubelet's side of its Node: register it (or take over the one that exists), write its
// status when it changes and at least every minute, and renew its Lease in kube-node-lease
// every 10 s — the heartbeat the node lifecycle controller reads.
import type { Lease } from '../../../shared/api/coordination/v1/lease.js';
import type { Node } from '../../../shared/api/core/v1/node.js';
import { isStatusError } from '../../../shared/api/errors.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import type { RestClient } from '../../../shared/client/rest-client.js';
import { sleep, type TimerClock } from '../../../shared/client/timers.js';
import { deepEqual } from '../../../shared/util/deep-equal.js';
import { rfc3339Micro } from '../../../shared/util/time.js';
import type { MachineInfo } from './machine-info.js';
import { nodeObject, nodeStatus, withoutHeartbeats, type NodeSettings } from './node-object.js';

const nodes = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
const leases = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true } as const;

export const leaseDurationSeconds = 40;
export const leaseRenewMs = 10_000;
export const statusCheckMs = 10_000;
export const statusReportMs = 60_000;

export interface NodeAgentOptions {
  readonly client: RestClient;
  readonly settings: NodeSettings;
  readonly machine: MachineInfo;
  readonly clock: TimerClock;
  readonly log: ClientLog;
}

export class NodeAgent {
  private readonly o: NodeAgentOptions;
  private node: Node | undefined;

  constructor(opts: NodeAgentOptions) {
    this.o = opts;
  }

  /** The Node as last written or read. */
  current(): Node | undefined {
    return this.node;
  }

  /** Creates the Node, or updates the status of the one that exists (a kubelet restart). */
  async register(signal: AbortSignal): Promise<Node> {
    const api = this.o.client.resource<Node>(nodes);
    const want = nodeObject(this.o.settings, this.o.machine, this.o.clock.now());
    try {
      this.node = await api.create('', want, {}, signal);
      this.o.log.info({ node: this.o.settings.name }, 'Registered node');
    } catch (err) {
      if (!isStatusError(err, 'AlreadyExists')) throw err;
      this.node = await api.get('', this.o.settings.name, signal);
      this.o.log.info({ node: this.o.settings.name }, 'Node already registered');
    }
    await this.writeStatus(signal);
    return this.node;
  }

  private async writeStatus(signal: AbortSignal): Promise<void> {
    const api = this.o.client.resource<Node>(nodes);
    const status = nodeStatus(this.o.settings, this.o.machine, this.node?.status, this.o.clock.now());
    const body = { metadata: { uid: this.node?.metadata.uid }, status };
    this.node = await api.patch('', this.o.settings.name, 'merge', body, { subresource: 'status' }, signal);
  }

  /** Status every statusCheckMs when changed, every statusReportMs regardless; Lease every leaseRenewMs. */
  async run(signal: AbortSignal): Promise<void> {
    await Promise.all([this.statusLoop(signal), this.leaseLoop(signal)]);
  }

  private async statusLoop(signal: AbortSignal): Promise<void> {
    let lastReport = this.o.clock.now().getTime();
    while (!signal.aborted) {
      await sleep(this.o.clock, statusCheckMs, signal).catch(() => {});
      if (signal.aborted) return;
      const now = this.o.clock.now();
      const next = nodeStatus(this.o.settings, this.o.machine, this.node?.status, now);
      const changed = !deepEqual(withoutHeartbeats(next), withoutHeartbeats(this.node?.status));
      if (!changed && now.getTime() - lastReport < statusReportMs) continue;
      try {
        await this.writeStatus(signal);
        lastReport = now.getTime();
      } catch (err) {
        if (!signal.aborted) this.o.log.warn({ err, node: this.o.settings.name }, 'Could not update node status');
      }
    }
  }

  private async leaseLoop(signal: AbortSignal): Promise<void> {
    const api = this.o.client.resource<Lease>(leases);
    const name = this.o.settings.name;
    while (!signal.aborted) {
      try {
        const now = rfc3339Micro(this.o.clock.now());
        let lease: Lease | undefined;
        try { lease = await api.get('kube-node-lease', name, signal); } catch (err) { if (!isStatusError(err, 'NotFound')) throw err; }
        const spec = { holderIdentity: name, leaseDurationSeconds, renewTime: now };
        if (lease === undefined) {
          const owner = this.node;
          await api.create('kube-node-lease', {
            apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
            metadata: {
              name, namespace: 'kube-node-lease',
              ...(owner?.metadata.uid !== undefined ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: owner.metadata.uid }] } : {}),
            },
            spec,
          }, {}, signal);
        } else {
          await api.update({ ...lease, spec: { ...lease.spec, ...spec } }, signal);
        }
      } catch (err) {
        if (!signal.aborted) this.o.log.warn({ err, node: name }, 'Could not renew node lease');
      }
      await sleep(this.o.clock, leaseRenewMs, signal).catch(() => {});
    }
  }
}
