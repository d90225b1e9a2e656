// The node IPAM controller's reads and writes of Nodes, as an interface so sync can be tested
// with a recording fake; nodeIpamApiFrom(client) is the real one.
import type { Node } from '../../../shared/api/core/v1/node.js';
import type { RestClient } from '../../../shared/client/rest-client.js';

export interface NodeIpamApi {
  /** PUT of the node; metadata.resourceVersion is the precondition (409 Conflict). */
  update(node: Node, signal: AbortSignal): Promise<Node>;
  /** The node as stored now, after a conflict. */
  get(name: string, signal: AbortSignal): Promise<Node>;
}

const nodes = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;

export function nodeIpamApiFrom(client: RestClient): NodeIpamApi {
  const r = client.resource<Node>(nodes);
  return {
    update: (node, signal) => r.update(node, signal),
    get: (name, signal) => r.get('', name, signal),
  };
}
