// Static pods (Kubernetes' file config source): every YAML or JSON Pod manifest in
// --pod-manifest-path runs on this node without the API. The pod is named
// `<name>-<nodeName>`, its uid is a hash of the manifest and the node (so an unchanged file is
// the same pod after a kubelet restart, and a changed file a new one), and annotations say
// where it came from. A mirror pod in the API shows it: same name, the config hash in
// kubernetes.io/config.mirror, owned by the Node; its status is the static pod's.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Pod } from '../../shared/api/core/v1/pod.js';

export const configSourceAnnotation = 'kubernetes.io/config.source';
export const configHashAnnotation = 'kubernetes.io/config.hash';
export const configMirrorAnnotation = 'kubernetes.io/config.mirror';

export interface StaticPodError {
  readonly file: string;
  readonly message: string;
}

export interface StaticPods {
  readonly pods: Pod[];
  readonly errors: StaticPodError[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The static pod a manifest's text describes for `nodeName` (throws with a reason otherwise). */
export function staticPodFrom(text: string, nodeName: string): Pod {
  const doc: unknown = parse(text);
  if (!isRecord(doc)) throw new Error('not a YAML or JSON object');
  if (doc['kind'] !== 'Pod' || doc['apiVersion'] !== 'v1') throw new Error(`kind ${JSON.stringify(doc['kind'])} apiVersion ${JSON.stringify(doc['apiVersion'])}: only v1 Pods can be static pods`);
  const pod = doc as unknown as Pod;
  const name = pod.metadata?.name;
  if (typeof name !== 'string' || name === '') throw new Error('metadata.name is required');
  if (!isRecord(pod.spec) || !Array.isArray(pod.spec.containers) || pod.spec.containers.length === 0) throw new Error('spec.containers must list at least one container');
  const hash = createHash('sha256').update(nodeName).update('\0').update(text).digest('hex').slice(0, 32);
  const uid = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      name: `${name}-${nodeName}`,
      namespace: pod.metadata.namespace ?? 'default',
      uid,
      annotations: { ...pod.metadata.annotations, [configSourceAnnotation]: 'file', [configHashAnnotation]: uid },
    },
    spec: {
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst',
      ...pod.spec, nodeName,
      containers: pod.spec.containers.map((c) => ({ imagePullPolicy: defaultPullPolicy(c.image ?? ''), terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...c })),
      ...(pod.spec.initContainers !== undefined ? { initContainers: pod.spec.initContainers.map((c) => ({ imagePullPolicy: defaultPullPolicy(c.image ?? ''), ...c })) } : {}),
    },
    status: {},
  };
}

const defaultPullPolicy = (image: string): 'Always' | 'IfNotPresent' => {
  const last = image.split('/').pop() ?? '';
  return !last.includes(':') || image.endsWith(':latest') ? (image.includes('@') ? 'IfNotPresent' : 'Always') : 'IfNotPresent';
};

/** Every manifest of `dir` (*.yaml, *.yml, *.json; hidden files skipped). */
export async function readStaticPods(dir: string, nodeName: string): Promise<StaticPods> {
  const pods: Pod[] = [];
  const errors: StaticPodError[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => !n.startsWith('.') && /\.(ya?ml|json)$/.test(n)).sort();
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return { pods, errors };
    throw err;
  }
  for (const n of names) {
    const file = join(dir, n);
    try {
      pods.push(staticPodFrom(await readFile(file, 'utf8'), nodeName));
    } catch (err) {
      errors.push({ file, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { pods, errors };
}

/** The mirror pod to create in the API for `pod`. */
export function mirrorPodOf(pod: Pod, nodeUid: string | undefined): Pod {
  const { uid: _uid, ...meta } = pod.metadata;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      ...meta,
      annotations: { ...pod.metadata.annotations, [configMirrorAnnotation]: pod.metadata.uid ?? '' },
      ...(nodeUid !== undefined ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: pod.spec?.nodeName ?? '', uid: nodeUid, controller: true }] } : {}),
    },
    ...(pod.spec !== undefined ? { spec: pod.spec } : {}),
  };
}

export const isMirrorPod = (pod: Pod): boolean => pod.metadata.annotations?.[configMirrorAnnotation] !== undefined;
