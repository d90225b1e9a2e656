// Where a pod's streams are served: its node's kubelet (InternalIP and the kubelet endpoint
// port the node reports), and which container a request means. Errors are worded as
// Kubernetes' pod REST storage words them, so kubectl prints the same lines.
import { StatusError, badRequest } from '../../../shared/api/errors.js';
import type { Node } from '../../../shared/api/core/v1/node.js';
import type { Pod } from '../../../shared/api/core/v1/pod.js';
import { getObject } from '../registry/get.js';
import type { Handlers } from './context.js';

export interface KubeletLocation {
  readonly host: string;
  readonly port: number;
}

export async function getPod(h: Handlers, namespace: string, name: string): Promise<Pod> {
  const rt = h.resources.find((r) => r.group === '' && r.resource === 'pods');
  if (rt === undefined) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
  return await getObject(h.registry, { rt: h.codec.storageType(rt), namespace, name }) as unknown as Pod;
}

/** The kubelet of the pod's node; undefined when the pod is not bound yet. */
export async function kubeletOf(h: Handlers, pod: Pod): Promise<KubeletLocation | undefined> {
  const nodeName = pod.spec?.nodeName ?? '';
  if (nodeName === '') return undefined;
  const rt = h.resources.find((r) => r.group === '' && r.resource === 'nodes');
  if (rt === undefined) throw new StatusError(500, 'InternalError', 'nodes are not served');
  let node: Node;
  try {
    node = await getObject(h.registry, { rt: h.codec.storageType(rt), namespace: '', name: nodeName }) as unknown as Node;
  } catch (err) {
    if (err instanceof StatusError && err.reason === 'NotFound') {
      throw new StatusError(500, 'InternalError', `Internal error occurred: node "${nodeName}" of pod "${pod.metadata.name ?? ''}" not found`);
    }
    throw err;
  }
  const addresses = node.status?.addresses ?? [];
  const host = addresses.find((a) => a.type === 'InternalIP')?.address ?? addresses.find((a) => a.type === 'Hostname')?.address;
  if (host === undefined || host === '') throw new StatusError(500, 'InternalError', `Internal error occurred: node "${nodeName}" has no address`);
  const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250;
  return { host, port: port > 0 ? port : 10250 };
}

const allContainers = (pod: Pod): string[] =>
  [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => c.name);

/** The container named in the request, or the pod's only one; 400 otherwise. */
export function validContainer(pod: Pod, container: string): string {
  const name = pod.metadata.name ?? '';
  if (container === '') {
    const cs = pod.spec?.containers ?? [];
    if (cs.length === 1) return cs[0]!.name;
    if (cs.length === 0) throw badRequest(`pod ${name} does not have a container`);
    throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${allContainers(pod).join(' ')}]`);
  }
  if (!allContainers(pod).includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}
