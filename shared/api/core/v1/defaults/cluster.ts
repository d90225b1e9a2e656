// Kubernetes' defaults for cluster-scoped kinds (pkg/apis/core/v1/defaults.go:
// SetDefaults_Namespace, _NamespaceStatus, _NodeStatus), with the podCIDR/podCIDRs pair the
// v1 conversion keeps in step. In place and idempotent.
import type { Namespace } from '../namespace.js';
import type { Node, NodeSpec, NodeStatus } from '../node.js';
import { canonicalResourceList, child } from './walk.js';

/** Every namespace carries its own name as this label. */
export const namespaceNameLabel = 'kubernetes.io/metadata.name';

export function defaultNamespace(ns: Namespace): void {
  const name = ns.metadata.name;
  if (typeof name === 'string' && name !== '') {
    const labels = child<Record<string, string>>(ns.metadata, 'labels', true);
    if (labels !== undefined) labels[namespaceNameLabel] = name;
  }
  const status = child<{ phase?: string }>(ns, 'status', true);
  if (status !== undefined && (status.phase === undefined || status.phase === null || status.phase === '')) status.phase = 'Active';
}

/** podCIDR wins when the two disagree (Convert_v1_NodeSpec_To_core_NodeSpec). */
function syncPodCIDRs(spec: NodeSpec): void {
  const one = typeof spec.podCIDR === 'string' ? spec.podCIDR : '';
  const many = Array.isArray(spec.podCIDRs) ? spec.podCIDRs : [];
  if (one !== '' && many[0] !== one) spec.podCIDRs = [one];
  else if (one === '' && typeof many[0] === 'string' && many[0] !== '') spec.podCIDR = many[0];
}

export function defaultNode(node: Node): void {
  const spec = child<NodeSpec>(node, 'spec');
  if (spec !== undefined) syncPodCIDRs(spec);
  const status = child<NodeStatus>(node, 'status');
  if (status === undefined) return;
  canonicalResourceList(status, 'capacity');
  canonicalResourceList(status, 'allocatable');
  if ((status.allocatable === undefined || status.allocatable === null) && status.capacity !== undefined && status.capacity !== null) {
    status.allocatable = { ...status.capacity };
  }
}
