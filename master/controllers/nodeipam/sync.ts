// syncNode(name): a node without a pod CIDR gets the next free one from the cluster CIDR,
// written into spec.podCIDR and spec.podCIDRs (a PUT with the node's resourceVersion; the
// apiserver refuses to change a CIDR once set). A node that has one is recorded; one whose CIDR
// is outside the range or another node's is left as it is, and logged. A deleted node's CIDR
// is freed. With the range full the node gets a CIDRNotAvailable event and is retried later.
import type { Node } from '../../../shared/api/core/v1/node.js';
import { isStatusError } from '../../../shared/api/errors.js';
import type { ClientLog } from '../../../shared/client/client-log.js';
import type { StoreReader } from '../../../shared/client/store.js';
import type { EventRecorder } from '../../../shared/client/event-recorder.js';
import type { NodeIpamApi } from './api.js';
import type { NodeCidrs } from './node-cidrs.js';

export interface NodeIpamDeps {
  readonly nodes: StoreReader<Node>;
  readonly cidrs: NodeCidrs;
  readonly api: NodeIpamApi;
  readonly events: Pick<EventRecorder, 'record'>;
  readonly log: ClientLog;
  /** "node=cidr" pairs already logged as unusable, so each is logged once. */
  readonly reported: Set<string>;
}

export type NodeIpamResult =
  | { readonly type: 'done' }
  /** A deleted node's CIDR was freed: nodes waiting for one may try again. */
  | { readonly type: 'released' }
  | { readonly type: 'rangeFull' };

const done: NodeIpamResult = { type: 'done' };
const nodeGvk = { group: '', version: 'v1', kind: 'Node' } as const;

/** The node's (IPv4) pod CIDR, if it has one. */
export function podCidrOf(node: Node): string | undefined {
  const cidr = node.spec?.podCIDRs?.[0] ?? node.spec?.podCIDR ?? '';
  return cidr === '' ? undefined : cidr;
}

export async function syncNode(c: NodeIpamDeps, name: string, signal: AbortSignal): Promise<NodeIpamResult> {
  const node = c.nodes.get(name);
  if (node === undefined) {
    const freed = c.cidrs.release(name);
    if (freed === undefined) return done;
    c.log.info({ node: name, podCIDR: freed }, 'Released pod CIDR of deleted node');
    return { type: 'released' };
  }
  const existing = podCidrOf(node);
  if (existing !== undefined) {
    recordExisting(c, name, existing);
    return done;
  }
  const cidr = c.cidrs.allocate(name);
  if (cidr === undefined) {
    c.log.warn({ node: name, clusterCIDR: c.cidrs.clusterCIDR }, 'No pod CIDR left for node');
    c.events.record({ object: node, gvk: nodeGvk }, 'Warning', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`, signal);
    return { type: 'rangeFull' };
  }
  await assign(c, node, cidr, signal);
  return done;
}

/** Records a node's own CIDR; one that cannot be recorded is logged (once) and left alone. */
export function recordExisting(c: Pick<NodeIpamDeps, 'cidrs' | 'log' | 'reported'>, name: string, cidr: string): void {
  const r = c.cidrs.observe(name, cidr);
  if (r.type === 'recorded' || c.reported.has(`${name}=${cidr}`)) return;
  c.reported.add(`${name}=${cidr}`);
  switch (r.type) {
    case 'taken':
      c.log.warn({ node: name, podCIDR: cidr, otherNode: r.by }, 'Node pod CIDR is already taken by another node');
      return;
    case 'outOfRange':
      c.log.warn({ node: name, podCIDR: cidr, clusterCIDR: c.cidrs.clusterCIDR }, 'Node pod CIDR is outside the cluster CIDR');
      return;
    case 'invalid':
      c.log.warn({ node: name, podCIDR: cidr }, 'Node pod CIDR is not an IPv4 CIDR');
      return;
    default: {
      const never: never = r;
      throw new Error(`unknown observe result ${JSON.stringify(never)}`);
    }
  }
}

const withCidr = (node: Node, cidr: string): Node => {
  const next = structuredClone(node);
  next.spec = { ...next.spec, podCIDR: cidr, podCIDRs: [cidr] };
  return next;
};

async function assign(c: NodeIpamDeps, node: Node, cidr: string, signal: AbortSignal): Promise<void> {
  const name = node.metadata.name ?? '';
  try {
    try {
      await c.api.update(withCidr(node, cidr), signal);
    } catch (err) {
      if (!isStatusError(err, 'Conflict')) throw err;
      const fresh = await c.api.get(name, signal);                  // the kubelet's heartbeats move it on
      const theirs = podCidrOf(fresh);
      if (theirs !== undefined) { recordExisting(c, name, theirs); return; }
      await c.api.update(withCidr(fresh, cidr), signal);
    }
  } catch (err) {
    if (isStatusError(err, 'NotFound')) { c.cidrs.release(name); return; }
    throw err;                                                     // retried; the CIDR stays reserved for this node
  }
  c.log.info({ node: name, podCIDR: cidr }, 'Assigned pod CIDR to node');
}
