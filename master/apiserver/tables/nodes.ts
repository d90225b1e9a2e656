// kubectl get nodes: NAME STATUS ROLES AGE VERSION
// [INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME].
import type { Node } from '../../../shared/api/core/v1/node.js';
import type { ApiObject } from '../../../shared/api/meta.js';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { since } from './duration.js';
import type { TableCell, TableColumnDefinition } from './table.js';

const ADDRESSES_DESCRIPTION =
  "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

export const columns: readonly TableColumnDefinition[] = [
  nameColumn,
  column('Status', 'string', 'The status of the node'),
  column('Roles', 'string', 'The roles of the node'),
  ageColumn,
  column('Version', 'string', 'Kubelet Version reported by the node.'),
  wideColumn('Internal-IP', 'string', ADDRESSES_DESCRIPTION),
  wideColumn('External-IP', 'string', ADDRESSES_DESCRIPTION),
  wideColumn('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).'),
  wideColumn('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
  wideColumn('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).'),
];

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

export function rowCells(obj: ApiObject, now: Date): TableCell[] {
  const node = obj as Node;
  const info = node.status?.nodeInfo;
  return [
    node.metadata.name ?? '',
    statusCell(node),
    roles(node.metadata.labels).join(',') || '<none>',
    since(node.metadata.creationTimestamp, now),
    info?.kubeletVersion ?? '',
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    info?.osImage || '<unknown>',
    info?.kernelVersion || '<unknown>',
    info?.containerRuntimeVersion || '<unknown>',
  ];
}

/** "Ready", "NotReady", "Unknown" (no Ready condition), then ",SchedulingDisabled" when cordoned. */
function statusCell(node: Node): string {
  const conditions = node.status?.conditions ?? [];
  // The last Ready condition wins, as in Kubernetes' map built from the list.
  const ready = conditions.filter((c) => c.type === 'Ready').at(-1);
  const status = [ready === undefined ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

/** From node-role.kubernetes.io/<role> labels and the legacy kubernetes.io/role=<role>; sorted. */
function roles(labels: Readonly<Record<string, string>> | undefined): string[] {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role !== '') found.add(role);
    } else if (key === LEGACY_ROLE_LABEL && value !== '') {
      found.add(value);
    }
  }
  return [...found].sort();
}

/** The first address of the type, or "<none>". */
function address(node: Node, type: 'InternalIP' | 'ExternalIP'): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}
