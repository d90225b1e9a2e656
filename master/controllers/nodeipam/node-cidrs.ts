// The allocator's memory: which node has which pod CIDR, over a CidrSet (Kubernetes'
// rangeAllocator keeps the same). A CIDR handed to a node stays reserved for it by name until
// the node is deleted, so a write that failed is retried with the same CIDR. All of it is
// synchronous: two nodes can never be handed the same CIDR, however many syncs run.
import { CidrSet } from './cidr-set.js';

export type ObserveResult =
  | { readonly type: 'recorded' }
  | { readonly type: 'taken'; readonly by: string | undefined }
  | { readonly type: 'outOfRange' }
  | { readonly type: 'invalid' };

export class NodeCidrs {
  private readonly set: CidrSet;
  private readonly byNode = new Map<string, string>();
  private readonly byCidr = new Map<string, string>();

  constructor(clusterCIDR: string, nodeCIDRMaskSize: number) {
    this.set = new CidrSet(clusterCIDR, nodeCIDRMaskSize);
  }

  get clusterCIDR(): string {
    return this.set.clusterCIDR;
  }

  /** The node has `cidr` already: record it (freeing one reserved for it before, if different). */
  observe(node: string, cidr: string): ObserveResult {
    const mine = this.byNode.get(node);
    if (mine === cidr) return { type: 'recorded' };
    if (mine !== undefined) this.release(node);
    const r = this.set.occupy(cidr);
    switch (r) {
      case 'occupied':
        this.record(node, cidr);
        return { type: 'recorded' };
      case 'alreadyOccupied':
        return { type: 'taken', by: this.byCidr.get(cidr) };
      case 'outOfRange':
        return { type: 'outOfRange' };
      case 'invalid':
        return { type: 'invalid' };
      default: {
        const never: never = r;
        throw new Error(`unknown occupy result ${JSON.stringify(never)}`);
      }
    }
  }

  /** The CIDR reserved for `node`, reserving the next free one if it has none; undefined when the range is full. */
  allocate(node: string): string | undefined {
    const mine = this.byNode.get(node);
    if (mine !== undefined) return mine;
    const cidr = this.set.allocateNext();
    if (cidr !== undefined) this.record(node, cidr);
    return cidr;
  }

  /** Frees what `node` had; returns it, if anything. */
  release(node: string): string | undefined {
    const cidr = this.byNode.get(node);
    if (cidr === undefined) return undefined;
    this.set.release(cidr);
    this.byNode.delete(node);
    this.byCidr.delete(cidr);
    return cidr;
  }

  private record(node: string, cidr: string): void {
    this.byNode.set(node, cidr);
    this.byCidr.set(cidr, node);
  }
}
